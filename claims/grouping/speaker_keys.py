"""Who speaks, as a comparable string: grouping compares statements of one speaker key."""
import re

from claims.grouping.normalise import normalise


def speaker_key(speaker_ids, speaker_name: str = "") -> str:
    """Who speaks, as a comparable string: registry ids in order ("12-40"), else the resolved
    name the extractor gave ("n:donald trump"), else "" (unknown: such a quote is grouped with
    nothing)."""
    ids = sorted(set(speaker_ids))
    if ids:
        return "-".join(map(str, ids))
    name = normalise(speaker_name)
    return f"n:{name}" if name else ""


def lone_surname(name: str) -> str:
    """The word a resolved name consists of when it is one capitalised word ("Obama",
    "LeVell"), normalised; else "" (a full name, a description, a lower-case group)."""
    words = name.split()
    if len(words) != 1 or not words[0][:1].isupper():
        return ""
    return normalise(words[0])


def surname_named_in_full(surname: str, namesakes: dict[int, str], text: str) -> int | None:
    """Of `namesakes` (registry id -> full name), the one whose last word is `surname` and
    whose full name `text` (the quote's article) gives as whole words; None when the article
    names none of them in full, or two (Hillary and Bill Clinton, Donald and Ivanka Trump: the
    extractor's choice between them is not second-guessed here)."""
    named = {
        pk for pk, full in namesakes.items()
        if len(full.split()) > 1 and normalise(full).split()[-1] == surname
        and re.search(rf"(?<![\w-]){re.escape(full)}(?![\w-])", text)
    }
    return next(iter(named)) if len(named) == 1 else None
