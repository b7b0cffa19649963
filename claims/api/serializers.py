"""What the API returns, and the input each action takes.

One style of reference throughout: a related object is nested as a small object with its `id`
(and what a client needs to show it), and inputs name related objects by id.
"""
from dataclasses import asdict

from django.core.validators import RegexValidator
from django.db.models import Prefetch, QuerySet
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from claims.models import (
    Article,
    Claim,
    ClaimAssessment,
    ClaimMergeSuggestion,
    ClaimRelation,
    Feed,
    ImportItem,
    ImportRun,
    Outlet,
    Quote,
    Role,
    Speaker,
    Topic,
)
from claims.params import MAX_ID
from claims.selectors.imports import import_run_extraction

# --- small references -----------------------------------------------------------------------


class OutletRef(serializers.ModelSerializer):
    class Meta:
        model = Outlet
        fields = ["id", "name", "domain"]


class SpeakerRef(serializers.ModelSerializer):
    class Meta:
        model = Speaker
        fields = ["id", "name", "kind"]


class TopicRef(serializers.ModelSerializer):
    class Meta:
        model = Topic
        fields = ["id", "name", "slug"]


class ClaimRef(serializers.ModelSerializer):
    class Meta:
        model = Claim
        fields = ["id", "text"]


class ArticleRef(serializers.ModelSerializer):
    outlet = OutletRef(read_only=True, allow_null=True)

    class Meta:
        model = Article
        fields = ["id", "title", "url", "outlet", "published_at"]


# The hot lists' rows (quotes, claims) are built by hand from these, for DRF's generic walk
# costs microseconds a field. _when is DRF's own datetime output (time zone, ISO 8601, "Z").
_when = serializers.DateTimeField().to_representation


def _speaker_ref(s: Speaker) -> dict:
    return {"id": s.pk, "name": s.name, "kind": str(s.kind)}


def _article_ref(a: Article) -> dict:
    o = a.outlet
    return {"id": a.pk, "title": a.title, "url": a.url,
            "outlet": {"id": o.pk, "name": o.name, "domain": o.domain} if o else None,
            "published_at": _when(a.published_at)}


# The columns those rows read, so the lists fetch no others (QuerySet.only): the unused ones
# of the article, claim and user rows cost 500 timestamps parsed a page. Keep them in step
# with the rows; tests/api/test_representations.py fails (a query a row) when one is missing.
QUOTE_COLUMNS = (
    "id", "start", "end", "text", "kind", "cue", "speaker_mention", "speaker_name",
    "confidence", "review_status", "reviewed_at", "claim_pinned", "extractor_version",
    "article", "article__title", "article__url", "article__published_at",
    "article__outlet", "article__outlet__name", "article__outlet__domain",
    "claim", "claim__text", "reviewed_by", "reviewed_by__username")
CLAIM_COLUMNS = (
    "id", "text", "appearance_count", "outlet_count", "first_seen", "last_seen",
    "wording_by_analyst", "created_at", "created_by", "created_by__username")
SPEAKER_REF_COLUMNS = ("id", "name", "kind")
TOPIC_REF_COLUMNS = ("id", "name", "slug")


def narrow_quotes(queryset: QuerySet[Quote]) -> QuerySet[Quote]:
    """selectors.quote_list() reading only what a quote row shows."""
    return queryset.only(*QUOTE_COLUMNS).prefetch_related(None).prefetch_related(
        Prefetch("speakers", Speaker.objects.only(*SPEAKER_REF_COLUMNS)))


def narrow_claims(queryset: QuerySet[Claim]) -> QuerySet[Claim]:
    """selectors.claim_list() reading only what a claim row shows."""
    return queryset.only(*CLAIM_COLUMNS).prefetch_related(None).prefetch_related(
        Prefetch("speakers", Speaker.objects.only(*SPEAKER_REF_COLUMNS)),
        Prefetch("topics", Topic.objects.only(*TOPIC_REF_COLUMNS)))


# --- resources ------------------------------------------------------------------------------


class OutletSerializer(serializers.ModelSerializer):
    class Meta:
        model = Outlet
        fields = ["id", "name", "domain", "country", "created_at"]


class FeedSerializer(serializers.ModelSerializer):
    outlet = OutletRef(read_only=True, allow_null=True)

    class Meta:
        model = Feed
        fields = ["id", "url", "title", "outlet", "enabled", "last_polled_at", "last_status",
                  "last_error", "consecutive_failures", "created_at"]


class ImportItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = ImportItem
        fields = ["id", "source", "outcome", "article", "reason", "created_at"]


class ImportRunSerializer(serializers.ModelSerializer):
    requested_by = serializers.CharField(source="requested_by.username", default=None,
                                         read_only=True, allow_null=True)

    class Meta:
        model = ImportRun
        fields = ["id", "source", "description", "status", "requested_by", "feed",
                  "created_count", "duplicate_count", "failed_count", "started_at",
                  "finished_at"]


class ImportItemDetailSerializer(ImportItemSerializer):
    quotes = serializers.SerializerMethodField(
        help_text="Quotes its article has now; null for an item with no article")

    class Meta(ImportItemSerializer.Meta):
        fields = ImportItemSerializer.Meta.fields + ["quotes"]

    def get_quotes(self, item) -> int | None:
        return getattr(item, "quotes", None) if item.article_id else None


class RunExtractionSerializer(serializers.Serializer):
    """What extraction made of a run's articles, as the admin's run page says it."""
    articles = serializers.IntegerField()
    extracted = serializers.IntegerField()
    quotes = serializers.IntegerField()
    not_extracted = serializers.IntegerField()
    failed = serializers.IntegerField()
    waiting = serializers.IntegerField()


class ImportRunDetailSerializer(ImportRunSerializer):
    items = ImportItemDetailSerializer(many=True, read_only=True)
    extraction = serializers.SerializerMethodField()

    class Meta(ImportRunSerializer.Meta):
        fields = ImportRunSerializer.Meta.fields + ["extraction", "items"]

    @extend_schema_field(RunExtractionSerializer)
    def get_extraction(self, run) -> dict:
        return asdict(import_run_extraction(run=run))


class ArticleSerializer(serializers.ModelSerializer):
    outlet = OutletRef(read_only=True, allow_null=True)

    class Meta:
        model = Article
        fields = ["id", "title", "url", "canonical_url", "outlet", "byline", "published_at",
                  "language", "extraction_status", "extraction_note", "import_run",
                  "created_at"]


class ArticleDetailSerializer(ArticleSerializer):
    class Meta(ArticleSerializer.Meta):
        fields = ArticleSerializer.Meta.fields + ["body"]


class RoleSerializer(serializers.ModelSerializer):
    class Meta:
        model = Role
        fields = ["id", "title", "organisation", "country", "start_date", "end_date"]


class SpeakerSerializer(serializers.ModelSerializer):
    aliases = serializers.SlugRelatedField(many=True, read_only=True, slug_field="alias")
    roles = RoleSerializer(many=True, read_only=True)

    class Meta:
        model = Speaker
        fields = ["id", "name", "kind", "wikidata_qid", "country", "description", "verified",
                  "aliases", "roles"]


class QuoteSerializer(serializers.ModelSerializer):
    speakers = SpeakerRef(many=True, read_only=True)
    article = ArticleRef(read_only=True)
    claim = ClaimRef(read_only=True, allow_null=True)
    reviewed_by = serializers.CharField(source="reviewed_by.username", default=None,
                                        read_only=True, allow_null=True)

    class Meta:
        model = Quote
        fields = ["id", "article", "start", "end", "text", "kind", "cue", "speaker_mention",
                  "speaker_name", "speakers", "confidence", "review_status", "reviewed_by",
                  "reviewed_at", "claim", "claim_pinned", "extractor_version"]

    def to_representation(self, q):
        # Written out (see _when): DRF's field-by-field walk was 17 of the 74 ms a 50-quote
        # page took under cProfile, more than fetching its rows. tests/api/
        # test_representations.py holds this equal to that walk over the fields declared
        # above, which remain the schema.
        a = q.article
        return {
            "id": q.pk, "article": _article_ref(a), "start": q.start, "end": q.end,
            "text": q.text, "kind": str(q.kind), "cue": q.cue,
            "speaker_mention": q.speaker_mention, "speaker_name": q.speaker_name,
            "speakers": [_speaker_ref(s) for s in q.speakers.all()],
            "confidence": float(q.confidence), "review_status": str(q.review_status),
            "reviewed_by": q.reviewed_by.username if q.reviewed_by_id else None,
            "reviewed_at": _when(q.reviewed_at),
            "claim": {"id": q.claim.pk, "text": q.claim.text} if q.claim_id else None,
            "claim_pinned": q.claim_pinned, "extractor_version": q.extractor_version,
        }


class TopicSerializer(serializers.ModelSerializer):
    class Meta:
        model = Topic
        fields = ["id", "name", "slug", "parent", "description"]
        read_only_fields = ["slug"]


