"""Who speaks, as a comparable string: grouping compares statements of one speaker key."""
import re
from functools import lru_cache

from claims.extraction.lexicon import word_list, word_pairs
from claims.grouping.normalise import normalise


def a_persons_name(name: str) -> bool:
    """No word of `name` is one of organisations and places (the extractor's
    `org_words.txt`: "Times", "Committee", "Democrats", "Commission"): both rules below are
    about people's names."""
    org_words = word_list("org_words")
    return not any(normalise(w) in org_words for w in name.split())


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    """Common given names, lower case (the extractor's list, both genders)."""
    return frozenset(word_pairs("first_names"))


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
    whose full name `text` (the quote's article) gives as whole words and is a person's (no
    organisation word: "Times" is not "The New York Times" here); None when the article
    names none of them in full, or two (Hillary and Bill Clinton, Donald and Ivanka Trump: the
    extractor's choice between them is not second-guessed here)."""
    named = {
        pk for pk, full in namesakes.items()
        if len(full.split()) > 1 and normalise(full).split()[-1] == surname
        and a_persons_name(full)
        and re.search(rf"(?<![\w-]){re.escape(full)}(?![\w-])", text)
    }
    return next(iter(named)) if len(named) == 1 else None


def name_behind_words(name: str, known) -> str | None:
    """The full name of `known` (two words or more) that `name` ends with after words in
    front ("Telling Jeb Bush", a sentence's first word glued to the name; "FBI Director James
    Comey"), the longest; None when a word in front is a given name ("Mary Jo White" is not
    "Jo White", "George W. Bush" not "W. Bush"), when that name is an organisation's ("New York
    Daily News" is not cut to "Daily News"), or none is known."""
    words = name.split()
    for i in range(1, len(words) - 1):
        rest = " ".join(words[i:])
        if rest in known and a_persons_name(rest):
            given = given_names()
            if any(w.lower().strip(".") in given for w in words[:i]):
                return None
            return rest
    return None
