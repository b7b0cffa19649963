"""Uploading files in the admin: each file (or row) becomes an item, good or failed with why."""
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pytest_django.asserts import assertContains

from claims.models import Article, ImportItem, ImportRun
from tests.admin.conftest import article_html, article_text, run_summary

pytestmark = pytest.mark.django_db

UPLOAD = reverse("admin:claims_importrun_upload")
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64)


def upload(client, capture, *files):
    with capture(execute=True):
        return client.post(UPLOAD, {"files": list(files)})


def text_file(name, n):
    title, body = article_text(n)
    return SimpleUploadedFile(name, f"{title}\n\n{body}".encode(), content_type="text/plain")


def test_good_files_are_stored_and_bad_ones_fail_with_a_reason(
        editor_client, django_capture_on_commit_callbacks):
    response = upload(
        editor_client, django_capture_on_commit_callbacks,
        text_file("first.txt", 1),
        SimpleUploadedFile("second.html",
                           article_html(2, "https://news.example.com/second").encode(),
                           content_type="text/html"),
        SimpleUploadedFile("empty.txt", b"", content_type="text/plain"),
        SimpleUploadedFile("picture.txt", PNG, content_type="text/plain"),
    )

    run = ImportRun.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("admin:claims_importrun_change", args=[run.pk])
    assert (run.source, run.status) == ("upload", ImportRun.Status.PARTIAL)
    assert (run.created_count, run.duplicate_count, run.failed_count) == (2, 0, 2)
    assert set(Article.objects.values_list("title", flat=True)) == {
        "Minister denies alliance, part 1", "Minister denies alliance, part 2"}
    reasons = {i.source.rsplit("/", 1)[-1]: i.reason
               for i in run.items.filter(outcome=ImportItem.Outcome.FAILED)}
    assert reasons == {"empty.txt": "empty file", "picture.txt": "not text (image/png)"}

    page = editor_client.get(response.url)
    content = page.content.decode()
    assert run_summary(content) == "Done with failures: 2 created, 0 duplicate, 2 failed."
    assert content.count("import-outcome-created") == 2
    assert content.count("import-outcome-failed") == 2
    assert "empty file" in content and "not text (image/png)" in content
    # The editor sees the file's own name, not the temporary folder it was read from.
    assertContains(page, '<td class="field-item_source"><p>empty.txt</p></td>', html=True)
    for article in Article.objects.all():
        assert reverse("admin:claims_article_change", args=[article.pk]) in content


def test_each_row_of_a_json_file_is_an_item(editor_client, django_capture_on_commit_callbacks):
    rows = [{"title": t, "body": b, "url": f"https://news.example.com/{n}"}
            for n, (t, b) in ((n, article_text(n)) for n in (1, 2))]
    rows.append({"title": "No body here"})
    response = upload(editor_client, django_capture_on_commit_callbacks,
                      SimpleUploadedFile("dump.json", json.dumps(rows).encode()))

    run = ImportRun.objects.get()
    assert response.status_code == 302
    assert (run.created_count, run.failed_count) == (2, 1)
    failed = run.items.get(outcome=ImportItem.Outcome.FAILED)
    assert failed.source.endswith("dump.json item 3")
    assert failed.reason


def test_a_file_already_imported_is_a_duplicate(editor_client,
                                                  django_capture_on_commit_callbacks):
    upload(editor_client, django_capture_on_commit_callbacks, text_file("a.txt", 1))
    first = Article.objects.get()
    upload(editor_client, django_capture_on_commit_callbacks, text_file("a-again.txt", 1))

    item = ImportRun.objects.latest("pk").items.get()
    assert item.outcome == ImportItem.Outcome.DUPLICATE
    assert item.reason.startswith(f"duplicate of article #{first.pk} “")


def test_it_asks_for_at_least_one_file(editor_client):
    response = editor_client.post(UPLOAD, {})

    assert response.status_code == 200
    assert "files" in response.context["form"].errors
    assert not ImportRun.objects.exists()


def test_the_file_input_takes_several_files(editor_client):
    content = editor_client.get(UPLOAD).content.decode()
    assert 'type="file"' in content and "multiple" in content
    assert 'enctype="multipart/form-data"' in content
