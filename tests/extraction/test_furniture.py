"""Site furniture: found as spans, ignored by extraction without shifting offsets."""

from claims.extraction.furniture import furniture_spans, strip_furniture

PAGE = (
    "Mayors Debate Transit Plans\n"
    "\n"
    "No time to read?\n"
    "Get a summary\n"
    "\n"
    "Mayor Jane Porter said that the new line would open in 2027.\n"
    "\n"
    "Share this article\n"
    "Advertisement\n"
    "Read more: Council approves budget\n"
    "Previous Article\n"
    "\n"
    "Councillors Say Budget Will Pass\n"
    "\n"
    "Next Article\n"
    "\n"
    "Critics said the plan is too expensive, the mayor said."
)


def test_it_finds_reading_aids_navigation_and_prompts_as_whole_lines():
    found = [PAGE[s:e] for s, e in furniture_spans(PAGE)]
    assert found == [
        "No time to read?",
        "Get a summary",
        "Share this article",
        "Advertisement",
        "Read more: Council approves budget",
        "Previous Article",
        "Councillors Say Budget Will Pass",
        "Next Article",
    ]


def test_the_line_after_next_article_is_furniture_only_when_it_is_a_headline():
    # the last line ends the navigation block but is a sentence-like line of text
    spans = furniture_spans(PAGE)
    assert not any(PAGE[s:e].startswith("Critics said") for s, e in spans)


def test_article_sentences_mentioning_share_or_subscribe_are_not_furniture():
    text = "Investors rushed to share the news, and readers were urged to subscribe to updates."
    assert furniture_spans(text) == []


def test_strip_furniture_removes_the_lines():
    cleaned = strip_furniture(PAGE)
    assert "No time to read?" not in cleaned
    assert "Previous Article" not in cleaned
    assert "Mayor Jane Porter said that the new line would open in 2027." in cleaned
    assert "\n\n\n" not in cleaned


def test_extraction_ignores_furniture_and_keeps_offsets(extract):
    text = (
        'Previous Article\n\n"Readers Say Prices Are Too High"\n\n'
        "Mayor Jane Porter said that the new line would open in 2027."
    )
    quotes = extract(text)
    assert [q.text for q in quotes] == ["the new line would open in 2027"]
    q = quotes[0]
    assert text[q.start : q.end] == q.text
    spans = furniture_spans(text)
    assert all(not (s < q.end and q.start < e) for s, e in spans)


def test_furniture_spans_never_fail_on_odd_input():
    for text in ("", "\n\n\n", "Next Article", "Next Article\n", "\x00\x01 share"):
        for s, e in furniture_spans(text):
            assert 0 <= s <= e <= len(text)
