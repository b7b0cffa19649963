"""Issue 12: descriptions resolved by one scored choice among candidate antecedents, and the
two statements a new user tried (an evaluation of someone else's announcement, "called on X
to Y").  Sentences written for these tests."""

from .conftest import speakers


def test_judging_an_announcement_reports_no_statement(extract):
    quotes = extract("The ministry dismissed the announcement on Thursday. Talks resume today.")
    assert [q.text for q in quotes] == []


def test_judging_an_announcement_with_a_verdict_keeps_it(extract):
    quotes = extract("The ministry dismissed the announcement as a publicity stunt.")
    assert [q.text for q in quotes] == ["the announcement as a publicity stunt"]


def test_called_on_keeps_the_infinitive(extract):
    quotes = extract("The envoy called on both sides to return to talks.")
    assert [q.text for q in quotes] == ["both sides to return to talks"]
    assert [q.speaker_mention.text for q in quotes] == ["The envoy"]


def test_called_on_with_a_named_speaker(extract):
    quotes = extract("Maria Lopez called on all councillors to back the transit plan.")
    assert [q.text for q in quotes] == ["all councillors to back the transit plan"]
    assert speakers(quotes) == ["Maria Lopez"]


def test_agency_resolves_to_the_name_holding_its_head_noun(extract):
    quotes = extract(
        "Officers seized the shipment at the port, the Canada Border Services Agency said on "
        "Friday. Two trucks were stopped. The agency said the goods were worth $2 million."
    )
    assert speakers(quotes)[-1] == "Canada Border Services Agency"
    assert quotes[-1].speaker_mention.text == "The agency"


def test_description_resolves_to_the_name_it_described(extract):
    quotes = extract(
        "Ottawa Hydro, a power utility, cut service to 300 homes. The utility said crews "
        "were working overnight."
    )
    assert speakers(quotes) == ["Ottawa Hydro"]


def test_document_speaks_for_its_issuer(extract):
    quotes = extract(
        "A study released Monday by the Harbour Institute looked at 400 renters in the city. "
        "Rents rose 12 per cent in two years, the study said."
    )
    assert speakers(quotes) == ["Harbour Institute"]
    assert quotes[0].speaker_mention.text == "the study"


def test_possessive_statement_speaks_for_its_owner(extract):
    quotes = extract(
        "Mayor Jane Roe met the Lakeview council on Monday. Her statement said the budget "
        "would be balanced."
    )
    assert speakers(quotes) == ["Jane Roe"]


def test_description_with_no_candidate_is_kept_as_written(extract):
    quotes = extract("The company said the recall would cost $4 million.")
    assert speakers(quotes) == ["The company"]


def test_description_used_of_a_person_resolves_to_them(extract):
    quotes = extract(
        "Coach Lisa Park praised Tom Baker, a rookie winger from Halifax, after the game. "
        "The rookie winger added that he was just happy to play."
    )
    assert speakers(quotes)[-1] == "Tom Baker"


def test_bare_description_of_no_one_is_kept(extract):
    quotes = extract("Lisa Park coached the game. The government said taxes would rise.")
    assert speakers(quotes) == ["The government"]


def test_role_noun_after_a_named_commissioner(extract):
    quotes = extract(
        "Gary Bettman spoke to reporters in New York. The league's commissioner said "
        "expansion was not on the table."
    )
    assert speakers(quotes) == ["Gary Bettman"]


def test_rank_before_a_name_is_left_out(extract):
    quotes = extract("Assistant Commissioner Jane Roe said the investigation was continuing.")
    assert speakers(quotes) == ["Jane Roe"]


def test_union_local_keeps_its_number(extract):
    quotes = extract("Unifor Local 444 said the strike would continue.")
    assert speakers(quotes) == ["Unifor Local 444"]


def test_all_caps_label_is_no_name(extract):
    quotes = extract(
        "Markets were calm. CHILE ECONOMY: On Wednesday, Chile said its exports rose 3 per "
        "cent in June."
    )
    assert speakers(quotes) == ["Chile"]


def test_they_after_a_plural_subject_of_its_sentence(extract):
    quotes = extract(
        "Maria Lopez spoke first. Rural mayors are eager to get the money, and they say the "
        "delays cost jobs."
    )
    assert speakers(quotes) == ["Rural mayors"]


def test_initials_inside_a_name_do_not_end_the_sentence(extract):
    quotes = extract(
        "Critics were many. The J.R. Miller Institute called the plan a costly mistake."
    )
    assert [q.speaker_mention.text for q in quotes] == ["The J.R. Miller Institute"]


def test_by_tweeting_that_is_the_act_s_subject_not_a_he_inside_a_clause_about_its_object(
    extract,
):
    # the parser hangs "by tweeting" on "write" inside the rumours' clause; the tweet is the
    # means of quashing them, so its speaker is the subject of "quashed", not the rumoured "he"
    # (who would be Dan Hill, the man named in the sentence before)
    quotes = extract(
        "Dan Hill said he would stay on as the network's host.\n\n"
        "Tom Reeve, the campaign's former manager, has been hired as an analyst. Reeve earlier "
        "quashed rumors he was planning to write a book by tweeting that \"I am bound by a "
        "strict agreement with the senator.\""
    )
    quote = next(q for q in quotes if q.cue == "tweeting")
    assert quote.speaker == "Tom Reeve"
    assert quote.speaker_mention.text == "Reeve"
