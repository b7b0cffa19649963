"""Words and names that say one thing (`data/content_synonyms.txt`): "pact" and "deal", "the
Islamic State" and "ISIS", "Trans-Pacific Partnership" and "TPP", "Mexican" and "Mexico".

Two reports of one claim often name its subject differently ("Obama was the founder of ISIS" /
"the real founder of the Islamic State militant group is President Barack Obama"), so their
content words barely overlap and the content look-up neither finds nor offers the pair. Each
form is read as its group's key before content words are compared (`content.content_match`)
and each key is looked up under all its forms (`selectors.content`). Used wherever
`content_match` decides: the "same claim?" offers by content words, and whether two opposed
statements state one proposition (`positions.may_be_a_changed_position`, the changed
positions found by content words); a claim is joined on close wording, never on a synonym.
"""
from __future__ import annotations

from functools import lru_cache

from claims.grouping.lexicon import _lines


@lru_cache(maxsize=1)
def _groups() -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(f.strip() for f in line.split("|") if f.strip())
                 for line in _lines("content_synonyms.txt"))


@lru_cache(maxsize=1)
def _tables():
    """(one-word form -> key, [(phrase words, key)] longest first, key -> its forms)."""
    words: dict[str, str] = {}
    phrases: list[tuple[tuple[str, ...], str]] = []
    forms: dict[str, tuple[str, ...]] = {}
    for group in _groups():
        key = group[0]
        forms[key] = group
        for form in group:
            parts = tuple(form.split())
            if len(parts) > 1:
                phrases.append((parts, key))
            else:
                # The form and its plural (a possessive, normalised, reads alike: "russias"),
                # not every word of its stem: "according" stems to "accord" and is no deal.
                words[form] = key
                for plural in (form + "s", form + "es"):
                    words.setdefault(plural, key)
    phrases.sort(key=lambda p: -len(p[0]))
    return words, phrases, forms


@lru_cache(maxsize=65536)
def canonical(normalised: str) -> str:
    """A normalised statement with each form read as its group's key: "the real founder of
    the islamic state" gives "the real founder of the isis"; "a trade pacts" "a trade deal"."""
    words, phrases, _ = _tables()
    tokens = normalised.split()
    out: list[str] = []
    i = 0
    while i < len(tokens):
        for parts, key in phrases:
            if tuple(tokens[i:i + len(parts)]) == parts:
                out.append(key)
                i += len(parts)
                break
        else:
            token = tokens[i]
            out.append(words.get(token, token))
            i += 1
    return " ".join(out)


def forms(key: str) -> tuple[str, ...]:
    """Every form a key stands for, itself first ("isis": "isis", "isil", "islamic state",
    "daesh"); a word no group holds is its only form."""
    return _tables()[2].get(key, (key,))
