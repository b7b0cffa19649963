"""Word lists kept as data (``data/*.txt``): cue verbs with their inflected forms, role
nominals and title words.  Inflections are generated here so spaCy's lemmatizer need not run.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from pathlib import Path

__all__ = [
    "CueLexicon",
    "cue_lexicon",
    "first_name_genders",
    "role_nouns",
    "title_words",
    "word_list",
    "word_pairs",
]

_DATA = Path(__file__).parent / "data"
_VOWELS = set("aeiou")


def _lines(name: str) -> list[str]:
    out = []
    for raw in (_DATA / name).read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if line:
            out.append(line)
    return out


def inflect(lemma: str) -> set[str]:
    """Return plausible inflected forms of a regular English verb (over-generating is harmless:
    a form only counts when spaCy tags the token as a verb)."""
    forms = {lemma}
    # third person singular
    if lemma.endswith(("s", "sh", "ch", "x", "z", "o")):
        forms.add(lemma + "es")
    elif lemma.endswith("y") and lemma[-2:-1] not in _VOWELS:
        forms.add(lemma[:-1] + "ies")
    else:
        forms.add(lemma + "s")
    # past and participle
    if lemma.endswith("e"):
        forms.add(lemma + "d")
    elif lemma.endswith("y") and lemma[-2:-1] not in _VOWELS:
        forms.add(lemma[:-1] + "ied")
    else:
        forms.add(lemma + "ed")
    # -ing
    if lemma.endswith("ie"):
        forms.add(lemma[:-2] + "ying")
    elif lemma.endswith("e") and not lemma.endswith(("ee", "ye", "oe")):
        forms.add(lemma[:-1] + "ing")
    else:
        forms.add(lemma + "ing")
    # consonant doubling (admit -> admitted, quip -> quipped); extra forms do no harm
    if len(lemma) >= 3 and lemma[-1] not in _VOWELS | {"w", "x", "y"} and lemma[-2] in _VOWELS:
        forms.add(lemma + lemma[-1] + "ed")
        forms.add(lemma + lemma[-1] + "ing")
    return forms


class CueLexicon:
    """Cue-verb forms: ``lemma_of`` maps a lower-case form to its lemma; ``object_verbs``,
    ``xcomp_verbs``, ``obj_xcomp_verbs`` and ``prep_verbs`` say which lemmas take the statement
    as a direct object, an infinitive, an object plus infinitive, or a prepositional object;
    ``no_clause_verbs`` are those whose "that" clause is not a statement ("hoped that");
    ``person_object_verbs`` take a person as the whole statement ("endorsed Clinton");
    ``evidence_verbs`` take their object as the statement when their subject names a
    document or data ("a poll showed a narrow gap");
    ``pattern`` finds candidate forms in raw text cheaply, before any parsing."""

    def __init__(self, lines: list[str]):
        self.lemma_of: dict[str, str] = {}
        self.object_verbs: set[str] = set()
        self.xcomp_verbs: set[str] = set()
        self.obj_xcomp_verbs: set[str] = set()
        self.prep_verbs: dict[str, set[str]] = {}
        self.no_clause_verbs: set[str] = set()
        self.person_object_verbs: set[str] = set()
        self.evidence_verbs: set[str] = set()
        for line in lines:
            flags = [w for w in line.split() if w.startswith("+")]
            line = " ".join(w for w in line.split() if not w.startswith("+"))
            takes_obj = "+obj" in flags
            lemma_guess = line.split(":")[0].strip()
            if "+who" in flags:
                self.person_object_verbs.add(lemma_guess)
            if "+evidence" in flags:
                self.evidence_verbs.add(lemma_guess)
            if "+noclause" in flags:
                self.no_clause_verbs.add(lemma_guess)
            if "+to" in flags:
                self.xcomp_verbs.add(lemma_guess)
            if "+objto" in flags:
                self.obj_xcomp_verbs.add(lemma_guess)
            for f in flags:
                if f.startswith("+prep="):
                    self.prep_verbs.setdefault(lemma_guess, set()).update(f[6:].split(","))
            if ":" in line:
                lemma, rest = line.split(":", 1)
                lemma = lemma.strip()
                forms = {lemma, *rest.split()}
            else:
                lemma = line
                forms = inflect(lemma)
            for f in forms:
                self.lemma_of.setdefault(f.lower(), lemma)
            if takes_obj:
                self.object_verbs.add(lemma)
        alternatives = "|".join(sorted(map(re.escape, self.lemma_of), key=len, reverse=True))
        self.pattern = re.compile(rf"\b(?:{alternatives})\b|\baccording to\b", re.IGNORECASE)

    def lemma(self, word: str) -> str | None:
        return self.lemma_of.get(word.lower())


@lru_cache(maxsize=1)
def cue_lexicon() -> CueLexicon:
    return CueLexicon(_lines("cue_verbs.txt"))


@cache
def word_list(name: str) -> frozenset[str]:
    """The lower-case words of ``data/<name>.txt``, one a line."""
    return frozenset(w.lower() for w in _lines(name + ".txt"))


@cache
def word_pairs(name: str) -> dict[str, str]:
    """``data/<name>.txt`` as a mapping: "word value" a line."""
    return dict(line.lower().split(None, 1) for line in _lines(name + ".txt"))


@lru_cache(maxsize=1)
def role_nouns() -> frozenset[str]:
    return frozenset(w.lower() for w in _lines("role_nouns.txt"))


@lru_cache(maxsize=1)
def title_words() -> frozenset[str]:
    return frozenset(w.lower() for w in _lines("titles.txt"))


@lru_cache(maxsize=1)
def first_name_genders() -> dict[str, str]:
    """Common given names -> "m" or "f" (names given to both are left out of the list)."""
    out: dict[str, str] = {}
    for line in _lines("first_names.txt"):
        name, _, gender = line.partition(" ")
        if gender in ("m", "f"):
            # a name listed with both genders is ambiguous: drop it
            out[name] = gender if out.get(name, gender) == gender else "?"
    return {k: v for k, v in out.items() if v != "?"}
