"""Language detection for skipping non-English articles."""

from claims.extraction.language import detect_language


def test_it_detects_english_and_other_languages():
    assert detect_language("The minister said the new rules would take effect in May.") == "en"
    assert (
        detect_language("Le ministre a déclaré que les nouvelles règles entreraient en vigueur.")
        == "fr"
    )
    assert (
        detect_language("Der Minister sagte, die neuen Regeln würden im Mai in Kraft treten.")
        == "de"
    )


def test_too_little_text_gives_no_guess():
    assert detect_language("") is None
    assert detect_language("12 34 56 -- !!") is None


def test_long_texts_are_sampled_and_still_detected():
    text = "The minister said the new rules would take effect in May. " * 20000
    assert detect_language(text) == "en"


def test_short_english_sentences_are_never_taken_for_another_language():
    from claims.extraction.language import foreign_language

    for text in (
        "Results are very exciting, says Erin Kim.",
        "The vote is close, said analyst Tom Reyes.",
        "Pat Caddell: Democrat Voters Worried",
        "Obama Seeks More Refugees",
    ):
        assert foreign_language(text) is None
    assert (
        foreign_language("Le ministre a déclaré que les nouvelles règles entreraient en vigueur.")
        == "fr"
    )
