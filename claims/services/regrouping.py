"""Replaying the grouping over what is stored (after a threshold change), keeping every
analyst decision: quotes an analyst placed stay where they are, claims an analyst made, worded,
assessed or decided a relation or merge of are kept; everything else is grouped again, oldest
article first, as if the quotes were arriving now."""
from collections.abc import Callable

from django.db import transaction
from django.db.models.functions import Coalesce

from claims.grouping import normalise, statement
from claims.models import Claim, ClaimWording, Quote
from claims.services.claim_stats import analyst_decided, claims_refresh
from claims.services.grouping import quotes_group
from claims.services.wordings import wordings_add


def claims_regroup(*, batch_size: int = 500,
                   progress: Callable[[int], None] | None = None) -> dict:
    """Returns {"quotes": regrouped, "claims_before": n, "claims_after": m}."""
    before = Claim.objects.count()
    with transaction.atomic():
        kept = set(Claim.objects.filter(analyst_decided()).values_list("pk", flat=True))
        Claim.objects.exclude(pk__in=kept).delete()  # their quotes' claim becomes NULL
        Quote.objects.filter(claim_id__in=kept, claim_pinned=False).update(claim=None)
        # A kept claim is known by its own wording and those of the quotes placed in it.
        ClaimWording.objects.filter(claim_id__in=kept).delete()
        rows = [(claim.pk, claim.speaker_key, normalise(claim.text)) for claim in
                Claim.objects.filter(pk__in=kept).only("id", "text", "speaker_key")]
        rows += [(claim_id, key, statement(text, cue)) for claim_id, key, text, cue in
                 Quote.objects.filter(claim_id__in=kept).values_list(
                     "claim_id", "claim__speaker_key", "text", "cue")]
        wordings_add(rows)
        claims_refresh(claim_ids=kept)
    ids = list(Quote.objects.filter(claim=None).exclude(review_status=Quote.Review.REJECTED)
               .annotate(seen=Coalesce("article__published_at", "article__created_at"))
               .order_by("seen", "article_id", "start").values_list("pk", flat=True))
    for i in range(0, len(ids), batch_size):
        # One transaction per batch: a crash half way leaves whole batches, and a rerun
        # regroups what is left without duplicating a claim.
        quotes_group(quote_ids=ids[i:i + batch_size])
        if progress:
            progress(len(ids[i:i + batch_size]))
    return {"quotes": len(ids), "claims_before": before, "claims_after": Claim.objects.count()}
