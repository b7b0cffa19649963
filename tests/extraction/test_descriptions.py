"""Issue 21 (and issue 20's split speaker keys): a definite description given as the speaker
("the Democratic front-runner", "the FBI director") is the person the article attached those
words to, and stays as written where the article gives no one, or two people, those words.
Sentences written for these tests."""

from .conftest import speakers


def test_description_with_a_capitalised_modifier_is_the_person_of_its_apposition(extract):
    quotes = extract(
        "Hillary Clinton, the Democratic front-runner, campaigned in Ohio on Monday. "
        "Later, the Democratic front-runner said the economy was her first concern."
    )
    assert speakers(quotes) == ["Hillary Clinton"]
    assert quotes[0].speaker_mention.text == "the Democratic front-runner"


def test_description_needs_its_modifier_attached_to_the_person(extract):
    # "front-runner" was said of Clinton, but "Republican" was not: no one is sure
    quotes = extract(
        "Hillary Clinton, the Democratic front-runner, campaigned in Ohio on Monday. "
        "Later, the Republican front-runner said the economy was his first concern."
    )
    assert speakers(quotes) == ["the Republican front-runner"]


def test_description_said_of_two_people_stays_as_written(extract):
    quotes = extract(
        "Hillary Clinton, the Democratic front-runner, and Bernie Sanders, a Democratic "
        "front-runner in some polls, spoke in Ohio. "
        "Later, the Democratic front-runner said the economy was the first concern."
    )
    assert speakers(quotes) == ["the Democratic front-runner"]


def test_acronym_description_is_the_person_it_titled(extract):
    quotes = extract(
        "FBI Director James Comey testified on Tuesday. "
        "The FBI director said the inquiry would continue for several months."
    )
    assert speakers(quotes) == ["James Comey"]


def test_description_no_one_was_given_stays_as_written(extract):
    quotes = extract(
        "Hillary Clinton campaigned in Ohio on Monday. "
        "Later, the Democratic front-runner said the economy was her first concern."
    )
    assert speakers(quotes) == ["the Democratic front-runner"]


def test_description_as_a_title_before_the_name(extract):
    quotes = extract(
        "Democratic front-runner Hillary Clinton campaigned in Ohio on Monday. "
        "Later, the Democratic front-runner said the economy was her first concern."
    )
    assert speakers(quotes) == ["Hillary Clinton"]


def test_a_noun_merely_near_a_name_is_no_description_of_them(extract):
    # "actress" stands near "Mary Smith" too, but was said of Jane Roe only
    quotes = extract(
        "Actress Jane Roe said on Monday she was not sure about Mary Smith at all. "
        "The actress added that the race was far from over."
    )
    assert speakers(quotes)[-1] == "Jane Roe"


def test_lower_case_description_of_two_people_stays_as_written(extract):
    quotes = extract(
        "Tom Baker, a rookie winger, and Sam Ford, a rookie winger from Halifax, both scored. "
        "The rookie winger added that he was just happy to play."
    )
    assert speakers(quotes)[-1] == "The rookie winger"
