"""One scored choice among the candidate antecedents of a description.

A speaker given as a description ("the agency", "the security firm", "the report") stands for
something the article names nearby.  Instead of one rule per phrasing, every name in reach is
a candidate and collects evidence; the best candidate wins when its score reaches
:data:`THRESHOLD`, else the description is kept as written (annotators keep "the commission"
when it could be one of several).

Evidence, each a weight below:

- agreement: only names of the description's kind are candidates (an organisation for "the
  company", anyone who can issue a document for "the study");
- the description's head noun in the name ("the agency" -> "Canada Border Services Agency",
  "the city" -> "City of Surrey");
- the head noun next to the name in its sentence: an apposition or a label ("Cisco Talos, a
  security firm", "media buying company GroupM"); for a document, the name next to an earlier
  mention of a document ("a study released Monday by Civic Action", "A study by the School of
  Public Policy", "Philip Cross wrote in a recent report");
- syntactic role: the name opens its sentence (news puts the subject first);
- who spoke last: the organisation or person whose statement came last;
- distance: a small penalty per character between the name and the description.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from .lexicon import word_list

__all__ = [
    "Candidate",
    "THRESHOLD",
    "choose_in_sentence",
    "choose_issuer",
    "choose_org",
    "choose_person",
    "not_the_issuer",
]

REACH = 1500  # characters before the description in which names are candidates
NEAR = 60  # characters between a name and the word that describes it
W_HEAD_IN_NAME = 2.0
W_DESCRIBED = 2.0
W_ISSUED = 2.0
W_SUBJECT = 0.5
W_SPOKE_LAST = 1.5
W_SENTENCE_BEFORE = 1.2
W_AGENT = 1.0
W_IN_QUOTE = -1.0
DISTANCE = 1 / 1000  # score lost per character of distance
THRESHOLD = 1.0

# A capitalised run that may be an organisation's name where nothing was parsed.
_CAP_RUN = re.compile(
    r"\b[A-Z][\w'’.&-]*[a-z][\w'’.&-]*(?:\s+(?:(?:of|and|for|the|on|de)\s+)*[A-Z][\w'’.&-]*){0,6}"
)
_STOP = {"the", "a", "an", "this", "that", "in", "on", "at", "but", "and", "it", "he", "she"}


@dataclass
class Candidate:
    name: str
    pos: int
    evidence: dict[str, float] = field(default_factory=dict)

    @property
    def score(self) -> float:
        return sum(self.evidence.values())


def _sentence(sentences: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    k = bisect.bisect_right(sentences, (pos, 1 << 60)) - 1
    if k < 0:
        return 0, pos
    return sentences[k]


def _word_near(text: str, word: str, lo: int, hi: int, bounds: tuple[int, int]) -> bool:
    """Whether the whole lower-case ``word`` (or its plural) is within :data:`NEAR`
    characters of ``text[lo:hi]``, inside ``bounds`` (the name's sentence)."""
    a, b = max(bounds[0], lo - NEAR), min(bounds[1], hi + NEAR)
    return re.search(r"\b" + re.escape(word) + r"s?\b", text[a:lo] + " | " + text[hi:b]) is not None


def _org_names(resolver, names, lo: int, hi: int) -> list[tuple[int, str]]:
    """Organisations named in ``text[lo:hi]``: NER's where the sentence was parsed, else
    capitalised runs that are no person's name."""
    out: list[tuple[int, str]] = []
    for p, n, kind in names.org_mentions:
        if lo <= p < hi and kind == "org":
            out.append((p, names.org_full_name(_strip(n))))
    seen = {p for p, _ in out}
    text = resolver.text
    common = _common_words(resolver)
    for m in _CAP_RUN.finditer(text, lo, hi):
        if any(abs(m.start() - p) < 3 for p in seen):
            continue
        words = m.group().split("\n")[0].split()
        start = m.start()
        # leading common words ("Most of Rogers", "As", "Story") and dates are no name
        while words and (words[0].lower() in common or words[0].lower().rstrip(".") in _DATES):
            start = text.index(words[0], start) + len(words[0])
            words.pop(0)
        cut = next((i for i, w in enumerate(words) if w.lower().rstrip(".") in _DATES), None)
        words = words[:cut]
        while words and words[-1].lower() in ("of", "and", "for", "the", "on", "de"):
            words.pop()
        if not words:
            continue
        run = re.sub(r"['’]s?$", "", " ".join(words).rstrip(".,"))
        if resolver._is_person(run):
            continue
        at = text.index(words[0], start)
        if len(words) == 1 and _sentence(resolver.sentences, at)[0] == at:
            continue  # "Since", "Citing": a capital opening a sentence names nothing
        out.append((at, names.org_full_name(run)))
    return sorted(out)


_DATES = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "jan", "january", "feb", "february", "march", "apr", "april", "may", "june", "july",
    "aug", "august", "sept", "sep", "september", "oct", "october", "nov", "november", "dec",
    "december",
}


