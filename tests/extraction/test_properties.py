"""Property-based checks: for any text, offsets slice to the quote's text and nothing raises."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

PIECES = st.sampled_from(
    [
        "He said",
        "she told reporters",
        "according to officials",
        "“",
        "”",
        '"',
        "«",
        "»",
        "‘",
        "’",
        "'",
        ",",
        ".",
        ":",
        "\n",
        "\n\n",
        " ",
        "that",
        "the plan",
        "Mayor Jane Porter",
        "will fail",
        "Next Article",
        "No time to read?",
        "Smith",
        "é",
        "\x00",
        "🙂",
        "…",
    ]
)
TEXTS = st.one_of(
    st.text(max_size=300),
    st.lists(PIECES, max_size=40).map(" ".join),
    st.lists(PIECES, max_size=40).map("".join),
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=TEXTS)
def test_offsets_slice_to_the_quote_text_and_extraction_never_raises(extractor, text):
    result = extractor.extract(text)
    for q in result.quotes:
        assert 0 <= q.start < q.end <= len(text)
        assert text[q.start : q.end] == q.text
        assert q.kind in ("direct", "indirect", "mixed")
        if q.speaker_mention is not None:
            m = q.speaker_mention
            assert text[m.start : m.end] == m.text
        if q.cue_start is not None:
            assert text[q.cue_start : q.cue_end] == q.cue
        record = q.to_json("f.txt")
        assert record["text"] == text[record["start"] : record["end"]]
