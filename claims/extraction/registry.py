"""A registry of known speakers: names, aliases and dated roles, as plain data.

The Django side builds it from its Speaker, SpeakerAlias and Role tables; the extractor uses it
to link a mention ("US Secretary of Defense", "the Russian president", "Putin") to an entry,
taking the article's date into account for roles.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

__all__ = ["RegistryEntry", "RegistryRole", "SpeakerRegistry"]

# Country adjectives and short forms, so "the Russian president" matches a role whose country
# is "Russia" and "US Secretary of Defense" one whose country is "United States".
_COUNTRY_FORMS = {
    "united states": ("us", "u s", "usa", "u s a", "american", "united states", "america"),
    "russia": ("russia", "russian", "russian federation"),
    "china": ("china", "chinese", "prc"),
    "united kingdom": ("uk", "u k", "britain", "british", "united kingdom", "great britain"),
    "canada": ("canada", "canadian"),
    "france": ("france", "french"),
    "germany": ("germany", "german"),
    "ukraine": ("ukraine", "ukrainian"),
    "poland": ("poland", "polish"),
    "iran": ("iran", "iranian"),
    "north korea": ("north korea", "north korean", "dprk"),
    "japan": ("japan", "japanese"),
    "india": ("india", "indian"),
    "israel": ("israel", "israeli"),
    "italy": ("italy", "italian"),
    "spain": ("spain", "spanish"),
    "turkey": ("turkey", "turkish"),
    "mexico": ("mexico", "mexican"),
    "brazil": ("brazil", "brazilian"),
}
_ALIAS_TO_COUNTRY = {form: c for c, forms in _COUNTRY_FORMS.items() for form in forms}
_ALIAS_TO_COUNTRY.update({"us": "united states", "usa": "united states"})

_STOP = {"the", "a", "an", "of", "former", "then", "current", "acting", "s"}


def _norm(text: str) -> str:
    s = text.casefold().replace("\u2019", "'")
    s = re.sub(r"'s\b", "", s)
    s = re.sub(r"[^\w\s-]", " ", s).replace("-", " ")
    return " ".join(s.split())


def _words(text: str) -> list[str]:
    return [w for w in _norm(text).split() if w not in _STOP]


def _country_key(country: str) -> str:
    n = _norm(country)
    return _ALIAS_TO_COUNTRY.get(n, n)


def _countries_in(norm_text: str) -> set[str]:
    found = set()
    padded = f" {norm_text} "
    for form, country in _ALIAS_TO_COUNTRY.items():
        if f" {form} " in padded:
            found.add(country)
    return found


@dataclass(frozen=True)
class RegistryRole:
    """A title held between two dates (either may be ``None``: open-ended)."""

    title: str
    start: date | None = None
    end: date | None = None
    organisation: str = ""
    country: str = ""

    def valid_on(self, on: date | None) -> bool:
        """True when the role was held on ``on``; with no date, every role counts as valid."""
        if on is None:
            return True
        return (self.start is None or self.start <= on) and (self.end is None or on <= self.end)


@dataclass(frozen=True)
class RegistryEntry:
    """A known speaker: a person, organisation, government or group."""

    key: str
    name: str
    kind: str = "person"
    aliases: tuple[str, ...] = ()
    roles: tuple[RegistryRole, ...] = ()


class SpeakerRegistry:
    """Links mention text to registry entries by name, alias, surname or dated role title."""

    def __init__(self, entries: list[RegistryEntry]):
        self.entries = list(entries)
        self._by_name: dict[str, list[RegistryEntry]] = {}
        self._by_surname: dict[str, list[RegistryEntry]] = {}
        for e in self.entries:
            for n in (e.name, *e.aliases):
                # Mentions lose a leading "the" before lookup, so keys must lose it too.
                key = re.sub(r"^the ", "", _norm(n))
                if key:
                    self._by_name.setdefault(key, []).append(e)
            if e.kind == "person":
                parts = _norm(e.name).split()
                if len(parts) > 1:
                    self._by_surname.setdefault(parts[-1], []).append(e)

    def __len__(self) -> int:
        return len(self.entries)

    def resolve(self, mention_text: str, on: date | None = None) -> RegistryEntry | None:
        """Find the entry a mention refers to, or ``None``.

        Takes the mention as written ("Putin", "Former US national security adviser John
        Bolton", "US Secretary of Defense", "the Russian president") and the article's date.
        Tries, in order: a full name or alias (also inside a longer mention), a role title held
        on ``on``, and a surname shared by exactly one person.  Ambiguity gives ``None``.
        """
        norm = _norm(mention_text)
        if not norm:
            return None
        norm = re.sub(r"^the ", "", norm)
        hits = self._by_name.get(norm)
        if hits and len({h.key for h in hits}) == 1:
            return hits[0]
        # A known name or alias inside a longer mention: the longest one wins.
        padded = f" {norm} "
        contained = sorted(
            ((k, es) for k, es in self._by_name.items() if f" {k} " in padded),
            key=lambda kv: -len(kv[0]),
        )
        if contained and len({e.key for e in contained[0][1]}) == 1:
            return contained[0][1][0]
        role_hit = self._resolve_role(norm, on)
        if role_hit is not None:
            return role_hit
        words = norm.split()
        if len(words) == 1:
            people = self._by_surname.get(words[0], [])
            if len({p.key for p in people}) == 1:
                return people[0]
        return None

    def _resolve_role(self, norm: str, on: date | None) -> RegistryEntry | None:
        words = set(_words(norm))
        mentioned = _countries_in(norm)
        best: list[tuple[int, RegistryEntry]] = []
        for e in self.entries:
            for r in e.roles:
                title = _words(r.title)
                if not title or not set(title) <= words or not r.valid_on(on):
                    continue
                role_country = _country_key(r.country) if r.country else ""
                if mentioned and role_country and role_country not in mentioned:
                    continue
                # A country named in both is a stronger match than a bare title.
                best.append(
                    (len(title) + (2 if role_country and role_country in mentioned else 0), e)
                )
        if not best:
            return None
        top = max(score for score, _ in best)
        winners = {e.key: e for score, e in best if score == top}
        return next(iter(winners.values())) if len(winners) == 1 else None
