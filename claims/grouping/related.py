"""Other speakers' claims that bear on a claim, ranked: the scoring, as plain functions.

`claims.selectors.related` finds the candidates (PostgreSQL full-text over the claims' words,
the words weighted by how rare they are) and hands each side's words here as lexemes (stems,
as PostgreSQL's English configuration gives them). Here they are scored: the rare words two
claims share (a cosine over inverse document frequencies), raised when the two were said
close in time, are filed under a common topic or were reported amid alike words (the
passages of their articles around their quotes: `with_context`). Each result says why: the
words, names and numbers shared, the days apart, the topics, how alike the contexts are. A
relation type is suggested only by a rule whose precision was measured on the tune half of the
judged gold (benchmarks/related_eval.py).
"""
import math
import re
from dataclasses import dataclass, field, replace
from datetime import date

from claims.grouping.normalise import normalise
from claims.grouping.polarity import opposite_polarity

# A claim said close in time to another would seem likelier to answer it; on the tune half of
# the judged gold (33 related pairs) a date bonus did not raise recall@10 (0.773 each way
# without, 0.773 with 0.5 halving every 14 days, 0.712 every 60), so it is off; the days apart
# are still given as a reason.
DATE_BONUS = 0.0
DATE_HALF_LIFE = 14.0
TOPIC_BONUS = 0.1
# The context of a claim: the words of its articles around each of its quotes (CONTEXT_CHARS
# on either side, the quote too: its attribution, the sentence, the sentences next to it).
# Two claims of two articles about one event or one topic are told by the words around them
# ("the wall", "Mexico", "pay" in both passages) even when the statements are worded apart.
# Their contexts' cosine (the words weighted as the claim's own, by rarity among claims),
# times CONTEXT_BONUS, is added to the score; nothing when the two share an article (every
# claim of one article would rise together). Fifth round (docs/related-claims.md): on the tune
# half, 150 characters at 0.3 or 0.4 found 3 more of tune-A's 32 directions and 2 more of
# tune-B's 38, lost none; 300 characters gained 2 / 2 from 0.3 to 0.6.
CONTEXT_BONUS = 0.4
CONTEXT_CHARS = 150
# Only the best candidates by their words are read for their context (reading it is most of
# the lookup's cost): the bonus lifts a claim among them, not one from far below.
CONTEXT_TOP = 30
# A candidate whose words (by weight) are nearly all the claim's own is the claim itself, or
# an excerpt of it, filed under another speaker key: a speaker error on one side (the issue
# counted one claim split this way in each of 20 "same words, other speaker" suggestions). It
# is a "same claim?" question, not a related claim, and it took a place in the first 10 that
# a related claim lost: on the tune half, dropping those with 80 % or more of their weight
# inside the claim (and 3 shared words) gained 2 of 102 judged directions and lost none; 90 %
# gave the same.
COPY_SHARE = 0.8
COPY_MIN_WORDS = 3
# Chosen on the tune half (recall@10 each way): word pairs at the weight of their rarer word
# (0.773, against 0.697 without pairs), the candidate's length counted by the square root of
# its norm (0.773, against 0.652 for the plain cosine).
PAIR_FACTOR = 1.0
LENGTH_EXPONENT = 0.5
# A word in more than this share of claims says nothing about what a claim is about ("say",
# "peopl"): left out of the retrieval query (it would match most claims) but still scored.
COMMON = 0.02
# The rarest words of a claim looked up; more add little and each is an index probe.
QUERY_WORDS = 24

_NUMBER = re.compile(r"\d[\d,.]*\d|\d")
_CAPITALISED = re.compile(r"[A-Z][\w'’.-]*[\w]|[A-Z]")
# Capitalised for their grammar, not names.
_NOT_NAMES = frozenset("""I A An The This That These Those It Its We Our You Your He His She Her
They Their There Here What When Where Who Why How And But Or If So Not No Yes Mr Mrs Ms Dr In
On At For With As By From To Of After Before All Any Some Every Each One Many Most More Now
Then Today Yesterday Tomorrow Is Are Was Were Will Would Can Could Should Do Does Did Let
""".split())


