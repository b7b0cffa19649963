"""The wordings a claim is known by, and their LSH bands (claims.grouping.minhash), kept
together: every place that gives a claim a wording goes through `wordings_add`."""
from collections.abc import Iterable

from django.db import connection

from claims.grouping.minhash import bands
from claims.models import ClaimWording, ClaimWordingBand
from claims.services.bulk_sql import rows_insert, rows_insert_new


def wordings_add(items: Iterable[tuple[int, str, str]]) -> None:
    """Give claims these wordings, (claim id, speaker key, normalised text), with their bands;
    ones a claim has already are left as they are. Two queries for any number on PostgreSQL,
    four elsewhere."""
    wanted = {(claim_id, text): key for claim_id, key, text in items if text}
    if not wanted:
        return
    if connection.vendor == "postgresql":
        # The rows inserted come back; a wording already there has its bands (they are only
        # ever written together, here), so only the new ones get bands.
        _bands_create(rows_insert_new(
            ClaimWording, ["claim", "speaker_key", "normalized"],
            [(c, k, t) for (c, t), k in wanted.items()], ["id", "speaker_key", "normalized"]))
        return
    ClaimWording.objects.bulk_create(
        [ClaimWording(claim_id=c, speaker_key=k, normalized=t) for (c, t), k in wanted.items()],
        ignore_conflicts=True)
    rows = {(c, t): (pk, k) for pk, c, t, k in ClaimWording.objects.filter(
        claim_id__in={c for c, _ in wanted}, normalized__in={t for _, t in wanted}
    ).values_list("pk", "claim_id", "normalized", "speaker_key")}
    ids = [pk for (pk, _) in rows.values()]
    banded = set(ClaimWordingBand.objects.filter(wording_id__in=ids)
                 .values_list("wording_id", flat=True).distinct())
    _bands_create([(pk, key, text) for (_, text), (pk, key) in rows.items()
                   if pk not in banded])


def wordings_rekey(*, claim_id: int, speaker_key: str) -> None:
    """The claim's speakers changed: its wordings move to the new key, with new bands."""
    wordings = list(ClaimWording.objects.filter(claim_id=claim_id).values_list("pk", "normalized"))
    ClaimWording.objects.filter(claim_id=claim_id).update(speaker_key=speaker_key)
    ClaimWordingBand.objects.filter(wording_id__in=[pk for pk, _ in wordings]).delete()
    _bands_create([(pk, speaker_key, text) for pk, text in wordings])


def _bands_create(rows: list[tuple[int, str, str]]) -> None:
    # 48 bands a wording: thousands of rows a batch, inserted without a model instance each.
    made = []
    for pk, key, text in rows:
        own, anyone = bands(text, key)
        made += [(pk, b) for b in dict.fromkeys(own + anyone)]
    rows_insert(ClaimWordingBand, ["wording", "band"], made)
