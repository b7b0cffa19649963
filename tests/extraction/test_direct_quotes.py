"""Direct quotes: marks, nesting, splits, paragraphs, colons, floating quotes and headlines."""

from tests.extraction.conftest import only


def test_it_finds_a_straight_double_quote_with_its_speaker(extract):
    text = 'Mayor Jane Porter said "the budget is balanced and the books are open."'
    q = only(extract(text))
    assert q.kind == "direct"
    assert q.text == '"the budget is balanced and the books are open."'
    assert q.speaker == "Jane Porter"
    assert q.cue == "said"


def test_it_finds_a_curly_quote_followed_by_its_attribution(extract):
    text = "“We will not raise taxes this year,” Finance Minister Omar Haddad said on Monday."
    q = only(extract(text))
    assert q.text == "“We will not raise taxes this year,”"
    assert q.speaker == "Omar Haddad"
    assert q.speaker_mention.text == "Finance Minister Omar Haddad"


def test_it_finds_a_quote_in_guillemets(extract):
    text = "The minister, Claire Dubois, said: « The reform will go ahead as planned. »"
    q = only(extract(text))
    assert q.text == "« The reform will go ahead as planned. »"
    assert q.speaker == "Claire Dubois"


def test_nested_single_quotes_stay_inside_the_outer_quote(extract):
    text = "“My father always told me ‘never give up’ and I never did,” said coach Maria Lopez."
    q = only(extract(text))
    assert q.text == "“My father always told me ‘never give up’ and I never did,”"
    assert q.speaker == "Maria Lopez"


def test_both_halves_of_a_quote_split_around_its_attribution_get_the_speaker(extract):
    text = "“The vote is close,” said analyst Tom Reyes, “but the trend favours the incumbent.”"
    quotes = extract(text)
    assert [q.text for q in quotes] == [
        "“The vote is close,”",
        "“but the trend favours the incumbent.”",
    ]
    assert {q.speaker for q in quotes} == {"Tom Reyes"}


def test_a_quote_over_several_paragraphs_is_found_in_every_paragraph(extract):
    text = (
        "Senator Alan Brooks spoke at length.\n\n"
        "“We have waited too long for this bill.\n\n"
        "“Every family in this state deserves better,” Brooks said."
    )
    quotes = [q for q in extract(text) if q.kind == "direct"]
    assert [q.text for q in quotes] == [
        "“We have waited too long for this bill.",
        "“Every family in this state deserves better,”",
    ]
    assert {q.speaker for q in quotes} == {"Alan Brooks"}


def test_a_quote_introduced_by_a_colon_belongs_to_the_subject(extract):
    text = "Health Minister Ana Silva told reporters: “The hospital will reopen next month.”"
    q = only(extract(text))
    assert q.text == "“The hospital will reopen next month.”"
    assert q.speaker == "Ana Silva"


def test_a_floating_quote_takes_the_speaker_named_in_the_sentence_before(extract):
    text = (
        "Economist Priya Nair has studied the market for years.\n\n"
        "“Prices will keep rising until supply catches up with demand.”"
    )
    q = only(extract(text))
    assert q.speaker == "Priya Nair"
    assert q.cue is None


def test_a_floating_quote_continues_the_previous_speaker(extract):
    text = (
        "“We were not consulted,” said union leader Mark Evans.\n\n"
        "“Nobody asked the workers what they think about the closure.”"
    )
    quotes = extract(text)
    assert len(quotes) == 2
    assert {q.speaker for q in quotes} == {"Mark Evans"}


def test_a_headline_naming_its_speaker_before_a_colon_is_a_statement(extract):
    text = "Pat Caddell: Democrat Voters Worried About the Economy\n\nThe pollster spoke on Monday."
    q = only(extract(text))
    assert q.text == "Democrat Voters Worried About the Economy"
    assert q.speaker == "Pat Caddell"


def test_a_headline_after_a_furniture_line_is_still_the_headline(extract):
    # "Advertisement" is no paragraph of the article: the label after it is its headline.
    # (a short one: past the headline a label needs six words of body)
    text = "Advertisement\n\nPat Caddell: Democrats Are Worried\n\nThe pollster spoke on Monday."
    q = only(extract(text))
    assert q.text == "Democrats Are Worried"
    assert q.speaker == "Pat Caddell"


def test_a_scare_quote_inside_a_sentence_is_not_a_statement(extract):
    text = "The so-called “reform” package was debated in parliament for three days."
    assert extract(text) == []


def test_two_apostrophes_stand_for_a_double_quote_in_wire_copy(extract):
    text = "''It's more tinkering at the edges,'' said Alan Cole, an economist."
    q = only(extract(text))
    assert q.text == "''It's more tinkering at the edges,''"
    assert q.speaker == "Alan Cole"


def test_a_straight_opening_mark_may_close_with_a_curly_one(extract):
    text = '"We will not support this deal as it stands,” MP Nigel Dodds said on Monday.'
    q = only(extract(text))
    assert q.text == '"We will not support this deal as it stands,”'
    assert q.speaker == "Nigel Dodds"


def test_a_short_quote_after_an_attributed_one_is_the_same_speakers(extract):
    # two words are too few for a quote standing alone (a title, a scare quote), but after
    # '"...," she said.' in the same paragraph, and in the paragraph that continues it, they
    # are her words
    text = (
        "Maria Lopez spoke at the rally.\n\n"
        '"We will not stop," she said. "Not now.\n\n'
        '"Not ever." "OK."\n\n'
        '"Enough." The crowd cheered. "(Applause.)"\n\n'
        'The band then played "Rise" twice.'
    )
    quotes = extract(text)
    assert [q.text for q in quotes] == [
        '"We will not stop,"',
        '"Not now.',
        '"Not ever."',
        '"OK."',
    ]
    assert {q.speaker for q in quotes} == {"Maria Lopez"}


def test_a_floating_quote_is_not_given_to_a_name_inside_the_quote_before(extract):
    text = (
        "Prime Minister Anna Lindqvist arrived in Oslo on Monday.\n\n"
        '"Lindqvist will not change course on the tariffs," Erik Dahl, an economist at the '
        "Nordic Policy Institute, said in an e-mail.\n\n"
        '"She has staked her whole campaign on them, and voters know it."'
    )
    quotes = extract(text)
    assert [q.speaker for q in quotes] == ["Erik Dahl", "Erik Dahl"]


def test_a_who_clause_after_the_object_of_told_is_no_statement_of_the_cue(extract):
    # the parser hangs "who could easily guess ..." on "told" as its clause; it is the
    # relative clause of "millions watching at home", so "told" speaks for the quote before
    quotes = extract(
        "The governor spoke for an hour.\n\n"
        "\"Anyone claiming that the province is in decline is selling fiction,\" Ms. Ruiz told "
        "the lawmakers in the chamber and millions watching at home who could easily guess the "
        "\"anyone\" she had in mind."
    )
    quote = next(q for q in quotes if q.text.startswith('"Anyone'))
    assert quote.cue == "told"
    assert quote.speaker_mention.text == "Ms. Ruiz"
    assert not any(q.text.startswith("the lawmakers") for q in quotes)


def test_a_who_clause_with_no_quote_before_the_verb_keeps_its_statement(extract):
    # no quote before "tells": the parse's clause, "who" and all, is the only place the
    # statement ("that he was not raised that way") can come from, so it stays
    quotes = extract(
        "Mr. Hale tells voters who wonder why he cannot summon his rival's fury that he "
        "''was not raised that way.''"
    )
    assert [(q.cue, q.speaker) for q in quotes if q.cue == "tells"] == [("tells", "Hale")]
