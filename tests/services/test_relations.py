"""Suggested relations: decided by analysts, and a rejection is final."""
import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from claims.models import ClaimRelation
from claims.services import relations as svc
from tests.services.conftest import reported

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair(putin, bolton):
    return (reported(putin, "no military alliance with China exists"),
            reported(bolton, "such an axis could pose a real problem for the West"))


def suggest(a, b, kind="denies"):
    return svc.relations_suggest(specs=[svc.RelationSpec(a.claim_id, b.claim_id, kind,
                                                         {"rule": "test"}, [a.pk])])


def test_a_rejected_suggestion_is_never_suggested_again(pair, analyst):
    a, b = pair
    assert suggest(a, b) == 1
    relation = ClaimRelation.objects.get()
    svc.relation_reject(relation_id=relation.pk, user=analyst)
    assert suggest(a, b) == 0
    relation.refresh_from_db()
    assert relation.status == "rejected" and relation.decided_by == analyst
    assert relation.decided_at is not None
    assert relation.history.latest().history_user == analyst


def test_contradicts_is_one_row_whichever_way_it_is_suggested(pair):
    a, b = pair
    suggest(a, b, "contradicts")
    assert suggest(b, a, "contradicts") == 0
    assert ClaimRelation.objects.count() == 1


def test_confirming_records_who_and_when(pair, analyst):
    a, b = pair
    suggest(a, b)
    relation = svc.relation_confirm(relation_id=ClaimRelation.objects.get().pk, user=analyst)
    assert (relation.status, relation.decided_by) == ("confirmed", analyst)


@pytest.mark.parametrize("role", ["editor", "viewer", "outsider"])
def test_only_analysts_decide(request, pair, role):
    a, b = pair
    suggest(a, b)
    with pytest.raises(PermissionDenied):
        svc.relation_confirm(relation_id=ClaimRelation.objects.get().pk,
                             user=request.getfixturevalue(role))
    assert ClaimRelation.objects.get().status == "suggested"


def test_a_relation_to_itself_or_a_duplicate_is_refused(pair, analyst):
    a, b = pair
    with pytest.raises(ValidationError, match="itself"):
        svc.relation_create(from_claim_id=a.claim_id, to_claim_id=a.claim_id, type="denies",
                            user=analyst)
    svc.relation_create(from_claim_id=a.claim_id, to_claim_id=b.claim_id, type="denies",
                        user=analyst)
    with pytest.raises(ValidationError, match="already"):
        svc.relation_create(from_claim_id=a.claim_id, to_claim_id=b.claim_id, type="denies",
                            user=analyst)
    assert ClaimRelation.objects.count() == 1
