"""Which claim a statement joins, given its candidates: a pure function of the words.

Each candidate is a wording some claim of the same speaker is known by. A statement joins the
closest claim at or above the `join` threshold; between `suggest` and `join` it starts a claim
of its own and the close ones become "same claim?" suggestions for an analyst. A candidate that
says the opposite (`polarity.opposite_polarity`) is never joined, however close its words: it
is recorded as opposed, for a `contradicts` suggestion.
"""
from dataclasses import dataclass, field

from claims.grouping.polarity import opposite_polarity
from claims.grouping.similarity import claim_similarity, is_excerpt


@dataclass(frozen=True)
class Match:
    claim_id: int
    score: float
    wording: str
    reason: str = ""


@dataclass
class Decision:
    join: Match | None = None
    merge_candidates: list[Match] = field(default_factory=list)
    opposed: list[Match] = field(default_factory=list)


def decide(normalized: str, candidates, *, join: float, suggest: float) -> Decision:
    """`candidates` are (claim, normalised wording) pairs, the claim an id or any hashable
    stand-in for a claim not stored yet; returns what to do. An excerpt of a wording (or a
    wording that is an excerpt of the statement: `similarity.is_excerpt`) joins like a close
    one, whatever its similarity. Ties keep the candidates' order."""
    best: dict[int, Match] = {}
    opposed: dict[int, Match] = {}
    for claim_id, wording in candidates:
        score = claim_similarity(normalized, wording)
        excerpt = score < join and is_excerpt(normalized, wording)
        if score < suggest and not excerpt:
            continue
        why = opposite_polarity(normalized, wording)
        if why:
            if claim_id not in opposed or opposed[claim_id].score < score:
                opposed[claim_id] = Match(claim_id, score, wording, why)
            continue
        found = Match(claim_id, score, wording, "excerpt" if excerpt else "")
        if claim_id not in best or _rank(best[claim_id], join) < _rank(found, join):
            best[claim_id] = found
    # A claim with one wording opposed and another agreeing is not opposed: the agreeing
    # wording decides (it already holds both polarities, e.g. after an analyst's merge).
    for claim_id in best:
        opposed.pop(claim_id, None)
    ranked = sorted(best.values(), key=lambda m: _rank(m, join), reverse=True)
    decision = Decision(opposed=sorted(opposed.values(), key=lambda m: -m.score))
    if ranked and _rank(ranked[0], join)[0]:
        decision.join = ranked[0]
    else:
        decision.merge_candidates = ranked
    return decision


def _rank(match: Match, join: float) -> tuple[bool, float]:
    """Joinable first (at the threshold, or an excerpt), then by similarity."""
    return (match.score >= join or match.reason == "excerpt", match.score)
