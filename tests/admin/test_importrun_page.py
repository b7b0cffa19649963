"""The ImportRun page: each item with its outcome, reason and article, in constant queries."""
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from claims.models import ImportItem, ImportRun
from claims.services.articles import article_store
from claims.services.ingestion import import_run_finish, import_run_start
from tests.admin.conftest import article_text, run_summary

pytestmark = pytest.mark.django_db


def make_run(n_items: int, offset: int = 0) -> ImportRun:
    """A finished run with `n_items` items: created, duplicate and failed in turn."""
    run = import_run_start(source=ImportRun.Source.URLS, description=f"{n_items} items")
    for i in range(n_items):
        source = f"https://news.example.com/{offset + i}"
        kind = i % 3
        if kind == 2:
            ImportItem.objects.create(run=run, source=source, outcome=ImportItem.Outcome.FAILED,
                                      reason="HTTP 404 Not Found")
            continue
        title, body = article_text(offset + i)
        article = article_store(title=title, body=body, url=source, import_run=run).article
        outcome = ImportItem.Outcome.CREATED if kind == 0 else ImportItem.Outcome.DUPLICATE
        reason = "" if kind == 0 else f"duplicate of article #{article.pk} “{article.title}”"
        ImportItem.objects.create(run=run, source=source, outcome=outcome, article=article,
                                  reason=reason)
    return import_run_finish(run=run)


def queries_to_show(client, run) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("admin:claims_importrun_change", args=[run.pk]))
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_the_page_takes_as_many_queries_for_60_items_as_for_3(editor_client):
    small, large = make_run(3), make_run(60, offset=100)

    queries_to_show(editor_client, small)  # the first request fills per-process caches
    few, _ = queries_to_show(editor_client, small)
    many, content = queries_to_show(editor_client, large)

    assert many == few
    assert content.count("import-outcome-created") == 20
    assert content.count("import-outcome-failed") == 20


def test_the_page_stays_within_a_fixed_query_budget(editor_client,
                                                     django_assert_max_num_queries):
    run = make_run(30)
    with django_assert_max_num_queries(20):
        editor_client.get(reverse("admin:claims_importrun_change", args=[run.pk]))


def test_it_shows_each_outcome_reason_and_article(editor_client):
    run = make_run(3)
    _, content = queries_to_show(editor_client, run)

    assert run_summary(content) == "Done with failures: 1 created, 1 duplicate, 1 failed."
    created, duplicate = run.items.exclude(article=None).order_by("pk")
    for item in (created, duplicate):
        assert reverse("admin:claims_article_change", args=[item.article_id]) in content
    assert f"duplicate of article #{duplicate.article_id} “" in content
    assert "HTTP 404 Not Found" in content
    # A record of what happened: nothing on it can be edited or saved.
    assert 'name="_save"' not in content


def test_a_run_still_fetching_reloads_itself(editor_client):
    run = import_run_start(source=ImportRun.Source.URLS)
    ImportItem.objects.create(run=run, source="https://news.example.com/slow")
    run = import_run_finish(run=run)
    _, content = queries_to_show(editor_client, run)

    assert run.status == ImportRun.Status.RUNNING
    assert '<meta http-equiv="refresh" content="5">' in content
    assert "import-outcome-pending" in content


@pytest.mark.parametrize("role", ["analyst", "viewer"])
def test_other_roles_can_read_the_page(client, request, role):
    run = make_run(3)
    client.force_login(request.getfixturevalue(role))
    response = client.get(reverse("admin:claims_importrun_change", args=[run.pk]))
    assert response.status_code == 200
    assert "HTTP 404 Not Found" in response.content.decode()


def test_the_changelist_counts_each_run_in_constant_queries(editor_client):
    make_run(3)
    pending = import_run_start(source=ImportRun.Source.URLS, description="still fetching")
    ImportItem.objects.create(run=pending, source="https://news.example.com/slow")
    editor_client.get(reverse("admin:claims_importrun_changelist"))
    with CaptureQueriesContext(connection) as before:
        editor_client.get(reverse("admin:claims_importrun_changelist"))
    make_run(9, offset=50)
    with CaptureQueriesContext(connection) as after:
        response = editor_client.get(reverse("admin:claims_importrun_changelist"))

    assert len(after) == len(before)
    rows = {r.description: r._pending for r in response.context["cl"].result_list}
    assert rows == {"3 items": 0, "9 items": 0, "still fetching": 1}


