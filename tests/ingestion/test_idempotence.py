"""Stored once: canonical URL and content hash make every import idempotent; a syndicated copy
is another appearance of the same article; an interrupted import finishes on a rerun."""
import json

import pytest

from claims.ingest import RawArticle
from claims.models import Article, ArticleAppearance, ImportItem, ImportRun, Quote
from claims.services import articles as articles_service
from claims.services.ingestion import article_import, import_run_start, import_sources

from .conftest import english_body

pytestmark = pytest.mark.django_db


def ndjson(path, records):
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_the_same_file_twice_is_duplicates_the_second_time(tmp_path, import_articles):
    path = ndjson(tmp_path / "a.ndjson", [{"title": f"T{i}", "body": english_body(f"s{i}")}
                                          for i in range(3)])
    first = import_articles("--json", path)
    second = import_articles("--json", path)
    assert (first.summary["created"], first.summary["duplicates"]) == (3, 0)
    assert (second.summary["created"], second.summary["duplicates"]) == (0, 3)
    assert sorted(second.summary["article_ids"]) == sorted(first.summary["article_ids"])
    assert Article.objects.count() == 3
    reasons = ImportRun.objects.get(pk=second.summary["import_run"]).items.values_list(
        "reason", flat=True)
    assert all(r.startswith("duplicate of article #") for r in reasons)


def test_tracking_parameters_and_fragments_do_not_make_another_article(
        tmp_path, import_articles):
    base = "https://news.example.com/world/alliance"
    urls = [base, f"{base}?utm_source=twitter&utm_medium=social", f"{base}/?fbclid=IwAR0abc",
            f"{base}#comments", "HTTPS://News.Example.com:443/world/alliance?utm_campaign=x#top"]
    # Even when the page changed a little between visits, the URL says it is one article.
    path = ndjson(tmp_path / "a.ndjson", [{"title": "Alliance", "url": u,
                                           "body": english_body(f"version {i}")}
                                          for i, u in enumerate(urls)])
    result = import_articles("--json", path)
    assert (result.summary["created"], result.summary["duplicates"]) == (1, 4)
    article = Article.objects.get()
    assert article.canonical_url == base
    assert not ArticleAppearance.objects.exists()


def test_real_query_parameters_still_tell_articles_apart(tmp_path, import_articles):
    path = ndjson(tmp_path / "a.ndjson", [
        {"title": "One", "url": "https://n.example.com/story?id=1", "body": english_body("1")},
        {"title": "Two", "url": "https://n.example.com/story?id=2", "body": english_body("2")},
    ])
    assert import_articles("--json", path).summary["created"] == 2


def test_a_syndicated_copy_is_one_article_with_another_appearance(
        tmp_path, import_articles, django_capture_on_commit_callbacks):
    body = english_body("wire")
    original = ndjson(tmp_path / "wire.ndjson", [{
        "title": "Minister denies alliance", "url": "https://wire.example.com/a1",
        "outlet": "The Wire", "published_at": "2023-03-07", "body": body}])
    copy = ndjson(tmp_path / "copy.ndjson", [{
        "title": "Minister denies alliance (syndicated)",
        "url": "https://daily.example.org/world/minister?utm_source=wire",
        "outlet": "The Daily", "published_at": "2023-03-08",
        # The same text up to whitespace: the normalised body is what is hashed.
        "body": body.replace(". ", ".  ")}])
    with django_capture_on_commit_callbacks(execute=True):
        import_articles(original)
    quotes = Quote.objects.count()
    assert quotes > 0
    with django_capture_on_commit_callbacks(execute=True) as queued:
        result = import_articles("--json", copy)
    assert result.code == 0
    assert (result.summary["created"], result.summary["duplicates"]) == (0, 1)
    assert not queued  # nothing to extract again
    article = Article.objects.get()
    appearance = ArticleAppearance.objects.get()
    assert appearance.article == article
    assert appearance.canonical_url == "https://daily.example.org/world/minister"
    assert appearance.outlet.name == "The Daily"
    assert appearance.published_at.date().isoformat() == "2023-03-08"
    assert article.outlet.name == "The Wire"
    assert Quote.objects.count() == quotes  # its quotes are not counted twice
    item = ImportItem.objects.get(run_id=result.summary["import_run"])
    assert "recorded as another appearance" in item.reason
    # Importing the copy again adds no second appearance.
    assert import_articles(copy).code == 0
    assert ArticleAppearance.objects.count() == 1
    assert Article.objects.count() == 1


def test_a_copy_found_by_its_appearance_url_is_the_same_article(tmp_path, import_articles):
    body = english_body("wire")
    ndjson(tmp_path / "a.ndjson", [
        {"title": "W", "url": "https://wire.example.com/a1", "body": body},
        {"title": "D", "url": "https://daily.example.org/a", "body": body},
        # The copy's URL again, its text since edited a little: still the same article.
        {"title": "D2", "url": "https://daily.example.org/a?fbclid=x",
         "body": body + "\n\nUpdated at noon."},
    ])
    result = import_articles("--json", tmp_path / "a.ndjson")
    assert (result.summary["created"], result.summary["duplicates"]) == (1, 2)
    assert (Article.objects.count(), ArticleAppearance.objects.count()) == (1, 1)