@dataclass(frozen=True)
class Side:
    """One claim as the scoring sees it."""

    id: int
    text: str
    lexemes: frozenset[str]
    pairs: frozenset[tuple[str, str]] = frozenset()
    speaker_key: str = ""
    speaker_ids: frozenset[int] = frozenset()
    topics: frozenset[int] = frozenset()
    seen: date | None = None  # first seen
    last: date | None = None  # last seen
    # The reporting verbs of its quotes ("denied", "said"), read only by the type rules
    # (the lookup leaves them empty while no cue rule types a suggestion).
    cues: frozenset[str] = frozenset()
    # The words around its quotes in their articles, (lexeme, count), and those articles.
    context: frozenset[tuple[str, int]] = frozenset()
    articles: frozenset[int] = frozenset()


@dataclass
class Related:
    claim_id: int
    score: float
    words: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    numbers: list[str] = field(default_factory=list)
    days_apart: int | None = None
    topics: list[int] = field(default_factory=list)
    suggested_type: str | None = None
    type_rule: str | None = None
    context: float = 0.0  # the cosine of the words around the two claims' quotes

    def reason(self) -> dict:
        return {"words": self.words, "names": self.names, "numbers": self.numbers,
                "days_apart": self.days_apart, "topics": self.topics,
                "type_rule": self.type_rule, "context": self.context}


def word_weight(frequency: float) -> float:
    """Inverse document frequency of a word found in this share of claims."""
    return math.log(1.0 / max(frequency, 1e-6))


def query_words(lexemes, frequency) -> list[tuple[str, float]]:
    """The claim's words worth looking up, rarest first, with their weights: `frequency`
    gives a lexeme's share of claims."""
    kept = [(lexeme, frequency(lexeme)) for lexeme in lexemes]
    kept = [(lexeme, word_weight(f)) for lexeme, f in kept if f <= COMMON and len(lexeme) > 1]
    kept.sort(key=lambda item: (-item[1], item[0]))
    return kept[:QUERY_WORDS]


def names(text: str) -> set[str]:
    """Capitalised words, lower-cased, less those capitalised for grammar ("The", "We"): the
    names in a text. A sentence's first word counts too ("Russia and China ..."): only words
    both texts hold are shown, and a common word both begin with is rare."""
    found = set()
    for match in _CAPITALISED.finditer(text):
        word = match.group().rstrip(".")
        if word in _NOT_NAMES:
            continue
        found.add(word.lower().removesuffix("'s").removesuffix("’s"))
    return found


def numbers(text: str) -> set[str]:
    return {n.replace(",", "") for n in _NUMBER.findall(text)}


def _days_apart(a: Side, b: Side) -> int | None:
    """Days between the two claims' spans of being seen (0 when they overlap)."""
    if not (a.seen and b.seen):
        return None
    a_last, b_last = a.last or a.seen, b.last or b.seen
    if a_last < b.seen:
        return (b.seen - a_last).days
    if b_last < a.seen:
        return (a.seen - b_last).days
    return 0


def _display_words(text: str, shared: set[str]) -> list[str]:
    """The claim's own words behind the shared stems ("allianc" -> "alliance")."""
    shown, done = [], set()
    for word in re.findall(r"[\w'’-]+", text):
        low = word.lower()
        for lexeme in shared - done:
            stem = lexeme[:max(3, len(lexeme) - 1)]
            if low == lexeme or low.startswith(stem):
                shown.append(low)
                done.add(lexeme)
                break
    return shown + sorted(shared - done)


def _opposite(own: Side, other: Side) -> bool:
    return bool(opposite_polarity(normalise(own.text), normalise(other.text)))


