"""Read endpoints; the selectors decide what each one returns and how it is fetched."""
from rest_framework import viewsets

from claims import selectors
from claims.api import serializers


class ArticleViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = selectors.article_list()
    serializer_class = serializers.ArticleSerializer
    filterset_fields = ["language", "extraction_status", "outlet"]
    ordering_fields = ["published_at", "created_at"]


class QuoteViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = selectors.quote_list()
    serializer_class = serializers.QuoteSerializer
    filterset_fields = ["article", "kind", "review_status", "claim", "speakers"]


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
