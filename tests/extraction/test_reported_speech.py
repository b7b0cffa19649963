"""Indirect (reported) speech and mixed quotes, one cue pattern per test."""

from tests.extraction.conftest import only


def test_a_verb_with_a_that_clause(extract):
    text = (
        "In an interview, the Russian President Vladimir Putin stated that Moscow does not "
        "threaten other nations."
    )
    q = only(extract(text))
    assert q.kind == "indirect"
    assert q.text == "Moscow does not threaten other nations"
    assert q.cue == "stated"
    assert q.speaker == "Vladimir Putin"
    assert q.speaker_mention.text == "the Russian President Vladimir Putin"


def test_a_verb_with_a_bare_clause_and_a_pluperfect(extract):
    text = (
        "Former US national security adviser John Bolton had suggested such an axis could pose "
        "a real problem for the West."
    )
    q = only(extract(text))
    assert q.text == "such an axis could pose a real problem for the West"
    assert q.speaker == "John Bolton"
    assert q.speaker_mention.text == "Former US national security adviser John Bolton"


def test_a_participle_cue_takes_the_subject_of_its_clause(extract):
    q = only(extract("Putin responded clearly, asserting that the claim is untrue."))
    assert q.text == "the claim is untrue"
    assert q.cue == "asserting"
    assert q.speaker_mention.text == "Putin"


def test_noting_that(extract):
    q = only(extract("Putin challenged the critics, noting that Europe depends more on trade."))
    assert q.text == "Europe depends more on trade"
    assert q.cue == "noting"


def test_urging_someone_to_do_something(extract):
    text = (
        "Governor Lisa Chen spoke in Albany. "
        "She urged those who voice such concerns to reconsider their perspective."
    )
    q = only(extract(text))
    assert q.text == "those who voice such concerns to reconsider their perspective"
    assert q.cue == "urged"
    assert q.speaker == "Lisa Chen"


def test_according_to(extract):
    q = only(extract("According to the ministry, the new rules will take effect in May."))
    assert q.text == "the new rules will take effect in May"
    assert q.cue == "According to"
    assert q.speaker_mention.text == "the ministry"


def test_reported_speech_holding_a_quoted_fragment_is_mixed(extract):
    text = "Governor Lisa Chen said the plan was “a disaster for working families” and left."
    q = only(extract(text))
    assert q.kind == "mixed"
    assert "“a disaster for working families”" in q.text
    assert q.speaker == "Lisa Chen"


def test_a_negated_cue_reports_nothing(extract):
    assert extract("The president has not said whether he would veto the bill.") == []


def test_evidence_and_intentions_are_not_statements(extract):
    assert extract("The data suggests that companies are less confident this year.") == []
    assert extract("The company declined to say why it lost the certificate.") == []


def test_links_to_other_stories_are_not_statements(extract):
    text = "READ MORE: Justin Trudeau says people around the world are disturbed by the detention"
    assert extract(text) == []


def test_a_stance_verb_with_a_that_clause(extract):
    q = only(extract("Senator Jane Miller questioned whether the plan was legal."))
    assert q.cue == "questioned"
    q = only(extract("Jane Miller thinks the tax cut will hurt small towns."))
    assert q.text == "the tax cut will hurt small towns"
    assert q.cue == "thinks"


def test_an_evidence_verb_with_a_that_clause_but_not_a_depiction(extract):
    q = only(extract("A Gallup poll released on Monday shows that most voters favour the bill."))
    assert q.text == "most voters favour the bill"
    assert q.cue == "shows"
    assert extract("The video showed how the wave swept away the stage.") == []


def test_citing_takes_its_object(extract):
    q = only(extract("The mayor cancelled the vote, citing concerns about the budget."))
    assert q.text == "concerns about the budget"
    assert q.cue == "citing"


def test_promise_and_propose_take_an_infinitive_or_object(extract):
    q = only(extract("On Thursday, Jane Miller promised to cut fees for small farms."))
    assert q.text == "to cut fees for small farms"
    q = only(extract("Jane Miller proposed a new tax on luxury cars."))
    assert q.text == "a new tax on luxury cars"


def test_accused_of(extract):
    q = only(extract("Jane Miller accused Tom Baker of hiding the true cost of the stadium."))
    assert q.text == "hiding the true cost of the stadium"
    assert q.cue == "accused"