def test_a_race_lost_to_another_worker_is_a_duplicate_not_an_error(monkeypatch):
    run = import_run_start(source=ImportRun.Source.CLI)
    raw = RawArticle(url="https://r.example.com/a", title="Race", body=english_body("race"),
                     source="race")
    first = article_import(run=run, raw=raw)
    assert first.outcome == ImportItem.Outcome.CREATED
    # Another worker stored the same article between our lookup and our insert.
    real = articles_service._find_existing
    calls = []

    def blind_first_time(canonical, digest):
        calls.append(canonical)
        return None if len(calls) == 1 else real(canonical, digest)

    monkeypatch.setattr(articles_service, "_find_existing", blind_first_time)
    again = article_import(run=import_run_start(source=ImportRun.Source.CLI), raw=raw)
    assert again.outcome == ImportItem.Outcome.DUPLICATE
    assert again.article_id == first.article_id
    assert len(calls) == 2
    assert Article.objects.count() == 1


class Killed(BaseException):
    """Stands for the worker being killed: not an Exception, so nothing catches it."""


def test_an_interrupted_import_finishes_on_a_rerun_without_duplicates(tmp_path, monkeypatch):
    path = ndjson(tmp_path / "a.ndjson", [{"title": f"T{i}", "body": english_body(f"k{i}")}
                                          for i in range(4)])
    run = import_run_start(source=ImportRun.Source.CLI, description="killed half way")
    real = articles_service.article_store
    stored = []

    def store_then_die(**kwargs):
        if len(stored) == 2:
            raise Killed()
        stored.append(kwargs["title"])
        return real(**kwargs)

    from claims.services import ingestion

    monkeypatch.setattr(ingestion, "article_store", store_then_die)
    with pytest.raises(Killed):
        import_sources(run=run, sources=[path])
    assert Article.objects.count() == 2
    run.refresh_from_db()
    assert run.status == ImportRun.Status.RUNNING and run.finished_at is None

    monkeypatch.setattr(ingestion, "article_store", real)
    run = import_sources(run=run, sources=[path])
    assert Article.objects.count() == 4
    assert run.items.count() == 4
    assert set(run.items.values_list("outcome", flat=True)) == {ImportItem.Outcome.CREATED}
    assert (run.status, run.created_count, run.duplicate_count) == (ImportRun.Status.DONE, 4, 0)


def test_a_pending_item_left_by_a_killed_run_is_finished_by_the_rerun(tmp_path):
    path = ndjson(tmp_path / "a.ndjson", [{"title": "Only", "body": english_body("p")}])
    run = import_run_start(source=ImportRun.Source.CLI)
    # What a killed worker leaves: the item was registered, nothing was stored.
    ImportItem.objects.create(run=run, source=f"{path} line 1")
    from claims.services.ingestion import import_run_finish

    assert import_run_finish(run=run).status == ImportRun.Status.RUNNING
    run = import_sources(run=run, sources=[path])
    item = run.items.get()
    assert item.outcome == ImportItem.Outcome.CREATED and item.article is not None
    assert run.status == ImportRun.Status.DONE


def test_rerunning_the_whole_command_after_a_kill_adds_only_what_was_missing(
        tmp_path, import_articles, monkeypatch):
    path = ndjson(tmp_path / "a.ndjson", [{"title": f"T{i}", "body": english_body(f"c{i}")}
                                          for i in range(3)])
    from claims.services import ingestion

    real = ingestion.article_store

    def die_on_third(**kwargs):
        if kwargs["title"] == "T2":
            raise Killed()
        return real(**kwargs)

    monkeypatch.setattr(ingestion, "article_store", die_on_third)
    with pytest.raises(Killed):
        import_articles(path)
    monkeypatch.setattr(ingestion, "article_store", real)
    result = import_articles("--json", path)
    assert result.code == 0
    assert (result.summary["created"], result.summary["duplicates"]) == (1, 2)
    assert Article.objects.count() == 3


def test_articles_a_killed_import_stored_but_never_queued_are_queued_by_the_rerun(
        tmp_path, django_capture_on_commit_callbacks):
    path = ndjson(tmp_path / "a.ndjson", [{"title": f"T{i}", "body": english_body(f"q{i}")}
                                          for i in range(3)])
    killed = import_run_start(source=ImportRun.Source.CLI, description="killed before queueing")
    # What the kill left (the process died between the commits and the batch's message): two
    # articles stored and recorded, never handed to the broker, the third item not reached.
    with django_capture_on_commit_callbacks(execute=False):
        run = import_sources(run=killed, sources=[path])
    Article.objects.filter(title="T2").delete()
    run.items.filter(source__endswith="line 3").delete()
    assert Article.objects.filter(extraction_queued_at__isnull=True).count() == 2

    # The rerun (a new run, as the command makes) queues all three; eager, so all get extracted.
    with django_capture_on_commit_callbacks(execute=True):
        import_sources(run=import_run_start(source=ImportRun.Source.CLI), sources=[path])
    assert Article.objects.count() == 3
    assert set(Article.objects.values_list("extraction_status", flat=True)) == {
        Article.Extraction.DONE}


def test_the_sweep_leaves_articles_waiting_in_the_queue_and_requeues_lost_ones():
    from django.utils import timezone

    from claims.services.articles import article_store
    from claims.services.extraction import articles_pending_extraction

    now = timezone.now()
    ids = {}
    # Twice the visibility timeout (300 s): a message older than 10 minutes is lost.
    for name, queued in [("never", None), ("waiting", now - timezone.timedelta(minutes=8)),
                         ("lost", now - timezone.timedelta(minutes=11))]:
        article = article_store(title=name, body=english_body(name)).article
        Article.objects.filter(pk=article.pk).update(
            created_at=now - timezone.timedelta(hours=3), extraction_queued_at=queued)
        ids[article.pk] = name
    assert {ids[i] for i in articles_pending_extraction()} == {"never", "lost"}
    # While messages wait in the extraction queue, a queued article may be one of them.
    assert {ids[i] for i in articles_pending_extraction(queue_empty=False)} == {"never"}
