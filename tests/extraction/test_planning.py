"""The parse plan: which sentences are parsed."""

from claims.extraction.planning import plan_article


def test_the_sentence_before_a_paragraph_opening_quote_is_parsed_wherever_it_falls():
    # No cue verb and no quote mark in "Economist Priya Nair has studied the market.": it is
    # parsed only because the next paragraph opens with a quote whose speaker it may name.
    # With sentences before it, its index differs from the quote-bound index the loop once
    # compared it with (the slip kept it only when the two happened to agree).
    text = (
        "Markets fell on Monday. Investors were nervous. "
        "Economist Priya Nair has studied the market for years.\n"
        '"Prices will rise before they fall."'
    )
    plan = plan_article(text, None, "en", 100_000)
    parsed = [text[s:e] for s, e in plan.units]
    assert "Economist Priya Nair has studied the market for years." in parsed
    assert "Investors were nervous." not in parsed


# ---------------------------------------------------------------- which units need a parse
# Every planned unit is read for named entities; the parse only where a pass reads it
# (planning.needs_parse): a cue word outside quotes, a colon introducing a quote, or the short
# sentence right after a closed quote that may attribute it.

ARTICLE = (
    "Jane Roe, the mayor of Springfield, spoke to reporters on Monday.\n"
    '"We will rebuild the bridge," Roe said. "It will take two years and cost a lot."\n'
    "Residents were relieved.\n"
    '"The bridge was our only road to Shelbyville and the hospital there."\n'
    'Councillor John Smith had one message for her: "Nothing is settled until we vote."\n'
    '"That is what the council must decide now." Roe added.'
)


def _units(nlp, text, tagged=False):
    from claims.extraction.planning import inside_quote_test, needs_parse

    plan = plan_article(text, None, "en", 100_000)
    test = inside_quote_test(plan)
    out = {}
    for s, e in plan.units:
        doc = nlp.make_doc(text[s:e])
        if tagged:
            for name in ("tok2vec", "tagger"):
                nlp.get_pipe(name)(doc)
        out[text[s:e]] = needs_parse(plan, s, doc, test, tagged=tagged)
    return out


def test_a_quote_s_own_sentence_needs_no_parse_but_a_cue_outside_quotes_does(nlp):
    units = _units(nlp, ARTICLE)
    assert units['"We will rebuild the bridge," Roe said.'] is True  # "said" outside quotes
    assert units['"It will take two years and cost a lot."'] is False
    # planned as the sentence before a paragraph's opening quote: read for names only
    assert units["Residents were relieved."] is False


def test_a_colon_introduction_needs_the_parse(nlp):
    units = _units(nlp, ARTICLE)
    # no cue word at all: only the colon rule reads its parse (the subject before the colon)
    unit = 'Councillor John Smith had one message for her: "Nothing is settled until we vote."'
    assert units[unit] is True


def test_a_short_sentence_after_a_closed_quote_with_a_cue_word_inside_quotes_needs_the_parse(
    nlp,
):
    # The next-sentence rule reads the cues of the short sentence after a quote, inside
    # quotes too; a cue word only inside quotes elsewhere does not make a unit need it.
    text = 'The mayor spoke. "We will win." "Critics said no" is wrong.\n"Critics said no."'
    units = _units(nlp, text)
    assert units['"Critics said no" is wrong.'] is True
    assert units['"Critics said no."'] is False


def test_once_tagged_a_cue_word_used_as_a_noun_needs_no_parse(nlp):
    text = '"Trade is falling," the report on the calls to the ministry ended.'
    # "calls" is a cue verb's form: on the words alone the unit may need the parse; tagged a
    # noun (after "the"), no cue can start there.
    assert list(_units(nlp, text).values()) == [True]
    assert list(_units(nlp, text, tagged=True).values()) == [False]


def test_units_without_a_parse_give_the_same_statements_and_speakers(nlp, monkeypatch):
    from claims.extraction import Extractor
    from claims.extraction import pipeline as pipeline_module

    def triples(result):
        return [(q.start, q.end, q.kind, q.speaker, q.cue) for q in result.quotes]

    extractor = Extractor(nlp)
    tiered = extractor.extract(ARTICLE)
    # the floating quote in a sentence of its own, which was not parsed, keeps its speaker
    floating = [q for q in tiered.quotes if q.text.startswith('"It will take')]
    assert [q.speaker for q in floating] == ["Jane Roe"]
    # the colon introduction, parsed, names its own speaker
    assert [q.speaker for q in tiered.quotes if "Nothing is settled" in q.text] == ["John Smith"]
    # every unit parsed in full gives the very same statements
    monkeypatch.setattr(pipeline_module, "needs_parse", lambda *a, **k: True)
    assert triples(Extractor(nlp).extract(ARTICLE)) == triples(tiered)


