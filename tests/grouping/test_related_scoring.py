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


# --- the context: the words around the claims' quotes in their articles ----------------------

def with_context(s: scoring.Side, words: dict[str, int], article: int) -> tuple:
    return s.id, (frozenset({article}), frozenset(words.items()))


def test_the_claim_reported_amid_the_same_story_ranks_above_one_amid_another():
    own = side(1, "the harbour tunnel opens in spring", "a")
    # Two answers sharing the claim's words alike; the one told in another story has the
    # lower id, so it wins the tie by words alone.
    other_story = side(2, "the harbour tunnel waste money", "b")
    same_story = side(3, "the harbour tunnel waste cash", "c")
    contexts = dict([
        with_context(own, {"harbour": 1, "tunnel": 1, "flood": 2, "barrier": 1}, 10),
        with_context(same_story, {"harbour": 1, "tunnel": 1, "flood": 1, "barrier": 2}, 20),
        with_context(other_story, {"harbour": 1, "tunnel": 1, "ferry": 2, "strike": 1}, 30),
    ])

    def read(ids):
        return {i: contexts[i] for i in ids if i in contexts}

    by_words = scoring.rank(own, [other_story, same_story], weight, limit=10)
    assert [r.claim_id for r in by_words] == [2, 3]
    assert by_words[0].score == by_words[1].score
    ranked = scoring.rank(own, [other_story, same_story], weight, limit=10, read_context=read)
    assert [r.claim_id for r in ranked] == [3, 2]
    # The reason says how alike the two passages are.
    assert ranked[0].reason()["context"] > ranked[1].reason()["context"] > 0


def test_claims_of_one_article_are_not_raised_by_their_common_context():
    own = side(1, "the harbour tunnel opens in spring", "a")
    other = side(2, "the harbour tunnel waste money", "b")
    same_article = side(3, "the harbour tunnel waste cash", "c")
    words = {"harbour": 1, "tunnel": 1, "flood": 2, "barrier": 1}
    contexts = {1: (frozenset({10}), frozenset(words.items())),
                3: (frozenset({10}), frozenset(words.items())),
                2: (frozenset({30}), frozenset({"ferry": 1}.items()))}
    ranked = scoring.rank(own, [other, same_article], weight, limit=10,
                          read_context=lambda ids: {i: contexts[i] for i in ids})
    # Every claim of one article would rise together: the same article adds nothing.
    assert [r.claim_id for r in ranked] == [2, 3]
    assert ranked[1].reason()["context"] == 0


def test_only_the_best_candidates_by_their_words_have_their_context_read():
    own = side(1, "the harbour tunnel opens in spring", "a")
    # Every fourth candidate shares "tunnel" alone, the others "harbour" and "tunnel": the
    # weaker ten are spread among the ids, so reading the first by id reads some of them.
    ids = range(2, 2 + scoring.CONTEXT_TOP + 10)
    weak = {i for i in ids if i % 4 == 0}
    candidates = [side(i, f"the {'' if i in weak else 'harbour '}tunnel costs number{i} more",
                       f"k{i}") for i in ids]
    asked = []

    def read(ids):
        asked.append(list(ids))
        return {}

    scoring.rank(own, candidates, weight, limit=10, read_context=read)
    assert len(weak) == 10
    assert asked == [[1] + [i for i in ids if i not in weak]]
