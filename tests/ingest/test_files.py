"""read_path: every file format, folders, and each kind of bad input."""

import json
from datetime import UTC, datetime

import pytest

from claims.ingest.files import count_items, read_bytes, read_path
from claims.ingest.types import ItemError, RawArticle

from .samples import ARTICLE_HTML

BODY = ("The foreign minister said on Tuesday that no military alliance exists between the two "
        "countries, rejecting reports published last week.")


def articles(items):
    return [i for i in items if isinstance(i, RawArticle)]


def errors(items):
    return [i for i in items if isinstance(i, ItemError)]


# --- .txt -----------------------------------------------------------------------------------

def test_a_text_file_has_the_headline_on_its_first_line(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(f"Minister denies alliance\n\n{BODY}\n\nSecond paragraph here.\n",
                    encoding="utf-8")
    [article] = list(read_path(path))
    assert article.title == "Minister denies alliance"
    assert article.body == f"{BODY}\n\nSecond paragraph here."
    assert article.source == str(path)
    assert article.language == "en"
    assert article.url is None and article.published_at is None


def test_site_furniture_is_removed_from_text_files(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(f"Headline\n\nNo time to read?\nGet a summary\n\n{BODY}\n\nPrevious Article\n"
                    "\nAnother story entirely\n", encoding="utf-8")
    [article] = list(read_path(path))
    assert article.body == BODY


def test_the_sample_interview_reads_as_one_article():
    from .samples import SAMPLES

    path = SAMPLES / "putin-china-interview.txt"
    if not path.exists():
        pytest.skip(f"{path} not found (the shared folder is absent)")
    [article] = list(read_path(path))
    assert article.title.startswith("Putin Reiterates Russia")
    assert article.body.startswith("In an interview with Pavel Zarubin")
    for furniture in ("No time to read?", "Get a summary", "Previous Article", "Next Article"):
        assert furniture not in article.body
    assert article.body.endswith("from the United States.")


def test_a_text_file_with_only_a_headline_is_an_error(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text("Just a headline\n", encoding="utf-8")
    [error] = list(read_path(path))
    assert isinstance(error, ItemError)
    assert error.reason == "no body after the headline (the first line is the headline)"


@pytest.mark.parametrize("content", [b"", b"  \n\n  "])
def test_an_empty_file_is_an_error(tmp_path, content):
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    assert list(read_path(path)) == [ItemError(str(path), "empty file")]


@pytest.mark.parametrize("suffix", [".txt", ".csv", ".json", ".ndjson"])
def test_a_binary_file_is_an_error(tmp_path, suffix):
    path = tmp_path / f"blob{suffix}"
    path.write_bytes(b"\x00\x01\x02\x03garbage\xff\xfe\x00")
    assert list(read_path(path)) == [ItemError(str(path), "binary file, not text")]


def test_a_pdf_named_html_is_an_error(tmp_path):
    path = tmp_path / "page.html"
    path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj")
    assert list(read_path(path)) == [ItemError(str(path), "not HTML (application/pdf)")]


def test_an_unknown_encoding_is_an_error(tmp_path):
    path = tmp_path / "story.txt"
    path.write_bytes("Titre\n\nL'été à Zürich était très chaud.".encode("cp1252")
                     + b"\x81\x8d")  # undefined in windows-1252, invalid in UTF-8
    assert list(read_path(path)) == [ItemError(
        str(path), "not valid UTF-8 and no declared encoding could decode it")]


def test_a_text_file_in_latin1_is_not_guessed(tmp_path):
    path = tmp_path / "story.txt"
    path.write_bytes("Titre\n\nL'été à Zürich.".encode("latin-1"))
    [error] = list(read_path(path))
    assert "not valid UTF-8" in error.reason


def test_a_utf8_bom_is_fine(tmp_path):
    path = tmp_path / "story.txt"
    path.write_bytes(b"\xef\xbb\xbfHeadline\n\n" + BODY.encode())
    [article] = list(read_path(path))
    assert article.title == "Headline"


# --- .html ----------------------------------------------------------------------------------

def test_an_html_file(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(ARTICLE_HTML, encoding="utf-8")
    [article] = list(read_path(path))
    assert article.title == "Minister denies alliance"
    assert article.canonical_url == "https://news.example.com/world/minister-denies-alliance"
    assert article.source == str(path)


def test_truncated_html_file_is_an_error(tmp_path):
    path = tmp_path / "page.htm"
    path.write_text(ARTICLE_HTML[:900], encoding="utf-8")
    [error] = list(read_path(path))
    assert error.reason.startswith("truncated HTML")


# --- .csv -----------------------------------------------------------------------------------

CSV_HEADER = "url,title,body,published_at,outlet,byline\n"


def test_csv_rows_become_articles_and_bad_rows_errors(tmp_path):
    path = tmp_path / "articles.csv"
    path.write_text(
        CSV_HEADER
        + f'https://a.example/1?utm_source=x,First,"{BODY}",2023-03-07T10:00:00+01:00,A News,Ann\n'
        + "https://a.example/2,No body,,2023-03-07,A News,Ann\n"
        + f'https://a.example/3,Bad date,"{BODY}",the day after tomorrow,A News,Ann\n'
        + f'https://a.example/4,Too many,"{BODY}",2023-03-07,A News,Ann,extra\n'
        + f'not-a-url,Bad url,"{BODY}",,A News,Ann\n'
        + "\n"
        + f'https://a.example/6,"Multi-line","{BODY}\n\nSecond paragraph.",'
          '"Tue, 07 Mar 2023 10:00:00 GMT",B News,Bob\n',
        encoding="utf-8")
    items = list(read_path(path))
    good = articles(items)
    assert [a.title for a in good] == ["First", "Multi-line"]
    first, last = good
    assert first.url == "https://a.example/1?utm_source=x"
    assert first.canonical_url == "https://a.example/1"
    assert first.published_at == datetime(2023, 3, 7, 9, 0, tzinfo=UTC)
    assert (first.outlet, first.byline) == ("A News", "Ann")
    assert first.source == f"{path} row 2"
    assert last.body == f"{BODY}\n\nSecond paragraph."
    assert last.source == f"{path} row 8"
    assert [(e.source, e.reason) for e in errors(items)] == [
        (f"{path} row 3", "row 3: missing body"),
        (f"{path} row 4", "row 4: unreadable date 'the day after tomorrow'"),
        (f"{path} row 5", "row 5: 7 fields, but the header has 6"),
        (f"{path} row 6", "row 6: url is not an http(s) URL: 'not-a-url'"),
    ]
    assert str(errors(items)[0]) == f"{path} row 3: missing body"


def test_csv_columns_may_come_in_any_order_with_common_aliases(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text(f'Headline;Text;Date;Author\nHello;"{BODY}";10 April 2020;Jo Bloggs\n',
                    encoding="utf-8")
    [article] = list(read_path(path))
    assert (article.title, article.byline) == ("Hello", "Jo Bloggs")
    assert article.published_at == datetime(2020, 4, 10, tzinfo=UTC)


def test_a_csv_without_a_body_column_is_one_error(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("url,title\nhttps://a.example/,x\n", encoding="utf-8")
    [error] = list(read_path(path))
    assert error.reason.startswith("the header has no body column")


# --- .json and .ndjson ----------------------------------------------------------------------

def test_a_json_list_of_objects(tmp_path):
    path = tmp_path / "dump.json"
    path.write_text(json.dumps([
        {"url": "https://a.example/1", "title": "One", "body": BODY, "published_at": "2020-04-10"},
        {"title": "No body"},
        "not an object",
        {"title": "Three", "body": BODY, "byline": ["Ann", "Bob"], "published_at": 1586476800},
        {"title": 5, "body": BODY},
    ]), encoding="utf-8")
    items = list(read_path(path))
    assert [a.title for a in articles(items)] == ["One", "Three"]
    assert articles(items)[1].byline == "Ann, Bob"
    assert articles(items)[1].published_at == datetime(2020, 4, 10, tzinfo=UTC)
    assert [e.reason for e in errors(items)] == [
        "item 2: missing body",
        "item 3: not a JSON object (str)",
        "item 5: title is not text (int)",
    ]
    assert errors(items)[0].source == f"{path} item 2"


def test_a_single_json_object(tmp_path):
    path = tmp_path / "one.json"
    path.write_text(json.dumps({"title": "One", "body": BODY}), encoding="utf-8")
    [article] = list(read_path(path))
    assert article.title == "One"


def test_invalid_json_is_one_error(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text('[{"title": "x", "body": "y"', encoding="utf-8")
    [error] = list(read_path(path))
    assert error.reason.startswith("invalid JSON (")


def test_ndjson_bad_lines_are_errors_and_the_rest_go_on(tmp_path):
    path = tmp_path / "feed.ndjson"
    path.write_text("\n".join([
        json.dumps({"title": "One", "body": BODY}),
        '{"title": "broken", ',
        "",
        json.dumps({"title": "Three", "body": ""}),
        json.dumps({"title": "Four", "body": BODY, "published_at": "31 Feb 2020"}),
        json.dumps({"title": "Five", "body": BODY}),
    ]), encoding="utf-8")
    items = list(read_path(path))
    assert [a.title for a in articles(items)] == ["One", "Five"]
    assert articles(items)[1].source == f"{path} line 6"
    reasons = [e.reason for e in errors(items)]
    assert reasons[0].startswith("line 2: invalid JSON (")
    assert reasons[1:] == ["line 4: missing body", "line 5: unreadable date '31 Feb 2020'"]


def test_jsonl_is_read_like_ndjson(tmp_path):
    path = tmp_path / "x.jsonl"
    path.write_text(json.dumps({"title": "One", "body": BODY}) + "\n", encoding="utf-8")
    assert [a.title for a in articles(read_path(path))] == ["One"]


def test_a_non_english_record_is_kept_and_marked(tmp_path):
    path = tmp_path / "fr.ndjson"
    body = ("Le ministre des affaires étrangères a déclaré mardi qu'aucune alliance militaire "
            "n'existait entre les deux pays.")
    path.write_text(json.dumps({"title": "Le ministre", "body": body}), encoding="utf-8")
    [article] = list(read_path(path))
    assert article.language == "fr"


# --- folders --------------------------------------------------------------------------------

def test_a_folder_is_read_recursively_in_sorted_order(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text(f"Two\n\n{BODY}", encoding="utf-8")
    (tmp_path / "a.txt").write_text(f"One\n\n{BODY}", encoding="utf-8")
    (tmp_path / "c.csv").write_text(CSV_HEADER + f',Three,"{BODY}",,,\n', encoding="utf-8")
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04")
    (tmp_path / ".hidden.txt").write_text("Hidden\n\nbody", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    items = list(read_path(tmp_path))
    assert [a.title for a in articles(items)] == ["One", "Two", "Three"]
    reasons = {e.source: e.reason for e in errors(items)}
    assert reasons[str(tmp_path / "empty.txt")] == "empty file"
    assert reasons[str(tmp_path / "notes.docx")].startswith("skipped: not an article file (.docx)")
    assert len(reasons) == 2
    assert count_items(tmp_path) == 5


def test_a_missing_path_is_an_error(tmp_path):
    path = tmp_path / "nope.csv"
    assert list(read_path(path)) == [ItemError(str(path), "no such file or folder")]


def test_count_items(tmp_path):
    (tmp_path / "a.csv").write_text(CSV_HEADER + f',A,"{BODY}\n\nmore",,,\n,B,x,,,\n',
                                    encoding="utf-8")
    (tmp_path / "b.ndjson").write_text('{}\n\n{}\n{}\n', encoding="utf-8")
    (tmp_path / "c.json").write_text("[1, 2]", encoding="utf-8")
    assert count_items(tmp_path / "a.csv") == 2
    assert count_items(tmp_path / "b.ndjson") == 3
    assert count_items(tmp_path / "c.json") == 2
    assert count_items(tmp_path) == 7


def test_uploaded_bytes_are_read_like_a_file_of_that_name():
    data = (CSV_HEADER + f',One,"{BODY}",,,\n,Two,,,,\n').encode()
    items = list(read_bytes(data, "upload.csv"))
    assert [a.source for a in articles(items)] == ["upload.csv row 2"]
    assert [str(e) for e in errors(items)] == ["upload.csv row 3: missing body"]
    assert list(read_bytes(b"x", "notes.pdf"))[0].reason.startswith("skipped")


def test_an_unclosed_quote_is_an_error_for_its_row_and_earlier_rows_are_kept(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text(CSV_HEADER + f',Good,"{BODY}",,,\n,Broken,"never closed,,,\n,Lost,x,,,\n',
                    encoding="utf-8")
    items = list(read_path(path))
    assert [a.title for a in articles(items)] == ["Good"]
    [error] = errors(items)
    assert error.source == f"{path} row 3"
    assert error.reason == "row 3: 3 fields, but the header has 6"


def test_a_nul_byte_deep_in_a_csv_is_an_error_for_its_row(tmp_path):
    path = tmp_path / "a.csv"
    rows = "".join(f',Row {i},"{BODY}",,,\n' for i in range(100))
    path.write_bytes((CSV_HEADER + rows).encode() + b',Bad,"x\x00y",,,\n')
    items = list(read_path(path))
    assert len(articles(items)) == 100
    [error] = errors(items)
    assert error.source == f"{path} row 102"
    assert error.reason == "row 102: body contains a NUL byte (binary data, not text)"


def test_a_nul_byte_early_in_a_csv_costs_only_its_row(tmp_path):
    # In the first 8 kB a NUL used to mark the whole file as binary: every row was lost.
    path = tmp_path / "a.csv"
    path.write_bytes(CSV_HEADER.encode() + b',Bad,"x\x00y",,,\n'
                     + f',Good,"{BODY}",,,\n'.encode())
    items = list(read_path(path))
    assert [a.title for a in articles(items)] == ["Good"]
    [error] = errors(items)
    assert error.source == f"{path} row 2"
    assert "NUL" in error.reason


def test_a_latin1_csv_is_read_row_by_row(tmp_path):
    path = tmp_path / "a.csv"
    body = f"L'été à Zürich. {BODY}"
    path.write_bytes(CSV_HEADER.encode() + f',Été,"{body}",,,\n'.encode("latin-1")
                     + f',Plain,"{BODY}",,,\n'.encode()
                     + f',Mixed UTF-8,"Zürich {BODY}",,,\n'.encode()
                     + b',Undecodable,"\x81\x8d' + BODY.encode() + b'",,,\n')
    items = list(read_path(path))
    found = {a.title: a.body for a in articles(items)}
    assert list(found) == ["Été", "Plain", "Mixed UTF-8"]
    assert found["Été"].startswith("L'été à Zürich.")
    assert found["Mixed UTF-8"].startswith("Zürich")
    [error] = errors(items)
    assert error.source == f"{path} row 5" and "not valid UTF-8" in error.reason


def test_a_csv_whose_header_holds_nul_bytes_is_binary(tmp_path):
    path = tmp_path / "a.csv"
    path.write_bytes("title,body\n".encode("utf-16-le") + b"x,y\n")
    assert list(read_path(path)) == [ItemError(str(path), "binary file, not text")]
