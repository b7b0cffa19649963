"""claim_create_from_quote, claim_edit, claim_merge, claim_split, quote_move: analysts'
decisions, kept by regrouping and re-extraction, refused cleanly when wrong."""
import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from claims.models import Claim, ClaimRelation, Quote, Topic
from claims.services import claims as svc
from claims.services import quotes as quote_svc
from claims.services.regrouping import claims_regroup
from claims.services.relations import RelationSpec, relations_suggest
from tests.services.conftest import reported

pytestmark = pytest.mark.django_db

ALLIANCE = "Moscow is not forming a military alliance with China"
EXERCISES = "Moscow conducts joint military exercises with Beijing"


@pytest.mark.parametrize("role", ["editor", "viewer", "outsider"])
def test_only_analysts_change_claims(request, role, putin):
    user = request.getfixturevalue(role)
    q = reported(putin, ALLIANCE)
    other = reported(putin, EXERCISES)
    for call in (lambda: svc.claim_create_from_quote(quote_id=q.pk, user=user),
                 lambda: svc.claim_edit(claim_id=q.claim_id, user=user, text="x"),
                 lambda: svc.claim_merge(source_id=q.claim_id, target_id=other.claim_id,
                                         user=user),
                 lambda: svc.quote_move(quote_id=q.pk, claim_id=other.claim_id, user=user)):
        with pytest.raises(PermissionDenied):
            call()
    assert Claim.objects.count() == 2


def test_a_claim_from_a_quote_takes_its_wording_speakers_and_dates(putin, analyst):
    q = reported(putin, ALLIANCE, day=7)
    claim = svc.claim_create_from_quote(quote_id=q.pk, user=analyst)
    assert claim.text == ALLIANCE and list(claim.speakers.all()) == [putin]
    assert claim.created_by == analyst and claim.first_seen.day == 7
    assert claim.history.latest().history_user == analyst
    q.refresh_from_db()
    assert q.claim == claim and q.claim_pinned


def test_an_analysts_wording_and_topics_are_kept(putin, analyst):
    q = reported(putin, ALLIANCE)
    topic = Topic.objects.create(name="Russia–China relations", slug="russia-china-relations")
    claim = svc.claim_edit(claim_id=q.claim_id, user=analyst, text="No Russia-China alliance",
                           topic_ids=[topic.pk])
    assert claim.wording_by_analyst and list(claim.topics.all()) == [topic]
    # A fuller report joining later does not rewrite the analyst's wording.
    reported(putin, ALLIANCE + " or anyone else")
    claim.refresh_from_db()
    assert claim.text == "No Russia-China alliance"


def test_merging_moves_quotes_and_relations_without_duplicates_or_self_links(putin, bolton,
                                                                           analyst):
    a, b = reported(putin, ALLIANCE), reported(putin, EXERCISES)
    axis = reported(bolton, "such an axis could pose a real problem for the West")
    relations_suggest(specs=[
        RelationSpec(a.claim_id, axis.claim_id, "denies", {"rule": "t"}, [a.pk]),
        RelationSpec(b.claim_id, axis.claim_id, "denies", {"rule": "t"}, [b.pk]),
        RelationSpec(b.claim_id, a.claim_id, "responds_to", {"rule": "t"}, [b.pk]),
    ])
    merged = svc.claim_merge(source_id=b.claim_id, target_id=a.claim_id, user=analyst)
    assert not Claim.objects.filter(pk=b.claim_id).exists()
    assert set(merged.quotes.values_list("pk", flat=True)) == {a.pk, b.pk}
    assert merged.appearance_count == 2
    relations = list(ClaimRelation.objects.all())
    assert [(r.from_claim_id, r.to_claim_id, r.type) for r in relations] == [
        (a.claim_id, axis.claim_id, "denies")]
    assert set(relations[0].quotes.values_list("pk", flat=True)) == {a.pk, b.pk}


def test_merging_a_claim_into_itself_is_refused(putin, analyst):
    q = reported(putin, ALLIANCE)
    with pytest.raises(ValidationError, match="into itself"):
        svc.claim_merge(source_id=q.claim_id, target_id=q.claim_id, user=analyst)


def test_a_split_and_a_merge_survive_regrouping(putin, analyst):
    one = reported(putin, ALLIANCE, outlet="AP")
    two = reported(putin, ALLIANCE + " at all", outlet="BBC")
    other = reported(putin, EXERCISES)
    assert one.claim_id == two.claim_id
    split = svc.claim_split(claim_id=one.claim_id, quote_ids=[two.pk], user=analyst)
    svc.claim_merge(source_id=other.claim_id, target_id=split.pk, user=analyst)
    claims_regroup()
    placed = dict(Quote.objects.values_list("pk", "claim_id"))
    assert placed[two.pk] == placed[other.pk] == split.pk
    assert placed[one.pk] != split.pk


def test_moving_a_rejected_quote_is_refused_and_changes_nothing(putin, analyst):
    q, target = reported(putin, ALLIANCE), reported(putin, EXERCISES)
    quote_svc.quote_reject(quote_id=q.pk, user=analyst)
    with pytest.raises(ValidationError, match="rejected"):
        svc.quote_move(quote_id=q.pk, claim_id=target.claim_id, user=analyst)
    q.refresh_from_db()
    assert q.claim is None


def test_moving_a_deleted_quote_is_a_clear_error(putin, analyst):
    target = reported(putin, EXERCISES)
    with pytest.raises(ValidationError, match="deleted or never existed"):
        svc.quote_move(quote_id=987654, claim_id=target.claim_id, user=analyst)


def test_a_moved_quote_is_pinned_and_recounted(putin, analyst):
    q, target = reported(putin, ALLIANCE), reported(putin, EXERCISES)
    old = q.claim_id
    svc.quote_move(quote_id=q.pk, claim_id=target.claim_id, user=analyst)
    q.refresh_from_db()
    assert q.claim_id == target.claim_id and q.claim_pinned
    assert Claim.objects.get(pk=target.claim_id).appearance_count == 2
    assert not Claim.objects.filter(pk=old).exists()