class ClaimSerializer(serializers.ModelSerializer):
    speakers = SpeakerRef(many=True, read_only=True)
    topics = TopicRef(many=True, read_only=True)
    created_by = serializers.CharField(source="created_by.username", default=None,
                                       read_only=True, allow_null=True)

    class Meta:
        model = Claim
        fields = ["id", "text", "speakers", "topics", "appearance_count", "outlet_count",
                  "first_seen", "last_seen", "wording_by_analyst", "created_by", "created_at"]

    def to_representation(self, c):
        # Written out like QuoteSerializer's, and held equal to DRF's walk the same way.
        return {
            "id": c.pk, "text": c.text, "speakers": [_speaker_ref(s) for s in c.speakers.all()],
            "topics": [{"id": t.pk, "name": t.name, "slug": t.slug} for t in c.topics.all()],
            "appearance_count": c.appearance_count, "outlet_count": c.outlet_count,
            "first_seen": _when(c.first_seen), "last_seen": _when(c.last_seen),
            "wording_by_analyst": c.wording_by_analyst,
            "created_by": c.created_by.username if c.created_by_id else None,
            "created_at": _when(c.created_at),
        }


class ClaimRelationSerializer(serializers.ModelSerializer):
    from_claim = ClaimRef(read_only=True)
    to_claim = ClaimRef(read_only=True)
    quotes = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    decided_by = serializers.CharField(source="decided_by.username", default=None,
                                       read_only=True, allow_null=True)

    class Meta:
        model = ClaimRelation
        fields = ["id", "from_claim", "to_claim", "type", "status", "reason", "note", "quotes",
                  "created_at", "decided_by", "decided_at"]


class MergeSuggestionSerializer(serializers.ModelSerializer):
    claim = ClaimRef(read_only=True)
    other = ClaimRef(read_only=True)

    class Meta:
        model = ClaimMergeSuggestion
        fields = ["id", "claim", "other", "score", "reason", "status", "created_at",
                  "decided_at"]


class AssessmentSerializer(serializers.ModelSerializer):
    claim = ClaimRef(read_only=True)
    reviewer = serializers.CharField(source="reviewer.username", default=None, read_only=True,
                                     allow_null=True)

    class Meta:
        model = ClaimAssessment
        fields = ["id", "claim", "rating", "unverifiable", "rationale", "url", "reviewer",
                  "assessed_at"]


# --- inputs ---------------------------------------------------------------------------------


def IdField(**kwargs) -> serializers.IntegerField:  # noqa: N802 (used like a field class)
    """An object's id: 1 to bigint's largest. Past 64 bits SQLite cannot bind the number at
    all (a server error), and the schema says so to clients."""
    return serializers.IntegerField(min_value=1, max_value=MAX_ID, **kwargs)


# Offsets into an article body, stored as PostgreSQL integers.
MAX_OFFSET = 2**31 - 1


# The JSON type each kind of field takes. DRF coerces: 0 became the name "0", "5" the id 5,
# "yes" true; the schema says string, integer, boolean, and a client relying on the coercion
# would meet a stricter server one day.
_JSON_TYPES = [
    (serializers.BooleanField, (bool,), "true or false"),
    (serializers.IntegerField, (int,), "an integer"),
    (serializers.ListField, (list,), "a list"),
    (serializers.ChoiceField, (str, int), "one of the choices"),
    (serializers.CharField, (str,), "a string"),
    (serializers.DateTimeField, (str,), "a date and time (ISO 8601) as a string"),
]


def _type_error(field, value) -> str | None:
    if value is None:
        return None  # allow_null is the field's own business
    for kind, types, said in _JSON_TYPES:
        if isinstance(field, kind):
            wrong = not isinstance(value, types) or (
                isinstance(value, bool) and bool not in types)
            return f"Expected {said}." if wrong else None
    return None


class StrictInput(serializers.Serializer):
    """Refuses fields it does not know, instead of silently ignoring a typo, and values of
    another JSON type than the schema gives (no coercion: see _JSON_TYPES)."""

    # Alternatives the body must match one of, for the schema (claims.api.schema): rules
    # across fields that `validate` checks.
    any_of: list[dict] = []

    def to_internal_value(self, data):
        if isinstance(data, dict):
            unknown = sorted(set(data) - set(self.fields))
            if unknown:
                raise serializers.ValidationError(
                    {name: "Unknown field." for name in unknown})
            wrong = {name: message for name, value in data.items()
                     if (message := _type_error(self.fields[name], value))}
            for name, field in self.fields.items():
                if isinstance(field, serializers.ListField) and isinstance(data.get(name), list):
                    bad = [_type_error(field.child, v) for v in data[name]]
                    if any(bad):
                        wrong[name] = next(b for b in bad if b)
            if wrong:
                raise serializers.ValidationError(wrong)
        return super().to_internal_value(data)


