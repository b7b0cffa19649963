"""Related claims' scoring on text alone (claims.grouping.related, no Django): a candidate
that is the claim again, or an excerpt of it, under another speaker key is left out; a claim
that only shares some of its words is kept and ranked."""
from claims.grouping import related as scoring

# The sentences below are written for these tests.
OWN = "The harbour tunnel will cost four billion dollars and open in spring"
EXCERPT = "the harbour tunnel will cost four billion dollars"
ANSWER = "Engineers doubt the harbour tunnel can open before autumn"
OTHER = "The mayor wants a new bridge over the river"


def side(pk: int, text: str, speaker: str) -> scoring.Side:
    positions = scoring.crude_lexemes(text)
    return scoring.Side(id=pk, text=text, lexemes=frozenset(w for w, _ in positions),
                        pairs=scoring.word_pairs(positions), speaker_key=speaker)


def weight(lexeme: str) -> float:
    # "tunnel", "harbour" rare; the rest alike.
    return 3.0 if lexeme in {"tunnel", "harbour"} else 1.0


def test_an_excerpt_of_the_claim_is_a_copy_and_a_claim_sharing_some_words_is_not():
    own = side(1, OWN, "a")
    assert scoring.copy_of(own, side(2, EXCERPT, "b"), weight)
    assert scoring.copy_of(own, side(3, OWN, "b"), weight)
    assert not scoring.copy_of(own, side(4, ANSWER, "b"), weight)
    # The other way round (the claim is the excerpt) it is not a copy: the longer claim says
    # much more than the excerpt holds.
    longer = side(5, OWN + " and carry freight trains to the new airport terminal", "c")
    assert not scoring.copy_of(side(2, EXCERPT, "b"), longer, weight)


def test_a_copy_needs_three_shared_words():
    own = side(1, OWN, "a")
    assert not scoring.copy_of(own, side(2, "harbour tunnel", "b"), weight)
    assert not scoring.copy_of(own, side(2, "harbour tunnel cost overruns worry the council",
                                          "b"), weight)
    assert scoring.copy_of(own, side(2, "harbour tunnel cost", "b"), weight)


def test_rank_leaves_copies_out_and_keeps_the_related_claim():
    own = side(1, OWN, "a")
    candidates = [side(2, EXCERPT, "b"), side(3, OWN, "c"), side(4, ANSWER, "d"),
                  side(5, OTHER, "e")]
    ranked = scoring.rank(own, candidates, weight, limit=10)
    assert [r.claim_id for r in ranked] == [4]
    assert {"harbour", "tunnel"} <= set(ranked[0].words)