_SAYS_FALSE = re.compile(r"\b(?:untrue|not true|false|lie|lies|lied|lying|wrong|nonsense|"
                         r"baseless|deni(?:ed|es)|deny|rejects?|rejected|dismiss(?:ed|es)?)\b",
                         re.I)


def _says_false(own: Side, other: Side) -> bool:
    return bool(_SAYS_FALSE.search(own.text) or _SAYS_FALSE.search(other.text))


def _later(own: Side, other: Side) -> list[Side]:
    """The side said later (the one that would support, deny or respond), or both when the
    dates do not tell."""
    if own.seen and other.seen and own.seen != other.seen:
        return [own if own.seen > other.seen else other]
    return [own, other]


def _cue_response(side: Side) -> str | None:
    from claims.grouping.responses import response_cue

    for cue in sorted(side.cues):
        found = response_cue(cue=cue)
        if found:
            return found.relation
    return None


def _cue_denies(own: Side, other: Side) -> bool:
    return any(_cue_response(s) == "denies" for s in _later(own, other))


def _cue_responds(own: Side, other: Side) -> bool:
    return any(_cue_response(s) == "responds_to" for s in _later(own, other))


_AGREEING_CUE = re.compile(r"\b(?:agree|echo|endors|support|back|prais|second|concur|"
                           r"applaud|hail|laud|commend|defend)\w*", re.I)


def _cue_agrees(own: Side, other: Side) -> bool:
    return any(_AGREEING_CUE.search(cue) for s in _later(own, other) for cue in s.cues)


def _clauses_opposed(own: Side, other: Side) -> bool:
    from claims.grouping.clauses import clause_opposition

    return clause_opposition(own.text, other.text) is True


def _clauses_agree_close(own: Side, other: Side) -> bool:
    from claims.grouping.clauses import clause_opposition

    days = _days_apart(own, other)
    return days is not None and days <= 30 and clause_opposition(own.text, other.text) is False


# Each rule: (name, the type it suggests, the test). Measured one by one on the tune half
# (benchmarks/related_eval.py); only those in TYPED_RULES type a suggestion.
TYPE_RULES = (
    ("says false", "denies", _says_false),
    ("opposite polarity", "contradicts", _opposite),
    ("cue denies", "denies", _cue_denies),
    ("cue responds", "responds_to", _cue_responds),
    ("cue agrees", "supports", _cue_agrees),
    ("clauses opposed", "contradicts", _clauses_opposed),
    ("clauses agree, 30 days", "supports", _clauses_agree_close),
)
# Rules whose typed suggestions were right >= 0.7 on the tune half of the judged gold. None
# reached it: "opposite polarity" was right 5 of 12 times among the judged pairs in the first
# 10 (contradicts; 4 were near misses, 3 other types), "says false" never held. Fifth round:
# "clauses opposed" 6 of 8 (tune-A) and 3 of 4 (tune-B) in the first 10, but 8 of 12 and 4 of
# 6 on all judged pairs; "cue agrees" 5 of 5 on tune-B, never fired on tune-A; the cue rules
# for denies and responds to never fired (the later claim's cue is nearly always "said").
# Sixth round (docs/related-claims.md): those figures were on judged related pairs only. On
# the rows an analyst meets (the first 10 of tune claims, tests/data/claim_pairs/
# typed_related.jsonl, 188 pairs a rule fires on, tune-B judged blind) 27 of 188 are related
# at all, and every rule is right 0.27 of the time or less on tune-B ("clauses opposed" 0 of
# 31, "clauses agree, 30 days" 8 of 30). The analyst picks the type.
TYPED_RULES: frozenset[str] = frozenset()


def suggested_type(own: Side, other: Side, rules=None) -> tuple[str | None, str | None]:
    """(type, rule) from the first rule of `rules` (TYPED_RULES) that holds for the pair.
    Rules not measured right often enough are not even tried: the polarity rule parses both
    statements, milliseconds each."""
    wanted = TYPED_RULES if rules is None else rules
    for name, kind, test in TYPE_RULES:
        if name in wanted and test(own, other):
            return kind, name
    return None, None