def test_the_run_page_links_to_its_failed_items_as_a_paginated_list(editor_client):
    run, other = make_run(6), make_run(3, offset=50)
    _, content = queries_to_show(editor_client, run)
    items_url = reverse("admin:claims_importitem_changelist")
    link = f"{items_url}?run={run.pk}&amp;outcome__in=failed,skipped"
    assert link in content
    response = editor_client.get(link.replace("&amp;", "&"))
    assert response.status_code == 200
    listed = response.content.decode()
    assert listed.count("import-outcome-failed") == 2  # this run's two, not the other's
    assert listed.count("HTTP 404 Not Found") == 2
    assert "import-outcome-created" not in listed
    assert other.items.filter(outcome=ImportItem.Outcome.FAILED).count() == 1


def test_the_item_list_takes_as_many_queries_for_60_items_as_for_6(editor_client):
    small, large = make_run(6), make_run(60, offset=100)
    url = reverse("admin:claims_importitem_changelist")
    editor_client.get(f"{url}?run={small.pk}")
    counts = []
    for run in (small, large):
        with CaptureQueriesContext(connection) as queries:
            response = editor_client.get(f"{url}?run={run.pk}")
        assert response.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
    # Nobody edits the record of an import, not even an editor.
    item = large.items.first()
    change = editor_client.get(reverse("admin:claims_importitem_change", args=[item.pk]))
    assert 'name="_save"' not in change.content.decode()


FRENCH = ("Le ministre des affaires étrangères a déclaré mardi qu'aucune alliance militaire "
          "n'existe entre les deux pays, rejetant les informations publiées par plusieurs "
          "journaux la semaine dernière. « Nous coopérons ouvertement et nous ne cachons rien », "
          "a dit le ministre aux journalistes dans la capitale. Il a ajouté que les relations "
          "entre les deux gouvernements restaient bonnes et que les négociations continuaient.")


def upload(client, capture, files):
    from django.core.files.uploadedfile import SimpleUploadedFile

    with capture(execute=True):
        return client.post(reverse("admin:claims_importrun_upload"), {"files": [
            SimpleUploadedFile(name, text.encode(), content_type="text/plain")
            for name, text in files]})


def test_each_article_says_how_many_quotes_it_gave_or_why_it_was_not_extracted(
        editor_client, django_capture_on_commit_callbacks):
    from claims.services.ingestion import ARTICLE_MAX_CHARS

    title, body = article_text(1)
    long_body = "The talks went on. " * (ARTICLE_MAX_CHARS // 19 + 10)
    response = upload(editor_client, django_capture_on_commit_callbacks, [
        ("english.txt", f"{title}\n\n{body}"),
        ("french.txt", f"Le ministre nie l'alliance\n\n{FRENCH}"),
        ("long.txt", f"A very long article\n\n{long_body}"),
    ])
    run = ImportRun.objects.get()
    items = {i.source: i.article for i in run.items.select_related("article")}
    english, french, long = items["english.txt"], items["french.txt"], items["long.txt"]
    assert english.extraction_status == "done" and english.quotes.count() >= 2
    assert (french.extraction_status, french.extraction_note) == (
        "skipped", "not extracted: the article is not English (detected 'fr')")
    assert (long.extraction_status, long.extraction_note) == (
        "skipped", "not extracted: text over 2,000,000 characters (the extractor's limit)")

    content = editor_client.get(response.url).content.decode()
    quotes_url = reverse("admin:claims_quote_changelist") + f"?article={english.pk}"
    assert (f'<a class="import-extraction-done" href="{quotes_url}">'
            f"{english.quotes.count()} quotes</a>") in content
    assert "not extracted: the article is not English (detected &#x27;fr&#x27;)" in content
    assert "not extracted: text over 2,000,000 characters (the extractor&#x27;s limit)" in content
    extraction = re.search(r'<p class="import-extraction"[^>]*>(.*?)</p>', content, re.S)
    assert extraction.group(1) == (f"Extraction of 3 articles: 1 extracted "
                                   f"({english.quotes.count()} quotes), 2 not extracted.")


def test_an_article_waiting_or_failed_says_so(editor_client):
    run = make_run(3)
    created = run.items.get(outcome=ImportItem.Outcome.CREATED).article
    duplicate = run.items.get(outcome=ImportItem.Outcome.DUPLICATE).article
    type(created).objects.filter(pk=duplicate.pk).update(
        extraction_status="failed", extraction_note="RuntimeError('model missing')")
    _, content = queries_to_show(editor_client, run)

    assert created.extraction_status == "pending"
    assert "waiting for extraction" in content
    assert "extraction failed: RuntimeError(&#x27;model missing&#x27;)" in content
    assert "1 failed, 1 waiting." in content
