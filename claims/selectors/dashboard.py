"""The admin index's dashboard: what waits for each role, in a fixed number of queries.

Every section is read only for a user who may view its model (claims.roles), so a viewer sees
the same counts as an analyst and nobody sees a section their role cannot open.
"""
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q
from django.urls import reverse

from claims.models import Claim, ClaimRelation, Feed, Quote, Speaker

NEWEST = 5


def failing_feeds_q() -> Q:
    """A feed whose last poll failed (a successful poll resets the count)."""
    return Q(consecutive_failures__gt=0)


@dataclass
class Section:
    count: int
    url: str
    rows: list = field(default_factory=list)


@dataclass
class Dashboard:
    newest_claims: Section | None = None
    review_queue: Section | None = None
    suggested_relations: Section | None = None
    failing_feeds: Section | None = None

    def __bool__(self) -> bool:
        return any((self.newest_claims, self.review_queue, self.suggested_relations,
                    self.failing_feeds))


def dashboard(*, user) -> Dashboard:
    """The sections `user` may see, each in one or two queries whatever the data's size."""
    board = Dashboard()
    if user.has_perm("claims.view_claim"):
        board.newest_claims = _newest_claims()
    if user.has_perm("claims.view_quote"):
        board.review_queue = _review_queue()
    if user.has_perm("claims.view_claimrelation"):
        board.suggested_relations = _suggested_relations()
    if user.has_perm("claims.view_feed"):
        board.failing_feeds = _failing_feeds()
    return board


def _newest_claims() -> Section:
    speakers = Prefetch("speakers", queryset=Speaker.objects.only("id", "name"))
    rows = list(Claim.objects.only("id", "text", "appearance_count", "created_at")
                .prefetch_related(speakers).order_by("-id")[:NEWEST])
    return Section(count=len(rows), url=reverse("admin:claims_claim_changelist"), rows=rows)


def _review_queue() -> Section:
    count = Quote.objects.filter(review_status=Quote.Review.EXTRACTED).count()
    url = reverse("admin:claims_quote_changelist") + "?review_status__exact=extracted"
    return Section(count=count, url=url)


def _suggested_relations() -> Section:
    waiting = ClaimRelation.objects.filter(status=ClaimRelation.Status.SUGGESTED)
    rows = list(waiting.select_related("from_claim", "to_claim")
                .only("id", "type", "created_at", "from_claim__text", "to_claim__text")
                .order_by("-created_at", "-id")[:NEWEST])
    url = reverse("admin:claims_claimrelation_changelist") + "?status__exact=suggested"
    return Section(count=waiting.count(), url=url, rows=rows)


def _failing_feeds() -> Section:
    failing = Feed.objects.filter(failing_feeds_q())
    rows = list(failing.only("id", "url", "title", "last_polled_at", "last_error",
                             "consecutive_failures")
                .order_by("-consecutive_failures", "url")[:NEWEST])
    url = reverse("admin:claims_feed_changelist") + "?health=failing"
    return Section(count=failing.count(), url=url, rows=rows)

