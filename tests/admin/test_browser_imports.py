"""The editors' import pages in a real Chromium (Playwright), against pytest-django's live server.

The browser logs in through the admin's login form, fills the import forms as an editor would
and reads the ImportRun page. Run them alone with `make test PYTEST_ARGS="-m browser"`.
"""
import re

import pytest
from django.urls import reverse

from claims.models import Article, ImportRun
from tests.admin.conftest import article_text

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "edna-pw-for-tests"  # tests/conftest.py gives each role user "<name>-pw-for-tests"


def log_in(page, user, password):
    page.goto(reverse("admin:login"))
    page.fill("#id_username", user.username)
    page.fill("#id_password", password)
    page.click("input[type=submit]")
    page.wait_for_url(re.compile(r"/admin/$"))


def test_an_editor_pastes_an_article_and_follows_it_to_its_page(page, editor):
    log_in(page, editor, PASSWORD)
    page.goto(reverse("admin:claims_importrun_changelist"))
    page.get_by_role("link", name="Paste an article").click()

    title, body = article_text(1)
    page.fill("#id_title", title)
    page.fill("#id_body", body)
    page.fill("#id_outlet", "Example News")
    page.fill("#id_url", "https://news.example.com/world/minister-denies-alliance")
    page.fill("#id_published_at", "2023-03-21T10:30")
    page.fill("#id_byline", "Jane Doe")
    page.click("input[type=submit][value=Import]")

    run = ImportRun.objects.get()
    page.wait_for_url(f"**{reverse('admin:claims_importrun_change', args=[run.pk])}")
    assert page.inner_text("#import-summary") == "Done: 1 created, 0 duplicate, 0 failed."
    assert page.locator("ul.messagelist li.success").count() == 1
    row = page.locator("#items-group tbody tr").first
    assert row.locator(".field-item_outcome").inner_text() == "Created"

    article = Article.objects.get()
    row.locator(".field-item_article a").click()
    page.wait_for_url(f"**{reverse('admin:claims_article_change', args=[article.pk])}")
    assert page.input_value("#id_title") == title
    assert article.extraction_status == Article.Extraction.DONE
    assert article.quotes.exists()


def test_an_editor_uploads_two_files_and_sees_one_created_and_one_failed(page, editor,
                                                                          tmp_path):
    good = tmp_path / "statement.txt"
    title, body = article_text(2)
    good.write_text(f"{title}\n\n{body}", encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")

    log_in(page, editor, PASSWORD)
    page.goto(reverse("admin:claims_importrun_changelist"))
    page.get_by_role("link", name="Upload files").click()
    page.set_input_files("#id_files", [str(good), str(empty)])
    page.click("input[type=submit][value=Import]")

    page.wait_for_selector("#import-summary")
    assert page.inner_text("#import-summary") == (
        "Done with failures: 1 created, 0 duplicate, 1 failed.")
    rows = {r.locator(".field-item_source").inner_text():
            (r.locator(".field-item_outcome").inner_text(),
             r.locator(".field-item_reason").inner_text())
            for r in page.locator("#items-group tbody tr.has_original").all()}
    assert rows == {"statement.txt": ("Created", "–"), "empty.txt": ("Failed", "empty file")}
    assert Article.objects.get().title == title


def test_an_analyst_is_refused_the_import_forms(page, analyst):
    log_in(page, analyst, "anna-pw-for-tests")
    page.goto(reverse("admin:claims_importrun_changelist"))
    assert page.get_by_role("link", name="Paste an article").count() == 0
    response = page.goto(reverse("admin:claims_importrun_paste"))
    assert response.status == 403
