"""Bad input: each bad item gives a readable reason in the command's summary and on its
ImportItem, and the good items of the same import are still stored."""
import csv
import io
import json

import pytest

from claims.models import Article, ImportItem, ImportRun

from .conftest import article_html, english_body

pytestmark = pytest.mark.django_db

FRENCH = (
    "Le ministre des Affaires étrangères a déclaré mardi qu'aucune alliance militaire "
    "n'existait entre les deux pays, rejetant les informations publiées la semaine dernière "
    "par plusieurs journaux. « Nous coopérons ouvertement », a-t-il dit aux journalistes."
)


def bad_files(folder):
    """Write one file per kind of bad input; return {name: the reason expected (a prefix)}."""
    folder.mkdir(exist_ok=True)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.html").write_bytes(b"  \n\n ")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02\x03garbage\xff\xfe\x00")
    (folder / "truncated.html").write_text(
        article_html(title="Cut short", body=english_body("cut"))[:420], encoding="utf-8")
    (folder / "report.html").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj")
    (folder / "cp1252.txt").write_bytes("Titre\n\nL'été à Zürich.".encode("cp1252") + b"\x81")
    (folder / "headline-only.txt").write_text("Just a headline\n", encoding="utf-8")
    (folder / "notes.docx").write_bytes(b"PK\x03\x04 not an article")
    return {
        "empty.txt": "empty file",
        "blank.html": "empty file",
        "binary.txt": "binary file, not text",
        "truncated.html": "truncated HTML",
        "report.html": "not HTML (application/pdf)",
        "cp1252.txt": "not valid UTF-8 and no declared encoding could decode it",
        "headline-only.txt": "no body after the headline",
        "notes.docx": "skipped: not an article file (.docx)",
    }


def test_each_bad_file_has_a_readable_reason_and_the_good_ones_are_stored(
        tmp_path, import_articles):
    expected = bad_files(tmp_path)
    (tmp_path / "good-1.txt").write_text("Good one\n" + english_body("g1"), encoding="utf-8")
    (tmp_path / "good-2.html").write_text(
        article_html(title="Good two", body=english_body("g2")), encoding="utf-8")
    result = import_articles("--json", tmp_path)
    assert result.code == 1
    reasons = result.reasons()
    assert set(reasons) == {str(tmp_path / name) for name in expected}
    for name, reason in expected.items():
        assert reasons[str(tmp_path / name)].startswith(reason), (name, reasons)
    assert set(Article.objects.values_list("title", flat=True)) == {"Good one", "Good two"}
    run = ImportRun.objects.get()
    assert (run.status, run.created_count, run.failed_count) == (
        ImportRun.Status.PARTIAL, 2, len(expected))
    on_items = dict(run.items.filter(outcome=ImportItem.Outcome.FAILED)
                    .values_list("source", "reason"))
    assert on_items == reasons


def test_binary_data_in_a_text_file_is_named_as_such(tmp_path, import_articles):
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    result = import_articles("--json", path)
    assert result.reasons() == {str(path): "not text (image/png)"}


def test_malformed_csv_rows_fail_alone(tmp_path, import_articles):
    path = tmp_path / "rows.csv"
    rows = [
        ["url", "title", "body", "published_at", "outlet", "byline"],
        ["https://a.example.com/1", "Good row", english_body("good"), "2023-03-01", "A", "Ann"],
        ["https://a.example.com/2", "Too few fields"],
        ["https://a.example.com/3", "No body", "", "2023-03-01", "A Times", "Ann"],
        ["not a url", "Bad url", english_body("u"), "", "", ""],
        ["https://a.example.com/5", "Bad date", english_body("d"), "31st of Smarch", "", ""],
    ]
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    result = import_articles("--json", path)
    assert result.code == 1
    assert result.summary["created"] == 1
    reasons = result.reasons()
    assert reasons[f"{path} row 3"] == "row 3: 2 fields, but the header has 6"
    assert reasons[f"{path} row 4"] == "row 4: missing body"
    assert reasons[f"{path} row 5"].startswith("row 5: url is not an http(s) URL")
    assert reasons[f"{path} row 6"].startswith("row 6: unreadable date")
    assert Article.objects.get().title == "Good row"


def test_a_csv_without_a_body_column_is_one_readable_failure(tmp_path, import_articles):
    path = tmp_path / "rows.csv"
    path.write_text("url,title\nhttps://a.example.com/1,Hello\n", encoding="utf-8")
    result = import_articles("--json", path)
    assert result.code == 1
    assert "no body column" in result.reasons()[str(path)]


