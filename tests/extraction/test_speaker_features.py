"""The speaker ranker's candidates and features, read from each unit's columns once, are those
of the first token-by-token version (``speaker_features_reference``), row for row and bit
for bit, and an article's cues scored at once choose what one cue at a time chose."""

import pytest

from claims.extraction import Extractor
from claims.extraction import pipeline as pipeline_module
from claims.extraction.speaker_features import FEATURES

from . import speaker_features_reference as reference

# Written for these tests: names, titles and pronouns, a quote between speaker and verb,
# "according to", an organisation, a relative clause, two cues in one sentence, two
# sentences in one unit, a question and an inverted frame.
ARTICLE = """\
Mayor Jane Roe said on Friday that the city would rebuild the bridge by spring.
"We are not going to wait for the province," she told reporters at City Hall.
Her deputy, Tom Reid, warned that the budget was tight, and added that taxes could rise.
According to the Harbour Authority, the port lost money for a third year.
The authority's chief executive, who spoke on condition of anonymity, insisted that \
the losses were temporary.
"It is a disgrace," said Councillor Amy Chen, who voted against the plan. She argued \
that residents had not been consulted.
Officials with the transport ministry said the bridge "was never safe" and that repairs \
were overdue, Reid said.
Roe, asked whether she would resign, replied that she had done nothing wrong.
"""


@pytest.fixture(scope="module")
def scored(nlp):
    """Every call the extractor makes to score mentions on ARTICLE: (args, its choices)."""
    calls = []
    choose = pipeline_module.choose_mentions

    def recording(model, log, items, inside_quote, names, text):
        chosen = choose(model, log, items, inside_quote, names, text)
        calls.append((model, list(items), inside_quote, names, text, chosen))
        return chosen

    extractor = Extractor(nlp)
    mp = pytest.MonkeyPatch()
    mp.setattr(pipeline_module, "choose_mentions", recording)
    try:
        extractor.extract(ARTICLE)
    finally:
        mp.undo()
    return calls


def test_the_features_are_the_reference_features_to_the_bit(scored):
    from claims.extraction.speaker_features import candidates, featurise

    n_rows = n_cues = 0
    for _model, items, inside_quote, names, text, _chosen in scored:
        for cue, doc, off, rule_span in items:
            old = reference.candidates(cue, doc, rule_span)
            new = candidates(cue, doc, rule_span)
            assert [(i, j, h.i) for i, j, h in old] == new
            rows = featurise(cue, doc, off, new, rule_span, inside_quote, names, text)
            assert rows == reference.featurise(
                cue, doc, off, old, rule_span, inside_quote, names, text
            )
            assert all(len(r) == len(FEATURES) for r in rows)
            n_rows += len(rows)
            n_cues += 1
    # not vacuous: many cues, several candidates each, and features of many kinds set
    assert n_cues >= 8 and n_rows >= 3 * n_cues


def test_an_articles_cues_scored_at_once_choose_as_one_cue_at_a_time(scored):
    from claims.extraction.speaker_features import candidates

    changed = 0
    for model, items, inside_quote, names, text, chosen in scored:
        assert len(chosen) == len(items)
        for (cue, doc, off, rule_span), span in zip(items, chosen, strict=True):
            if cue.token.dep_ == "relcl":
                assert span == rule_span
                continue
            cands = reference.candidates(cue, doc, rule_span)
            rows = reference.featurise(cue, doc, off, cands, rule_span, inside_quote, names, text)
            rule_k = next(k for k, (i, j, _) in enumerate(cands) if (i, j) == rule_span)
            k = model.choose(cands, rows, rule_k)  # one cue, one row at a time
            assert span == (cands[k][:2] if k is not None else rule_span)
            assert [c[:2] for c in candidates(cue, doc, rule_span)] == [c[:2] for c in cands]
            changed += span != rule_span
    assert changed >= 1  # the ranker overrode the rules somewhere ("Her deputy, Tom Reid")