def _norm(side: Side, weight) -> float:
    return math.sqrt(sum(weight(x) ** 2 for x in side.lexemes)
                     + sum(_pair_weight(p, weight) ** 2 for p in side.pairs))


def _pair_weight(pair: tuple[str, str], weight) -> float:
    # Two words next to each other in both ("minimum wage", "Trump University", "nuclear
    # deal") say more than either word alone.
    return PAIR_FACTOR * max(weight(pair[0]), weight(pair[1]))


def context_vector(side: Side, weight) -> dict[str, float]:
    """The words around the claim's quotes, each (1 + log count) x its weight, unit length."""
    weights = {x: (1 + math.log(max(n, 1))) * weight(x) for x, n in side.context}
    norm = math.sqrt(sum(w * w for w in weights.values()))
    return {x: w / norm for x, w in weights.items()} if norm else {}


def context_closeness(own: Side, other: Side, weight,
                      own_vector: dict[str, float] | None = None) -> float:
    """The cosine of the two claims' contexts; 0 when they share an article or either has
    none."""
    if not (own.context and other.context) or own.articles & other.articles:
        return 0.0
    a = own_vector if own_vector is not None else context_vector(own, weight)
    b = context_vector(other, weight)
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(x, 0.0) for x, w in a.items())


def closeness(own: Side, other: Side, weight, own_norm: float | None = None) -> float:
    """The score by the claims themselves: the cosine of the two claims' weighted words and
    word pairs, raised when the two were said close in time or share a topic; 0 when they
    share no word (`with_context` adds the words around them)."""
    shared = own.lexemes & other.lexemes
    if not shared:
        return 0.0
    dot = sum(weight(x) ** 2 for x in shared) + sum(
        _pair_weight(p, weight) ** 2 for p in own.pairs & other.pairs)
    own_norm = own_norm or _norm(own, weight)
    other_norm = _norm(other, weight)
    # LENGTH_EXPONENT 1 is the cosine; below it a long claim is penalised less for the words
    # it holds beyond those shared.
    value = dot / (own_norm ** (2 - LENGTH_EXPONENT) * other_norm ** LENGTH_EXPONENT)
    days = _days_apart(own, other)
    if days is not None:
        value *= 1 + DATE_BONUS * 0.5 ** (days / DATE_HALF_LIFE)
    if own.topics & other.topics:
        value += TOPIC_BONUS
    return value


def with_context(own: Side, scored: list, weight, read_context=None) -> tuple[Side, list]:
    """(own, the (score, side) pairs best first), the first CONTEXT_TOP of them (by their
    words) raised by CONTEXT_BONUS x the cosine of the words around the two claims' quotes.
    `read_context(ids)` gives each claim's (articles, context); without it the sides' own are
    used (none: no change)."""
    scored = sorted(scored, key=lambda item: (-item[0], item[1].id))
    if CONTEXT_BONUS and read_context is not None and scored:
        found = read_context([own.id] + [c.id for _, c in scored[:CONTEXT_TOP]])

        def filled(side):
            articles, context = found.get(side.id, (frozenset(), frozenset()))
            return replace(side, articles=articles, context=context)

        own = filled(own)
        scored[:CONTEXT_TOP] = [(value, filled(c)) for value, c in scored[:CONTEXT_TOP]]
    if CONTEXT_BONUS and own.context:
        own_vector = context_vector(own, weight)
        scored[:CONTEXT_TOP] = [
            (value + CONTEXT_BONUS * context_closeness(own, c, weight, own_vector), c)
            for value, c in scored[:CONTEXT_TOP]]
        scored.sort(key=lambda item: (-item[0], item[1].id))
    return own, scored