def test_malformed_json_lines_fail_alone(tmp_path, import_articles):
    path = tmp_path / "lines.ndjson"
    path.write_text("\n".join([
        json.dumps({"title": "Line one", "body": english_body("l1")}),
        '{"title": "broken", "body": "no closing brace"',
        json.dumps(["not", "an", "object"]),
        json.dumps({"title": "No body"}),
        json.dumps({"title": "Line five", "body": english_body("l5")}),
    ]) + "\n", encoding="utf-8")
    result = import_articles("--json", path)
    assert result.code == 1
    assert result.summary["created"] == 2
    reasons = result.reasons()
    assert reasons[f"{path} line 2"].startswith("line 2: invalid JSON")
    assert reasons[f"{path} line 3"] == "line 3: not a JSON object (list)"
    assert reasons[f"{path} line 4"] == "line 4: missing body"
    assert set(Article.objects.values_list("title", flat=True)) == {"Line one", "Line five"}


def test_an_invalid_json_file_says_where(tmp_path, import_articles):
    path = tmp_path / "dump.json"
    path.write_text('[{"title": "a", "body": "b"},', encoding="utf-8")
    result = import_articles("--json", path)
    assert result.reasons()[str(path)].startswith("invalid JSON (")
    assert "line 1" in result.reasons()[str(path)]


def test_a_non_english_article_is_stored_marked_and_not_extracted(
        tmp_path, import_articles, django_capture_on_commit_callbacks):
    (tmp_path / "fr.txt").write_text("Le ministre dément\n\n" + FRENCH, encoding="utf-8")
    (tmp_path / "en.txt").write_text("Minister denies\n\n" + english_body("en"),
                                     encoding="utf-8")
    with django_capture_on_commit_callbacks() as queued:
        result = import_articles("--json", tmp_path)
    assert result.code == 0  # stored, so not a failure
    french = Article.objects.get(title="Le ministre dément")
    assert french.language == "fr"
    assert french.extraction_status == Article.Extraction.SKIPPED
    assert "not English" in french.extraction_note
    english = Article.objects.get(title="Minister denies")
    assert (english.language, english.extraction_status) == ("en", Article.Extraction.PENDING)
    assert len(queued) == 1  # only the English article's extraction was queued


def test_a_surprise_while_storing_one_item_does_not_lose_the_others(
        tmp_path, import_articles, monkeypatch):
    from claims.services import ingestion

    real = ingestion.article_store

    def store(**kwargs):
        if kwargs["title"] == "Explodes":
            raise RuntimeError("disk on fire")
        return real(**kwargs)

    monkeypatch.setattr(ingestion, "article_store", store)
    (tmp_path / "a.txt").write_text("Explodes\n" + english_body("x"), encoding="utf-8")
    (tmp_path / "b.txt").write_text("Fine\n" + english_body("y"), encoding="utf-8")
    result = import_articles("--json", tmp_path)
    assert result.code == 1
    assert result.reasons() == {str(tmp_path / "a.txt"): "could not be stored: disk on fire"}
    assert Article.objects.get().title == "Fine"


def test_a_latin1_csv_with_a_nul_imports_its_good_rows_and_names_the_bad_one(
        tmp_path, import_articles):
    # Saved by a spreadsheet in Windows-1252, with one row holding a NUL early in the file:
    # both used to cost every row ("binary file", "not valid UTF-8").
    path = tmp_path / "latin1.csv"

    def row(*values) -> str:
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerow(values)
        return out.getvalue()

    path.write_bytes(
        row("url", "title", "body").encode()
        + row("https://a.example.com/1", "Éte à Zürich", english_body("l1") + " Zürich.")
        .encode("cp1252")
        + row("https://a.example.com/2", "Broken", "x\x00y").encode()
        + row("https://a.example.com/3", "Plain", english_body("l3")).encode())
    result = import_articles("--json", path)
    assert result.reasons() == {
        f"{path} row 3": "row 3: body contains a NUL byte (binary data, not text)"}
    assert set(Article.objects.values_list("title", flat=True)) == {"Éte à Zürich", "Plain"}
    assert Article.objects.get(title="Plain").body.startswith(english_body("l3")[:40])
    assert Article.objects.get(title="Éte à Zürich").body.endswith("Zürich.")
