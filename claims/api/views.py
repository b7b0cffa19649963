"""Read endpoints; the selectors decide what each one returns and how it is fetched."""
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import viewsets

from claims import selectors
from claims.api import serializers


class ArticleViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = selectors.article_list()
    serializer_class = serializers.ArticleSerializer
    filterset_fields = ["language", "extraction_status", "outlet"]
    ordering_fields = ["published_at", "created_at"]


@extend_schema_view(
    list=extend_schema(parameters=[OpenApiParameter(
        "search", OpenApiTypes.STR,
        description="Search in the quote text: full-text with web-search syntax on PostgreSQL, "
        "a contains match elsewhere (the X-Search-Mode response header says which)",
    )])
)
class QuoteViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = selectors.quote_list()
    serializer_class = serializers.QuoteSerializer
    filterset_fields = ["article", "kind", "review_status", "claim", "speakers"]

    def get_queryset(self):
        query = self.request.query_params.get("search", "").strip()
        if not query or self.action != "list":
            return super().get_queryset()
        return selectors.quote_search(query)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if request.query_params.get("search", "").strip():
            response["X-Search-Mode"] = selectors.search_mode()
        return response


class SpeakerViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = selectors.speaker_list()
    serializer_class = serializers.SpeakerSerializer
    filterset_fields = ["kind", "verified", "country"]


class ClaimViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = selectors.claim_list()
    serializer_class = serializers.ClaimSerializer
    filterset_fields = ["topics", "speakers"]


class TopicViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = selectors.topic_list()
    serializer_class = serializers.TopicSerializer