def test_a_title_case_headline_attribution(extract):
    text = (
        "Tax Plan Will Hurt Small Farms, Senator Jane Miller Says.\n\n"
        "The senator spoke on Monday in Ohio."
    )
    q = only(extract(text))
    assert q.text == "Tax Plan Will Hurt Small Farms"
    assert q.cue == "Says"
    assert q.speaker == "Jane Miller"
    q = only(extract("Railing Against Trump, Sanders Vows To Eliminate Tax Breaks.\n\nHe spoke."))
    assert q.text == "To Eliminate Tax Breaks"
    assert q.speaker_mention.text == "Sanders"


def test_a_title_case_headline_with_an_evaluation_verb(extract):
    q = only(extract("Veteran Senator Jane Miller Endorses Tom Baker For Mayor.\n\nShe spoke."))
    assert q.text == "Tom Baker For Mayor"
    assert q.cue == "Endorses"
    assert q.speaker == "Jane Miller"
    q = only(extract("Governor Ruth Ade Blasts Harbour Deal As Giveaway.\n\nShe spoke."))
    assert q.text == "Harbour Deal As Giveaway"
    assert q.cue == "Blasts"


def test_a_title_case_headline_with_a_verb_of_no_evaluation_is_no_statement(extract):
    assert extract("Senator Jane Miller Visits Flooded Farms In Ohio.\n\nShe spoke.") == []
    assert extract("Jane Miller Reiterates Farms Will Get Their Subsidy.\n\nShe spoke.") == []


def test_an_evaluation_verb_takes_its_object(extract):
    q = only(extract("Senator Jane Miller dismissed the report as a political stunt."))
    assert q.text == "the report as a political stunt"
    assert q.cue == "dismissed"


def test_an_object_keeps_what_was_said_about_it_but_not_when_or_where(extract):
    q = only(extract("The senator criticized the program for its cost at a hearing on Tuesday."))
    assert q.text == "the program for its cost"
    q = only(extract("Mayor Jane Ortiz praised the firefighters for their courage."))
    assert q.text == "the firefighters for their courage"


def test_a_second_cue_of_the_same_speaker_is_a_statement_of_its_own(extract):
    quotes = extract(
        "Senator Ortiz says voters may dislike the plan, but insists the party is united."
    )
    assert [q.text for q in quotes] == ["voters may dislike the plan", "the party is united"]
    assert [q.cue for q in quotes] == ["says", "insists"]
    assert all(q.speaker_mention.text == "Senator Ortiz" for q in quotes)


def test_a_participle_cue_inside_the_first_statement_is_a_second_statement(extract):
    # the parser hangs "arguing" and "citing" inside the first clause; each is a statement of
    # the same speaker, and the first one ends before the comma
    quotes = extract(
        "Senator Ruth Okafor said the tariff would hurt farmers in the north, arguing that "
        "exports had already fallen."
    )
    assert [q.text for q in quotes] == [
        "the tariff would hurt farmers in the north",
        "exports had already fallen",
    ]
    assert [q.speaker for q in quotes] == ["Ruth Okafor", "Ruth Okafor"]
    quotes = extract(
        "The mayor announced the plan would cost less than expected, citing lower prices for steel."
    )
    assert [q.text for q in quotes] == [
        "the plan would cost less than expected",
        "lower prices for steel",
    ]
    assert [q.speaker_mention.text for q in quotes] == ["The mayor", "The mayor"]


def test_a_conjoined_cue_with_its_own_subject_ends_the_first_statement(extract):
    quotes = extract(
        "The minister said the budget would be balanced by March, though she noted that "
        "revenues were uncertain."
    )
    assert [q.text for q in quotes] == [
        "the budget would be balanced by March",
        "revenues were uncertain",
    ]
    assert [q.cue for q in quotes] == ["said", "noted"]
    assert quotes[1].speaker_mention.text == "she"


def test_a_cue_in_a_relative_clause_stays_inside_the_statement(extract):
    q = only(extract("The mayor said residents who complained about the noise would be heard."))
    assert q.text == "residents who complained about the noise would be heard"


def test_hope_takes_an_infinitive_but_not_a_that_clause(extract):
    q = only(extract("The senator hoped to win the primary in March."))
    assert q.text == "to win the primary in March"
    assert q.cue == "hoped"
    assert extract("The senator hoped that the rain would stop.") == []


def test_blamed_for(extract):
    q = only(extract("The mayor blamed the council for the delays at the harbour."))
    assert q.text == "the delays at the harbour"
    assert q.speaker_mention.text == "The mayor"


def test_a_speaker_the_parser_did_not_take_for_a_subject(extract):
    # the parser tags the surname "Jolly" as an adverb: the sentence still has a speaker
    q = only(extract("Jolly said he would be cautious with the budget."))
    assert q.text == "he would be cautious with the budget"
    assert q.speaker_mention.text == "Jolly"


