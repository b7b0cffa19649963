"""Linking speakers to the registry: names, aliases, surnames and dated roles."""

from datetime import date

import pytest

from claims.extraction.registry import RegistryEntry, RegistryRole, SpeakerRegistry


@pytest.fixture
def registry():
    return SpeakerRegistry(
        [
            RegistryEntry(
                "lloyd-austin",
                "Lloyd Austin",
                roles=(
                    RegistryRole(
                        "Secretary of Defense",
                        date(2021, 1, 22),
                        date(2025, 1, 20),
                        country="United States",
                    ),
                ),
            ),
            RegistryEntry(
                "pete-hegseth",
                "Pete Hegseth",
                roles=(
                    RegistryRole(
                        "Secretary of Defense", date(2025, 1, 25), None, country="United States"
                    ),
                ),
            ),
            RegistryEntry(
                "vladimir-putin",
                "Vladimir Putin",
                aliases=("Vladimir Vladimirovich Putin",),
                roles=(RegistryRole("President", date(2012, 5, 7), None, country="Russia"),),
            ),
            RegistryEntry("kremlin", "Kremlin", kind="organisation"),
        ]
    )


def test_a_role_title_resolves_to_whoever_held_it_on_the_date(registry):
    assert registry.resolve("US Secretary of Defense", date(2023, 3, 1)).key == "lloyd-austin"
    assert registry.resolve("US Secretary of Defense", date(2025, 6, 1)).key == "pete-hegseth"


def test_a_role_with_a_country_adjective_or_of_phrase(registry):
    assert registry.resolve("the Russian president", date(2023, 3, 1)).key == "vladimir-putin"
    assert registry.resolve("President of Russia", date(2023, 3, 1)).key == "vladimir-putin"


def test_names_aliases_and_surnames(registry):
    assert registry.resolve("Putin").key == "vladimir-putin"
    assert registry.resolve("Vladimir Vladimirovich Putin").key == "vladimir-putin"
    assert registry.resolve("The Kremlin").key == "kremlin"
    assert registry.resolve("Former US national security adviser John Bolton") is None


def test_the_extractor_links_a_role_mention_on_the_article_date(extractor, registry):
    from claims.extraction import Extractor

    ex = Extractor(extractor.nlp, registry=registry)
    text = "The US Secretary of Defense said that the situation is being watched closely."
    (q,) = ex.extract(text, date(2023, 3, 1)).quotes
    assert q.speaker == "Lloyd Austin"
    assert q.speaker_keys == ("lloyd-austin",)


def test_an_alias_written_with_the_matches_mentions_with_or_without_it():
    from claims.extraction import RegistryEntry, SpeakerRegistry

    registry = SpeakerRegistry([RegistryEntry(key="k", name="Lloyd Austin",
                                              aliases=("the Pentagon chief",))])
    assert registry.resolve("the Pentagon chief").name == "Lloyd Austin"
    assert registry.resolve("Pentagon chief").name == "Lloyd Austin"
