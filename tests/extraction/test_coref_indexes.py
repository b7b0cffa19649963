"""The look-ups that keep resolving an article's mentions linear in its length answer exactly
what the passes over every quote span and every mention they replaced answered."""

import random

from claims.extraction.coref import SpeakerResolver
from claims.extraction.names import ArticleNames, SpanIndex, _after_the


def test_the_span_index_answers_as_a_pass_over_every_span():
    rng = random.Random(21)
    for _ in range(200):
        # nested, overlapping, touching and empty spans, in any order
        spans = []
        for _ in range(rng.randint(0, 12)):
            a = rng.randint(0, 100)
            spans.append((a, a + rng.choice((0, 1, 3, 10, 40))))
        index = SpanIndex(spans)
        for _ in range(50):
            s = rng.randint(-5, 150)
            e = s + rng.randint(0, 30)
            assert index.holds(s) == any(a <= s < b for a, b in spans)
            assert index.overlaps(s, e) == any(a < e and s < b for a, b in spans)
            assert index.covers(s, e) == any(a <= s and e <= b for a, b in spans)


def test_mentions_in_a_stretch_are_those_a_pass_over_every_mention_finds():
    rng = random.Random(7)
    names = ArticleNames()
    names.mentions = sorted((rng.randint(0, 500), rng.choice("ABCD")) for _ in range(60))
    for _ in range(300):
        s = rng.randint(-10, 510)
        e = s + rng.randint(0, 80)
        assert names.mentions_in(s, e) == [(p, n) for p, n in names.mentions if s <= p < e]
    # set out of order by hand: still the same answer
    names.mentions = list(reversed(names.mentions))
    assert names.mentions_in(100, 300) == [
        (p, n) for p, n in names.mentions if 100 <= p < 300
    ]


def _counted_from_the_start(text, mentions, pos):
    """The loop ``_choose_person`` ran at every pronoun before it carried its counts."""
    last_at, named = {}, {}
    for p, n in mentions:
        if p >= pos:
            break
        if _after_the(text, p):
            continue
        last_at[n] = p
        named[n] = named.get(n, 0) + 1
    return last_at, named


def test_the_people_named_before_a_pronoun_are_carried_forward_exactly():
    # Written for this test: people named bare, after a title and after a bare "the".
    sentence = (
        "Jane Roe met Tom Reid. The Reid Foundation paid. President Roe spoke. "
        "Reid said the Roe plan failed. "
    )
    text = sentence * 6
    names = ArticleNames()
    for surname, full in (("Roe", "Jane Roe"), ("Reid", "Tom Reid")):
        at = 0
        while (at := text.find(surname, at)) >= 0:
            names.mentions.append((at, full))
            at += 1
    names.mentions.sort()
    resolver = SpeakerResolver(
        names, text=text, sentences=[(0, len(text))], quote_spans=[], person_model=None
    )
    rng = random.Random(3)
    # in text order, as statements are resolved, then now and then further back
    positions = sorted(rng.randint(0, len(text)) for _ in range(40))
    positions[10:10] = [5, len(text) // 2, 0]
    for pos in positions:
        got = resolver._named_before(pos)
        assert got == _counted_from_the_start(text, names.mentions, pos)
        assert list(got[0]) == list(_counted_from_the_start(text, names.mentions, pos)[0])
    assert any(_after_the(text, p) for p, _ in names.mentions)  # the "the" case is exercised