def test_an_endorsement_of_a_person_is_a_statement_but_telling_a_person_is_not(extract):
    q = only(extract("The former governor endorsed Maria Lopez on Tuesday."))
    assert q.text == "Maria Lopez"
    assert q.cue == "endorsed"
    assert extract("The former governor told Maria Lopez about the vote.") == []


def test_a_question_counts_when_the_sentence_names_who_asked(extract):
    q = only(extract("The councillor asked whether the bridge would reopen in spring."))
    assert q.text == "the bridge would reopen in spring"
    assert q.speaker_mention.text == "The councillor"
    quotes = extract(
        "Asked whether the bridge would reopen, the councillor said no date had been set."
    )
    assert [q.text for q in quotes] == ["no date had been set"]


def _parsed(nlp, words, heads, deps):
    from spacy.tokens import Doc

    return Doc(nlp.vocab, words=words, heads=heads, deps=deps)


def test_a_that_clause_the_parser_hung_elsewhere_is_still_the_verbs(nlp):
    """The parser sometimes hangs "that X" on the adverbial before it, or takes "that" for an
    adverb; the clause is still what the verb reports. Parses given by hand, as the model
    produces them now and then."""
    from claims.extraction.attribution import _content
    from claims.extraction.lexicon import cue_lexicon

    lex = cue_lexicon()
    # "Ortiz wrote in the small hours that the plan was dead ."  ("that" clause on "hours")
    doc = _parsed(
        nlp,
        "Ortiz wrote in the small hours that the plan was dead .".split(),
        [1, 1, 1, 5, 5, 2, 9, 8, 9, 5, 9, 1],
        [
            "nsubj",
            "ROOT",
            "prep",
            "det",
            "amod",
            "pobj",
            "mark",
            "det",
            "nsubj",
            "acl",
            "acomp",
            "punct",
        ],
    )
    span, rule = _content(doc[1], "write", lex)
    assert (doc.text[span[0] : span[1]], rule) == ("the plan was dead", "ccomp")
    # "Ortiz wrote late that the plan was dead ."  ("that" an adverb, the clause an advcl)
    doc = _parsed(
        nlp,
        "Ortiz wrote late that the plan was dead .".split(),
        [1, 1, 1, 6, 5, 6, 1, 6, 1],
        ["nsubj", "ROOT", "advmod", "advmod", "det", "nsubj", "advcl", "acomp", "punct"],
    )
    span, rule = _content(doc[1], "write", lex)
    assert (doc.text[span[0] : span[1]], rule) == ("the plan was dead", "ccomp")
    # A time adverbial without a clause adds nothing: "Ortiz wrote in the small hours ."
    doc = _parsed(
        nlp,
        "Ortiz wrote in the small hours .".split(),
        [1, 1, 1, 5, 5, 2, 1],
        ["nsubj", "ROOT", "prep", "det", "amod", "pobj", "punct"],
    )
    assert _content(doc[1], "write", lex) == (None, "")


def test_an_object_whose_relative_clause_was_taken_for_a_clause_leads_the_statement(nlp):
    """ "mentioned remarks Miller had made about nurses": the parser now and then takes the
    relative clause without "that" for the verb's clause; the object belongs to the
    statement. Parse given by hand."""
    from claims.extraction.attribution import _content
    from claims.extraction.lexicon import cue_lexicon

    doc = _parsed(
        nlp,
        "Clinton mentioned harsh remarks Miller had made about nurses as examples .".split(),
        [1, 1, 3, 1, 6, 6, 1, 6, 7, 6, 9, 1],
        [
            "nsubj",
            "ROOT",
            "amod",
            "dobj",
            "nsubj",
            "aux",
            "ccomp",
            "prep",
            "pobj",
            "prep",
            "pobj",
            "punct",
        ],
    )
    span, rule = _content(doc[1], "mention", cue_lexicon())
    assert doc.text[span[0] : span[1]] == "harsh remarks Miller had made about nurses as examples"


def test_a_report_concludes_and_a_minister_expresses_concern(extract):
    q = only(extract("The auditor's report concluded that the bridge was unsafe."))
    assert (q.text, q.cue) == ("the bridge was unsafe", "concluded")
    q = only(extract("The minister expressed concern that the deal would hurt farmers."))
    assert q.text == "concern that the deal would hurt farmers"
    assert q.speaker_mention.text == "The minister"


