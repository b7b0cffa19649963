"""`manage.py import_articles [--json] PATH_OR_URL...`: every format, folders, the summary and
the exit status (0 all imported or duplicates, 1 some failed, 2 a usage error)."""
import csv
import json
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.management.base import CommandError
from django.db import connection

from claims.models import Article, ImportItem, ImportRun

from .conftest import article_html, english_body

pytestmark = pytest.mark.django_db


@pytest.fixture
def one_of_each(tmp_path):
    """A folder with one article in each format: .txt, .html, .json, .ndjson and .csv."""
    (tmp_path / "minister.txt").write_text(
        "Minister denies alliance\n" + english_body("txt"), encoding="utf-8")
    (tmp_path / "page.html").write_text(
        article_html(title="Envoy rejects report", body=english_body("html"),
                     canonical="https://news.example.com/envoy"), encoding="utf-8")
    (tmp_path / "one.json").write_text(json.dumps(
        {"title": "JSON headline", "body": english_body("json"),
         "url": "https://json.example.com/a", "published_at": "2023-03-01",
         "outlet": "JSON Times", "byline": "Ann Author"}), encoding="utf-8")
    (tmp_path / "lines.ndjson").write_text("\n".join(json.dumps(
        {"title": f"NDJSON headline {i}", "body": english_body(f"ndjson {i}")})
        for i in (1, 2)) + "\n", encoding="utf-8")
    with (tmp_path / "rows.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["url", "title", "body", "published_at", "outlet", "byline"])
        writer.writerow(["https://csv.example.com/x", "CSV headline", english_body("csv"),
                         "2023-03-02T08:00:00Z", "CSV Daily", "Carl Writer"])
    return tmp_path


def test_it_imports_a_text_file_with_its_first_line_as_headline(tmp_path, import_articles):
    path = tmp_path / "a.txt"
    path.write_text("Minister denies alliance\n\n" + english_body("a"), encoding="utf-8")
    result = import_articles("--json", path)
    assert result.code == 0, result.out
    article = Article.objects.get()
    assert article.title == "Minister denies alliance"
    assert "no military alliance exists" in article.body
    assert not article.body.startswith("Minister denies alliance")
    assert article.language == "en"
    assert result.summary["article_ids"] == [article.pk]


def test_it_imports_an_html_file(tmp_path, import_articles):
    path = tmp_path / "a.html"
    path.write_text(article_html(title="Envoy rejects report", body=english_body("h"),
                                 canonical="https://news.example.com/envoy?utm_source=x"),
                    encoding="utf-8")
    assert import_articles(path).code == 0
    article = Article.objects.get()
    assert article.title == "Envoy rejects report"
    assert article.canonical_url == "https://news.example.com/envoy"
    assert article.byline == "Jane Doe"
    assert article.published_at.date().isoformat() == "2023-03-07"
    assert "Home" not in article.body and "All rights reserved" not in article.body


def test_it_imports_json_with_every_column(tmp_path, import_articles):
    path = tmp_path / "a.json"
    path.write_text(json.dumps([
        {"title": "First", "body": english_body("j1"), "url": "https://j.example.com/1",
         "published_at": "2023-03-01", "outlet": "J Times", "byline": "Ann Author"},
        {"title": "Second", "body": english_body("j2")},
    ]), encoding="utf-8")
    result = import_articles("--json", path)
    assert result.code == 0
    assert result.summary["created"] == 2
    first = Article.objects.get(title="First")
    assert first.url == "https://j.example.com/1"
    assert first.canonical_url == "https://j.example.com/1"
    assert first.outlet.name == "J Times"
    assert first.byline == "Ann Author"
    assert first.published_at.date().isoformat() == "2023-03-01"


def test_it_imports_ndjson_line_by_line(tmp_path, import_articles):
    path = tmp_path / "a.ndjson"
    path.write_text("".join(json.dumps({"title": f"T{i}", "body": english_body(f"n{i}")}) + "\n"
                            for i in range(3)), encoding="utf-8")
    result = import_articles("--json", path)
    assert (result.code, result.summary["created"]) == (0, 3)
    assert set(ImportItem.objects.values_list("source", flat=True)) == {
        f"{path} line {n}" for n in (1, 2, 3)}


def test_it_imports_csv_with_the_documented_columns(tmp_path, import_articles):
    path = tmp_path / "a.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["url", "title", "body", "published_at", "outlet", "byline"])
        writer.writerow(["https://c.example.com/1?utm_medium=email", "CSV one", english_body("c1"),
                         "2023-03-02T08:00:00Z", "CSV Daily", "Carl Writer"])
        writer.writerow(["", "CSV two", english_body("c2"), "", "", ""])
    result = import_articles("--json", path)
    assert (result.code, result.summary["created"]) == (0, 2)
    one = Article.objects.get(title="CSV one")
    assert one.canonical_url == "https://c.example.com/1"
    assert (one.outlet.name, one.byline) == ("CSV Daily", "Carl Writer")
    assert one.published_at.isoformat() == "2023-03-02T08:00:00+00:00"
    two = Article.objects.get(title="CSV two")
    assert two.canonical_url is None and two.outlet is None


def test_it_imports_a_whole_folder(one_of_each, import_articles):
    result = import_articles("--json", one_of_each)
    assert result.code == 0, result.summary
    assert result.summary["created"] == 6
    assert Article.objects.count() == 6
    run = ImportRun.objects.get()
    assert (run.source, run.status, run.created_count) == (ImportRun.Source.CLI,
                                                           ImportRun.Status.DONE, 6)
    assert run.finished_at is not None


def test_the_json_summary_has_created_duplicates_failures_and_ids(one_of_each, import_articles):
    (one_of_each / "empty.txt").write_text("", encoding="utf-8")
    (one_of_each / "copy.txt").write_text(
        "Minister denies alliance\n" + english_body("txt"), encoding="utf-8")
    result = import_articles("--json", one_of_each)
    summary = result.summary
    assert set(summary) >= {"created", "duplicates", "failed", "failures", "article_ids"}
    assert (summary["created"], summary["duplicates"], summary["failed"]) == (6, 1, 1)
    assert summary["failures"] == [{"source": str(one_of_each / "empty.txt"),
                                    "reason": "empty file"}]
    stored = set(Article.objects.values_list("pk", flat=True))
    # The duplicate names the article it duplicates, so ids are those of all 7 good items.
    assert set(summary["article_ids"]) == stored
    assert len(summary["article_ids"]) == 7
    assert summary["import_run"] == ImportRun.objects.get().pk


def test_the_plain_summary_names_counts_and_failures(tmp_path, import_articles):
    (tmp_path / "good.txt").write_text("Headline\n" + english_body("g"), encoding="utf-8")
    (tmp_path / "bad.txt").write_text("Only a headline\n", encoding="utf-8")
    result = import_articles(tmp_path)
    assert result.code == 1
    assert "1 created, 0 duplicates, 1 failed" in result.out
    assert f"failed: {tmp_path / 'bad.txt'}: no body after the headline" in result.out


def test_it_exits_0_when_every_item_was_imported_or_a_duplicate(tmp_path, import_articles):
    path = tmp_path / "a.txt"
    path.write_text("Headline\n" + english_body("a"), encoding="utf-8")
    assert import_articles(path).code == 0
    again = import_articles("--json", path)
    assert again.code == 0
    assert (again.summary["created"], again.summary["duplicates"]) == (0, 1)


def test_it_exits_1_when_some_failed_and_still_imports_the_others(tmp_path, import_articles):
    (tmp_path / "good.txt").write_text("Headline\n" + english_body("g"), encoding="utf-8")
    result = import_articles("--json", tmp_path / "good.txt", tmp_path / "missing.txt")
    assert result.code == 1
    assert result.reasons() == {str(tmp_path / "missing.txt"): "no such file or folder"}
    assert Article.objects.count() == 1
    assert ImportRun.objects.get().status == ImportRun.Status.PARTIAL


def test_a_usage_error_is_refused_before_anything_is_imported(import_articles):
    with pytest.raises(CommandError, match="required: PATH_OR_URL"):
        import_articles()
    assert not ImportRun.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_the_exit_status_seen_by_a_shell_is_0_1_or_2(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("Headline\n" + english_body("shell"), encoding="utf-8")
    env = dict(os.environ)
    db = connection.settings_dict
    env["DATABASE_URL"] = (f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:"
                           f"{db['PORT'] or 5432}/{db['NAME']}")
    env.pop("CELERY_BROKER_URL", None)

    def status(*args):
        return subprocess.run([sys.executable, "manage.py", "import_articles", *map(str, args)],
                              cwd=settings.BASE_DIR, env=env, capture_output=True,
                              text=True, timeout=300)

    ok = status("--json", good)
    assert ok.returncode == 0, ok.stderr
    assert json.loads(ok.stdout)["created"] == 1
    partial = status(good, tmp_path / "missing.txt")
    assert partial.returncode == 1
    assert "no such file or folder" in partial.stdout
    usage = status()
    assert usage.returncode == 2
    assert "required: PATH_OR_URL" in usage.stderr
    assert status("--no-such-option", good).returncode == 2


def test_a_long_import_shows_a_progress_bar(tmp_path, import_articles, capsys):
    path = tmp_path / "many.ndjson"
    path.write_text("".join(json.dumps({"title": f"T{i}", "body": english_body(f"p{i}")}) + "\n"
                            for i in range(25)), encoding="utf-8")
    assert import_articles(path).code == 0
    err = capsys.readouterr().err
    assert "importing" in err and "25/25" in err


def test_a_short_import_shows_no_progress_bar(tmp_path, import_articles, capsys):
    path = tmp_path / "a.txt"
    path.write_text("Headline\n" + english_body("short"), encoding="utf-8")
    assert import_articles(path).code == 0
    assert "importing" not in capsys.readouterr().err


def test_a_bulk_import_queues_extraction_in_batches(tmp_path, import_articles, settings,
                                                     django_capture_on_commit_callbacks):
    settings.EXTRACTION_BATCH_SIZE = 2
    path = tmp_path / "five.ndjson"
    path.write_text("".join(json.dumps({"title": f"T{i}", "body": english_body(f"b{i}")}) + "\n"
                            for i in range(5)), encoding="utf-8")
    with django_capture_on_commit_callbacks() as queued:
        result = import_articles("--json", path)
    assert result.code == 0 and result.summary["created"] == 5
    # Five articles, two per task: three messages, sent only once the articles are committed.
    assert len(queued) == 3
    assert set(Article.objects.values_list("extraction_status", flat=True)) == {
        Article.Extraction.PENDING}
    for send in queued:
        send()  # eager: each task extracts its articles
    assert set(Article.objects.values_list("extraction_status", flat=True)) == {
        Article.Extraction.DONE}
