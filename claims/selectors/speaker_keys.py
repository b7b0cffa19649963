"""Quotes' speaker keys, from their registry speakers as stored (the key itself is the pure
`claims.grouping.speaker_key`)."""
from collections import defaultdict

from claims.grouping.speaker_keys import speaker_key
from claims.models import Quote


def speaker_ids_for_quotes(quotes) -> dict[int, list[int]]:
    """Each quote's registry speakers, in id order; one query for any number of quotes."""
    ids = defaultdict(list)
    for quote_id, speaker_id in Quote.speakers.through.objects.filter(
        quote_id__in=[q.pk for q in quotes]
    ).order_by("speaker_id").values_list("quote_id", "speaker_id"):
        ids[quote_id].append(speaker_id)
    return ids


def speaker_key_for_quotes(quotes, speaker_ids=None) -> dict[int, str]:
    """Each quote's speaker key; one query for any number of quotes."""
    ids = speaker_ids if speaker_ids is not None else speaker_ids_for_quotes(quotes)
    return {q.pk: speaker_key(ids.get(q.pk, ()), q.speaker_name) for q in quotes}