def test_according_to_when_the_parser_finds_no_main_verb(extract):
    # the model reads "reeks" as a noun in apposition to the source: the statement still
    # follows the source's comma, and its quoted word makes it mixed
    q = only(
        extract(
            "According to conservative talk radio host Dale Ruddick, the move reeks of “fear” "
            "and desperation."
        )
    )
    assert q.kind == "mixed"
    assert q.text == "the move reeks of “fear” and desperation"
    assert q.speaker_mention.text.endswith("Dale Ruddick")


def test_a_mixed_quote_keeps_every_quoted_fragment_joined_to_it(extract):
    q = only(
        extract(
            "The candidate tells supporters to “go to your polling place” and then “stay "
            "there with your friends.”"
        )
    )
    assert q.kind == "mixed"
    assert q.text.endswith("and then “stay there with your friends.”")


def test_a_clause_after_a_time_phrase_or_a_when_asked_is_still_the_verbs(extract):
    # the parser takes these clauses for adverbial ones, or hangs them on "asked"
    q = only(extract("Senator Ruth Okafor said after the vote she would not accept the post."))
    assert (q.text, q.cue) == ("she would not accept the post", "said")
    quotes = extract(
        "Mayor Jane Ortiz spoke on Monday. She said when asked about the plan that it would fail."
    )
    assert [(q.text, q.cue, q.speaker) for q in quotes] == [
        ("it would fail", "said", "Jane Ortiz")
    ]


def test_a_relative_clause_with_a_cue_after_an_object_is_a_statement_of_its_own(extract):
    quotes = extract("Governor Alma Reyes endorsed Tom Baxter, who says he is honored.")
    assert [(q.text, q.cue, q.speaker) for q in quotes] == [
        ("Tom Baxter", "endorsed", "Alma Reyes"),
        ("he is honored", "says", "Tom Baxter"),
    ]


def test_a_cue_deeper_inside_the_statement_does_not_split_it(extract):
    # "announce" is a clause of "expects", itself the statement of "said": one statement
    q = only(
        extract(
            "Senator Ruth Okafor said she expects that, after the vote, the minister will "
            "announce that taxes will rise."
        )
    )
    assert q.cue == "said"
    assert q.text.endswith("the minister will announce that taxes will rise")


def test_according_to_a_source_with_an_apposition(extract):
    q = only(
        extract(
            "According to Dale Ruddick, a spokesman for the firm, the merger reeks of "
            "“desperation”."
        )
    )
    assert q.text.startswith("the merger")


def test_as_the_source_reported_frames_the_statement(extract):
    # "As X reported, Y": the source's verb is an adverbial clause of Y's verb
    text = (
        "As the Daily Ledger reported on Monday, the city council quietly approved the new budget."
    )
    q = only(extract(text))
    assert q.text == "the city council quietly approved the new budget"
    assert q.cue == "reported"
    assert q.speaker_mention.text == "the Daily Ledger"


def test_as_someone_noted_inside_a_sentence(extract):
    text = "The mayor has not resigned, but as Jane Roe noted, the council could still remove him."
    q = only(extract(text))
    assert q.text == "the council could still remove him"
    assert q.speaker == "Jane Roe"


def test_as_someone_said_after_the_statement(extract):
    text = "The harbour will stay closed until March, as the port authority said on Friday."
    q = only(extract(text))
    assert q.text == "The harbour will stay closed until March"
    assert q.speaker_mention.text == "the port authority"


def test_as_clauses_of_time_or_with_their_own_object_frame_nothing(extract):
    assert extract("The crowd cheered loudly as the senator spoke.") == []
    assert extract("As the senator said goodbye, the reporters left the hall.") == []
    assert extract("As expected, the council approved the budget on Tuesday.") == []


def test_an_as_clause_with_its_own_quote_frames_nothing_else(extract):
    text = (
        "The senator lost her temper, jabbing a finger at a heckler as she said, "
        "“Stop lying about my record,” before she left the stage."
    )
    assert all("jabbing" not in q.text for q in extract(text))


def test_an_as_clause_on_a_clause_without_subject_frames_nothing(extract):
    # the "as" clause hangs on a participle: "waving to the crowd" is no one's statement
    text = "The senator left the stage early, waving to the crowd as her aides noted."
    assert extract(text) == []


def test_a_poll_shows_its_object(extract):
    q = only(extract("A county poll showed a narrow gap between the two candidates."))
    assert q.text == "a narrow gap between the two candidates"
    assert q.cue == "showed"


def test_a_person_who_shows_something_states_nothing(extract):
    assert extract("The mayor showed a map of the new bus routes.") == []
