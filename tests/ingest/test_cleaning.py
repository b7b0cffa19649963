"""The project's own cleaning rules, each on a made-up line (no site is named in the rules)."""

import pytest

from claims.ingest.cleaning import clean_body, is_boilerplate_line


@pytest.mark.parametrize(
    "line",
    [
        "© 2022, Example.com. This article is the copyrighted property of Example News.",
        "Copyright 2020 Example Inc. All Rights Reserved.",
        "Written permission must be obtained before reprint in online or print media.",
        "For the latest news download the Example apps for iOS and Android.",
        "Posted on",
        "Posted: Thursday, April 21, 2022. 10:11 pm CST.",
        "17 April 2012 • 2:54pm",
        "2:54pm",
        "Аdvеrtіѕе wіth uѕ tоdау аnd rеасh thоuѕаndѕ",  # Latin and Cyrillic mixed in words
    ],
)
def test_boilerplate_lines_are_recognised(line):
    assert is_boilerplate_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "The minister said the copyright dispute would be settled in court next year.",
        "Putin said Russia would not download responsibility onto its allies.",
        "May",
        "In 2012 the plumber fitted a boiler that leaked.",
        "Москва заявила, что союза с Китаем нет.",  # Cyrillic only: real text
        "",
    ],
)
def test_article_sentences_are_kept(line):
    assert not is_boilerplate_line(line)


def test_clean_body_lays_out_paragraphs_and_drops_a_repeated_headline():
    text = ("Minister denies alliance\nFirst paragraph.\n   Second   paragraph.\n"
            "Share this article\n")
    assert clean_body(text, title="Minister denies alliance") == (
        "First paragraph.\n\nSecond paragraph.")


def test_clean_body_without_reflow_keeps_the_lines_as_given():
    text = "Line one\nline two of the same paragraph.\n\n\n\nNext paragraph.\nAdvertisement\n"
    assert clean_body(text, reflow=False) == (
        "Line one\nline two of the same paragraph.\n\nNext paragraph.")


def test_the_quick_cyrillic_check_knows_every_cyrillic_letter():
    """Lines without Cyrillic skip the per-letter script check; no Cyrillic letter may be missed
    by that shortcut, or homoglyph spam using it would be kept."""
    import sys
    import unicodedata

    from claims.ingest.cleaning import _CYRILLIC

    missed = [hex(cp) for cp in range(sys.maxunicode + 1)
              if unicodedata.name(chr(cp), "").startswith("CYRILLIC")
              and not _CYRILLIC.match(chr(cp))]
    assert missed == []
    # A Latin word with one look-alike letter from the Cyrillic Supplement block still counts.
    assert is_boilerplate_line("Subscribe n\u0501w and s\u0501ve with \u0501aily deals")
