"""Issue 12, the kinds of speaker error it names, each in a paragraph written for this file
(not taken from any gold set), through the library's public entry point.

Kinds already covered elsewhere with other paragraphs: the Kremlin and Wang Yi
(test_speaker_choice.py, test_antecedent_roles.py), "the minister" after "Foreign Minister
Jane Roe", a lawsuit and its filer, "Assistant Commissioner", "Unifor Local 444", pronouns
among two people of one gender, "CHILE ECONOMY:" (test_antecedent_roles.py,
test_speaker_choice.py), an acronym after "the Northern Lending Authority (NLA)"
(test_attribution.py).  The cases here restate each kind in new paragraphs and add what
those leave out: the bare acronym without "the" and the spelled-out name as one speaker, a
white paper's publisher, a person's employer or occupation glued to the name, a union local
spoken of again, a pronoun after a sentence whose first person's given name is unlisted, and
an all-caps section label the parser takes for the subject or the label rule for a speaker.
"""

from .conftest import speakers


def _texts(quotes):
    return [q.text for q in quotes]


# -- "The Kremlin dismissed the announcement" ------------------------------------------------


def test_an_evaluation_of_an_announcement_is_no_statement_of_the_announcement(extract):
    quotes = extract(
        "Ottawa said on Tuesday it would expel two diplomats.\n\n"
        "The Kremlin dismissed the announcement, and Russian markets barely moved."
    )
    assert not any(q.text.startswith("the announcement") for q in quotes), _texts(quotes)


def test_a_verdict_on_the_announcement_is_the_kremlins_statement(extract):
    quotes = extract("The Kremlin dismissed the announcement as political theatre.")
    assert _texts(quotes) == ["the announcement as political theatre"]
    assert speakers(quotes) == ["Kremlin"]


# -- "Wang Yi called on all parties to exercise restraint" ------------------------------------


def test_called_on_keeps_whom_and_what(extract):
    quotes = extract(
        "Clashes were reported near the border on Sunday. Foreign Minister Wang Yi on Monday "
        "called on all parties to exercise restraint and return to talks."
    )
    (q,) = quotes
    assert q.speaker == "Wang Yi"
    assert "to exercise restraint" in q.text
    assert q.text.startswith("all parties")


# -- a description standing for a person named before ----------------------------------------


def test_the_minister_after_a_paragraph_about_something_else(extract):
    quotes = extract(
        "Health Minister Tom Lee toured the new wing of the hospital on Monday.\n\n"
        "Nurses told him about the shortages. The union has asked for 200 more staff.\n\n"
        "The minister said more nurses would be hired next year."
    )
    assert speakers(quotes) == ["Tom Lee"]
    assert quotes[0].speaker_mention.text == "The minister"


def test_a_description_of_a_player_named_before(extract):
    quotes = extract(
        "Goaltender Mark Hill, a soft-spoken veteran, signed a two-year deal on Monday. The "
        "soft-spoken veteran said he was happy to stay in Winnipeg."
    )
    assert speakers(quotes) == ["Mark Hill"]


# -- documents: the filer speaks, the document stays the mention -----------------------------


def test_a_lawsuit_filed_by_a_person_speaks_for_her(extract):
    quotes = extract(
        "A lawsuit filed by Maria Lopez in Ontario Superior Court names the city and two "
        "officers. The lawsuit alleges that the officers used excessive force."
    )
    assert speakers(quotes) == ["Maria Lopez"]
    assert quotes[0].speaker_mention.text == "The lawsuit"


def test_a_white_paper_published_by_an_institute_speaks_for_it(extract):
    quotes = extract(
        "The Harbour Policy Institute published a white paper on Tuesday. The paper says "
        "rents rose 12 per cent in two years."
    )
    assert speakers(quotes) == ["Harbour Policy Institute"]
    assert quotes[0].speaker_mention.text == "The paper"


# -- an organisation given once with its abbreviation ----------------------------------------


def test_a_bare_abbreviation_is_the_full_name(extract):
    quotes = extract(
        "Officers stopped two trucks at the Lacolle crossing on Friday, according to the "
        "Canada Border Services Agency (CBSA).\n\n"
        "CBSA said the seized goods were worth $2 million."
    )
    assert speakers(quotes)[-1] == "Canada Border Services Agency"
    assert quotes[-1].speaker_mention.text == "CBSA"


def test_the_spelled_out_name_and_its_abbreviation_are_one_speaker(extract):
    quotes = extract(
        "Two trucks were stopped at the Lacolle crossing, the Canada Border Services Agency "
        "(CBSA) said on Friday. The drivers were detained.\n\n"
        "CBSA said the seized goods were worth $2 million."
    )
    assert speakers(quotes) == ["Canada Border Services Agency"] * 2
    assert quotes[0].speaker_mention.text == "the Canada Border Services Agency"


