"""Quotes' speaker keys, from their registry speakers as stored (the key itself is the pure
`claims.grouping.speaker_key`)."""
from collections import defaultdict

from django.db.models import Q

from claims.grouping.speaker_keys import lone_surname, speaker_key, surname_named_in_full
from claims.models import Article, Quote, Speaker


def speaker_ids_for_quotes(quotes) -> dict[int, list[int]]:
    """Each quote's registry speakers, in id order: those stored, else, for a quote whose
    resolved name is a surname alone ("Obama"), the one registry person of that surname its
    article names in full ("US President Barack Obama"; `surname_named_in_full`), so that it
    is grouped with that person's claims. A fixed number of queries for any number of quotes
    (two more when some have a surname alone)."""
    ids = defaultdict(list)
    for quote_id, speaker_id in Quote.speakers.through.objects.filter(
        quote_id__in=[q.pk for q in quotes]
    ).order_by("speaker_id").values_list("quote_id", "speaker_id"):
        ids[quote_id].append(speaker_id)
    alone = {q.pk: (q, lone_surname(q.speaker_name)) for q in quotes if q.pk not in ids}
    alone = {pk: (q, s) for pk, (q, s) in alone.items() if s}
    if alone:
        for pk, speaker_id in _surnames_resolved(alone.values()).items():
            ids[pk].append(speaker_id)
    return ids


def _surnames_resolved(quotes_and_surnames) -> dict[int, int]:
    """Quote id -> the registry person its surname alone names in its article."""
    pending = list(quotes_and_surnames)
    written = {q.speaker_name.strip() for q, _ in pending}
    condition = Q()
    for word in written:
        condition |= Q(name__iendswith=f" {word}")
    namesakes = dict(Speaker.objects.filter(condition).values_list("pk", "name"))
    bodies = dict(Article.objects.filter(pk__in={q.article_id for q, _ in pending})
                  .values_list("pk", "body"))
    found = {}
    for q, surname in pending:
        chosen = surname_named_in_full(surname, namesakes, bodies.get(q.article_id, ""))
        if chosen is not None:
            found[q.pk] = chosen
    return found


def speaker_key_for_quotes(quotes, speaker_ids=None) -> dict[int, str]:
    """Each quote's speaker key; a fixed number of queries for any number of quotes."""
    ids = speaker_ids if speaker_ids is not None else speaker_ids_for_quotes(quotes)
    return {q.pk: speaker_key(ids.get(q.pk, ()), q.speaker_name) for q in quotes}
