"""The grouping rules, as plain functions over text: no Django, no database.

`claims.services.grouping` fetches candidate claims with an index query and stores the
decision; what decides (how a statement is normalised, how close two are, whether one negates
the other, whether a cue answers an earlier statement) lives here, so it is tested and
benchmarked on text alone, like `claims.extraction`.
"""
from claims.grouping.decide import Decision, Match, decide
from claims.grouping.normalise import display_wording, normalise
from claims.grouping.polarity import cue_polarity, opposite_polarity, polarity, statement
from claims.grouping.responses import ResponseCue, response_cue
from claims.grouping.similarity import claim_similarity, trigram_similarity, trigrams
from claims.grouping.speaker_keys import speaker_key

__all__ = [
    "Decision",
    "Match",
    "claim_similarity",
    "cue_polarity",
    "decide",
    "ResponseCue",
    "display_wording",
    "normalise",
    "opposite_polarity",
    "polarity",
    "response_cue",
    "speaker_key",
    "statement",
    "trigram_similarity",
    "trigrams",
]