def test_cue_forms_are_the_lexicon_pattern_s_matches():
    from claims.extraction.lexicon import cue_lexicon
    from claims.extraction.planning import _cue_forms

    lex = cue_lexicon()
    text = (
        "He SAID, she says; said2 unsaid re-said. According to him, according  to her, "
        "according tomorrow, Accordingto. They argued_ that warned/told claims"
    )
    for start in range(0, 40):  # search windows that begin inside a word too
        expected = [(m.start(), m.group()) for m in lex.pattern.finditer(text, start, len(text))]
        assert list(_cue_forms(text, start, len(text), lex.lemma_of)) == expected
    assert (text.index("According"), "According to") in _cue_forms(
        text, 0, len(text), lex.lemma_of
    )


# ---------------------------------------------------------------- which units need NER
# NER, the costliest component, runs only on units that may name someone
# (planning.needs_entities): a capitalised word other than "I" or the stop word that opens the
# unit, a sentence or a quote; in a unit that is not parsed, only such a word outside quotes.


def _entities(nlp, text, parsed):
    from claims.extraction.planning import inside_quote_test, needs_entities

    plan = plan_article(text, None, "en", 100_000)
    test = inside_quote_test(plan)
    return {
        text[s:e]: needs_entities(s, nlp.make_doc(text[s:e]), test, parsed=parsed)
        for s, e in plan.units
    }


def test_a_unit_with_no_capitalised_word_but_its_openers_needs_no_entities(nlp):
    text = 'He told them "We will win, and I mean it," then left.'
    assert _entities(nlp, text, parsed=True) == {text: False}
    # a name anywhere in a parsed unit, inside its quote too, needs NER
    text = '"We will beat Smith," he said.'
    assert _entities(nlp, text, parsed=True) == {text: True}
    # a name opening the unit is no stop word; an acronym is not one either ("US", not "us")
    for text in ('Roe said "we will win."', '"US officials will go," he said.'):
        assert _entities(nlp, text, parsed=True) == {text: True}


def test_a_surname_that_is_also_a_common_word_is_read_for_names_after_an_opener(nlp):
    """The openers skipped are a closed list of words that are never names, not spaCy's stop
    words, which lower-case: "May" opening a sentence or following a quote is a surname."""
    for text in ('"The deal is dead," May said.', "May said the deal was dead."):
        assert _entities(nlp, text, parsed=True) == {text: True}
        assert _entities(nlp, text, parsed=False) == {text: True}
    text = '"The deal is dead," she said. They left.'
    assert set(_entities(nlp, text, parsed=True).values()) == {False}


def test_an_unparsed_unit_is_read_for_names_outside_quotes_only(nlp):
    text = 'The mayor spoke.\n"We will beat Smith and the Tories."\n"We won," Councillor Roe added.'
    units = _entities(nlp, text, parsed=False)
    assert units['"We will beat Smith and the Tories."'] is False
    assert units['"We won," Councillor Roe added.'] is True


def test_units_without_entities_give_the_same_statements_and_speakers(nlp, monkeypatch):
    from claims.extraction import Extractor
    from claims.extraction import pipeline as pipeline_module

    def triples(result):
        return [(q.start, q.end, q.kind, q.speaker, q.cue, q.speaker_mention)
                for q in result.quotes]

    text = ARTICLE + '\n"It is done, and we are glad," she said. "We waited for years."'
    skipped = []
    real = pipeline_module.needs_entities

    def spy(off, doc, inside_quote, parsed):
        need = real(off, doc, inside_quote, parsed)
        if not need:
            skipped.append(doc.text)
        return need

    monkeypatch.setattr(pipeline_module, "needs_entities", spy)
    result = Extractor(nlp).extract(text)
    assert '"It is done, and we are glad," she said.' in skipped
    assert [q.speaker for q in result.quotes if "we are glad" in q.text] == ["Jane Roe"]
    # NER over every unit gives the very same statements and speakers
    monkeypatch.setattr(pipeline_module, "needs_entities", lambda *a, **k: True)
    assert triples(Extractor(nlp).extract(text)) == triples(result)
