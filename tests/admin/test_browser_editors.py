"""The editors' pages in a real Chromium (Playwright): a URL import that fails, the dashboard,
the feed list and the paste form's length check. Run alone with
`make test PYTEST_ARGS="-m browser tests/admin/test_browser_editors.py"`."""
import re

import pytest
from django.urls import reverse

from claims.models import Claim, Feed, ImportItem, ImportRun
from claims.services.feeds import feed_create

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "edna-pw-for-tests"


def log_in(page, user, password):
    page.goto(reverse("admin:login"))
    page.fill("#id_username", user.username)
    page.fill("#id_password", password)
    page.click("input[type=submit]")
    page.wait_for_url(re.compile(r"/admin/$"))


def test_an_editor_imports_a_url_that_answers_500_and_sees_the_run_fail(
        page, editor, httpserver, screenshot):
    httpserver.expect_request("/world/broken").respond_with_data("oops", status=500)
    url = httpserver.url_for("/world/broken")

    log_in(page, editor, PASSWORD)
    page.goto(reverse("admin:claims_importrun_changelist"))
    page.get_by_role("link", name="Import URLs").click()
    page.wait_for_load_state()
    page.fill("#id_urls", url)
    page.click("input[type=submit][value=Import]")

    run = ImportRun.objects.get()
    page.wait_for_url(f"**{reverse('admin:claims_importrun_change', args=[run.pk])}")
    assert page.inner_text("#import-summary") == "Failed: 0 created, 0 duplicate, 1 failed."
    row = page.locator("#items-group tbody tr.has_original").first
    assert row.locator(".field-item_outcome").inner_text() == "Failed"
    assert row.locator(".field-item_reason").inner_text() == "HTTP 500 Internal Server Error"
    assert page.locator("ul.messagelist li.error").count() == 1
    assert run.items.get().outcome == ImportItem.Outcome.FAILED
    screenshot(page, "import-run-failed")


def test_an_editor_sees_the_dashboard_and_follows_it_to_the_failing_feeds(page, editor,
                                                                          screenshot):
    Claim.objects.create(text="There is no alliance and there will be none.")
    Feed.objects.create(url="https://news.example.com/broken.rss", title="Broken wire",
                        consecutive_failures=3, last_status="error",
                        last_error="HTTP 503 Service Unavailable")
    feed_create(user=editor, url="https://news.example.com/world.rss", title="World news")

    log_in(page, editor, PASSWORD)
    dashboard = page.locator("#claims-dashboard")
    assert dashboard.locator("#dashboard-claims").inner_text().count(
        "There is no alliance and there will be none.") == 1
    assert dashboard.locator("#dashboard-review .dashboard-count").inner_text() == "0"
    assert dashboard.locator("#dashboard-feeds .dashboard-count").inner_text() == "1"
    assert "HTTP 503 Service Unavailable" in dashboard.locator("#dashboard-feeds").inner_text()
    screenshot(page, "dashboard")

    dashboard.locator("#dashboard-feeds .dashboard-count a").click()
    page.wait_for_url(re.compile(r"health=failing"))
    assert page.locator("#result_list tbody tr").count() == 1
    assert "Broken wire" in page.inner_text("#result_list")

    page.goto(reverse("admin:claims_feed_changelist"))
    assert "1 feed failing" in page.inner_text("#feeds-failing")
    assert page.locator(".feed-failing").inner_text() == "failing (3 polls)"
    assert page.locator(".feed-never").count() == 1
    screenshot(page, "feed-list")


def test_a_paste_over_the_length_limit_is_refused_on_the_form(page, editor):
    log_in(page, editor, PASSWORD)
    page.goto(reverse("admin:claims_importrun_paste"))
    page.fill("#id_title", "A 3.9 MB paste")
    # Typing megabytes is slow; the value is set as a paste would set it.
    page.eval_on_selector("#id_body", "el => { el.value = 'x'.repeat(3900000); }")
    page.click("input[type=submit][value=Import]")

    error = page.locator(".field-body ul.errorlist")
    error.wait_for()
    assert "3,900,000 characters long" in error.inner_text()
    assert "at most 2,000,000" in error.inner_text()
    assert page.url.endswith(reverse("admin:claims_importrun_paste"))
    assert not ImportRun.objects.exists()
