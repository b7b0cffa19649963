"""Resolving speaker mentions to the names an article gives.

Rules, not a learned model: a surname resolves to the full name the article uses for it, a
pronoun to the most recent person speaker of a compatible gender, a role nominal ("the
president", "the Russian leader") to the person that role was attached to or, failing that, to
the most recent person speaker; organisations and groups keep their own words.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from .lexicon import first_name_genders, role_nouns, title_words

__all__ = ["ArticleNames", "SpeakerResolver", "clean_name", "resolve_mention"]

NEAR_WINDOW = 600
STRICT_FIRST = 5
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
# Photo and video credits: "(Muriel Draaisma/CBC)", "( Richard Lautens / Toronto Star )".
_CREDIT = re.compile(r"\([^()\n]{0,80}/[^()\n]{0,80}\)")
_CAP_WORD = re.compile(r"\b[A-Z][a-zA-Z'’-]+")
_SENTENCE_END = re.compile(r"[.!?][\"”’]?\s|\n")
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
    "both",
    "either",
    "neither",
    "all",
    "many",
    "most",
    "several",
    "every",
    "each",
    "no",
    "not",
    "police",
    "watch",
    "meanwhile",
    "however",
    "still",
    "even",
    "read",
}
_POSSESSIVE = re.compile(r"['’]s?$")


_NICKNAME = re.compile(r"(?<=\w)\s+[\"“‘'][^\"“”‘’'\n]{1,25}[\"”’']\s+(?=[A-Z])")


# "the Kinder Morgan pipeline", "the Trump administration": a name after "the" qualifies a
# thing; it does not introduce the person a "he" or "she" may refer to
# (words with a full stop or a possessive end the run: "the Legislature. Jason Kenney",
# "the NDP's Jagmeet Singh" are people)
_THE_BEFORE = re.compile(r"\b[Tt]he\s+((?:[A-Z][\w-]*\s+){0,3})$")


def _after_the(text: str, pos: int, start: int = 0) -> bool:
    """Whether the name whose last word is at ``pos`` follows a bare "the" ("the Kinder Morgan
    pipeline"), not a title ("the Russian President Vladimir Putin")."""
    m = _THE_BEFORE.search(text, max(start, pos - 60), pos)
    if m is None:
        return False
    return not any(
        w.lower() in title_words() or w.lower() in role_nouns() for w in m.group(1).split()
    )


def clean_name(text: str) -> str:
    """Strip title words, possessives and punctuation from a person's name as written:
    "President Vladimir Putin's" -> "Vladimir Putin"."""
    # a nickname between the given name and the surname is not part of the name:
    # 'Riefian "Ifan" Fajarsyah' -> "Riefian Fajarsyah"
    text = _NICKNAME.sub(" ", text)
    words = text.replace("\n", " ").split()
    # "Vancouver's Bo Horvat", "Tuesday. Kim": keep what follows a possessive or a full stop
    for i in range(len(words) - 1, -1, -1):
        w = words[i]
        if i < len(words) - 1 and (
            w.endswith(("'s", "’s"))
            or (
                w.endswith(".")
                and len(w) > 3
                and w[:-1].isalpha()
                and w[:-1].lower() not in title_words()
            )
        ):
            if w.endswith(("'s", "’s")) and i >= 1 and len(words) - i - 1 == 1:
                # "Xi Jinping's Moscow": a two-word name owns a one-word thing; keep the name
                words = words[: i + 1]
            else:
                words = words[i + 1 :]
            break
    titles = title_words()
    while len(words) > 1 and (
        words[0].lower().rstrip(".") in titles
        or words[0].lower() in _NOT_FIRST_NAMES
        or ("-" in words[0] and words[0].lower().split("-")[0] in titles)  # "Vice-President"
    ):
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
    org_mentions: list[tuple[int, str, str]] = field(default_factory=list)  # (pos, name), in order
    mentions: list[tuple[int, str]] = field(default_factory=list)
    namesakes: dict[str, list[tuple[int, str]]] = field(default_factory=dict)
    _caches: dict = field(default_factory=dict)
    _person_set: set[str] | None = None
    _org_words: set[str] = field(default_factory=set)

    def add_person(self, name: str, pos: int, titles: list[str] = ()) -> str:
        name = clean_name(name)
        words = name.split()
        if not words:
            return name
        if any(w.lower().strip(".,'’") in _ORG_WORDS for w in words):
            return name  # NER's "Studio Schicketanz", "Covington Catholic": not a person
        surname = words[-1].lower()
        if len(words) > 1:
            self.full_by_surname.setdefault(surname, name)
            self.namesakes.setdefault(surname, []).append((pos, name))
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
        """Guess each named person's gender from the he/she pronouns that follow their name in
        the same sentence with no other person named in between ("Kim, who leads the project,
        said her team ..."); a title (Mr., Ms.) decides outright."""
        surnames: dict[str, set[str]] = {}
        for n in [*self.full_by_surname.values(), *(n for _, n in self.persons if n)]:
            surnames.setdefault(n.split()[-1], set()).add(n)
        if not surnames:
            return
        votes: dict[str, list[int]] = {}
        occ_re = re.compile(r"\b(" + "|".join(map(re.escape, surnames)) + r")\b")
        occurrences = [(m.start(), m.end(), surnames[m.group(1)]) for m in occ_re.finditer(text)]
        for k, (_start, end, name) in enumerate(occurrences):
            stop = _SENTENCE_END.search(text, end)
            limit = stop.start() if stop else len(text)
            if k + 1 < len(occurrences):
                limit = min(limit, occurrences[k + 1][0])
            m = _PRONOUN_AFTER.search(text, end, limit)
            if m:
                for n in name:
                    v = votes.setdefault(n, [0, 0])
                    v[0 if m.group(1).lower() in _MALE else 1] += 1
        # A common given name decides before the pronoun votes, which are noisier.
        given = first_name_genders()
        for forms in self.namesakes.values():
            for _, n in forms:
                g = given.get(n.split()[0].lower())
                if g and len(n.split()) > 1:
                    self.gender.setdefault(n, g)
        for name, (male, female) in votes.items():
            if name not in self.gender and male != female:
                self.gender[name] = "m" if male > female else "f"

    def scan_text(self, text: str) -> None:
        """Collect multi-word capitalised runs as candidate full names (cheap, no parsing), so
        a surname can resolve even when its full name sits in a sentence that was not parsed."""
        titles = title_words()
        given = first_name_genders()
        lower_words = set(re.findall(r"\b[a-z]+\b", text))
        runs = []
        for m in _NAME_RUN.finditer(text):
            runs.append((m.start(), m.group()))
            # "Jeanine Durning’s This Shape": the name before the possessive is a run too
            poss = re.match(r"(\S+(?:[ \t]+\S+)*?)['’]s\s", m.group())
            if poss and 2 <= len(poss.group(1).split()) <= 3:
                runs.append((m.start(), poss.group(1)))
        for start, run in runs:
            words = run.split()
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
            parts = name.split()
            if len(parts) < 2 or parts[-1].lower().rstrip(".") in titles:
                continue  # "Davos. Wang" cut to one word; "Montana Sen." ends in a title
            if any(w.lower().strip(".,'’") in _ORG_WORDS for w in parts):
                continue
            first = parts[0].lower()
            if first in lower_words and first not in given:
                continue  # "Other Syrian", "Everyday Dorie": a common word, no given name
            surname = name.split()[-1].lower()
            # NER-found names take precedence; this only fills gaps.
            self.full_by_surname.setdefault(surname, name)
            self.namesakes.setdefault(surname, []).append((start, name))
            for t in lead:
                t = t.lower().rstrip(".")
                if t in _GENDER_TITLES:
                    self.gender.setdefault(name, _GENDER_TITLES[t])
                if t in role_nouns():
                    self.role_of.setdefault(t, name)

    def index_mentions(self, text: str) -> None:
        """Record where each known person is named (full name or surname), in text order."""
        found = []
        credits = [(c.start(), c.end()) for c in _CREDIT.finditer(text)]
        for m in _CAP_WORD.finditer(text):
            if any(a <= m.start() < b for a, b in credits):
                continue  # "(Muriel Draaisma/CBC)": a photo credit names no one in the story
            w = _POSSESSIVE.sub("", m.group()).lower()
            full = self.full_by_surname.get(w)
            if full and self.person_like(full):
                found.append((m.start(), full))
        self.mentions = found

    def person_like(self, name: str) -> bool:
        """Whether ``name`` looks like a person's: named as one by NER, or two to four
        capitalised words none of which belongs to an organisation or place the article names
        ("Tim Guest" yes; "Veterans Affairs", "Atlantic Canada" no)."""
        if not name:
            return False
        if self._person_set is None:
            self._person_set = {n for _, n in self.persons}
            # NER's organisation names are too noisy for this (it tags people as ORG often
            # enough); a fixed list of words of organisation and place names is used instead
            self._org_words = _ORG_WORDS
        if name in self._person_set:
            return True
        words = name.split()
        return (
            2 <= len(words) <= 4
            and all(w[:1].isupper() for w in words)
            and not any(w.lower().strip(".,'’") in self._org_words for w in words)
        )

    def is_org_name(self, name: str) -> bool:
        """Whether NER tagged ``name`` as an organisation somewhere ("the Starlight Tours")."""
        orgs = self._caches.get("orgs")
        if orgs is None:
            orgs = {re.sub(r"^(?:the|The)\s+", "", o) for o in self.orgs}
            orgs -= {n for _, n in self.persons}
            self._caches["orgs"] = orgs
        return name in orgs

    def first_person_in(self, text: str, start: int, end: int) -> str | None:
        """The first known person named in ``text[start:end]`` (full name or surname)."""
        for m in _CAP_WORD.finditer(text, start, end):
            w = _POSSESSIVE.sub("", m.group()).lower()
            full = self.full_by_surname.get(w)
            if full and self.person_like(full):
                forms = self.namesakes.get(w, ())
                if len(forms) > 1 and min(p for p, n in forms if n == full) > m.start():
                    # "Durning" after "Jeanine Durning": not a namesake first named later
                    before = [(p, n) for p, n in forms if p < m.start()]
                    if before:
                        return max(before)[1]
                return full
        return None

    def org_full_name(self, name: str) -> str:
        """The article's full name for an organisation mentioned short: an acronym it spells
        out ("EDC" after "Export Development Canada (EDC)", "PBO" for "Parliamentary Budget
        Officer"), or a one-word company name with its corporate word ("Suncor Energy")."""
        cache = self._caches.setdefault("org_full", {})
        if name in cache:
            return cache[name]
        text = self._caches.get("text", "")
        out = name
        if re.fullmatch(r"[A-Z]{2,6}", name):
            spelled = re.search(
                r"((?:[A-Z][\w'’.-]*\s+(?:(?:of|and|for|the|on)\s+)*){1,7})\(" + name + r"\)",
                text,
            )
            if spelled and _initials(spelled.group(1)) == name:
                out = spelled.group(1)
            else:
                found = {
                    m.group().strip()
                    for m in _CAP_RUN.finditer(text)
                    if _initials(m.group()) == name
                }
                if len(found) == 1:
                    out = found.pop()
        elif re.fullmatch(r"[A-Z][a-z]+", name):
            longer = {
                m.group(1)
                for m in re.finditer(r"\b(" + name + r"\s+([A-Z][a-z]+\.?))(?=\W)", text)
                if m.group(2).lower().rstrip(".") in _CORPORATE_WORDS
            }
            if len(longer) == 1:
                out = longer.pop()
        if out != name:
            out = re.sub(r"^(?:the|The)\s+", "", _POSSESSIVE.sub("", out.strip()))
        cache[name] = out
        return out

    def full_name(self, name: str, pos: int | None = None) -> str:
        """The article's full name for ``name``: "Trudeau" -> "Justin Trudeau"; a lone given
        name ("Michael") resolves when exactly one full name starts with it.  When two people
        share a surname, the one named last before ``pos`` wins."""
        name = clean_name(name)
        words = name.split()
        if len(words) == 1:
            w = words[0].lower()
            forms = self.namesakes.get(w, ())
            if pos is not None and len(forms) > 1:
                longest = self._longest_by_form(w)
                if len(set(longest.values())) > 1:
                    before = [(p, longest[n]) for p, n in forms if p <= pos]
                    return max(before)[1] if before else longest[min(forms)[1]]
            if w in self.full_by_surname:
                return self._longest_form(self.full_by_surname[w])
            given = self._by_given_name().get(w, set())
            if len(given) == 1:
                return self._longest_form(next(iter(given)))
        elif 2 <= len(words) <= 3:
            return self._longest_form(name)
        return name

    # The caches below are filled on first use, after the article's names are all collected
    # (resolution starts only then); they keep resolution linear in the article's length.
    def _longest_by_form(self, surname: str) -> dict[str, str]:
        """For each name sharing ``surname``: the longest name (three words at most) ending
        with it, so "Al Mnajer" and "Mohammad Al Mnajer" count as one person."""
        cache = self._caches.setdefault("longest", {})
        if surname not in cache:
            forms = {m for _, m in self.namesakes.get(surname, ())}
            cache[surname] = {
                n: max(
                    (m for m in forms if m == n or (m.endswith(" " + n) and len(m.split()) <= 3)),
                    key=len,
                )
                for n in forms
            }
        return cache[surname]

    def _by_given_name(self) -> dict[str, set[str]]:
        cache = self._caches.get("given")
        if cache is None:
            cache = {}
            # every full name, also one sharing its surname with another ("Michael Greenspan"
            # beside "Dorie Greenspan"); a longer form of the same name counts once
            fulls = set(self.full_by_surname.values())
            fulls.update(n for forms in self.namesakes.values() for _, n in forms)
            for f in fulls:
                if len(f.split()) > 1 and not any(g.endswith(" " + f) for g in fulls):
                    cache.setdefault(f.split()[0].lower(), set()).add(f)
            self._caches["given"] = cache
        return cache

    def _longest_form(self, name: str) -> str:
        """ "Al Hashish" -> "Fouzia Al Hashish", "Paz Akin" -> "Lorena Paz Akin": the one longer
        name (at most two words more) the article gives that ends with ``name``."""
        cache = self._caches.setdefault("longer", {})
        if name not in cache:
            n = len(name.split())
            surname = name.split()[-1].lower() if name else ""
            longer = {
                f
                for _, f in self.namesakes.get(surname, ())
                if f.endswith(" " + name) and len(f.split()) <= n + 2
            }
            cache[name] = next(iter(longer)) if len(longer) == 1 else name
        return cache[name]


@dataclass
class SpeakerResolver:
    """Resolves mentions in text order; remembers who spoke last."""

    names: ArticleNames
    recent: list[tuple[int, str]] = field(default_factory=list)  # person speakers, in order
    last_group: list[str] | None = None
    last_plural: str | None = None  # the last group or organisation that spoke
    last_org: str | None = None  # the last organisation that spoke
    last_org_at: int = -1  # where it spoke
    last_it: str | None = None  # the organisation a later "it" refers to
    indefinite: dict[str, str] = field(default_factory=dict)  # head noun -> "a spokesperson"
    sentences: list[tuple[int, int]] = field(default_factory=list)
    quote_spans: list[tuple[int, int]] = field(default_factory=list)
    text: str = ""
    _person_names: set[str] | None = None
    last_speaker: str | None = None  # the last named speaker, person or organisation

    def note_speaker(self, pos: int, speaker) -> None:
        if isinstance(speaker, str) and speaker[:1].isupper():
            self.last_speaker = speaker
        if isinstance(speaker, list):
            self.last_group = speaker
            self.last_plural = None
            for s in speaker:
                self.recent.append((pos, s))
        elif speaker and self._is_person(speaker):
            self.recent.append((pos, speaker))

    def _is_person(self, name: str) -> bool:
        # Stricter than ArticleNames.person_like: only NER-confirmed people and people whose
        # gender the article showed count as speakers a later "he"/"she" may refer to.
        if self._person_names is None:
            self._person_names = {n for _, n in self.names.persons}
        return name in self._person_names or name in self.names.gender

    def _recent_person(self, pos: int, gender: str | None = None) -> str | None:
        # The most recent speaker first: news prose keeps "he" for whoever is being quoted.
        # Only when no speaker fits, the most recent person named before this point; last,
        # a full name found in sentences that were not parsed.
        pools = (self.recent, self.names.persons, self.names.mentions)
        for pool in pools:
            for p, name in reversed(pool):
                if p > pos:
                    continue
                if pool is not self.recent and (
                    len(name.split()) < 2 and name not in self.names.gender
                ):
                    continue  # NER's one-word "people" ("Ont", "Fiddler") are too often wrong
                if pool is not self.recent and _after_the(self.text, p):
                    continue  # "the Kinder Morgan pipeline"
                if pool is self.names.mentions:
                    if self.recent or self.names.is_org_name(name) or name.isupper():
                        break  # only before anyone spoke: "'I am Canadian,' she said."
                    name = self.names.full_name(name)
                g = self.names.gender.get(name)
                if gender is None or g is None or g == gender:
                    return name
        return None

    def _latest_people(self, pos: int, k: int) -> list[str]:
        # "the two sides", "both leaders": the people named last, whether or not they spoke
        out: list[str] = []
        events = sorted(self.names.mentions) or sorted(self.recent) or sorted(self.names.persons)
        for p, n in reversed(events):
            if p <= pos and n not in out:
                out.append(n)
            if len(out) == k:
                break
        return out

    def _sentence_before_names(
        self, pos: int, gender: str | None, hops: int = 2, chained: bool = False
    ) -> str | None:
        """The person named in the sentence before the pronoun's, when that sentence holds no
        quote: "Purdy, 73, credits his terrier. 'It helped,' he says." -> Purdy.  For a
        he/she, the first person named there whose gender fits (news names the subject
        first: "Mary Nicholson, director of ..., agreed with Williamson's approach.")."""
        before = self._quote_free_sentence_before(pos)
        if before is None:
            return None
        s, e, cur_s = before
        if any(s <= p < cur_s for p, _ in self.recent):
            return None
        if gender and re.match(r"\s*" + ("He" if gender == "m" else "She") + r"\b", self.text[s:e]):
            # "She cited the Starlight Tours. 'To avoid ...,' she said.": the sentence before
            # is about the same person as the pronoun, not about what it names; that person
            # may be named further back, ``hops`` sentences at most ("Mike McFadden rejoiced.
            # He believes X. 'Y,' he said."); there (``chained``) only one person may fit
            if hops:
                return self._sentence_before_names(s, gender, hops - 1, chained=True)
            return None
        named: list[str] = []
        for p, n in self.names.mentions:
            if (
                s <= p < e
                and n not in named
                and not self.names.is_org_name(n)
                and not _after_the(self.text, p, s)
            ):
                named.append(n)
        if gender is None or len(named) <= 1:
            if len(named) != 1:
                return None
            name = named[0]
            g = self.names.gender.get(name)
            return name if g is None or gender is None or g == gender else None
        if self._person_names is None:
            self._person_names = {n for _, n in self.names.persons}
        fits = [
            n
            for n in named
            if self.names.gender.get(n) == gender
            or (self.names.gender.get(n) is None and n in self._person_names)
        ]
        if chained and len(fits) != 1:
            return None  # several people back there: the speaker who spoke last is safer
        return fits[0] if fits else None

    def resolve_pronoun(self, word: str, pos: int) -> str | list[str] | None:
        w = word.lower()
        if w in _MALE or w in _FEMALE:
            g = "m" if w in _MALE else "f"
            name = self._sentence_before_names(pos, g)
            name = name or self._recent_person(pos, g)
            if name:
                self.names.gender.setdefault(name, g)
            return name
        if w in _PLURAL:
            if self.last_group:
                return list(self.last_group)
            return self.last_plural if w in ("they", "them") else None
        if w == "it":
            # "EDC declined to answer. '...,' it said": the organisation the sentence before
            # opens with; else the one that spoke last ("Export Development Canada ... it said")
            return self._org_opening_sentence_before(pos) or self.last_it
        return None

    def _quote_free_sentence_before(self, pos: int) -> tuple[int, int, int] | None:
        """``(start, end)`` of the sentence before the one holding ``pos``, and where that one
        starts; ``None`` when there is none or it holds a quote (it is about its speaker)."""
        if not self.sentences:
            return None
        k = bisect.bisect_right(self.sentences, (pos, len(self.text) + 1)) - 1
        if k < 1:
            return None
        s, e = self.sentences[k - 1]
        if any(qs < e and s < qe for qs, qe in self.quote_spans):
            return None
        return s, e, self.sentences[k][0]

    def _org_opening_sentence_before(self, pos: int) -> str | None:
        before = self._quote_free_sentence_before(pos)
        if before is None:
            return None
        s, e, _ = before
        for p, n, kind in self.names.org_mentions:
            if s <= p < e and kind == "org" and re.fullmatch(r"\s*(?:The\s+)?", self.text[s:p]):
                org = self.names.org_full_name(_strip_det(n))
                return None if self._is_person(org) else org
        return None

    def resolve_org_nominal(self, pos: int) -> str | None:
        """ "the agency", "the company": the organisation that spoke just before ``pos``
        (an unnamed one stays as written: annotators keep "the commission" when it could be
        one of several)."""
        org = self.last_org
        if not org or not 0 <= pos - self.last_org_at < _ORG_SPOKE_REACH:
            return None
        if self._is_person(org) or org.lower() in self.names.full_by_surname:
            return None  # NER's ORG for a person's name ("Lonechild")
        # another organisation named after the sentence it spoke in may be the one meant
        k = bisect.bisect_right(self.sentences, (self.last_org_at, len(self.text) + 1)) - 1
        after = self.sentences[k][1] if k >= 0 else self.last_org_at
        for p, n, kind in self.names.org_mentions:
            if (
                after <= p < pos
                and kind == "org"
                and _strip_det(n) != org
                and not any(qs <= p < qe for qs, qe in self.quote_spans)
            ):
                return None
        return org

    def resolve_nominal(
        self, words: list[str], pos: int, head: str | None = None
    ) -> str | list[str] | None:
        """ "the president", "The Russian leader", "the two sides", "the company"; ``None``
        when not a definite nominal that refers back."""
        low = [w.lower() for w in words]
        if not low or low[0] not in ("the", "both"):
            return None
        head = (head or low[-1]).lower()
        if head in _GROUP_HEADS and ("two" in low or "both" in low or head == "leaders"):
            people = self._latest_people(pos, 2)
            return list(reversed(people)) if len(people) == 2 else None
        if head in self.indefinite:
            # "a justice official ... the official said": the same unnamed speaker
            return self.indefinite[head]
        if head in self.names.role_of:
            return self.names.role_of[head]
        aged = "year-old" in "".join(low) or "year - old" in " ".join(low)
        if head in role_nouns() or aged or (low[0] == "the" and "former" in low[1:3]):
            # "The 32-year-old labourer", "the former sergeant-at-arms": the person just
            # introduced, else the last person who spoke
            return self._sentence_before_names(pos, None) or self._recent_person(pos)
        return None


# "the company", "the agency": a definite nominal naming an organisation mentioned before.
_ORG_NOMINALS = {
    "company",
    "firm",
    "agency",
    "group",
    "organization",
    "organisation",
    "union",
    "diocese",
    "department",
    "ministry",
    "city",
    "province",
    "board",
    "council",
    "commission",
    "committee",
    "corporation",
    "bank",
    "airline",
    "utility",
    "institute",
    "association",
    "coalition",
    "network",
    "foundation",
    "charity",
    "retailer",
    "insurer",
    "regulator",
    "broadcaster",
    "publisher",
    "watchdog",
    "automaker",
    "carrier",
    "manufacturer",
    "municipality",
    "university",
    "hospital",
}
_ORG_SPOKE_REACH = 800
# Capitalised runs that may be an organisation's spelled-out name ("Parliamentary Budget
# Officer", "Bank of Canada"); small words inside do not count as initials.
_CAP_RUN = re.compile(
    r"\b[A-Z][a-z][\w'’-]*(?:\s+(?:(?:of|and|for|the|on)\s+)*[A-Z][a-z][\w'’-]*){1,6}"
)
_CORPORATE_WORDS = {
    "energy",
    "inc",
    "corp",
    "corporation",
    "ltd",
    "limited",
    "group",
    "holdings",
    "industries",
    "resources",
    "airlines",
    "airways",
    "motors",
    "technologies",
    "communications",
    "financial",
    "foods",
    "pharmaceuticals",
    "mining",
}


def _initials(words: str) -> str:
    return "".join(
        w[0] for w in words.split() if w[:1].isupper() and w.lower() not in ("of", "and", "the")
    )


_PRON_WORDS = {"he", "she", "they", "we", "him", "her", "them", "i", "it"}
# Words of organisation and place names, never of a person's name.
_ORG_WORDS = {
    "affairs",
    "canada",
    "tour",
    "catholic",
    "department",
    "ministry",
    "council",
    "party",
    "news",
    "press",
    "police",
    "bay",
    "city",
    "university",
    "college",
    "school",
    "hospital",
    "street",
    "avenue",
    "centre",
    "center",
    "court",
    "committee",
    "commission",
    "agency",
    "office",
    "group",
    "inc",
    "corp",
    "company",
    "association",
    "foundation",
    "institute",
    "union",
    "club",
    "studio",
    "league",
    "post",
    "times",
    "globe",
    "star",
    "journal",
    "energy",
    "bank",
    "fund",
    "services",
    "service",
    "airport",
    "park",
    "ontario",
    "mps",
    "government",
    "nations",
    "states",
    "republic",
    "kingdom",
    "national",
    "federal",
    "international",
    "research",
    "network",
    "media",
    "capital",
    "county",
    "province",
    "world",
    "north",
    "south",
    "east",
    "west",
    "atlantic",
    "pacific",
    "white",
    "senate",
    "congress",
    "parliament",
    "army",
    "forces",
    "navy",
    "health",
    "labour",
    "labor",
    "liberal",
    "conservative",
    "democrats",
    "republicans",
    "museum",
    "library",
    "church",
    "hall",
    "tower",
    "square",
    "road",
    "festival",
    "awards",
    "cup",
    "games",
    "series",
    "program",
    "project",
    "consultants",
    "partners",
    "associates",
    "holdings",
    "systems",
    "technologies",
    "palace",
    "hotel",
    "restaurant",
    "images",
    "photos",
}
# "a statement from the EU", "Infrastructure Canada's database": who issued the document
_ISSUED_DOCS = {"statement", "tweet", "release", "post", "email", "e-mail", "letter", "memo"}
_DOC_HEADS = {
    "list",
    "statement",
    "report",
    "study",
    "memo",
    "release",
    "post",
    "tweet",
    "letter",
    "survey",
    "poll",
    "data",
    "figures",
    "numbers",
    "findings",
    "document",
    "documents",
    "records",
    "analysis",
    "assessment",
    "database",
    "filing",
    "website",
    "research",
    "estimates",
    "projections",
    "forecast",
    "email",
    "e-mail",
    "note",
    "notice",
    "announcement",
    "ruling",
    "decision",
    "complaint",
    "lawsuit",
    "affidavit",
    "transcript",
    "video",
    "ad",
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "spokespeople",
    "representative",
    "representatives",
}
# Heads for which "Pentagon leadership" means the organisation itself.
_ORG_VOICE_HEADS = {"leadership", "spokesperson", "spokesman", "spokeswoman", "office", "officials"}


def _strip_det(text: str) -> str:
    return re.sub(r"^(?:the|The)\s+", "", text).rstrip("’'s").strip() if text else text


def _span_text(toks) -> str:
    doc = toks[0].doc
    # a Span's text, not doc.text: Doc.text is rebuilt from every token at each call
    return doc[toks[0].i : toks[-1].i + 1].text


def _run(tokens, pred) -> list:
    """The last contiguous run of tokens satisfying ``pred``; a hyphen glued to both
    neighbours stays inside the run ("Wilson-Raybould", "al-Shabaab")."""
    hits = [t for t in tokens if pred(t)]
    if not hits:
        return []
    doc = hits[-1].doc
    run = [hits[-1]]
    # glued hyphenated parts to the right of the last hit ("Merriam" "-" "Webster")
    j = run[-1].i
    while (
        j + 2 < len(doc)
        and doc[j + 1].text == "-"
        and not doc[j].whitespace_
        and not doc[j + 1].whitespace_
        and doc[j + 2].text[:1].isalpha()
    ):
        run += [doc[j + 1], doc[j + 2]]
        j += 2
    k = run[0].i
    while k > 0:
        prev = doc[k - 1]
        if pred(prev):
            run.insert(0, prev)
            k -= 1
        elif (
            prev.text == "-"
            and k > 1
            and not prev.whitespace_
            and not doc[k - 2].whitespace_
            and doc[k - 2].text[:1].isalpha()
        ):
            run[:0] = [doc[k - 2], prev]
            k -= 2
        else:
            break
    return run


def resolve_mention(toks, pos: int, resolver: SpeakerResolver, names: ArticleNames):
    """Resolve the spaCy tokens of a speaker mention at character ``pos`` to a speaker.

    Returns a full name, a list of names for a joint statement, an organisation's name, the
    mention's own words for an unnamed speaker ("a spokesperson"), or ``None``.
    """
    toks = [t for t in toks if not t.is_space]
    if not toks:
        return None
    roots = [t for t in toks if t.head not in toks]
    root_ids = {t.i for t in roots}
    for root in roots:
        if root.ent_type_ == "PERSON":
            break  # "Jim Eglinski, Yellowhead MP": the name comes first
        for c in root.children:
            if c.dep_ == "appos" and c not in toks and c.ent_type_ == "PERSON" and c.i > root.i:
                # "One red-state Democrat, Montana Sen. Jon Tester, said": the apposition
                # names the speaker the mention describes
                run = _run(list(c.subtree), lambda t: t.ent_type_ == "PERSON")
                if len(run) >= 2:  # a lone given name could be anyone's ("his father, Joseph")
                    name = names.full_name(_span_text(run), pos)
                    if names.person_like(name):
                        return name
    # only conjuncts of the noun phrase's head: "Heart and Stroke senior manager Erin Kim" is
    # one speaker whose organisation has an "and" in its name
    conj = [t for t in toks if t.dep_ == "conj" and t.head.i in root_ids]
    if conj:
        heads = roots + conj
        parts = []
        for h in heads:
            span = sorted(
                (
                    t
                    for t in h.subtree
                    if t in toks
                    and not t.is_punct
                    and (
                        t.i == h.i
                        or (t.head.i == h.i and t.dep_ not in ("cc", "conj", "preconj", "det"))
                    )
                ),
                key=lambda t: t.i,
            )
            if span:
                parts.append(_resolve_simple(span, pos, resolver, names))
        # "Both Putin and Xi Jinping" yes; "oil and gas worker Mike Wipf" no
        parts = [p for p in parts if isinstance(p, str) and p[:1].isupper()]
        if len(parts) >= 2:
            return parts
    return _resolve_simple(toks, pos, resolver, names)


def _plural_subject_before(pron) -> str | None:
    """The last named subject before ``pron`` in its sentence, when it is a plural proper
    noun ("The Conservatives"); a plural common noun ("party officials") ends the search."""
    for t in reversed(pron.doc[: pron.i]):
        if t.dep_ != "nsubj" or t.tag_ not in ("NNPS", "NNS"):
            continue  # pronouns and singular nouns ("the tax is") are passed over
        if t.text[:1].isupper() and (t.tag_ == "NNPS" or t.ent_type_ in ("NORP", "ORG")):
            left = t.left_edge.i if t.left_edge.lower_ == "the" else t.i
            return t.doc[left : t.i + 1].text
        return None
    return None


def _resolve_simple(toks, pos, resolver: SpeakerResolver, names: ArticleNames):
    words = [t for t in toks if not t.is_punct]
    if not words:
        return None
    low0 = words[0].lower_
    if len(words) == 1 and low0 in ("they", "we"):
        # "The Conservatives believe they can ...; they say": a plural named subject earlier in
        # the same sentence
        group = _plural_subject_before(words[0])
        if group:
            return group
    if len(words) == 1 and low0 in _PRON_WORDS:
        return resolver.resolve_pronoun(low0, pos)
    head = max(words, key=lambda t: (t.head not in toks, t.i))  # the NP's head: outside link
    persons = [t for t in words if t.ent_type_ == "PERSON"]
    if persons:
        run = _run(words, lambda t: t.ent_type_ == "PERSON")
        if (
            head.tag_ in ("NN", "NNS")
            and run[-1].dep_ == "poss"
            or (
                run[-1].i + 1 < len(run[-1].doc)
                and run[-1].nbor().lower_ in ("'s", "’s")
                and head not in run
            )
        ):
            # "DeLaet's agent", "Trudeau's office": someone else speaks
            return _span_text(toks)
        return names.full_name(_span_text(run), pos)
    content = [t for t in words if t.lower_ not in ("the", "'s", "’s")]
    if content and all(t.tag_ in ("NNP", "NNPS") or t.text.istitle() for t in content):
        last = _span_text(content).split()[-1].lower()  # "Wilson-Raybould" is one word here
        full = names.full_name(last, pos)
        if full and full.lower() != last and names.person_like(full):
            # NER often tags a lone surname as ORG or GPE, the tagger even as a plural noun
            # ("Sparkes"); the article gave it as a person's name
            return full
    if head.lower_ in _DOC_HEADS:
        owner = next((c for c in head.children if c.dep_ == "poss"), None)
        if owner is not None and owner.tag_ not in ("PRP$", "WP$"):
            # "a Michigan school's latest list", "the city's report": the owner issued it
            owner_toks = [t for t in owner.subtree if t.dep_ != "case"]
            if any(t.ent_type_ == "PERSON" for t in owner_toks):
                return names.full_name(_span_text(owner_toks), pos)
            return _strip_det(_span_text(owner_toks)) if owner.ent_type_ else _span_text(
                owner_toks
            )
        # "A statement from the EU", "a study released Monday by Civic Action", "Trudeau's
        # office": the issuer may sit in a clause the mention leaves out, so search the subtree
        scope = [t for t in head.subtree if not t.is_punct] if head.dep_ != "ROOT" else words
        named = [t for t in scope if t.ent_type_ in ("ORG", "PERSON", "GPE") and t.i != head.i]
        if named:
            run = _run(scope, lambda t: t.ent_type_ in ("ORG", "PERSON", "GPE") and t.i != head.i)
            if run and run[-1].ent_type_ == "PERSON":
                return names.full_name(_span_text(run))
            if run:
                return _strip_det(_span_text(run))
        if head.lower_ in _ISSUED_DOCS and low0 in ("a", "the") and resolver.last_speaker:
            # "A statement said ...", "A tweet said ...": issued by whoever spoke last
            return resolver.last_speaker
    nominal = resolver.resolve_nominal([t.text for t in words], pos, head.text)
    if nominal:
        return nominal
    if (
        low0 == "the"
        and head.lower_ in _ORG_NOMINALS
        and len(words) <= 4
        and all(t.is_lower for t in words[1:] if t.i != head.i)
    ):
        org = resolver.resolve_org_nominal(pos)
        if org:
            return org
    if low0 in ("a", "an", "one", "another"):
        resolver.indefinite.setdefault(head.lower_, _span_text(toks))
    orgs = [t for t in words if t.ent_type_ in ("ORG", "GPE", "FAC")]
    if orgs:
        run = _run(words, lambda t: t.ent_type_ in ("ORG", "GPE", "FAC"))
        run_words = [t.text for t in run]
        if (
            len(run) >= 3
            and run_words[0].lower() in title_words()
            and all(t.tag_ in ("NNP", "NNPS") for t in run[-2:])
        ):
            # "Secretary of Defense Lloyd Austin" tagged ORG as a whole: a titled person
            return names.full_name(_span_text(run[-2:]))
        if head in run or head.lower_ in _ORG_VOICE_HEADS and head.lower_ != "officials":
            return names.org_full_name(_span_text(run))
    if content and all(t.tag_ in ("NNP", "NNPS") for t in content):
        return names.full_name(_span_text(content), pos)
    text = _span_text(toks)
    return text or None