# An http(s) address with a host: what is fetched, polled or linked to. Django's URLValidator
# refuses addresses the schema's `format: uri` allows (a 64-letter label), so the schema gives
# this pattern instead, and both check the same.
# ASCII as RFC 3986 has it (a letter outside ASCII percent-encoded), since what is stored is
# given back as a `format: uri`.
HTTP_URL = (r"^[Hh][Tt][Tt][Pp][Ss]?://[A-Za-z0-9._~!$&'()*+,;=-]+(?::[0-9]{1,5})?"
            r"(?:[/?#](?:%[0-9A-Fa-f]{2}|[A-Za-z0-9._~:/?#@!$&'()*+,;=-])*)?$")


def HttpUrlField(**kwargs) -> serializers.CharField:  # noqa: N802 (used like a field class)
    return serializers.CharField(validators=[RegexValidator(
        HTTP_URL, "An http:// or https:// address with a host, without spaces.")], **kwargs)


# Topic names make the slug, from their ASCII letters and digits (claims.services.topics).
# (Linear: no backtracking before the first letter or digit, whatever the length sent.)
TOPIC_NAME = r"^[^A-Za-z0-9\u0000]*[A-Za-z0-9][^\u0000]*$"
# Outlets: as claims.services.outlets checks them (domain lower-cased, country upper-cased).
# (The service's look-ahead for 253 characters is the field's max_length here.)
OUTLET_DOMAIN = (r"^(?:www\.)?([A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+"
                 r"[A-Za-z0-9-]{2,63}$")
OUTLET_COUNTRY = r"^[A-Za-z]{2}$"


class QuoteEditInput(StrictInput):
    start = serializers.IntegerField(required=False, min_value=0, max_value=MAX_OFFSET)
    end = serializers.IntegerField(required=False, min_value=1, max_value=MAX_OFFSET)
    kind = serializers.ChoiceField(choices=Quote.Kind.choices, required=False)
    cue = serializers.CharField(required=False, allow_blank=True, max_length=100)
    speaker_ids = serializers.ListField(child=IdField(), required=False)


class ClaimFromQuoteInput(StrictInput):
    quote = IdField()
    text = serializers.CharField(required=False, allow_blank=True, default="")
    topic_ids = serializers.ListField(child=IdField(), required=False,
                                      default=list)


class ClaimEditInput(StrictInput):
    text = serializers.CharField(required=False)
    topic_ids = serializers.ListField(child=IdField(), required=False)
    speaker_ids = serializers.ListField(child=IdField(), required=False)


class ClaimMergeInput(StrictInput):
    source = IdField(help_text="The claim merged into this one (then deleted)")


class SpeakerMergeInput(StrictInput):
    source = IdField(
        help_text="The duplicate speaker merged into this one (then deleted)")


class ClaimSplitInput(StrictInput):
    quote_ids = serializers.ListField(child=IdField(), min_length=1)
    text = serializers.CharField(required=False, allow_blank=True, default="")


class QuoteMoveInput(StrictInput):
    claim = IdField()


class RelationInput(StrictInput):
    from_claim = IdField()
    to_claim = IdField()
    type = serializers.ChoiceField(choices=ClaimRelation.Type.choices)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class OutletInput(StrictInput):
    name = serializers.CharField(max_length=200)
    domain = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=253,
        validators=[RegexValidator(OUTLET_DOMAIN, "A host name such as reuters.com.")],
        help_text="Host name without 'www.', e.g. reuters.com")
    country = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=2,
        validators=[RegexValidator(OUTLET_COUNTRY, "Two letters, e.g. GB.")],
        help_text="ISO 3166-1 alpha-2, e.g. GB")


class FeedInput(StrictInput):
    url = HttpUrlField(max_length=2000, help_text="The RSS or Atom feed's http(s) "
                       "address (public addresses only in production)")
    title = serializers.CharField(required=False, allow_blank=True, default="", max_length=300)
    outlet = IdField(required=False, allow_null=True, default=None)
    enabled = serializers.BooleanField(required=False, default=True)
    poll_every_minutes = serializers.IntegerField(
        required=False, allow_null=True, default=None, min_value=1, max_value=7 * 1440,
        help_text="How often the feed is polled (30 when a new feed is given none); "
                  "left as it is when not given")


