"""Whether a text names a speaker (claims.grouping.responses.names_speaker): the one rule the
answers' lead-ins use, both for the speaker answered and for the sentence that announces an
answer. Every sentence here is written for the test."""
import pytest

from claims.grouping.responses import names_speaker


def _named(text: str, name: str, others: tuple[str, ...] = ()) -> str | None:
    at = names_speaker(text, name, others)
    return None if at is None else text[at:].split()[0].split("'")[0]


@pytest.mark.parametrize("text, name, others, named", [
    # A description's name is the one it ends on.
    ("Peskov fired back at the mayor.", "Kremlin spokesman Dmitry Peskov", (), "Peskov"),
    ("The Kremlin fired back at the mayor.", "Kremlin spokesman Dmitry Peskov", (), None),
    # A description of someone unnamed names nobody, capitalised or not.
    ("New Hampshire voters fired back.", "a New Hampshire Republican", (), None),
    # A title alone names nobody: not the speaker, not another holder of it.
    ("The Senator fired back at the mayor.", "Senator", (), None),
    ("Senator Lind fired back at the mayor.", "Senator Marta Roe", (), None),
    # A first name alone names its bearer.
    ("Sergey fired back at the mayor.", "Sergey Lavrov", (), "Sergey"),
    ("Xi dismissed the report.", "Xi Jinping", (), "Xi"),
    # The possessive names them too; a word inside another name does not.
    ("Lavrov's aides fired back.", "Sergey Lavrov", (), "Lavrov"),
    ("O'Brien fired back.", "Anna Brien", (), None),
    # A surname two people here share names neither; the first name tells them apart.
    ("Marta Vilnius fired back at the mayor.", "Oskar Vilnius", ("Marta Vilnius",), None),
    ("Vilnius fired back at the mayor.", "Oskar Vilnius", ("Marta Vilnius",), None),
    ("Oskar fired back at the mayor.", "Oskar Vilnius", ("Marta Vilnius",), "Oskar"),
    # Two names of one person are not two people: "Roe" names "Marta Roe".
    ("Roe fired back at the mayor.", "Marta Roe", ("Roe",), "Roe"),
    # A suffix names nobody.
    ("Jr. fired back.", "Martin Keane Jr.", (), None),
])
def test_a_text_names_a_speaker_by_a_word_of_their_name_only_they_carry(text, name, others,
                                                                        named):
    assert _named(text, name, others) == named


def test_where_the_text_names_them_is_the_first_mention():
    text = "After a pause Lavrov fired back, and Lavrov left."
    assert names_speaker(text, "Sergey Lavrov") == text.index("Lavrov")
