"""Issue 12, second pass: a pronoun among several people of its gender named in the sentence
before it, a document's target or recipient taken for its issuer, the two statements a new
user tried (in paragraphs of their own), a description two paragraphs after its name and a
quote standing alone after another speaker's paragraph.  Paragraphs written for these tests."""

import pytest

from claims.extraction.antecedents import choose_in_sentence, not_the_issuer

from .conftest import speakers

# -- pronouns: syntactic role, order and who spoke last among people of one gender ---------


def test_she_is_not_the_possessor(extract):
    quotes = extract(
        "Mary Smith's lawyer, Linda Roe, filed the motion on Monday. She said the case was "
        "strong."
    )
    assert speakers(quotes) == ["Linda Roe"]


def test_she_is_not_a_prepositions_object(extract):
    quotes = extract(
        "In a letter to Mary Smith, Linda Roe asked for a meeting. She said the matter was "
        "urgent."
    )
    assert speakers(quotes) == ["Linda Roe"]


def test_he_is_the_subject_named_first(extract):
    quotes = extract("John Baker met Tom Lee on Monday. He said the talks had gone well.")
    assert speakers(quotes) == ["John Baker"]


def test_he_after_a_companion_named_with_with(extract):
    quotes = extract(
        "With David Park beside him, John Baker opened the plant. He said 40 jobs would follow."
    )
    assert speakers(quotes) == ["John Baker"]


def test_he_goes_to_who_spoke_last_when_two_men_were_named(extract):
    quotes = extract(
        "John Baker and Tom Lee spoke to reporters. Baker said the deal was done. Lee "
        "disagreed. He said the talks would go on.\n\n\"It is not over,\" he said."
    )
    assert speakers(quotes) == ["John Baker", "Tom Lee", "Tom Lee"]


@pytest.mark.parametrize(
    ("named", "last", "expected"),
    [
        ([(0, "Mary Smith"), (21, "Linda Roe")], None, "Linda Roe"),  # possessor
        ([(0, "Linda Roe"), (15, "Mary Smith")], None, "Linda Roe"),  # order
        ([(0, "Linda Roe"), (15, "Mary Smith")], "Mary Smith", "Mary Smith"),  # spoke last
    ],
)
def test_choose_in_sentence_weighs_role_order_and_last_speaker(named, last, expected):
    text = {
        "Mary Smith": "Mary Smith's lawyer, Linda Roe, filed the motion.",
        "Linda Roe": "Linda Roe met Mary Smith on Monday.",
    }[named[0][1]]
    named = [(text.index(n.split()[-1]), n) for _, n in named]
    assert choose_in_sentence(named, text, (0, len(text)), last) == expected


# -- documents: the issuer, never the target or the recipient ------------------------------


@pytest.mark.parametrize(
    ("between", "expected"),
    [
        (" against ", True),
        (" on ", True),
        (" sent to the ", True),
        (" obtained by ", True),
        (" released on Monday by ", False),
        (" by the ", False),
        (" from ", False),
    ],
)
def test_not_the_issuer(between, expected):
    assert not_the_issuer(between) is expected


def test_lawsuit_speaks_for_who_filed_it_not_whom_it_targets(extract):
    quotes = extract(
        "The City of Toronto filed a lawsuit against Acme Corp. on Monday. The lawsuit "
        "alleges that the company dumped waste in the river."
    )
    assert speakers(quotes) == ["City of Toronto"]
    assert quotes[0].speaker_mention.text == "The lawsuit"


def test_report_on_a_company_is_not_the_companys(extract):
    quotes = extract(
        "A report by Greenpeace on Shell came out last week. The report says the company hid "
        "its emissions."
    )
    assert "Shell" not in speakers(quotes)


def test_memo_obtained_by_a_newspaper_is_not_the_newspapers(extract):
    quotes = extract(
        "A memo obtained by The Daily Courier says the company will close two plants in May."
    )
    assert [q.speaker for q in quotes if "plants" in q.text] != ["Daily Courier"]


# -- the two statements a new user tried, in paragraphs of their own -----------------------


def test_kremlin_dismissing_an_announcement_is_no_statement(extract):
    quotes = extract(
        "Washington announced new sanctions on Monday.\n\n"
        "The Kremlin dismissed the announcement. Markets in Moscow fell 2 per cent."
    )
    assert [q.text for q in quotes if "announcement" in q.text] == []


