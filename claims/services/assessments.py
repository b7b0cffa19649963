"""Fact-checks of claims (exported as schema.org ClaimReview): the reviewer is who asks."""
from django.core.exceptions import ValidationError
from django.db import transaction

from claims.models import Claim, ClaimAssessment
from claims.services.access import require, with_history_user
from claims.services.refusals import Conflict, Missing


def _validate(rating, unverifiable: bool, rationale: str) -> None:
    if rating is None and not unverifiable:
        # Through the API only a change can meet this (a new one is checked first): the
        # stored assessment has no rating left and is not unverifiable.
        raise Conflict({"rating": "Give a rating from 1 to 5, or mark it unverifiable."})
    if rating is not None and rating not in ClaimAssessment.Rating.values:
        raise ValidationError({"rating": "The rating is 1 (false) to 5 (true)."})
    if not rationale.strip():
        raise ValidationError({"rationale": "Say why."})


def assessment_create(*, claim_id: int, user, rationale: str, rating: int | None = None,
                      unverifiable: bool = False, url: str = "") -> ClaimAssessment:
    require(user, "claims.add_claimassessment", "assess claims")
    _validate(rating, unverifiable, rationale)
    if not Claim.objects.filter(pk=claim_id).exists():
        raise Missing({"claim": f"No claim #{claim_id}."})
    assessment = ClaimAssessment(claim_id=claim_id, rating=rating, unverifiable=unverifiable,
                                 rationale=rationale.strip(), url=url, reviewer=user)
    with transaction.atomic():
        with_history_user(assessment, user).save()
    return assessment


def assessment_update(*, assessment_id: int, user, **changes) -> ClaimAssessment:
    require(user, "claims.change_claimassessment", "edit assessments")
    with transaction.atomic():
        assessment = ClaimAssessment.objects.select_for_update().get(pk=assessment_id)
        for field in ("rating", "unverifiable", "rationale", "url"):
            if field in changes:
                setattr(assessment, field, changes[field])
        _validate(assessment.rating, assessment.unverifiable, assessment.rationale)
        assessment.reviewer = user
        with_history_user(assessment, user).save()
    return assessment