def _common_words(resolver) -> set[str]:
    """Words the article also writes in lower case: a capital there only opens a sentence."""
    cache = getattr(resolver, "_common_words", None)
    if cache is None:
        cache = set(re.findall(r"\b[a-z][a-z'’-]*\b", resolver.text)) | _STOP
        resolver._common_words = cache
    return cache


def _subject_like(text: str, sentences, pos: int) -> bool:
    s, _ = _sentence(sentences, pos)
    return re.fullmatch(r"\s*(?:[\"“]\s*)?(?:The\s+)?", text[s:pos]) is not None


def choose_org(head: str, modifiers: list[str], pos: int, resolver, names) -> str | None:
    """ "the agency", "the company", "the security firm": the organisation the description
    stands for, or ``None``.  ``modifiers`` are the description's other words ("security"):
    a name earns the head-noun evidence only where they agree too."""
    text = resolver.text
    lo = max(0, pos - REACH)
    words = [head, *modifiers]
    cands: dict[str, Candidate] = {}
    for p, name in _org_names(resolver, names, lo, pos):
        if not name or name.lower() == head or resolver._is_person(name):
            continue
        if name.lower() in names.full_by_surname:
            continue  # NER's ORG for a person's surname
        c = cands.setdefault(name, Candidate(name, p))
        c.pos = p  # the latest mention counts for distance
        ev = c.evidence
        s, e = _sentence(resolver.sentences, p)
        bounds = (s, min(e, pos))  # the description itself describes nothing
        in_name = set(name.lower().split())
        if head in in_name and all(m in in_name for m in modifiers):
            ev["head in name"] = W_HEAD_IN_NAME
        elif all(w in in_name or _word_near(text, w, p, p + len(name), bounds) for w in words):
            ev["described"] = W_DESCRIBED
        if _subject_like(text, resolver.sentences, p):
            ev["subject"] = W_SUBJECT
        ev["in quote"] = W_IN_QUOTE if resolver.in_quote(p) else 0.0
    last = resolver.last_org
    if last and 0 <= pos - resolver.last_org_at < REACH and not resolver._is_person(last):
        c = cands.setdefault(last, Candidate(last, resolver.last_org_at))
        c.pos = max(c.pos, resolver.last_org_at)
        c.evidence["in quote"] = 0.0
        # who spoke last counts unless another organisation was named after its statement
        k = bisect.bisect_right(resolver.sentences, (resolver.last_org_at, 1 << 60)) - 1
        after = resolver.sentences[k][1] if k >= 0 else resolver.last_org_at
        rivals = [
            n for p, n, kind in names.org_mentions
            if after <= p < pos and kind == "org" and names.org_full_name(_strip(n)) != last
            and not resolver.in_quote(p)
        ]
        if not rivals:
            c.evidence["spoke last"] = W_SPOKE_LAST
    before = _sentence_before(resolver, pos)
    if before is not None:
        lo, hi = before
        # every candidate named there: NER's organisations, and capitalised runs ("... by
        # TransLink.") except after "the" or "a" and lower-case words, where a name mostly
        # modifies a noun ("The new Bridgeview complex will")
        ner = {
            names.org_full_name(_strip(n))
            for p, n, kind in names.org_mentions
            if lo <= p < hi and kind == "org"
        }
        named = {
            c.name
            for c in cands.values()
            if lo <= c.pos < hi
            and not resolver.in_quote(c.pos)
            and (c.name in ner or not _after_determiner(text, c.pos, lo))
        }
        if len(named) == 1:
            # the one organisation the sentence before names: "... by TransLink. The agency"
            cands[named.pop()].evidence["sentence before"] = W_SENTENCE_BEFORE
    for c in cands.values():
        c.evidence["distance"] = -DISTANCE * (pos - c.pos)
    return _best(cands.values())


def _after_determiner(text: str, pos: int, start: int) -> bool:
    """Whether ``text[pos:]`` follows "the", "a" or "an" and at most two lower-case words."""
    return re.search(r"\b(?:[Tt]he|[Aa]n?)(?:\s+[a-z][\w-]*){0,2}\s+$", text[start:pos]) is not None