class TopicInput(StrictInput):
    name = serializers.CharField(max_length=200, validators=[RegexValidator(
        TOPIC_NAME, "A topic's name needs at least one letter or digit (a to z, 0 to 9).")])
    parent = IdField(required=False, allow_null=True, default=None)
    description = serializers.CharField(required=False, allow_blank=True, default="")


class AssessmentInput(StrictInput):
    claim = IdField()
    rating = serializers.ChoiceField(choices=ClaimAssessment.Rating.choices, required=False,
                                     allow_null=True, default=None)
    unverifiable = serializers.BooleanField(required=False, default=False)
    rationale = serializers.CharField()
    url = HttpUrlField(required=False, allow_blank=True, default="", max_length=2000)

    # A rating, or none and unverifiable.
    # ("type": "integer" without "nullable" is no null; an enum here would be a second set of
    # ratings to drf-spectacular's enum naming.)
    any_of = [{"required": ["rating"], "properties": {"rating": {"type": "integer"}}},
              {"required": ["unverifiable"], "properties": {"unverifiable": {"enum": [True]}}}]

    def validate(self, data):
        if data.get("rating") is None and not data.get("unverifiable") and not self.partial:
            raise serializers.ValidationError(
                {"rating": "Give a rating from 1 to 5, or mark it unverifiable."})
        return data


class ArticleImportInput(StrictInput):
    """Either a URL to fetch, or a title and text."""

    url = HttpUrlField(required=False, max_length=2000)
    title = serializers.CharField(required=False, max_length=500)
    body = serializers.CharField(required=False, max_length=2_000_000)
    outlet = serializers.CharField(required=False, allow_blank=True, default="", max_length=200)
    published_at = serializers.DateTimeField(required=False, allow_null=True, default=None)

    # A body is pasted text, which needs its title; a url alone is fetched.
    any_of = [{"required": ["url"], "not": {"required": ["body"]}},
              {"required": ["title", "body"]}]

    def validate(self, data):
        if data.get("body"):
            if not data.get("title", "").strip():
                raise serializers.ValidationError({"title": "A pasted text needs a title."})
        elif not data.get("url"):
            raise serializers.ValidationError("Give a url to fetch, or a title and body.")
        return data


class RelatedReasonSerializer(serializers.Serializer):
    words = serializers.ListField(child=serializers.CharField(),
                                 help_text="Rare words (or their stems) both claims hold")
    names = serializers.ListField(child=serializers.CharField(),
                                  help_text="Names (capitalised words) both claims hold")
    numbers = serializers.ListField(child=serializers.CharField())
    days_apart = serializers.IntegerField(allow_null=True, help_text=(
        "Days between the two claims' first and last sightings (0: seen over the same days)"))
    topics = serializers.ListField(child=serializers.IntegerField(),
                                   help_text="Ids of the topics both are filed under")
    type_rule = serializers.CharField(allow_null=True,
                                      help_text="The rule that suggested the type, if any")
    context = serializers.FloatField(help_text=(
        "How alike the words around the two claims' quotes in their articles are (a cosine, "
        "0 to 1; 0 when they share an article): two reports amid one story"))


class RelationRef(serializers.Serializer):
    id = serializers.IntegerField()
    type = serializers.ChoiceField(choices=ClaimRelation.Type.choices)
    status = serializers.ChoiceField(choices=ClaimRelation.Status.choices)
    from_claim = serializers.IntegerField(source="from_claim_id")
    to_claim = serializers.IntegerField(source="to_claim_id")


class RelatedClaimSerializer(serializers.Serializer):
    """One related claim: another speaker's claim that bears on this one."""

    claim = ClaimSerializer()
    score = serializers.FloatField(help_text="Higher is closer; comparable within one list")
    reason = RelatedReasonSerializer()
    suggested_type = serializers.ChoiceField(
        choices=ClaimRelation.Type.choices, allow_null=True,
        help_text="Only where a rule was measured right >= 0.7 of the time; else null")
    relation = RelationRef(allow_null=True, help_text=(
        "The relation the two claims already have (any status), or null"))


class RelatedClaimPage(serializers.Serializer):
    count = serializers.IntegerField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = RelatedClaimSerializer(many=True)


class ClaimTimelinePage(serializers.Serializer):
    """A cursor page: follow `next` until it is null."""

    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = ClaimSerializer(many=True)
