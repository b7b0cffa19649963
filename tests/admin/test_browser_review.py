"""An analyst reviews quotes in a real Chromium (Playwright): on the article page (highlights in
the speaker's colour, a quote's details on click, confirm from the list) and in the review queue
from the keyboard, on a 1366 px laptop screen. Run alone with
`make test PYTEST_ARGS="-m browser tests/admin/test_browser_review.py"`."""
import re

import pytest
from django.urls import reverse

from claims.models import Article, Quote
from claims.services.extraction import article_extract
from tests.admin.test_browser_imports import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "anna-pw-for-tests"  # tests/conftest.py: "<username>-pw-for-tests"
LAPTOP = {"width": 1366, "height": 768}

BODY = ("Pentagon watches the visit\n\n"
        "\"We will keep watching what China does,\" Pavel Zarubin told reporters on Monday. "
        "\"Words are cheap,\" he added. "
        "\"We are not worried at all,\" said Jane Holloway, a spokeswoman for the ministry.")


def extracted(n: int = 1) -> Article:
    article = Article.objects.create(title=f"Pentagon watches, part {n}",
                                     body=BODY + f" Report {n}.", content_hash=f"{n}" * 64,
                                     language="en")
    article_extract(article_id=article.pk)
    assert article.quotes.count() >= 3
    return article


def background(page, selector: str) -> str:
    return page.eval_on_selector(selector, "el => getComputedStyle(el).backgroundColor")


def test_an_analyst_reads_the_quotes_in_the_article_and_confirms_one(page, analyst, screenshot):
    article = extracted()
    quotes = list(article.quotes.order_by("start").prefetch_related("speakers"))
    zarubin = [q for q in quotes if "Zarubin" in q.speaker_name]
    holloway = next(q for q in quotes if "Holloway" in q.speaker_name)
    page.set_viewport_size(LAPTOP)
    log_in(page, analyst, PASSWORD)
    page.goto(reverse("admin:claims_article_change", args=[article.pk]))

    for quote in quotes:
        assert page.inner_text(f"#quote-{quote.pk}") == quote.text
    # One colour per speaker, and a colour at all (not the page's transparent background).
    first, second = (background(page, f"#quote-{q.pk}") for q in zarubin[:2])
    other = background(page, f"#quote-{holloway.pk}")
    assert first == second != other
    assert first != "rgba(0, 0, 0, 0)"
    assert page.locator(".quote-cue").first.evaluate(
        "el => getComputedStyle(el).textDecorationLine") == "underline"

    page.click(f"#quote-{holloway.pk}")
    details = page.locator("#quote-details")
    assert details.is_visible()
    assert details.locator("[data-field=speaker]").inner_text() == "Jane Holloway"
    assert details.locator("[data-field=kind]").inner_text() == holloway.get_kind_display()
    assert details.locator("[data-field=status]").inner_text() == "Extracted, not reviewed"
    claim_link = details.locator("[data-field=claim] a")
    assert claim_link.get_attribute("href") == reverse("admin:claims_claim_change",
                                                       args=[holloway.claim_id])
    screenshot(page, "article-page")

    page.locator(f"#quote-item-{holloway.pk} button.quote-confirm").click()
    page.wait_for_load_state()
    page.wait_for_selector(f"#quote-item-{holloway.pk}.quote-status-confirmed")
    assert "Confirmed quote #" in page.inner_text("ul.messagelist")
    assert Quote.objects.get(pk=holloway.pk).review_status == Quote.Review.CONFIRMED
    # The body is locked now, and the page says why.
    assert page.locator("#body-locked").is_visible()


