"""One speaker's statements that say the same thing in other words: an excerpt against the
whole quote, a headline against the quote behind it, a paraphrase.

Trigram similarity is symmetric: an excerpt of eight words against the forty-word quote it
was cut from scores about 0.2, below any threshold that keeps precision; a paraphrase shares
its content words (names, numbers, the verb's stem) but few trigrams. Here statements are
compared on their content words (stems of the words that are not function words, numbers
kept): the shorter one's words all found in the longer one is an excerpt; many shared
content words a possible paraphrase. Candidates come from the database's full-text index
(`claims.selectors.content`); this module only decides.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from claims.grouping.clauses import _LIGHT, _stem
from claims.grouping.lexicon import DAYS, negators
from claims.grouping.synonyms import canonical, forms

# Measured on the tune half of the claim pairs (benchmarks/bench_grouping_pairs.py): see
# claims/grouping/README.md.
EXCERPT_CONTAINMENT = 0.9  # share of the shorter statement's content words in the longer
EXCERPT_MIN_WORDS = 4  # content words the shorter statement needs to count as an excerpt
PARAPHRASE_MIN_SHARED = 4  # content words two paraphrases share, at least
PARAPHRASE_OVERLAP = 0.6  # shared / the shorter statement's content words
# A short paraphrase: three content words shared, three of the shorter side's four ("he
# believes Afghanistan was a terrible mistake" / "we made a terrible mistake getting involved
# in Afghanistan"). On the tune half (2026-12-06, the look-up run without its time limit):
# 3 / 0.75 offered 4 more of the 27 true pairs left apart; 3 / 0.6 one more, and 4 / 0.5 one
# more again, at the cost of about 40 tune offers more, of which a reading found most wrong
# (two points of one speaker on one subject: "Sen. Ted Cruz for president" / "please join me
# in supporting Ted Cruz ...").
SHORT_PARAPHRASE_MIN_SHARED = 3
SHORT_PARAPHRASE_OVERLAP = 0.75
# "Same claim?" offers a statement makes from the content look-up, the closest first: a point
# repeated in many articles ("build a wall", "too cozy with Wall Street") has several earlier
# claims a pair of the gold may sit in; the closest alone missed them.
OFFERS_PER_STATEMENT = 3
# A paraphrase's shared words must also be some part of the longer statement: three short
# words against a speech of forty-seven content words ("today, tomorrow, forever" against a
# long speech that holds the three in another sentence) are there by chance. Read on tune-a
# (claims/grouping/README.md, "sixth pass"): the one content offer below a tenth was that one,
# wrong; the lowest right one shared 3 of 14. An excerpt (4 words or more, nearly all found)
# is not held to it.
MIN_SHARE_OF_LONGER = 0.1


# Words that say nothing of what a statement is about, beyond clauses.py's function words:
# contractions as `normalise` leaves them ("I'll" is "ill") and light verbs. Read on the tune
# half (docs/suggestions-read.md, #63): "I think I'll get there" had the three content words
# "ill", "think", "get" and matched another point of the speaker's at 1.00. Here only, not in
# the clause parse: what a clause is about for its negation is left as it was.
_EMPTY = frozenset("""ill im ive id youre theyre weve youve theyve hes shes its lets thats
theres whats think get gets got go goes going gone went want wants know knows""".split())
# The day and the occasion a thing was said belong to the report's frame, not to what was said,
# and an extracted span often ends with them ("Obama was the founder of ISIS on Wednesday at a
# Florida rally", tune half: against "the real founder of the Islamic State militant group is
# President Barack Obama", 3 content words shared of 6, not offered). Only at the end of the
# statement, where the report's adjuncts sit: "will close in June" keeps its month, and "next
# Monday" its day.
_DAY = "(?:" + "|".join(DAYS) + ")"
_TRAILING_FRAME = re.compile(
    r"(?:\s+(?:on|last)\s+" + _DAY + r"(?:\s+(?:morning|afternoon|evening|night))?"
    r"|\s+(?:at|during)\s+an?\s+(?:\w+\s+){0,3}?(?:rally|event|fundraiser|town hall|"
    r"news conference|press conference|campaign stop)"
    r"|\s+in\s+an?\s+(?:\w+\s+){0,3}?interview(?:\s+with\s+\w+(?:\s+\w+){0,2}?)?)+$")


def without_frame(normalised: str) -> str:
    """A normalised statement without the day and occasion of its report at its end ("... on
    wednesday at a florida rally", "... in an interview with cnn")."""
    return _TRAILING_FRAME.sub("", normalised)


@lru_cache(maxsize=65536)
def content_words(normalised: str) -> frozenset[str]:
    """The stems of a normalised statement's content words (numbers kept, negators, function
    words, contractions, light verbs and the report's day and occasion left out: polarity is
    judged apart)."""
    negating = negators()
    return frozenset(_stem(w) for w in without_frame(normalised).split()
                     if (len(w) > 2 or w.isdigit()) and w not in _LIGHT and w not in _EMPTY
                     and w not in negating)


@dataclass(frozen=True)
class ContentMatch:
    kind: str  # "excerpt" or "paraphrase"
    shared: int
    overlap: float  # shared / the shorter statement's content words


def content_keys(normalised: str) -> frozenset[str]:
    """Content words with synonyms and names read as one (`synonyms`: "pact" as "deal", "the
    islamic state" as "isis"): what the content look-up finds and offers by."""
    return content_words(canonical(normalised))


def content_match(a: str, b: str) -> ContentMatch | None:
    """How two normalised statements of one speaker match on content words, if they do (a
    synonym or another form of a name counted as the same word: `content_keys`)."""
    wa, wb = content_keys(a), content_keys(b)
    short = min(len(wa), len(wb))
    if not short:
        return None
    shared = len(wa & wb)
    overlap = shared / short
    if short >= EXCERPT_MIN_WORDS and overlap >= EXCERPT_CONTAINMENT:
        return ContentMatch("excerpt", shared, overlap)
    if shared < MIN_SHARE_OF_LONGER * max(len(wa), len(wb)):
        return None  # a few words of a long speech, there by chance
    if shared >= PARAPHRASE_MIN_SHARED and overlap >= PARAPHRASE_OVERLAP:
        return ContentMatch("paraphrase", shared, overlap)
    if shared >= SHORT_PARAPHRASE_MIN_SHARED and overlap >= SHORT_PARAPHRASE_OVERLAP:
        return ContentMatch("paraphrase", shared, overlap)
    return None


def search_terms(normalised: str, limit: int = 12) -> list[str]:
    """The words to look a statement's candidates up by, longest first (the rarer ones, as a
    rule; a synonym group's key by its longest form, "isis" as "islamic state"): the look-up
    asks for two of them, each under all its forms (`term_forms`)."""
    words = {w for w in canonical(without_frame(normalised)).split()
             if (len(w) > 2 or w.isdigit()) and w not in _LIGHT and w not in _EMPTY
             and w.isalnum()}
    return sorted(words, key=lambda w: (-max(map(len, forms(w))), w))[:limit]


def term_forms(term: str) -> tuple[str, ...]:
    """A search term's forms (`synonyms.forms`): "deal" is found as "pact" and "agreement"
    too, "isis" as "islamic state"."""
    return forms(term)


# Read one by one on the tune half (bench_grouping_pairs --show-suggestions): most wrong
# "same claim?" questions of close wording were fragments ("the wall" / "the re", "Hillary
# Clinton is a joke" / "Clinton a bigot"), whose few trigrams make any two look alike.
ASK_MIN_WORDS, ASK_MIN_SHARED = 3, 2


def worth_asking(a: str, b: str) -> bool:
    """Whether two normalised statements hold enough content words, and share enough, for a
    "same claim?" question to mean anything."""
    wa, wb = content_words(a), content_words(b)
    return min(len(wa), len(wb)) >= ASK_MIN_WORDS and len(wa & wb) >= ASK_MIN_SHARED


def worth_a_reversal(a: str, b: str, score: float) -> bool:
    """Whether two statements of opposite polarity may be a changed position: near-identical
    words ("he is not a Christian" / "he is a Christian"), or enough content words on both
    sides ("not Christian" / "to protect Christianity" is no proposition reversed)."""
    return score >= REVERSAL_SAME_WORDS or worth_asking(a, b)


REVERSAL_SAME_WORDS = 0.6
