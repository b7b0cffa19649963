"""The parse plan: which sentences are parsed."""

from claims.extraction.planning import plan_article


def test_the_sentence_before_a_paragraph_opening_quote_is_parsed_wherever_it_falls():
    # No cue verb and no quote mark in "Economist Priya Nair has studied the market.": it is
    # parsed only because the next paragraph opens with a quote whose speaker it may name.
    # With sentences before it, its index differs from the quote-bound index the loop once
    # compared it with (the slip kept it only when the two happened to agree).
    text = (
        "Markets fell on Monday. Investors were nervous. "
        "Economist Priya Nair has studied the market for years.\n"
        '"Prices will rise before they fall."'
    )
    plan = plan_article(text, None, "en", 100_000)
    parsed = [text[s:e] for s, e in plan.units]
    assert "Economist Priya Nair has studied the market for years." in parsed
    assert "Investors were nervous." not in parsed