def explain(own: Side, other: Side, value: float, weight=None) -> Related:
    """The reasons behind a score, for the few shown (the names and words are looked up in
    the texts: too slow to do for every candidate)."""
    shared = own.lexemes & other.lexemes
    kind, rule = suggested_type(own, other)
    context = context_closeness(own, other, weight) if weight else 0.0
    return Related(
        claim_id=other.id, score=round(value, 4), words=_display_words(own.text, shared),
        names=sorted(names(own.text) & names(other.text)),
        numbers=sorted(numbers(own.text) & numbers(other.text)),
        days_apart=_days_apart(own, other), topics=sorted(own.topics & other.topics),
        suggested_type=kind, type_rule=rule, context=round(context, 3))


def score(own: Side, other: Side, weight) -> Related | None:
    """How much `other` bears on `own`, with why: None when they share no word. `weight`
    gives a lexeme's weight (its inverse document frequency)."""
    value = closeness(own, other, weight)
    return explain(own, other, value, weight) if value else None


def other_speaker(own: Side, other: Side) -> bool:
    """Whether `other` is said by someone else: not the same speaker key, no speaker shared."""
    if own.id == other.id:
        return False
    if own.speaker_key and other.speaker_key == own.speaker_key:
        return False
    return not (own.speaker_ids & other.speaker_ids)


def copy_of(own: Side, other: Side, weight) -> bool:
    """Whether `other` is `own` again or an excerpt of it: at least COPY_MIN_WORDS words shared
    and COPY_SHARE of `other`'s word weight (inverse document frequencies) inside `own`."""
    shared = own.lexemes & other.lexemes
    if len(shared) < COPY_MIN_WORDS:
        return False
    total = sum(weight(x) for x in other.lexemes)
    return total > 0 and sum(weight(x) for x in shared) >= COPY_SHARE * total


def rank(own: Side, candidates, weight, *, limit: int, read_context=None) -> list[Related]:
    """Other speakers' claims among `candidates`, best first (ties by id), at most `limit`;
    `read_context` as `with_context` takes it."""
    own_norm = _norm(own, weight)
    scored = [(closeness(own, c, weight, own_norm), c) for c in candidates
              if other_speaker(own, c)]
    scored = [(value, c) for value, c in scored if value > 0]
    scored = [(value, c) for value, c in scored if not copy_of(own, c, weight)]
    own, scored = with_context(own, scored, weight, read_context)
    return [explain(own, c, value, weight) for value, c in scored[:limit]]


def word_pairs(positions) -> frozenset[tuple[str, str]]:
    """Pairs of words next to each other (at most one dropped stop word between them), in
    text order, from (lexeme, position) pairs."""
    ordered = sorted(positions, key=lambda item: item[1])
    pairs = set()
    for (a, pa), (b, pb) in zip(ordered, ordered[1:], strict=False):
        if pb - pa <= 2 and a != b:
            pairs.add((a, b))
    return frozenset(pairs)


# --- without PostgreSQL: words and stems in Python ------------------------------------------

_STOP = frozenset("""a about above after again against all am an and any are as at be because
been before being below between both but by can could did do does doing down during each few
for from further had has have having he her here hers herself him himself his how i if in into
is it its itself just me more most my myself no nor not now of off on once only or other our
ours ourselves out over own same she should so some such than that the their theirs them
themselves then there these they this those through to too under until up very was we were
what when where which while who whom why will with would you your yours yourself yourselves
said says say""".split())


def crude_lexemes(text: str) -> list[tuple[str, int]]:
    """(word, position) for the lower-cased words without common endings: a stand-in for
    PostgreSQL's English stems where there is no PostgreSQL (SQLite: the lookup works, less
    well)."""
    out = []
    for position, word in enumerate(re.findall(r"[\w]+", text.lower()), start=1):
        if word in _STOP or len(word) < 2:
            continue
        for ending in ("ing", "ed", "es", "s"):
            if word.endswith(ending) and len(word) - len(ending) >= 3:
                word = word[: -len(ending)]
                break
        out.append((word, position))
    return out