def _sentence_before(resolver, pos: int) -> tuple[int, int] | None:
    """The sentence before the one holding ``pos``, with the quotes in it left out: ``None``
    when it is all quote."""
    k = bisect.bisect_right(resolver.sentences, (pos, 1 << 60)) - 1
    if k < 1:
        return None
    s, e = resolver.sentences[k - 1]
    if resolver._quotes().covers(s, e):
        return None
    return s, e


def choose_person(
    head: str, pos: int, resolver, names, also: tuple[str, ...] = (), sole: bool = False
) -> str | None:
    """ "the rookie winger", "the soft-spoken forward": the person the article described with
    the same noun ("Tom Baker, a rookie winger,"); the description must have been used of the
    person (a bare "the X said" names no one), the rest of the evidence ranks the people it
    was used of.

    ``sole``: the description must have been attached to the person (:func:`_attached`: a
    title before the name or an apposition after it, not just a word nearby) and to one
    person only; with two, it stays as written (a wrong name files a statement under
    someone else's claims).  ``also``: words as written that must be attached with it
    ("Democratic" for "the Democratic front-runner")."""
    text = resolver.text
    lo = max(0, pos - REACH)
    pool = list(names.mentions_in(lo, pos))
    pool += [(p, n) for p, n in names.persons if lo <= p < pos and len(n.split()) > 1]
    last = resolver.recent[-1][1] if resolver.recent else None
    cands: dict[str, Candidate] = {}
    for p, name in sorted(pool):
        if not names.person_like(name):
            continue
        s, e = _sentence(resolver.sentences, p)
        surname = name.split()[-1]
        end = p + len(surname) if text.startswith(surname, p) else p + len(name)
        bounds = (s, min(e, pos))
        if sole:
            if not _attached(text, head, also, p, end, bounds):
                continue
        elif not _word_near(text, head, p, end, bounds):
            continue
        c = cands.setdefault(name, Candidate(name, p))
        c.pos = p
        c.evidence["described"] = W_DESCRIBED
        if _subject_like(text, resolver.sentences, p):
            c.evidence["subject"] = W_SUBJECT
        c.evidence["in quote"] = W_IN_QUOTE if resolver.in_quote(p) else 0.0
    for c in cands.values():
        if c.name == last:
            c.evidence["spoke last"] = W_SPOKE_LAST
        c.evidence["distance"] = -DISTANCE * (pos - c.pos)
    if sole and len(cands) > 1:
        return None
    return _best(cands.values())


