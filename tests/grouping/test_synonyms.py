"""Synonyms and names read as one for the content look-up (claims/grouping/synonyms.py): what
is found and offered as "same claim?", never what joins a claim."""
import pytest

from claims.grouping import decide, normalise
from claims.grouping.content import content_match, search_terms
from claims.grouping.synonyms import canonical, forms


@pytest.mark.parametrize("text, read", [
    ("the real founder of the Islamic State", "the real founder of the isis"),
    ("ISIL fighters", "isis fighters"),
    ("the Trans-Pacific Partnership", "the tpp"),
    ("two trade pacts and an accord", "two trade deal and an deal"),
    ("Mexican workers", "mexico workers"),
    # A word no group holds is left as it is; a phrase needs all its words in order.
    ("the state of Islamic art", "the state of islamic art"),
    # A form's plural and possessive are the form; another word of its stem is not.
    ("Russia's allies and two accords", "russia allies and two deal"),
    ("according to the mayor", "according to the mayor"),
])
def test_a_form_is_read_as_its_groups_key(text, read):
    assert canonical(normalise(text)) == read


@pytest.mark.parametrize("a, b, kind", [
    # Three content words shared once "Islamic State" reads as "ISIS"; two without.
    ("the senator said Boyle was the founder of ISIS",
     "that the real founder of the Islamic State militant group is Mayor Boyle", "paraphrase"),
    # "pact" and "deal", "agreement": the same trade deal.
    ("she opposed the Baltic trade pact", "her stand against the Baltic trade deal",
     "paraphrase"),
    ("the Baltic trade agreement will cost jobs", "the Baltic trade pact will cost jobs",
     "excerpt"),
    # "according" is no "accord": a reported statement shares no "deal" with every pact.
    ("according to the mayor the harbour bridge will close", "the mayor signed the harbour "
     "deal", None),
    # A synonym shared makes no match of two other points on one subject.
    ("the Baltic trade pact was signed in June", "farmers fear the deal on fishing quotas",
     None),
])
def test_synonyms_count_as_shared_content_words(a, b, kind):
    match = content_match(normalise(a), normalise(b))
    assert (match.kind if match else None) == kind


def test_without_the_lexicon_the_isis_pair_shares_two_words_and_is_not_offered():
    # What the lexicon adds: the same pair, its names spelt alike by hand, compared on the raw
    # words, shares founder and Boyle only.
    from claims.grouping.content import content_words

    a = normalise("Boyle was the founder of ISIS")
    b = normalise("the real founder of the Islamic State militant group is Mayor Boyle")
    assert len(content_words(a) & content_words(b)) == 2
    assert content_match(a, b) is not None


def test_a_key_is_looked_up_by_its_longest_form_and_under_every_form():
    terms = search_terms(normalise("the real founder of the Islamic State militant group"))
    # "isis" ranks as "islamic state" (13 letters), ahead of "militant" (8).
    assert terms[0] == "isis"
    assert set(forms("isis")) >= {"isis", "isil", "islamic state"}
    assert forms("founder") == ("founder",)


def test_synonyms_never_join_a_claim():
    # The trigram rule decides a join: two wordings alike only through a synonym stay apart.
    got = decide(normalise("the Baltic trade pact will cost ten thousand jobs"),
                 [(1, normalise("the Baltic trade agreement will cost ten thousand jobs"))],
                 join=0.9, suggest=0.3)
    assert got.join is None
