from claims.ingest.hashing import content_hash, normalise_body


def test_same_text_typeset_differently_hashes_the_same():
    a = "He said: “We keep nothing secret.”\n\nThe minister’s remarks — made on Tuesday…"
    b = 'He said: "We keep nothing secret."   The minister\'s remarks - made on Tuesday...'
    assert content_hash(a) == content_hash(b)


def test_case_and_invisible_characters_do_not_matter():
    assert content_hash("Hello\u00a0World\u200b") == content_hash("hello world")


def test_different_text_hashes_differently():
    assert content_hash("Putin said yes.") != content_hash("Putin said no.")


def test_hash_is_sha256_hex():
    digest = content_hash("text")
    assert len(digest) == 64 and set(digest) <= set("0123456789abcdef")


def test_normalise_body_collapses_whitespace_and_folds_case():
    assert normalise_body("  A\tB\n\nC  ") == "a b c"
