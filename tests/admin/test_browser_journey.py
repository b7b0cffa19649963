"""The analyst's day on the article this project was conceived from, in a real Chromium: open
the seed article, see Putin's statements highlighted, confirm one, make a claim of it, find
Bolton's claim and the suggested denial, confirm it, tag the denial "Russia–China relations",
find it again through search and on the graph; then a viewer, who finds no way to change
anything. (The editor's part, a URL whose server answers 500, is in test_browser_editors.py.)

Reads ../shared/samples/putin-china-interview.txt (other people's text, never copied here);
skipped with a reason where the shared folder is absent.
"""
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from claims.models import Claim, ClaimRelation, ImportRun, Quote
from claims.services.ingestion import import_run_start, import_text
from claims.services.topics import topic_create
from tests.admin.test_browser_imports import log_in
from tests.ingestion.conftest import speakers  # noqa: F401  (the registry fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SAMPLE = Path(settings.SHARED_DIR) / "samples" / "putin-china-interview.txt"
TOPIC = "Russia–China relations"


@pytest.fixture
def seed(speakers, editor, analyst):  # noqa: F811
    if not SAMPLE.is_file():
        pytest.skip(f"the seed article is not at {SAMPLE} (the shared folder is absent)")
    title, _, body = SAMPLE.read_text(encoding="utf-8").partition("\n")
    run = import_run_start(source=ImportRun.Source.PASTE, requested_by=editor)
    # No test transaction here: extraction runs after the commit, eagerly (no broker).
    item = import_text(run=run, title=title, body=body,
                       published_at=datetime(2023, 3, 24, tzinfo=UTC))
    topic_create(name=TOPIC, user=analyst)
    article = item.article
    article.refresh_from_db()
    assert article.quotes.count() >= 23
    return article


def _quote(article, words: str) -> Quote:
    return Quote.objects.get(article=article, text__contains=words)


def _wait(page):
    page.wait_for_load_state("networkidle")


def _submit(page, selector: str):
    """Click a control that submits a form, and wait for the page it leads to."""
    with page.expect_navigation():
        page.click(selector)


