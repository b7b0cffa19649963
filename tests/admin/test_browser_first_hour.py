"""The first hour of a newcomer, in a real Chromium at a laptop's 1366x800: the sample article
page (whose picture the README shows, rewritten here only with REFRESH_README_PICTURE=1), a
long title that must not push the quotes off the screen, the review queue's title, a claim
merged after a confirmation and its old address leading on, the dashboard's relations in
words, the search notice.

Only text written for this project is shown (the sample articles of claims/sample_data and
paragraphs written here), so the picture saved under docs/img holds nobody else's words.
"""
import os
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from claims.models import Article, Claim, ClaimRelation, Quote
from claims.services.ingestion import import_run_start, import_text
from claims.services.relations import RelationSpec, relations_suggest
from claims.services.sample_data import sample_data_load
from tests.admin.conftest import SCREENSHOT_DIR
from tests.admin.test_browser_imports import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LAPTOP = {"width": 1366, "height": 800}
README_PICTURE = Path(settings.BASE_DIR) / "docs" / "img" / "article-page.png"
SAMPLE_TITLE = "Pentagon watches Xi's Moscow visit closely, Austin says"


@pytest.fixture
def samples(db):
    # The project's own sample articles only (the seed article is other people's text).
    sample_data_load(seed_article=Path("/nonexistent/seed.txt"))
    article = Article.objects.get(title=SAMPLE_TITLE)
    assert article.quotes.count() >= 4
    return article


def test_the_sample_article_page_and_the_readme_picture(page, analyst, samples, tmp_path):
    page.set_viewport_size(LAPTOP)
    log_in(page, analyst, "anna-pw-for-tests")
    page.goto(reverse("admin:claims_article_change", args=[samples.pk]))
    quotes = list(samples.quotes.all())
    for quote in quotes:
        assert page.locator(f"#quote-{quote.pk}").is_visible()
    assert "Lloyd Austin" in page.inner_text("#speaker-legend")
    # The README's picture: what a laptop shows of the page, from the title to the quotes.
    # Taken on every run, but written over the one in docs/img only when asked
    # (REFRESH_README_PICTURE=1, docs/extending.md): a test run leaves the checkout as it was.
    refresh = os.environ.get("REFRESH_README_PICTURE") == "1"
    picture = README_PICTURE if refresh else tmp_path / README_PICTURE.name
    picture.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(picture))
    assert picture.stat().st_size > 0


def test_a_long_title_leaves_the_quotes_on_screen(page, analyst, editor, screenshot):
    title = ("Officials from a dozen ministries meet again in the capital to weigh the terms of "
             "a regional security pact, the third such meeting this year, as critics warn that "
             "talks without a timetable risk stalling for months and observers ask who will "
             "sign first")
    body = "\n\n".join(
        f"\"Point number {n} of the pact is settled and signed,\" said Minister Jane Holloway "
        f"at briefing {n}." for n in range(1, 9))
    run = import_run_start(source="paste", requested_by=editor)
    article = import_text(run=run, title=title, body=body).article
    assert article.quotes.count() == 8
    page.set_viewport_size(LAPTOP)
    log_in(page, analyst, "anna-pw-for-tests")
    page.goto(reverse("admin:claims_article_change", args=[article.pk]))
    screenshot(page, "first-hour-long-title")
    os.makedirs(SCREENSHOT_DIR, exist_ok=True)
    page.screenshot(path=os.path.join(SCREENSHOT_DIR, "first-hour-long-title-laptop.png"))
    items = page.locator("#article-quote-list > li")
    # The title no longer wraps over five lines: the first quotes and their buttons are on
    # the screen as it opens.
    for n in range(4):
        box = items.nth(n).locator("button.quote-confirm").bounding_box()
        assert box is not None and box["y"] + box["height"] <= LAPTOP["height"], (n, box)
    subtitle = page.locator("#content h2").first.bounding_box()
    assert subtitle["height"] < 40, subtitle


def test_the_queue_is_titled_review_queue(page, analyst, samples, screenshot):
    page.set_viewport_size(LAPTOP)
    log_in(page, analyst, "anna-pw-for-tests")
    page.goto(reverse("admin:claims_quote_changelist"))
    assert page.inner_text("#content h1") == "Review queue"
    assert page.title().startswith("Review queue")
    screenshot(page, "first-hour-queue")


def test_merging_asks_first_and_the_old_address_leads_on(page, analyst, samples, screenshot):
    source, target = (Claim.objects.filter(quotes__article=samples).distinct()
                      .order_by("pk")[:2])
    page.set_viewport_size(LAPTOP)
    log_in(page, analyst, "anna-pw-for-tests")
    page.goto(reverse("admin:claims_claim_change", args=[source.pk]))
    page.click("#merge-form .select2-selection")
    words = " ".join(target.text.split()[:3])
    page.fill(".select2-dropdown .select2-search__field", words)
    try:
        page.locator(".select2-results__option", has_text=words).first.click(timeout=15_000)
    finally:
        screenshot(page, "first-hour-merge-choose")
    with page.expect_navigation():
        page.click("#merge-form button[type=submit]")
    # Asked, with both claims named; nothing merged yet.
    assert f"Merge claim #{source.pk} into claim #{target.pk}?" in page.inner_text("#content")
    assert Claim.objects.filter(pk=source.pk).exists()
    screenshot(page, "first-hour-merge-confirm")
    with page.expect_navigation():
        page.click("#merge-confirm input[type=submit]")
    assert not Claim.objects.filter(pk=source.pk).exists()
    assert page.url.endswith(reverse("admin:claims_claim_change", args=[target.pk]))
    # The merged claim's address, opened later, says where it went.
    page.goto(reverse("admin:claims_claim_change", args=[source.pk]))
    assert page.url.endswith(reverse("admin:claims_claim_change", args=[target.pk]))
    message = page.inner_text("ul.messagelist")
    assert f"Claim #{source.pk} was merged into claim #{target.pk} by anna" in message
    assert "doesn’t exist" not in page.inner_text("#content")
    screenshot(page, "first-hour-merged-claim")


def test_the_dashboard_names_relations_by_their_words(page, analyst, samples, screenshot):
    first, second = Claim.objects.filter(quotes__article=samples).distinct().order_by("pk")[:2]
    if not ClaimRelation.objects.filter(status="suggested").exists():
        relations_suggest(specs=[RelationSpec(first.pk, second.pk, "supports", {"rule": "t"})])
    page.set_viewport_size(LAPTOP)
    log_in(page, analyst, "anna-pw-for-tests")
    card = page.inner_text("#dashboard-relations")
    relation = ClaimRelation.objects.filter(status="suggested").select_related(
        "from_claim").order_by("-created_at", "-id").first()
    assert relation.from_claim.text[:30] in card
    assert f"#{relation.from_claim_id} {relation.get_type_display()}" not in card
    screenshot(page, "first-hour-dashboard")


def test_new_claim_is_not_offered_for_a_quote_alone_in_its_claim(page, analyst, samples):
    alone = [q for q in samples.quotes.all()
             if q.claim_id and Quote.objects.filter(claim_id=q.claim_id).count() == 1]
    assert alone
    page.set_viewport_size(LAPTOP)
    log_in(page, analyst, "anna-pw-for-tests")
    page.goto(reverse("admin:claims_quote_change", args=[alone[0].pk]))
    assert page.locator("a.new-claim-link").count() == 0
    page.goto(reverse("admin:claims_article_change", args=[samples.pk]))
    assert page.locator(f"#quote-item-{alone[0].pk} a.new-claim-link").count() == 0