def _attached(text: str, head: str, also, p: int, end: int, bounds: tuple[int, int]) -> bool:
    """Whether the noun ``head`` (and every word of ``also`` with it) was said of the name at
    ``text[p:end]``: written before it with only capitalised words between, as a title
    ("Democratic front-runner Hillary Clinton", "actress Jane Roe"), or in an apposition
    right after it ("Hillary Clinton, the Democratic front-runner,", "Tom Baker, 24, a
    rookie winger from Halifax").  ``bounds``: the name's sentence."""
    noun = r"(?i:" + re.escape(head) + r"s?)"
    need = [re.compile(r"\b" + re.escape(w) + r"\b") for w in also]
    before = text[max(bounds[0], p - NEAR) : p]
    m = re.search(r"\b" + noun + r"(?:\s+[A-Z][\w.'’-]*)*\s+$", before)
    if m and all(r.search(before[: m.start()][-NEAR // 2 :]) for r in need):
        return True
    after = text[end : min(bounds[1], end + NEAR)]
    m = re.match(
        r"\s*,\s+(?:\d+,\s+)?(?:a|an|the|his|her|[A-Z][\w.'’-]*['’]s)\s+((?:[\w.'’-]+\s+){0,4}?)"
        + noun
        + r"\b",
        after,
    )
    return bool(m) and all(r.search(m.group(1)) for r in need)


def choose_issuer(head: str, pos: int, resolver, names) -> str | None:
    """ "the report said", "the study found": who issued the document, where the article said
    so at an earlier mention of a document (``data/document_nouns.txt``)."""
    text = resolver.text
    docs = word_list("document_nouns")
    lo = max(0, pos - REACH)
    pattern = re.compile(r"\b(" + "|".join(sorted(docs, key=len, reverse=True)) + r")s?\b")
    mentions = [m for m in pattern.finditer(text, lo, pos)]
    for m in reversed(mentions):
        s, e = _sentence(resolver.sentences, m.start())
        cands: dict[str, Candidate] = {}
        pool = [(p, n) for p, n in _org_names(resolver, names, s, e)]
        pool += names.mentions_in(s, e)
        for p, name in pool:
            if not name or name.lower() in docs:
                continue
            d = p - m.end() if p >= m.end() else m.start() - (p + len(name))
            if d < 0 or d > NEAR or resolver.in_quote(p):
                continue
            if p >= m.end() and not_the_issuer(text[m.end() : p]):
                continue  # "a lawsuit against Acme", "a report on Shell"
            c = cands.setdefault(name, Candidate(name, p))
            c.evidence["issued"] = W_ISSUED
            c.evidence["distance"] = -d / NEAR  # the closest name to the document
            if _subject_like(text, resolver.sentences, p):
                c.evidence["subject"] = W_SUBJECT
            between = text[p + len(name) : m.start()].lower().split() if p < m.start() else []
            if any(w.strip(",") in word_list("issue_verbs") for w in between):
                c.evidence["issued it"] = W_AGENT  # "Cross wrote in a recent report"
        best = _best(cands.values())
        if best:
            return best
    return None


_DETERMINERS = {"the", "a", "an", "its", "his", "her", "their"}


def not_the_issuer(between: str) -> bool:
    """Whether the words ``between`` a document and a name written after it make the name
    the document's target, topic or recipient rather than its issuer: "a lawsuit against
    Acme", "a report on Shell", "a letter to the minister", "the memo obtained by The Globe"
    (``data/not_issuer_links.txt``; only the link right before the name counts, so "released
    on Monday by Civic Action" is Civic Action's)."""
    words = [w.strip(",.;:()\"“”'’").lower() for w in between.split()]
    words = [w for w in words if w]
    while words and words[-1] in _DETERMINERS:
        words.pop()
    if not words:
        return False
    links = word_list("not_issuer_links")
    if words[-1] in links:
        return True
    return words[-1] == "by" and len(words) >= 2 and words[-2] in links


W_OBLIQUE = -0.8  # a possessor or a preposition's object is seldom what a pronoun means
W_ORDER = -0.1  # per name named before it in the sentence (news names the subject first)
W_LAST_SPEAKER = 0.3  # the person who spoke last


def choose_in_sentence(
    named: list[tuple[int, str]], text: str, bounds: tuple[int, int], last: str | None
) -> str:
    """Which of several people of the pronoun's gender, all named in the sentence before it,
    a "he" or "she" means: ranked by syntactic role as the words show it (a possessor,
    "Mary Smith's lawyer, Jane Roe", or a preposition's object, "In a letter to Mary Smith,
    Jane Roe asked", is seldom the one meant), by order (the subject comes first) and by who
    spoke last.  ``named`` is ``(position, name)`` in text order."""
    cands = []
    for rank, (p, name) in enumerate(named):
        c = Candidate(name, p, {"named before": 1.0, "order": W_ORDER * rank})
        if _oblique(text, p, name, bounds):
            c.evidence["oblique"] = W_OBLIQUE
        if name == last:
            c.evidence["spoke last"] = W_LAST_SPEAKER
        cands.append(c)
    return max(cands, key=lambda c: (c.score, -c.pos)).name


_PREPOSITIONS = frozenset(
    "to from with by of for against at about after before than like toward towards among "
    "between behind beside under over into onto upon via".split()
)


def _oblique(text: str, p: int, name: str, bounds: tuple[int, int]) -> bool:
    """Whether the mention of ``name`` at ``p`` is a possessor ("Smith's lawyer") or follows a
    preposition ("a letter to Mary Smith"), as far as the surface shows."""
    s, e = bounds
    # the word before the name's capitalised run (titles and given names belong to it)
    m = re.search(r"\b(\w+)\s+(?:(?:the|a|an)\s+)?(?:[A-Z][\w.'’-]*\s+){0,4}$", text[s:p])
    if m and m.group(1).lower() in _PREPOSITIONS:
        return True
    surname = name.split()[-1]
    k = text.find(surname, p, min(e, p + len(name) + 40))
    end = k + len(surname) if k >= 0 else p + len(name)
    return re.match(r"['’]s?\b", text[end : end + 3]) is not None


def _strip(name: str) -> str:
    return re.sub(r"['’]s?$", "", re.sub(r"^(?:the|The)\s+", "", name))


def _best(cands) -> str | None:
    ranked = sorted(cands, key=lambda c: (c.score, c.pos), reverse=True)
    if not ranked or ranked[0].score < THRESHOLD:
        return None
    return ranked[0].name