def test_an_analysts_day_on_the_seed_article(page, analyst, seed, screenshot):
    denial = _quote(seed, "the claim is untrue")
    axis = _quote(seed, "such an axis could pose a real problem")
    putins = [q for q in seed.quotes.order_by("start").prefetch_related("speakers")
              if [s.name for s in q.speakers.all()] == ["Vladimir Putin"]]
    assert denial in putins and len(putins) >= 5
    # The statement to make a claim of: another of Putin's, so the denial keeps its claim, and
    # one that shares its claim ("New claim from this quote" is offered only there: alone in
    # its claim, a new claim would copy the one it has). If grouping put none together, an
    # analyst had attached one of his statements to another's claim.
    others = [q for q in putins if q.pk != denial.pk and q.claim_id != denial.claim_id]
    chosen = next((q for q in others if Quote.objects.filter(claim_id=q.claim_id).count() > 1),
                  None)
    if chosen is None:
        from claims.services.claims import quote_move

        chosen, host = others[0], next(q for q in others if q.claim_id != others[0].claim_id)
        quote_move(quote_id=chosen.pk, claim_id=host.claim_id, user=analyst)
        chosen.refresh_from_db()

    log_in(page, analyst, "anna-pw-for-tests")
    page.goto(reverse("admin:claims_article_change", args=[seed.pk]))
    # Putin's statements highlighted in place, all in one colour, his name in the legend.
    assert "Vladimir Putin" in page.inner_text("#speaker-legend")
    colours = {page.eval_on_selector(f"#quote-{q.pk}", "e => getComputedStyle(e).backgroundColor")
               for q in putins}
    assert len(colours) == 1 and colours != {"rgba(0, 0, 0, 0)"}
    assert page.inner_text(f"#quote-{denial.pk}") == denial.text
    screenshot(page, "journey-seed-article")

    # Confirm one of his statements from the list beside the text.
    page.locator(f"#quote-item-{chosen.pk} button.quote-confirm").click()
    page.wait_for_selector(f"#quote-item-{chosen.pk}.quote-status-confirmed")
    chosen.refresh_from_db()
    assert (chosen.review_status, chosen.reviewed_by) == ("confirmed", analyst)

    # ...and make a claim of it, filled in from the quote.
    page.locator(f"#quote-item-{chosen.pk} a.new-claim-link").click()
    page.wait_for_url(re.compile(r"from_quote="))
    assert page.input_value("#id_text").strip()
    assert "Vladimir Putin" in page.inner_text(".field-speakers")
    _submit(page, "input[name=_save]")
    chosen.refresh_from_db()
    made = chosen.claim
    assert made.created_by == analyst and chosen.claim_pinned
    assert [s.name for s in made.speakers.all()] == ["Vladimir Putin"]

    # Find Bolton's claim through the search box on every page.
    page.fill("#global-search-q", '"pose a real problem"')
    with page.expect_navigation():
        page.press("#global-search-q", "Enter")
    assert page.locator("#claims-found li a").count() == 1, page.inner_text("#claims-found")
    page.click("#claims-found li a")
    page.wait_for_url(f"**{reverse('admin:claims_claim_change', args=[axis.claim_id])}")
    relation = ClaimRelation.objects.get(from_claim_id=denial.claim_id,
                                         to_claim_id=axis.claim_id)
    assert (relation.type, relation.status) == ("denies", "suggested")
    suggestion = page.locator(f"#suggested-relation-{relation.pk}")
    assert "denies" in suggestion.inner_text()
    screenshot(page, "journey-bolton-claim")
    with page.expect_navigation():
        suggestion.locator("button[name=confirm]").click()
    relation.refresh_from_db()
    assert (relation.status, relation.decided_by) == ("confirmed", analyst)
    assert "Confirmed" in page.inner_text(f"#relation-{relation.pk}")

    # Tag the denial with the topic, through the topics autocomplete.
    page.goto(reverse("admin:claims_claim_change", args=[denial.claim_id]))
    page.click(".field-topics .select2-selection")
    page.fill(".field-topics .select2-search__field", "Russia")
    page.locator(".select2-results__option", has_text=TOPIC).click()
    _submit(page, "input[name=_continue]")
    assert page.locator("ul.messagelist li.success").count() == 1, page.inner_text("#content")
    assert [t.name for t in Claim.objects.get(pk=denial.claim_id).topics.all()] == [TOPIC]

    # Found again: by search within the topic, and on the topic's graph.
    page.goto(reverse("claims-search") + "?q=alliance&topic=russia-china-relations")
    found = page.locator("#claims-found li a").all_inner_texts()
    assert len(found) == 1 and "no military alliance" in found[0], found
    page.click("#claims-found li a")
    page.wait_for_url(f"**{reverse('admin:claims_claim_change', args=[denial.claim_id])}")
    with page.expect_response(re.compile(r"/graph/data/")) as answer:
        page.goto(reverse("admin:claims_claim_graph") + "?topic=russia-china-relations")
    nodes = {n["id"] for n in answer.value.json()["nodes"]}
    assert denial.claim_id in nodes
    page.wait_for_selector("#claim-graph canvas")
    screenshot(page, "journey-topic-graph")


def test_a_viewer_finds_no_way_to_change_anything(page, viewer, seed):
    denial = _quote(seed, "the claim is untrue")
    log_in(page, viewer, "victor-pw-for-tests")
    pages = [
        reverse("admin:claims_article_change", args=[seed.pk]),
        reverse("admin:claims_quote_changelist"),
        reverse("admin:claims_quote_change", args=[denial.pk]),
        reverse("admin:claims_claim_changelist"),
        reverse("admin:claims_claim_change", args=[denial.claim_id]),
        reverse("admin:claims_claimrelation_changelist"),
        reverse("admin:claims_speaker_changelist"),
        reverse("admin:claims_topic_changelist"),
        reverse("admin:claims_claim_graph"),
        reverse("claims-search") + "?q=alliance",
        reverse("admin:index"),
    ]
    for url in pages:
        page.goto(url)
        _wait(page)
        # Nothing to submit but the log-out form (a read-only change page keeps its <form>
        # tag, with no button in it); no action menu, no add link.
        submits = page.locator("form[method=post]:not(#logout-form) :is(input[type=submit], "
                               "button:not([type=button]))")
        actions = page.locator("select[name=action]")
        adds = page.locator("a.addlink, a.new-claim-link")
        assert (submits.count(), actions.count(), adds.count()) == (0, 0, 0), url
