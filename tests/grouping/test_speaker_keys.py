"""A surname the extractor left alone ("Obama") is the one registry person of that surname the
article names in full; never one of two namesakes the article names."""
from claims.grouping.speaker_keys import lone_surname, name_behind_words, surname_named_in_full

OBAMAS = {86: "Barack Obama", 1617: "Michelle Obama"}
CLINTONS = {55: "Hillary Clinton", 289: "Bill Clinton", 322: "Chelsea Clinton"}
TRUMPS = {7: "Donald Trump", 30: "Ivanka Trump", 31: "Melania Trump"}
BUSHES = {95: "Jeb Bush", 205: "George W. Bush", 481: "Barbara Bush"}


def test_a_capitalised_name_of_one_word_is_a_lone_surname():
    assert lone_surname("Obama") == "obama"
    assert lone_surname("LeVell") == "levell"
    assert lone_surname("Barack Obama") == ""
    assert lone_surname("the campaign") == ""
    assert lone_surname("officials") == ""
    assert lone_surname("") == ""


def test_the_one_namesake_the_article_names_in_full_is_the_speaker():
    text = "US President Barack Obama will speak tonight. Obama said the race was close."
    assert surname_named_in_full("obama", OBAMAS, text) == 86


def test_a_possessive_after_the_full_name_still_names_it():
    text = "Jeb Bush's campaign bus stopped in Iowa. Bush said he would win."
    assert surname_named_in_full("bush", BUSHES, text) == 95


def test_two_namesakes_named_in_full_leave_the_surname_alone():
    text = ("Hillary Clinton spoke first; her husband, former President Bill Clinton, "
            "followed. Clinton said the economy was strong.")
    assert surname_named_in_full("clinton", CLINTONS, text) is None


def test_the_trumps_named_in_one_article_leave_the_surname_alone():
    text = "Donald Trump and his daughter Ivanka Trump toured the plant. Trump said it was huge."
    assert surname_named_in_full("trump", TRUMPS, text) is None


def test_a_surname_whose_full_name_the_article_never_gives_stays_alone():
    text = "President Obama spoke in Orlando. Obama said the attack was an act of terror."
    assert surname_named_in_full("obama", OBAMAS, text) is None


def test_a_full_name_must_stand_as_whole_words():
    # "Jeb Bushes" is no mention of Jeb Bush, "Barack Obamacare" none of Barack Obama.
    assert surname_named_in_full("bush", BUSHES, "Two Jeb Bushes ran. Bush said no.") is None
    assert surname_named_in_full("obama", OBAMAS, "Barack Obamacare, he said.") is None


def test_only_a_namesake_of_that_surname_counts():
    text = "Barack Obama met Joe Biden. Biden said they agreed."
    assert surname_named_in_full("biden", OBAMAS, text) is None


# A registry name that is another registry person's full name with words in front of it
# ("Telling Jeb Bush", a sentence's first word glued to the name; "FBI Director James Comey")
# is that person; never when the words in front are a given name ("Mary Jo White" is not
# "Jo White"), nor for a name the other only ends like ("Bill Clinton" is no "Clinton").
def test_words_in_front_of_a_known_full_name_are_that_person():
    known = {"Jeb Bush", "James Comey", "George W. Bush"}
    assert name_behind_words("Telling Jeb Bush", known) == "Jeb Bush"
    assert name_behind_words("FBI Director James Comey", known) == "James Comey"


def test_a_given_name_in_front_makes_another_person():
    known = {"Jo White", "Bob Thornton", "Hillary Clinton"}
    assert name_behind_words("Mary Jo White", known) is None
    assert name_behind_words("Billy Bob Thornton", known) is None


def test_a_surname_alone_or_the_same_name_is_no_other_person():
    known = {"Bush", "Clinton", "Jeb Bush"}
    assert name_behind_words("George W. Bush", known) is None
    assert name_behind_words("Bill Clinton", known) is None
    assert name_behind_words("Jeb Bush", known) is None


# Both rules are about a person's name: an organisation's ("The New York Times", "Federal
# Election Commission", "Some Democrats") is left as it is, whatever its last word.
def test_an_organisation_is_no_namesake_of_a_word_alone():
    text = "Some Democrats said so. Democrats said the vote was close."
    assert surname_named_in_full("democrats", {582: "Some Democrats"}, text) is None
    text = "The Republican National Committee met. The Committee said it would not."
    assert surname_named_in_full("committee", {9: "Republican National Committee"}, text) is None


def test_a_longer_organisation_name_is_not_cut_to_a_shorter_one():
    assert name_behind_words("Federal Election Commission", {"Election Commission"}) is None
    assert name_behind_words("New York Daily News", {"Daily News"}) is None
