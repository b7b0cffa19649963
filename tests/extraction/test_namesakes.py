"""People who share a surname, and words glued to a name, in paragraphs written for this file:
a gender title chooses between namesakes, and a place-adjective or a plural possessive before a
name is no part of it (else a later lone surname resolves to that false "full name" and the
person gets a speaker of their own)."""

from claims.extraction.names import clean_name

from .conftest import only


def _by_mention(quotes):
    return {q.speaker_mention.text: q.speaker for q in quotes if q.speaker_mention}


def test_a_gender_title_chooses_between_namesakes(extract):
    quotes = extract(
        "Mayor Ruth Calder and her husband, former mayor Owen Calder, opened the fair on "
        "Saturday. Mr. Calder said the rides were safe. Ms. Calder said the town would pay "
        "for the repairs."
    )
    assert _by_mention(quotes) == {"Mr. Calder": "Owen Calder", "Ms. Calder": "Ruth Calder"}


def test_mrs_is_not_the_husband_named_last(extract):
    # the namesake named last before the mention is the husband; the title rules him out
    quote = only(extract(
        "Owen Calder opened the fair on Saturday with his wife, Ruth Calder, the mayor. "
        "Mrs. Calder said the town would pay for the repairs."
    ))
    assert quote.speaker == "Ruth Calder"


def test_a_title_picks_the_namesake_of_its_gender_over_one_of_unknown_gender(extract):
    quote = only(extract(
        "Senator Maria Okafor met reporters on Monday with her brother, Daniel Okafor. "
        "Ms. Okafor said the bill would pass this month."
    ))
    assert quote.speaker == "Maria Okafor"


def test_a_title_on_a_lone_surname_goes_to_the_namesake_of_its_gender(extract):
    # "Mr. Okafor" is the husband, though the senator is the Okafor named first: before, her
    # name took his title's gender and "Mrs. Okafor" then went to him
    quotes = extract(
        "Senator Maria Okafor said on Friday that the bill had the votes. Her husband, Daniel "
        "Okafor, said he was proud of her.\n\n"
        "Mr. Okafor said the family would stay in the capital for the vote.\n\n"
        "Mrs. Okafor said the bill would pass this month."
    )
    assert _by_mention(quotes)["Mr. Okafor"] == "Daniel Okafor"
    assert _by_mention(quotes)["Mrs. Okafor"] == "Maria Okafor"


def test_a_place_adjective_before_a_surname_is_no_given_name(extract):
    quotes = extract(
        "Nadia Brecht, the party's leader, spoke first.\n\n"
        "Members of the Vancouver-area Brecht campaign knocked on doors.\n\n"
        "Brecht said the campaign would go on."
    )
    assert only(quotes).speaker == "Nadia Brecht"


def test_clean_name_cuts_at_hyphenated_adjectives_and_plural_possessives():
    assert clean_name("Texas-based Matt Roe") == "Matt Roe"
    assert clean_name("Korean-born Ana Roe") == "Ana Roe"
    assert clean_name("Democracy Corps’ Stan Roe") == "Stan Roe"
    assert clean_name("the Greens' Ida Roe") == "Ida Roe"
    # a capital after the hyphen is part of the name; a hyphenated title still goes
    assert clean_name("Jean-Pierre Roe") == "Jean-Pierre Roe"
    assert clean_name("Vice-President Jane Roe") == "Jane Roe"


def test_a_relative_named_last_does_not_take_the_bare_surname(extract):
    # the husband is the namesake named last before "Calder said", but he was introduced as
    # her relative: news names such a person in full when he is meant
    quote = only(extract(
        "Governor Ruth Calder will not be pleased by the new advertisement.\n\n"
        "It shows two others close to the governor: her husband, former Governor Owen Calder, "
        "and her deputy, Daniel Okafor.\n\n"
        "During the debate, Calder claimed that the advertisement was paid for by her rivals."
    ))
    assert quote.speaker == "Ruth Calder"


def test_the_relative_rule_goes_both_ways(extract):
    quote = only(extract(
        "Owen Calder opened the fair on Saturday. He was joined by his daughter Ruth Calder "
        "and his deputy, Daniel Okafor.\n\n"
        "Later, Calder claimed that the rides had been inspected twice."
    ))
    assert quote.speaker == "Owen Calder"


def test_a_namesake_named_last_not_as_a_relative_still_takes_the_surname(extract):
    quote = only(extract(
        "Ruth Calder opened the fair on Saturday.\n\n"
        "An hour later the treasurer, Owen Calder, arrived with the accounts.\n\n"
        "Calder claimed that the fair had paid for itself."
    ))
    assert quote.speaker == "Owen Calder"


def test_a_description_before_a_name_ner_left_out_is_no_given_name(extract):
    # "Rival" opens the sentence, so it is capitalised and the run "Rival Maria Okafor" looked
    # like a three-word name; NER's own span starts at "Maria", and the person must keep one
    # name (a second one would make a second speaker record)
    quotes = extract(
        "Supporters of a higher minimum wage plan to protest at Thursday's debate.\n\n"
        "Senator Ana Ruiz supports the proposal. Rival Maria Okafor, however, has indicated "
        "she would not go above a $12 minimum wage at this time."
    )
    assert {q.speaker for q in quotes} == {"Ana Ruiz", "Maria Okafor"}


def test_a_relative_named_in_full_on_their_own_takes_the_surname_again(extract):
    # a long page of short items: the husband was once "her husband", but the item at hand
    # names him in full on his own before "Calder said"
    quote = only(extract(
        "Governor Ruth Calder spoke in the morning, with her husband, Owen Calder, beside her."
        "\n\nIn the afternoon, Owen Calder visited a polling station on his own. A woman asked "
        "for a photograph and Calder claimed that no election rule forbade it."
    ))
    assert quote.speaker == "Owen Calder"