def test_the_agency_after_its_abbreviation_is_the_full_name(extract):
    quotes = extract(
        "The grant came from the Prairie Water Commission (PWC) in 2019. PWC said the grant "
        "would be renewed. The commission said it would also fund two new wells."
    )
    assert speakers(quotes) == ["Prairie Water Commission", "Prairie Water Commission"]


# -- titles and employers glued to a name ----------------------------------------------------


def test_an_employer_after_the_name_is_left_out(extract):
    quotes = extract("Jane Roe of Acme Robotics said the plant would stay open.")
    assert speakers(quotes) == ["Jane Roe"]


def test_a_rank_and_an_organisation_before_the_name_are_left_out(extract):
    quotes = extract("RCMP Detective Sergeant Tom Lee said the suspect had fled the province.")
    assert speakers(quotes) == ["Tom Lee"]


def test_an_occupation_before_a_full_name_is_left_out(extract):
    quotes = extract("Actor Jane Roe said the role was the hardest of her career.")
    assert speakers(quotes) == ["Jane Roe"]


def test_an_occupation_before_a_surname_is_the_person_named_before(extract):
    quotes = extract(
        "The film stars Jane Roe as a detective. Actor Roe said the role was the hardest of "
        "her career."
    )
    assert speakers(quotes) == ["Jane Roe"]


# -- a union local keeps its number ----------------------------------------------------------


def test_a_union_local_keeps_its_number_and_the_union_is_it(extract):
    quotes = extract(
        "CUPE Local 79 said the strike would continue. The union said talks had stalled."
    )
    assert speakers(quotes) == ["CUPE Local 79", "CUPE Local 79"]


# -- a pronoun after a sentence naming two people of one gender ------------------------------


def test_she_is_the_subject_even_when_only_the_object_has_a_listed_given_name(extract):
    # "Susan" is in the given-name list and "Anne" is not: the object must not win for that
    quotes = extract(
        "Premier Anne Clark met Mayor Susan Doyle on Tuesday. She said the province would pay "
        "for the bridge."
    )
    assert speakers(quotes) == ["Anne Clark"]


def test_he_after_two_men_is_who_spoke_last(extract):
    quotes = extract(
        "Tom Lee and Mark Hill left the meeting early. Hill said nothing was agreed. "
        '"We are still far apart," he said.'
    )
    assert speakers(quotes) == ["Mark Hill", "Mark Hill"]


# -- all-caps labels are no speakers ---------------------------------------------------------


def test_an_all_caps_section_label_is_not_the_subject(extract):
    quotes = extract(
        "Markets were calm on Friday.\n\n"
        "CHINA TRADE: On Friday, Beijing said that exports had fallen in May."
    )
    assert speakers(quotes) == ["Beijing"]


def test_an_all_caps_heading_over_an_attributed_sentence_is_no_speaker(extract):
    quotes = extract(
        "BREAKING NEWS: The city said the water was safe to drink.\n\n"
        "Crews flushed the pipes overnight."
    )
    assert speakers(quotes) == ["The city"]
    assert _texts(quotes) == ["the water was safe to drink"]


def test_a_transcript_label_still_names_its_speaker(extract):
    # a first-person body is the label's own voice, even with a cue in it
    quotes = extract("BAKER: We said we will vote for the bill, and we will win.")
    assert "Baker" in speakers(quotes)


def test_a_label_naming_a_person_of_the_article_stays_the_speaker(extract):
    quotes = extract(
        "Maria Lopez: The city says taxes will fall next year\n\n"
        "Maria Lopez, a councillor since 2014, spoke to reporters on Monday."
    )
    assert "Maria Lopez" in speakers(quotes)


def test_transcript_labels_after_the_first_paragraph_name_their_speakers(extract):
    # every paragraph may be a label line, not only the text's first (a regex's "^" at a
    # start offset once matched only at the text's own start); past the headline, a label
    # is a speaker only when the article names that person in full
    quotes = extract(
        "Governor Ruth Ade spoke to the host Tom Baker on Sunday.\n\n"
        "BAKER: Do you think the new budget will pass the assembly this month?\n\n"
        "ADE: We have the votes, and the members know what is at stake.\n\n"
        "ENERGY: Benchmark crude oil fell 40 cents to $51.70 per barrel on Monday.\n\n"
        "What each needs next week:\n\n"
        "Tom Baker: Win in a walk.\n\n"
        "Ruth Ade: Just hang on."
    )
    by_text = {q.text: q for q in quotes}
    assert by_text["Do you think the new budget will pass the assembly this month?"].speaker == (
        "Tom Baker"
    )
    assert by_text["We have the votes, and the members know what is at stake."].speaker == (
        "Ruth Ade"
    )
    assert not any("crude oil" in t or "walk" in t or "hang on" in t for t in by_text)
