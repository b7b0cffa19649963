"""quote_confirm, quote_reject, quote_edit and the bulk forms: who may, what they record."""
import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from claims.models import Quote
from claims.services import quotes as svc
from tests.services.conftest import article, quote, reported

pytestmark = pytest.mark.django_db

BODY = "Putin said Moscow is not forming a military alliance with China. He added more."


@pytest.fixture
def q(putin):
    return quote(article(BODY), "Moscow is not forming a military alliance with China", putin)


@pytest.mark.parametrize("role, allowed", [
    ("analyst", True), ("editor", False), ("viewer", False), ("outsider", False), (None, False),
])
@pytest.mark.parametrize("action", ["confirm", "reject", "edit", "bulk_confirm", "bulk_reject"])
def test_only_analysts_review_quotes(request, q, role, allowed, action):
    user = request.getfixturevalue(role) if role else None
    calls = {
        "confirm": lambda: svc.quote_confirm(quote_id=q.pk, user=user),
        "reject": lambda: svc.quote_reject(quote_id=q.pk, user=user),
        "edit": lambda: svc.quote_edit(quote_id=q.pk, user=user, kind="direct"),
        "bulk_confirm": lambda: svc.quotes_confirm(quote_ids=[q.pk], user=user),
        "bulk_reject": lambda: svc.quotes_reject(quote_ids=[q.pk], user=user),
    }
    if allowed:
        calls[action]()
        q.refresh_from_db()
        assert q.review_status != Quote.Review.EXTRACTED
        assert q.reviewed_by == user and q.reviewed_at is not None
    else:
        with pytest.raises(PermissionDenied, match="review_quote|Sign in"):
            calls[action]()
        q.refresh_from_db()
        assert q.review_status == Quote.Review.EXTRACTED and q.reviewed_by is None


def test_confirming_leaves_a_history_record_naming_the_analyst(q, analyst):
    svc.quote_confirm(quote_id=q.pk, user=analyst)
    record = q.history.latest()
    assert record.review_status == "confirmed"
    assert record.history_user == analyst


def test_rejecting_takes_the_quote_out_of_its_claim(q, analyst):
    claim = q.claim
    assert claim is not None
    svc.quote_reject(quote_id=q.pk, user=analyst)
    q.refresh_from_db()
    assert q.claim is None and q.review_status == Quote.Review.REJECTED
    # Its claim held nothing else and no analyst worked on it: it is gone.
    assert not type(claim).objects.filter(pk=claim.pk).exists()


@pytest.mark.parametrize("again", ["confirm", "bulk_confirm", "edit"])
def test_a_rejected_quote_confirmed_after_all_is_in_a_claim_again(q, analyst, again):
    svc.quote_reject(quote_id=q.pk, user=analyst)
    {"confirm": lambda: svc.quote_confirm(quote_id=q.pk, user=analyst),
     "bulk_confirm": lambda: svc.quotes_confirm(quote_ids=[q.pk], user=analyst),
     "edit": lambda: svc.quote_edit(quote_id=q.pk, user=analyst, kind="direct")}[again]()
    q.refresh_from_db()
    assert q.review_status in {Quote.Review.CONFIRMED, Quote.Review.EDITED}
    assert q.claim is not None
    assert q.claim.appearance_count == 1
    assert list(q.claim.speakers.all()) == [q.speakers.get()]


def test_editing_the_span_takes_the_text_from_the_body(q, analyst):
    start = BODY.index("not forming")
    edited = svc.quote_edit(quote_id=q.pk, user=analyst, start=start, end=q.end)
    assert edited.text == "not forming a military alliance with China"
    assert edited.review_status == Quote.Review.EDITED
    assert edited.history.latest().history_user == analyst


@pytest.mark.parametrize("start, end", [(-1, 5), (10, 5000), (7, 7)])
def test_offsets_outside_the_body_are_refused_and_nothing_changes(q, analyst, start, end):
    with pytest.raises(ValidationError, match="outside the article body"):
        svc.quote_edit(quote_id=q.pk, user=analyst, start=start, end=end, kind="direct")
    q.refresh_from_db()
    assert q.kind == Quote.Kind.INDIRECT and q.review_status == Quote.Review.EXTRACTED


def test_changing_the_speaker_regroups_the_quote_under_that_speaker(q, analyst, bolton):
    before = q.claim
    edited = svc.quote_edit(quote_id=q.pk, user=analyst, speaker_ids=[bolton.pk])
    assert edited.speaker_name == "John Bolton"
    assert list(edited.claim.speakers.all()) == [bolton]
    assert edited.claim_id != before.pk


def test_bulk_confirm_and_reject_cost_the_same_queries_for_two_or_twenty(
        putin, analyst, django_assert_max_num_queries):
    # 22 statements with no word in common: 22 claims, each emptied by its rejection.
    words = [f"{a}{b}{c}" for a in "bdfgk" for b in "aeiou" for c in ("rn", "lt", "sk")]
    quotes = [reported(putin, " ".join(words[3 * i:3 * i + 3])) for i in range(22)]
    ids = [q.pk for q in quotes]
    analyst.has_perm("claims.review_quote")  # the permission cache, outside the count
    with django_assert_max_num_queries(12) as two:
        svc.quotes_confirm(quote_ids=ids[:2], user=analyst)
    with django_assert_max_num_queries(12) as twenty:
        svc.quotes_confirm(quote_ids=ids[2:], user=analyst)
    assert len(two.captured_queries) == len(twenty.captured_queries)
    # Rejecting also recounts the claims and deletes those left empty (their cascade).
    with django_assert_max_num_queries(40) as rejected_two:
        svc.quotes_reject(quote_ids=ids[:2], user=analyst)
    with django_assert_max_num_queries(40) as rejected_twenty:
        svc.quotes_reject(quote_ids=ids[2:], user=analyst)
    assert len(rejected_two.captured_queries) == len(rejected_twenty.captured_queries)
    assert Quote.objects.filter(review_status="rejected").count() == 22
    # Confirmed after all, they are grouped again: 21 queries for two, 23 for twenty (the
    # grouping's queries do not grow with the number of quotes).
    with django_assert_max_num_queries(25):
        svc.quotes_confirm(quote_ids=ids[:2], user=analyst)
    with django_assert_max_num_queries(25):
        svc.quotes_confirm(quote_ids=ids[2:], user=analyst)
    assert not Quote.objects.filter(claim__isnull=True).exists()


def test_an_unknown_quote_is_a_clear_error(analyst):
    with pytest.raises(ValidationError, match="No quote #999999"):
        svc.quotes_confirm(quote_ids=[999999], user=analyst)
