"""Quotes' speaker keys, from their registry speakers as stored (the key itself is the pure
`claims.grouping.speaker_key`)."""
from collections import defaultdict

from django.db.models import Q

from claims.grouping.speaker_keys import (
    lone_surname,
    name_behind_words,
    speaker_key,
    surname_named_in_full,
)
from claims.models import Article, Quote, Speaker


def speaker_ids_for_quotes(quotes) -> dict[int, list[int]]:
    """Each quote's registry speakers, in id order: those stored, each taken as the registry
    person whose full name it holds behind words in front ("Telling Jeb Bush" is Jeb Bush:
    `name_behind_words`); for a quote with none whose resolved name is a surname alone
    ("Obama"), the one registry person of that surname its article names in full ("US
    President Barack Obama"; `surname_named_in_full`). So such quotes are grouped with that
    person's claims. A fixed number of queries for any number of quotes (one more when a
    speaker's name has three words or more, two when a quote has a surname alone)."""
    ids = defaultdict(list)
    names = {}
    for quote_id, speaker_id, name in Quote.speakers.through.objects.filter(
        quote_id__in=[q.pk for q in quotes]
    ).order_by("speaker_id").values_list("quote_id", "speaker_id", "speaker__name"):
        ids[quote_id].append(speaker_id)
        names[speaker_id] = name
    behind = _names_behind_words(names)
    if behind:
        ids = defaultdict(list, {
            q: sorted({behind.get(i, i) for i in found}) for q, found in ids.items()})
    alone = {q.pk: (q, lone_surname(q.speaker_name)) for q in quotes if q.pk not in ids}
    alone = {pk: (q, s) for pk, (q, s) in alone.items() if s}
    if alone:
        for pk, speaker_id in _surnames_resolved(alone.values()).items():
            ids[pk].append(speaker_id)
    return ids


def _names_behind_words(names: dict[int, str]) -> dict[int, int]:
    """Registry id -> the registry person its name is with words in front, where there is
    one (the verified one of that name first, then the oldest)."""
    tails = {" ".join(n.split()[i:]) for n in names.values() for i in range(1, len(n.split()) - 1)}
    if not tails:
        return {}
    known = {}
    for pk, name in (Speaker.objects.filter(name__in=tails)
                     .order_by("verified", "-pk").values_list("pk", "name")):
        known[name] = pk
    out = {}
    for pk, name in names.items():
        found = name_behind_words(name, known)
        if found is not None and known[found] != pk:
            out[pk] = known[found]
    return out


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
