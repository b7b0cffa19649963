"""The REST API under /api/v1/: viewsets that parse input, call the same services as the admin,
and present the result. They hold no business rule; the selectors decide what each read returns
and how it is fetched (a fixed number of queries per page)."""
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.views import APIView

from claims import selectors
from claims.api import errors, exports
from claims.api import serializers as s
from claims.api.filters import ClaimFilter, QuoteFilter, RelationFilter
from claims.api.pagination import Pages, Timeline
from claims.models import Article, ImportRun, Outlet
from claims.params import as_id
from claims.permissions import ActionPermissions
from claims.selectors import text_search
from claims.selectors.imports import import_run_items
from claims.selectors.related import ClaimGone, related_claims
from claims.services import (
    assessments,
    feeds,
    ingestion,
    outlets,
    quotes,
    relations,
    speakers,
    topics,
)
from claims.services import claims as claim_services
from claims.services.extraction import articles_reextract
from claims.services.references import existing
from claims.services.refusals import Forbidden

SEARCH = OpenApiParameter(
    "q", OpenApiTypes.STR, description="Search the text: full-text with web-search syntax on "
    "PostgreSQL, a contains match elsewhere (the X-Search-Mode response header says which)")


class Base:
    permission_classes = [ActionPermissions]
    pagination_class = Pages
    # {action: [permissions]} for actions that are not plain create/update/delete.
    action_permissions: dict = {}

    def get_exception_handler(self):
        return errors.handle

    def get_object(self):
        self.kwargs[self.lookup_field] = errors.object_id(self.kwargs.get(self.lookup_field))
        return super().get_object()

    def _input(self, serializer_class):
        serializer = serializer_class(data=self.request.data)
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data

    def _search(self, queryset, field="text"):
        query = self.request.query_params.get("q", "").strip()
        if not query or self.action not in ("list", "export"):
            return queryset
        return text_search._text_search(queryset, field, query)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if request.query_params.get("q", "").strip():
            response["X-Search-Mode"] = selectors.search_mode()
        return response


class OutletViewSet(Base, mixins.CreateModelMixin, mixins.UpdateModelMixin,
                    viewsets.ReadOnlyModelViewSet):
    queryset = Outlet.objects.all()
    serializer_class = s.OutletSerializer
    ordering_fields = ["name", "created_at"]
    http_method_names = ["get", "post", "patch", "head", "options"]

    @extend_schema(request=s.OutletInput, responses={201: s.OutletSerializer})
    def create(self, request, *args, **kwargs):
        outlet = outlets.outlet_create(user=request.user, **self._input(s.OutletInput))
        return Response(s.OutletSerializer(outlet).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.OutletInput(partial=True), responses=s.OutletSerializer)
    def partial_update(self, request, pk=None):
        changes = _partial_input(request, s.OutletInput)
        outlet = outlets.outlet_update(outlet_id=self.get_object().pk, user=request.user,
                                       **changes)
        return Response(s.OutletSerializer(outlet).data)