def test_wang_yi_calling_on_all_parties_keeps_the_infinitive(extract):
    quotes = extract(
        "Tensions rose along the border this week.\n\n"
        "Chinese Foreign Minister Wang Yi called on all parties to exercise restraint."
    )
    assert [q.text for q in quotes] == ["all parties to exercise restraint"]
    assert speakers(quotes) == ["Wang Yi"]


# -- descriptions and lone quotes across paragraphs ----------------------------------------


def test_the_minister_two_paragraphs_after_the_name(extract):
    quotes = extract(
        "Foreign Minister Jane Roe flew to Geneva on Monday for the talks.\n\n"
        "Delegates from 12 countries attended. The meeting ran late.\n\n"
        "The minister said the talks had been productive."
    )
    assert speakers(quotes) == ["Jane Roe"]
    assert quotes[0].speaker_mention.text == "The minister"


def test_quote_alone_after_another_speakers_paragraph(extract):
    quotes = extract(
        "Mayor John Baker said the plan would pass. \"We have the votes,\" he said.\n\n"
        "Councillor Tom Lee disagreed, saying the plan was too costly.\n\n"
        "\"It will never pass. Not this year.\""
    )
    assert speakers(quotes)[-1] == "Tom Lee"


def test_quote_alone_continues_its_speaker_when_no_one_else_is_named(extract):
    quotes = extract(
        "\"It is a disgrace,\" said Jane Roe.\n\n"
        "\"They never listened to us.\""
    )
    assert speakers(quotes) == ["Jane Roe", "Jane Roe"]


# -- nonsense mentions and names not in canonical form --------------------------------------


def test_it_never_means_a_person_the_model_tagged_as_an_organisation(extract):
    quotes = extract(
        'Foreign Minister Marise Payne spoke on Monday. "We are concerned," Payne said.\n\n'
        "Forty scholars signed an open letter.\n\n"
        '"We ask the government to act," it stated.'
    )
    assert "Marise Payne" not in speakers(quotes)[2:]


def test_a_name_modifying_the_speakers_noun_is_not_the_speaker(extract):
    quotes = extract(
        "Mayor Doug Brown leads the Safe Surrey coalition. Surrey staff explained the numbers "
        'this way: "There are many possible reasons."'
    )
    assert speakers(quotes)[-1] == "Surrey staff"


def test_an_issuers_name_keeps_its_last_letter(extract):
    quotes = extract(
        "The result, according to a survey of clubs by CTV News, is 352 missing children."
    )
    assert speakers(quotes) == ["CTV News"]


def test_a_description_naming_its_employer_is_not_the_last_speaker(extract):
    quotes = extract(
        "Dolores LaPlante said she would fight the order. According to the lawyer for Animal "
        "Protection Services of Saskatchewan, authorities seized 106 cats."
    )
    assert speakers(quotes)[-1] != "Dolores LaPlante"
    assert quotes[-1].speaker_mention.text.startswith("the lawyer for Animal")


def test_a_role_of_an_institution_still_refers_back(extract):
    quotes = extract(
        "Kevin Vickers stood in the hall on Monday. The former sergeant-at-arms of the House "
        "of Commons said he was considering a run for office."
    )
    assert speakers(quotes) == ["Kevin Vickers"]


def test_who_after_with_is_the_person_not_what_they_have(extract):
    quotes = extract(
        "Courts are hearing challenges launched by Canadians with degenerative diseases who "
        "contend the provision robs them of their rights."
    )
    assert speakers(quotes) == ["Canadians"]


def test_the_same_document_again_keeps_its_speaker(extract):
    quotes = extract(
        "Andrea Gold said the bid was serious. According to the memo obtained by The Daily "
        "Courier, the fund believed in the papers.\n\n"
        "The plan included a team of reporters, according to the memo."
    )
    assert "Andrea Gold" not in speakers(quotes)[1:]
    assert "Daily Courier" not in speakers(quotes)


# -- a description after the one name the sentence before gives -----------------------------


def test_agency_after_a_name_no_model_tagged(extract):
    quotes = extract(
        "The mayor claimed a review had been done by HarbourLink. The agency told reporters "
        "it had done no such review."
    )
    assert speakers(quotes)[-1] == "HarbourLink"
    assert quotes[-1].speaker_mention.text == "The agency"


def test_a_name_modifying_a_noun_is_no_antecedent(extract):
    quotes = extract(
        "The new Millbrook complex will have three rinks. The old arena will close, the city "
        "said."
    )
    assert "Millbrook" not in speakers(quotes)