def test_an_analyst_confirms_the_next_quote_from_the_keyboard(page, analyst, screenshot):
    extracted(1)
    extracted(2)
    page.set_viewport_size(LAPTOP)
    log_in(page, analyst, PASSWORD)
    page.goto(reverse("admin:claims_quote_changelist"))
    assert "c confirm" in page.inner_text("#review-keys")

    rows = page.locator("#result_list tbody tr")
    first_id = int(rows.nth(0).locator(".field-quote_ref").inner_text().lstrip("#"))
    second_id = int(rows.nth(1).locator(".field-quote_ref").inner_text().lstrip("#"))
    page.keyboard.press("j")
    assert "kb-focus" in rows.nth(0).get_attribute("class")
    page.keyboard.press("j")
    page.keyboard.press("k")
    page.keyboard.press("c")
    page.wait_for_function(
        "() => document.querySelector('#result_list tbody tr .field-status').innerText"
        " === 'Confirmed'")
    assert Quote.objects.get(pk=first_id).review_status == Quote.Review.CONFIRMED
    # After a decision the next quote has the focus: r rejects that one.
    assert "kb-focus" in rows.nth(1).get_attribute("class")
    page.keyboard.press("r")
    page.wait_for_function(
        "() => document.querySelectorAll('#result_list tbody tr .field-status')[1].innerText"
        " === 'Rejected'")
    assert Quote.objects.get(pk=second_id).review_status == Quote.Review.REJECTED
    screenshot(page, "quote-queue")

    # Typing in the search box is typing, not reviewing.
    page.click("#searchbar")
    page.keyboard.type("cr")
    assert Quote.objects.filter(review_status=Quote.Review.EXTRACTED).count() == \
        Quote.objects.count() - 2


def test_the_queue_fits_a_1366_px_screen_with_the_status_visible(page, analyst):
    extracted(1)
    extracted(2)
    page.set_viewport_size(LAPTOP)
    log_in(page, analyst, PASSWORD)
    page.goto(reverse("admin:claims_quote_changelist"))
    sizes = page.evaluate("""() => {
        const results = document.querySelector('#changelist .results');
        const status = document.querySelector('#result_list tbody .field-status');
        const review = document.querySelector('#result_list tbody .field-review');
        return {page: document.documentElement.scrollWidth,
                results: results.scrollWidth, resultsVisible: results.clientWidth,
                statusRight: status.getBoundingClientRect().right,
                reviewRight: review.getBoundingClientRect().right};
    }""")
    assert sizes["page"] <= LAPTOP["width"], sizes
    assert sizes["results"] <= sizes["resultsVisible"], sizes
    assert sizes["statusRight"] <= LAPTOP["width"], sizes
    assert sizes["reviewRight"] <= LAPTOP["width"], sizes
    assert page.locator("#result_list tbody .field-status").first.is_visible()


def test_a_claim_page_link_to_a_quote_opens_its_details(page, analyst):
    article = extracted()
    quote = article.quotes.filter(claim__isnull=False).first()
    log_in(page, analyst, PASSWORD)
    page.goto(reverse("admin:claims_article_change", args=[article.pk]) + f"#quote-{quote.pk}")
    page.wait_for_selector("#quote-details:not([hidden])")
    assert re.search(r"Extracted", page.inner_text("#quote-details [data-field=status]"))


def test_an_analyst_attaches_a_quote_to_a_similar_claim(page, analyst, screenshot):
    from claims.services import claims as claim_services

    article = extracted()
    quote = article.quotes.get(text__contains="keep watching")
    speaker = quote.speakers.get()
    wanted = claim_services.claim_create(text="We will keep watching China", user=analyst,
                                         speaker_ids=[speaker.pk])
    page.set_viewport_size(LAPTOP)
    log_in(page, analyst, PASSWORD)
    page.goto(reverse("admin:claims_quote_change", args=[quote.pk]))
    row = page.locator(f"#similar-claims tr[data-claim='{wanted.pk}']")
    assert "same speaker" in row.inner_text()
    screenshot(page, "quote-page")
    row.locator("button.attach-button").click()
    page.wait_for_load_state()
    page.wait_for_selector("ul.messagelist li.success")
    quote.refresh_from_db()
    assert quote.claim_id == wanted.pk and quote.claim_pinned