class FeedViewSet(Base, mixins.CreateModelMixin, mixins.UpdateModelMixin,
                  mixins.DestroyModelMixin, viewsets.ReadOnlyModelViewSet):
    queryset = selectors.feed_list()
    serializer_class = s.FeedSerializer
    filterset_fields = ["enabled", "outlet"]
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def _present(self, feed_id, code=status.HTTP_200_OK):
        return Response(s.FeedSerializer(selectors.feed_list().get(pk=feed_id)).data,
                        status=code)

    @extend_schema(request=s.FeedInput, responses={201: s.FeedSerializer})
    def create(self, request, *args, **kwargs):
        """A new feed, polled on its own beat schedule while enabled."""
        data = dict(self._input(s.FeedInput))
        data["outlet"] = _outlet(data["outlet"])
        every = data.pop("poll_every_minutes")
        feed = feeds.feed_create(user=request.user, every_minutes=every, **data)
        return self._present(feed.pk, status.HTTP_201_CREATED)

    @extend_schema(request=s.FeedInput(partial=True), responses=s.FeedSerializer)
    def partial_update(self, request, pk=None):
        """Change the feed; its beat entry follows `enabled`, and `poll_every_minutes`."""
        changes = _partial_input(request, s.FeedInput)
        if "outlet" in changes:
            changes["outlet"] = _outlet(changes["outlet"])
        every = changes.pop("poll_every_minutes", None)
        feeds.feed_update(feed_id=self.get_object().pk, user=request.user,
                          every_minutes=every, **changes)
        return self._present(pk)

    @extend_schema(responses={204: None})
    def destroy(self, request, pk=None):
        """Delete the feed and its beat entry; its import runs and articles stay."""
        feeds.feed_delete(feeds=[self.get_object()], user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


def _outlet(outlet_id: int | None) -> Outlet | None:
    """The feed's outlet by id (404 naming it when there is none)."""
    return None if outlet_id is None else existing(Outlet, [outlet_id], argument="outlet")[0]


def _partial_input(request, serializer_class) -> dict:
    """The fields a PATCH gave, parsed (no defaults filled in for the others)."""
    serializer = serializer_class(data=request.data, partial=True)
    serializer.is_valid(raise_exception=True)
    return {k: v for k, v in serializer.validated_data.items() if k in request.data}


class ImportRunViewSet(Base, viewsets.ReadOnlyModelViewSet):
    queryset = selectors.import_run_list()
    serializer_class = s.ImportRunSerializer
    filterset_fields = ["source", "status"]

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.action == "retrieve":
            return queryset.prefetch_related(Prefetch("items", queryset=import_run_items()))
        return queryset

    def get_serializer_class(self):
        return s.ImportRunDetailSerializer if self.action == "retrieve" else s.ImportRunSerializer


class ArticleViewSet(Base, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    queryset = selectors.article_list()
    serializer_class = s.ArticleSerializer
    filterset_fields = ["language", "extraction_status", "outlet"]
    ordering_fields = ["published_at", "created_at"]
    action_permissions = {"extract": ["claims.change_article"]}

    def get_queryset(self):
        if self.action == "retrieve":
            return Article.objects.select_related("outlet")
        return self._search(super().get_queryset(), "title")

    def get_serializer_class(self):
        return s.ArticleDetailSerializer if self.action == "retrieve" else s.ArticleSerializer

    @extend_schema(request=s.ArticleImportInput, responses={202: s.ImportRunDetailSerializer})
    def create(self, request, *args, **kwargs):
        """Import an article (its text, or a URL to fetch) through the ingestion service;
        answers 202 with the import run to poll."""
        data = self._input(s.ArticleImportInput)
        refused = None if data.get("body") else ingestion.url_refusal(data["url"])
        if refused:
            raise Forbidden({"url": [refused]})
        if data.get("body"):
            run = ingestion.paste_import(
                user=request.user, title=data["title"], body=data["body"],
                url=data.get("url", ""), outlet=data["outlet"],
                published_at=data["published_at"], source=ImportRun.Source.API)
        else:
            run = ingestion.urls_import(user=request.user, urls=[data["url"]],
                                        outlet=data["outlet"], source=ImportRun.Source.API)
        run = ImportRun.objects.prefetch_related(
            Prefetch("items", queryset=import_run_items())).get(pk=run.pk)
        return Response(s.ImportRunDetailSerializer(run).data, status=status.HTTP_202_ACCEPTED)

    @extend_schema(request=None, responses={202: s.ArticleSerializer})
    @action(detail=True, methods=["post"])
    def extract(self, request, pk=None):
        """Queue the extraction again; quotes analysts reviewed or placed are kept."""
        article = self.get_object()
        articles_reextract(article_ids=[article.pk], user=request.user)
        article.refresh_from_db()
        return Response(s.ArticleSerializer(article).data, status=status.HTTP_202_ACCEPTED)


class SpeakerViewSet(Base, viewsets.ReadOnlyModelViewSet):
    queryset = selectors.speaker_list()
    serializer_class = s.SpeakerSerializer
    filterset_fields = ["kind", "verified", "country"]
    action_permissions = {"merge": ["claims.change_speaker"],
                          "verify": ["claims.change_speaker"]}

    def _present(self, speaker_id):
        return Response(s.SpeakerSerializer(selectors.speaker_list().get(pk=speaker_id)).data)

    @extend_schema(request=s.SpeakerMergeInput, responses=s.SpeakerSerializer)
    @action(detail=True, methods=["post"])
    def merge(self, request, pk=None):
        """Merge the `source` speaker (a duplicate) into this one: its quotes, claims, roles,
        name and aliases move here, then it is deleted."""
        target = self.get_object()
        speakers.speaker_merge(source_id=self._input(s.SpeakerMergeInput)["source"],
                               target_id=target.pk, user=request.user)
        return self._present(target.pk)

    @extend_schema(request=None, responses=s.SpeakerSerializer)
    @action(detail=True, methods=["post"])
    def verify(self, request, pk=None):
        """Mark the speaker checked by an analyst (it joins the extractor's registry)."""
        speakers.speakers_verify(speaker_ids=[self.get_object().pk], user=request.user)
        return self._present(pk)

    @extend_schema(responses=s.ClaimTimelinePage)
    @action(detail=True, methods=["get"], pagination_class=Timeline)
    def claims(self, request, pk=None):
        """The speaker's claims by date, newest first (cursor pages)."""
        speaker = self.get_object()
        page = self.paginate_queryset(selectors.claim_list().filter(speakers=speaker))
        return self.get_paginated_response(s.ClaimSerializer(page, many=True).data)


@extend_schema_view(list=extend_schema(parameters=[SEARCH]))
class QuoteViewSet(Base, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet):
    queryset = selectors.quote_list()
    serializer_class = s.QuoteSerializer
    filterset_class = QuoteFilter
    ordering_fields = ["confidence", "created_at", "article__published_at"]
    http_method_names = ["get", "post", "patch", "head", "options"]
    review = ["claims.review_quote"]
    action_permissions = {"partial_update": review, "confirm": review, "reject": review,
                          "move": ["claims.change_claim"]}

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.action == "list":
            queryset = s.narrow_quotes(queryset)
        return self._search(queryset)

    def _present(self, quote_id):
        return Response(s.QuoteSerializer(selectors.quote_list().get(pk=quote_id)).data)

    @extend_schema(request=s.QuoteEditInput, responses=s.QuoteSerializer)
    def partial_update(self, request, pk=None):
        """Correct the span (offsets into the article body), kind, cue or speakers."""
        quote = self.get_object()
        quotes.quote_edit(quote_id=quote.pk, user=request.user, **self._input(s.QuoteEditInput))
        return self._present(quote.pk)

    @extend_schema(request=None, responses=s.QuoteSerializer)
    @action(detail=True, methods=["post"])
    def confirm(self, request, pk=None):
        quotes.quote_confirm(quote_id=self.get_object().pk, user=request.user)
        return self._present(pk)

    @extend_schema(request=None, responses=s.QuoteSerializer)
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        quotes.quote_reject(quote_id=self.get_object().pk, user=request.user)
        return self._present(pk)

    @extend_schema(request=s.QuoteMoveInput, responses=s.QuoteSerializer)
    @action(detail=True, methods=["post"])
    def move(self, request, pk=None):
        """Put the quote in another claim (pinned there)."""
        claim_services.quote_move(quote_id=self.get_object().pk, user=request.user,
                                  claim_id=self._input(s.QuoteMoveInput)["claim"])
        return self._present(pk)

    @extend_schema(parameters=[SEARCH, exports.FORMAT], responses={
        (200, "text/csv"): OpenApiTypes.STR, (200, "application/x-ndjson"): OpenApiTypes.STR})
    @action(detail=False, methods=["get"], pagination_class=None)
    def export(self, request):
        """Every quote matching the filters, streamed as CSV or NDJSON."""
        queryset = self._search(self.filter_queryset(self.get_queryset()))
        return exports.stream_quotes(queryset, request.query_params.get("as", "csv"))


@extend_schema_view(list=extend_schema(parameters=[SEARCH]))
class ClaimViewSet(Base, mixins.CreateModelMixin, mixins.UpdateModelMixin,
                   viewsets.ReadOnlyModelViewSet):
    queryset = selectors.claim_list()
    serializer_class = s.ClaimSerializer
    filterset_class = ClaimFilter
    ordering_fields = ["last_seen", "first_seen", "appearance_count", "outlet_count"]
    http_method_names = ["get", "post", "patch", "head", "options"]
    action_permissions = {"merge": ["claims.change_claim", "claims.delete_claim"],
                          "split": ["claims.add_claim", "claims.change_claim"]}

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.action == "list":
            queryset = s.narrow_claims(queryset)
        return self._search(queryset)

    def _present(self, claim_id, code=status.HTTP_200_OK):
        return Response(s.ClaimSerializer(selectors.claim_list().get(pk=claim_id)).data,
                        status=code)

    @extend_schema(request=s.ClaimFromQuoteInput, responses={201: s.ClaimSerializer})
    def create(self, request, *args, **kwargs):
        """A new claim from a quote: its wording (or yours), speakers and dates."""
        data = self._input(s.ClaimFromQuoteInput)
        claim = claim_services.claim_create_from_quote(
            quote_id=data["quote"], user=request.user, text=data["text"],
            topic_ids=data["topic_ids"])
        return self._present(claim.pk, status.HTTP_201_CREATED)

    @extend_schema(request=s.ClaimEditInput, responses=s.ClaimSerializer)
    def partial_update(self, request, pk=None):
        claim_services.claim_edit(claim_id=self.get_object().pk, user=request.user,
                                  **self._input(s.ClaimEditInput))
        return self._present(pk)

    @extend_schema(request=s.ClaimMergeInput, responses=s.ClaimSerializer)
    @action(detail=True, methods=["post"])
    def merge(self, request, pk=None):
        """Merge the `source` claim into this one."""
        target = self.get_object()
        source = self._input(s.ClaimMergeInput)["source"]
        get_object_or_404(selectors.claim_list(), pk=source)
        claim_services.claim_merge(source_id=source, target_id=target.pk, user=request.user)
        return self._present(target.pk)

    @extend_schema(request=s.ClaimSplitInput, responses={201: s.ClaimSerializer})
    @action(detail=True, methods=["post"])
    def split(self, request, pk=None):
        """Move some of this claim's quotes into a new claim; answers with the new one."""
        data = self._input(s.ClaimSplitInput)
        new = claim_services.claim_split(claim_id=self.get_object().pk, user=request.user,
                                         quote_ids=data["quote_ids"], text=data["text"])
        return self._present(new.pk, status.HTTP_201_CREATED)

    @extend_schema(responses=s.ClaimRelationSerializer(many=True))
    @action(detail=True, methods=["get"])
    def relations(self, request, pk=None):
        """Relations from and to this claim, every status."""
        claim = self.get_object()
        page = self.paginate_queryset(selectors.relations_of(selectors.relation_list(),
                                                             claim.pk).order_by("-id"))
        return self.get_paginated_response(s.ClaimRelationSerializer(page, many=True).data)

    @extend_schema(responses=s.ClaimSerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=None)
    def similar(self, request, pk=None):
        """Claims of any speaker whose wordings are closest to this one's."""
        claim = self.get_object()
        found = selectors.claim_similar(claim.pk)
        return Response([{**s.ClaimSerializer(c).data, "score": round(score, 3)}
                         for c, score in found])

    @extend_schema(responses=s.RelatedClaimPage)
    @action(detail=True, methods=["get"])
    def related(self, request, pk=None):
        """Other speakers' claims that bear on this one, best first (at most 50, in pages):
        each with a score, why (the rare words, names and numbers both hold, the days between
        them, common topics), a suggested relation type where measurement shows one is usually
        right, and the relation the two already have. 404 for an unknown claim, saying so when
        it was merged into another."""
        claim_id = as_id(pk)
        try:
            found = related_claims(claim_id) if claim_id else None
        except ClaimGone as exc:
            raise NotFound(str(exc)) from None
        if found is None:
            raise NotFound(f"No claim {pk!r}.")
        page = self.paginate_queryset(found)
        return self.get_paginated_response(s.RelatedClaimSerializer(page, many=True).data)

    @extend_schema(responses={(200, "application/ld+json"): OpenApiTypes.OBJECT})
    @action(detail=True, methods=["get"])
    def claimreview(self, request, pk=None):
        """schema.org ClaimReview JSON-LD of the claim's latest assessment (404 if none)."""
        return exports.claim_review(self.get_object(), request)

    @extend_schema(parameters=[SEARCH, exports.FORMAT], responses={
        (200, "text/csv"): OpenApiTypes.STR, (200, "application/x-ndjson"): OpenApiTypes.STR})
    @action(detail=False, methods=["get"], pagination_class=None)
    def export(self, request):
        """Every claim matching the filters, streamed as CSV or NDJSON."""
        queryset = self._search(self.filter_queryset(self.get_queryset()))
        return exports.stream_claims(queryset, request.query_params.get("as", "csv"))


class TopicViewSet(Base, mixins.CreateModelMixin, mixins.UpdateModelMixin,
                   viewsets.ReadOnlyModelViewSet):
    queryset = selectors.topic_list()
    serializer_class = s.TopicSerializer
    filterset_fields = ["parent"]
    http_method_names = ["get", "post", "patch", "head", "options"]

    @extend_schema(request=s.TopicInput, responses={201: s.TopicSerializer})
    def create(self, request, *args, **kwargs):
        data = self._input(s.TopicInput)
        topic = topics.topic_create(name=data["name"], parent_id=data["parent"],
                                    description=data["description"], user=request.user)
        return Response(s.TopicSerializer(topic).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.TopicInput(partial=True), responses=s.TopicSerializer)
    def partial_update(self, request, pk=None):
        serializer = s.TopicInput(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        if "parent" in data:
            data["parent_id"] = data.pop("parent")
        topic = topics.topic_update(topic_id=self.get_object().pk, user=request.user, **data)
        return Response(s.TopicSerializer(topic).data)


class ClaimRelationViewSet(Base, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    queryset = selectors.relation_list()
    serializer_class = s.ClaimRelationSerializer
    filterset_class = RelationFilter
    decide = ["claims.change_claimrelation"]
    action_permissions = {"confirm": decide, "reject": decide}

    @extend_schema(request=s.RelationInput, responses={201: s.ClaimRelationSerializer})
    def create(self, request, *args, **kwargs):
        """An analyst's own relation, confirmed as made."""
        data = self._input(s.RelationInput)
        relation = relations.relation_create(
            from_claim_id=data["from_claim"], to_claim_id=data["to_claim"], type=data["type"],
            note=data["note"], user=request.user)
        return Response(s.ClaimRelationSerializer(selectors.relation_list().get(
            pk=relation.pk)).data, status=status.HTTP_201_CREATED)

    def _decided(self, relation_id):
        return Response(s.ClaimRelationSerializer(selectors.relation_list().get(
            pk=relation_id)).data)

    @extend_schema(request=None, responses=s.ClaimRelationSerializer)
    @action(detail=True, methods=["post"])
    def confirm(self, request, pk=None):
        relations.relation_confirm(relation_id=self.get_object().pk, user=request.user)
        return self._decided(pk)

    @extend_schema(request=None, responses=s.ClaimRelationSerializer)
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        """Rejected and kept: the same pair is never suggested again."""
        relations.relation_reject(relation_id=self.get_object().pk, user=request.user)
        return self._decided(pk)


class MergeSuggestionViewSet(Base, viewsets.ReadOnlyModelViewSet):
    queryset = selectors.merge_suggestion_list()
    serializer_class = s.MergeSuggestionSerializer
    filterset_fields = ["status"]
    decide = ["claims.change_claimmergesuggestion"]
    action_permissions = {"confirm": decide, "reject": decide}

    @extend_schema(request=None, responses=s.ClaimSerializer)
    @action(detail=True, methods=["post"])
    def confirm(self, request, pk=None):
        """They are the same claim: merge the later into the earlier."""
        claim = relations.merge_suggestion_confirm(suggestion_id=self.get_object().pk,
                                                   user=request.user)
        return Response(s.ClaimSerializer(selectors.claim_list().get(pk=claim.pk)).data)

    @extend_schema(request=None, responses=s.MergeSuggestionSerializer)
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        suggestion = relations.merge_suggestion_reject(suggestion_id=self.get_object().pk,
                                                       user=request.user)
        return Response(s.MergeSuggestionSerializer(
            selectors.merge_suggestion_list().get(pk=suggestion.pk)).data)


class AssessmentViewSet(Base, mixins.CreateModelMixin, mixins.UpdateModelMixin,
                        viewsets.ReadOnlyModelViewSet):
    queryset = selectors.assessment_list()
    serializer_class = s.AssessmentSerializer
    filterset_fields = ["claim", "rating", "unverifiable"]
    http_method_names = ["get", "post", "patch", "head", "options"]

    @extend_schema(request=s.AssessmentInput, responses={201: s.AssessmentSerializer})
    def create(self, request, *args, **kwargs):
        data = self._input(s.AssessmentInput)
        made = assessments.assessment_create(claim_id=data.pop("claim"), user=request.user,
                                             **data)
        return Response(s.AssessmentSerializer(selectors.assessment_list().get(pk=made.pk)).data,
                        status=status.HTTP_201_CREATED)

    @extend_schema(request=s.AssessmentInput(partial=True), responses=s.AssessmentSerializer)
    def partial_update(self, request, pk=None):
        serializer = s.AssessmentInput(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        data = {k: v for k, v in serializer.validated_data.items() if k in request.data}
        data.pop("claim", None)
        assessments.assessment_update(assessment_id=self.get_object().pk, user=request.user,
                                      **data)
        return Response(s.AssessmentSerializer(selectors.assessment_list().get(pk=pk)).data)


class GraphView(Base, APIView):
    """Claims as nodes and relations as edges, for a speaker, a topic or one claim and its
    neighbours."""

    queryset = selectors.claim_list()  # the permission to read claims is what is checked
    pagination_class = None

    @extend_schema(parameters=[
        OpenApiParameter("speaker", OpenApiTypes.STR, description="Speaker id or name"),
        OpenApiParameter("topic", OpenApiTypes.STR, description="Topic id or slug"),
        OpenApiParameter("claim", OpenApiTypes.INT, description="A claim and its neighbours"),
    ], responses={200: OpenApiTypes.OBJECT})
    def get(self, request):
        params = request.query_params
        claim = params.get("claim")
        if claim is not None and not as_id(claim):
            return Response({"claim": ["A claim id."]}, status=status.HTTP_400_BAD_REQUEST)
        if claim is not None:
            get_object_or_404(selectors.claim_list(), pk=as_id(claim))
        return Response(selectors.claim_graph(speaker=params.get("speaker"),
                                              topic=params.get("topic"),
                                              claim=as_id(claim) if claim else None))


class SchemaExtView(APIView):
    """The terms a ClaimReview export adds under the `claimsTracker` prefix (schema.org has no
    relation between claims). Public, like the OpenAPI schema: it describes, it holds no data."""

    permission_classes = []
    authentication_classes = []

    @extend_schema(responses={(200, "application/ld+json"): OpenApiTypes.OBJECT})
    def get(self, request):
        return exports.schema_ext(request)
