"""Resolving speaker mentions to the names an article gives.

Rules, not a learned model: a surname resolves to the full name the article uses for it, a
pronoun to the most recent person speaker of a compatible gender, a role nominal ("the
president", "the Russian leader") to the person that role was attached to or, failing that, to
the most recent person speaker; organisations and groups keep their own words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .lexicon import role_nouns, title_words

__all__ = ["ArticleNames", "SpeakerResolver", "clean_name"]

_MALE = {"he", "him", "his", "himself"}
_FEMALE = {"she", "her", "hers", "herself"}
_PLURAL = {"they", "them", "we", "us"}
_GENDER_TITLES = {
    "mr": "m",
    "mrs": "f",
    "ms": "f",
    "miss": "f",
    "sir": "m",
    "dame": "f",
    "lord": "m",
    "lady": "f",
    "king": "m",
    "queen": "f",
    "congressman": "m",
    "congresswoman": "f",
    "chairman": "m",
    "chairwoman": "f",
    "spokesman": "m",
    "spokeswoman": "f",
    "businessman": "m",
    "businesswoman": "f",
}
_GROUP_HEADS = {"sides", "leaders", "men", "women", "countries", "nations", "parties"}
# A capitalised run of words that may be a person's name; used where nothing was parsed.
_NAME_RUN = re.compile(
    r"\b[A-Z][a-zA-Z'’.-]+(?:[ \t]+(?:[A-Z]\.[ \t]+)?(?:Mc|Mac|O['’]|De|Di|Van|Von|Le|La)?"
    r"[A-Z][a-zA-Z'’-]+)+"
)
_CAP_WORD = re.compile(r"\b[A-Z][a-zA-Z'’-]+")
_PRONOUN_AFTER = re.compile(r"\b(he|his|him|she|her)\b", re.IGNORECASE)
# Capitalised at the start of a sentence, never a first name.
_NOT_FIRST_NAMES = {
    "if",
    "but",
    "and",
    "or",
    "the",
    "a",
    "an",
    "in",
    "on",
    "at",
    "for",
    "with",
    "when",
    "while",
    "as",
    "after",
    "before",
    "since",
    "this",
    "that",
    "these",
    "those",
    "it",
    "he",
    "she",
    "they",
    "we",
    "his",
    "her",
    "their",
    "our",
    "its",
    "so",
    "yet",
    "then",
    "now",
    "last",
    "next",
    "on",
    "from",
    "by",
    "to",
    "of",
    "during",
    "under",
    "over",
    "about",
    "according",
    "although",
    "though",
    "because",
    "where",
    "what",
    "who",
    "why",
    "how",
    "there",
    "here",
    "today",
    "yesterday",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mr",
    "mrs",
    "ms",
    "dr",
    "new",
    "north",
    "south",
    "east",
    "west",
    "university",
    "city",
    "street",
    "read",
}
_POSSESSIVE = re.compile(r"['’]s?$")


def clean_name(text: str) -> str:
    """Strip title words, possessives and punctuation from a person's name as written:
    "President Vladimir Putin's" -> "Vladimir Putin"."""
    words = text.replace("\n", " ").split()
    titles = title_words()
    while len(words) > 1 and words[0].lower().rstrip(".") in titles:
        words.pop(0)
    if words:
        words[-1] = _POSSESSIVE.sub("", words[-1]) or words[-1]
    name = " ".join(words).strip(" ,.;:\"“”'‘’()")
    return name


@dataclass
class ArticleNames:
    """People, organisations and roles named anywhere in one article."""

    full_by_surname: dict[str, str] = field(default_factory=dict)
    role_of: dict[str, str] = field(default_factory=dict)
    gender: dict[str, str] = field(default_factory=dict)
    persons: list[tuple[int, str]] = field(default_factory=list)
    orgs: set[str] = field(default_factory=set)

    def add_person(self, name: str, pos: int, titles: list[str] = ()) -> str:
        name = clean_name(name)
        words = name.split()
        if not words:
            return name
        surname = words[-1].lower()
        if len(words) > 1:
            self.full_by_surname.setdefault(surname, name)
        full = self.full_by_surname.get(surname, name) if len(words) == 1 else name
        self.persons.append((pos, full))
        for t in titles:
            t = t.lower().rstrip(".")
            if t in _GENDER_TITLES:
                self.gender.setdefault(full, _GENDER_TITLES[t])
            if t in role_nouns() or t in title_words():
                self.role_of.setdefault(t, full)
        return full

    def learn_gender(self, text: str) -> None:
        """Guess each named person's gender from the first he/she pronoun after the first
        mention of the name (news prose refers back within a sentence or two)."""
        for name in {n for _, n in self.persons} | set(self.full_by_surname.values()):
            if name in self.gender:
                continue
            at = text.find(name)
            if at < 0:
                continue
            m = _PRONOUN_AFTER.search(text, at + len(name), at + len(name) + 250)
            if m:
                self.gender[name] = "m" if m.group(1).lower() in _MALE else "f"

    def scan_text(self, text: str) -> None:
        """Collect multi-word capitalised runs as candidate full names (cheap, no parsing), so
        a surname can resolve even when its full name sits in a sentence that was not parsed."""
        titles = title_words()
        for m in _NAME_RUN.finditer(text):
            words = m.group().split()
            lead = []
            # "Ontario Superior Court Justice Sean Dunphy": the name follows the last title word
            last_title = max(
                (i for i, w in enumerate(words[:-1]) if w.lower().rstrip(".") in titles),
                default=-1,
            )
            if last_title >= 0:
                lead = words[: last_title + 1]
                words = words[last_title + 1 :]
            if words and words[0].lower() in _NOT_FIRST_NAMES:
                words.pop(0)
            if len(words) < 2 or len(words) > 4 or words[-1].lower() in _NOT_FIRST_NAMES:
                continue
            name = clean_name(" ".join(words))
            surname = name.split()[-1].lower()
            # NER-found names take precedence; this only fills gaps.
            self.full_by_surname.setdefault(surname, name)
            for t in lead:
                t = t.lower().rstrip(".")
                if t in _GENDER_TITLES:
                    self.gender.setdefault(name, _GENDER_TITLES[t])
                if t in role_nouns():
                    self.role_of.setdefault(t, name)

    def first_person_in(self, text: str, start: int, end: int) -> str | None:
        """The first known person named in ``text[start:end]`` (full name or surname)."""
        for m in _CAP_WORD.finditer(text, start, end):
            w = _POSSESSIVE.sub("", m.group()).lower()
            full = self.full_by_surname.get(w)
            if full and (full in self.gender or any(n == full for _, n in self.persons)):
                return full
        return None

    def full_name(self, name: str) -> str:
        name = clean_name(name)
        words = name.split()
        if len(words) == 1:
            return self.full_by_surname.get(words[0].lower(), name)
        return self.full_by_surname.get(words[-1].lower(), name) if len(words) == 1 else name


@dataclass
class SpeakerResolver:
    """Resolves mentions in text order; remembers who spoke last."""

    names: ArticleNames
    recent: list[tuple[int, str]] = field(default_factory=list)  # person speakers, in order
    last_group: list[str] | None = None

    def note_speaker(self, pos: int, speaker) -> None:
        if isinstance(speaker, list):
            self.last_group = speaker
            for s in speaker:
                self.recent.append((pos, s))
        elif speaker and self._is_person(speaker):
            self.recent.append((pos, speaker))

    def _is_person(self, name: str) -> bool:
        return any(n == name for _, n in self.names.persons) or name in self.names.gender

    def _recent_person(self, pos: int, gender: str | None = None) -> str | None:
        # The most recent speaker first: news prose keeps "he" for whoever is being quoted.
        # Only when no speaker fits, the most recent person named before this point.
        for pool in (self.recent, self.names.persons):
            for p, name in reversed(pool):
                if p > pos:
                    continue
                g = self.names.gender.get(name)
                if gender is None or g is None or g == gender:
                    return name
        return None

    def _latest_people(self, pos: int, k: int) -> list[str]:
        out: list[str] = []
        events = sorted(self.recent) or sorted(self.names.persons)
        for p, n in reversed(events):
            if p <= pos and n not in out:
                out.append(n)
            if len(out) == k:
                break
        return out

    def resolve_pronoun(self, word: str, pos: int) -> str | list[str] | None:
        w = word.lower()
        if w in _MALE or w in _FEMALE:
            g = "m" if w in _MALE else "f"
            name = self._recent_person(pos, g)
            if name:
                self.names.gender.setdefault(name, g)
            return name
        if w in _PLURAL:
            return list(self.last_group) if self.last_group else None
        return None

    def resolve_nominal(self, words: list[str], pos: int) -> str | list[str] | None:
        """ "the president", "The Russian leader", "the two sides"; ``None`` when not a
        definite role nominal that refers back."""
        low = [w.lower() for w in words]
        if not low or low[0] not in ("the", "both"):
            return None
        head = low[-1]
        if head in _GROUP_HEADS and ("two" in low or "both" in low or head == "leaders"):
            people = self._latest_people(pos, 2)
            return list(reversed(people)) if len(people) == 2 else None
        if head in self.names.role_of:
            return self.names.role_of[head]
        if head in role_nouns():
            return self._recent_person(pos)
        return None
