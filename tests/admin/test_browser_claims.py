"""The analysts' claim pages in a real Chromium (Playwright), against pytest-django's live
server: a suggested relation confirmed in one click, a claim made from a quote, the claim graph
drawn by cytoscape from the app's static files. `make test PYTEST_ARGS="-m browser"`."""
import re

import pytest
from django.urls import reverse

from claims.models import Article, Claim, ClaimRelation
from claims.services.extraction import article_extract
from tests.admin.test_browser_imports import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "anna-pw-for-tests"
BODY = ("Minister denies alliance\n\n"
        "\"There is no military alliance with China,\" Pavel Zarubin told reporters on Monday. "
        "\"Words are cheap,\" he added.")


@pytest.fixture
def quotes():
    article = Article.objects.create(title="Minister denies alliance", body=BODY,
                                     content_hash="b" * 64, language="en")
    article_extract(article_id=article.pk)
    found = list(article.quotes.order_by("start"))
    assert len(found) >= 2 and all(q.claim_id for q in found)
    return found


def test_an_analyst_confirms_an_incoming_suggestion_in_one_click(page, analyst, quotes,
                                                                 screenshot):
    denial, other = quotes[0], quotes[1]
    relation = ClaimRelation.objects.create(from_claim_id=other.claim_id,
                                            to_claim_id=denial.claim_id, type="responds_to")
    log_in(page, analyst, PASSWORD)
    url = reverse("admin:claims_claim_change", args=[denial.claim_id])
    page.goto(url)
    suggested = page.locator(f"#suggested-relation-{relation.pk}")
    assert "responds to this claim" in suggested.inner_text()
    assert page.locator(f"#relation-{relation.pk}").count() == 0  # listed once, as suggested
    assert "no military alliance with China" in page.locator("#appearances").inner_text()
    screenshot(page, "claim-page")
    page.locator(f"#suggested-relation-{relation.pk} button[name=confirm]").click()
    page.wait_for_url(f"**{url}")
    page.wait_for_load_state()
    assert page.locator("ul.messagelist li.success").inner_text().startswith("Confirmed")
    incoming = page.locator(f"#relation-{relation.pk}.incoming")
    assert "responds to this claim" in incoming.inner_text()
    assert "Confirmed" in incoming.inner_text()
    assert page.locator(f"#suggested-relation-{relation.pk}").count() == 0
    relation.refresh_from_db()
    assert (relation.status, relation.decided_by) == ("confirmed", analyst)


def test_an_analyst_makes_a_claim_from_a_quote(page, analyst, quotes):
    said = quotes[0]
    old_claim = said.claim_id
    log_in(page, analyst, PASSWORD)
    page.goto(reverse("admin:claims_claim_add") + f"?from_quote={said.pk}")
    assert "Minister denies alliance" in page.locator("#from-quote").inner_text()
    assert "no military alliance with China" in page.input_value("#id_text")
    page.fill("#id_text", "Russia and China have no military alliance")
    page.click("input[name=_save]")
    page.wait_for_url(re.compile(r"/admin/claims/claim/$"))
    said.refresh_from_db()
    assert said.claim_id != old_claim
    claim = said.claim
    assert claim.text == "Russia and China have no military alliance"
    assert claim.created_by == analyst and said.claim_pinned


def test_the_graph_is_drawn_from_static_cytoscape(page, analyst, quotes, screenshot):
    a, b = quotes[0], quotes[1]
    ClaimRelation.objects.create(from_claim_id=b.claim_id, to_claim_id=a.claim_id,
                                 type="responds_to")
    log_in(page, analyst, PASSWORD)
    page.goto(reverse("admin:claims_claim_change", args=[a.claim_id]))
    with page.expect_response(re.compile(r"/admin/claims/claim/graph/data/")) as answer:
        page.click("#claim-graph-link")
    data = answer.value.json()
    assert {n["id"] for n in data["nodes"]} == {a.claim_id, b.claim_id}
    assert [e["type"] for e in data["edges"]] == ["responds_to"]
    page.wait_for_selector("#claim-graph canvas")
    assert page.inner_text("#graph-status") == (
        "2 claims, 1 relations (0 confirmed, 1 suggested).")
    assert page.evaluate("document.getElementById('claim-graph').claimGraph.nodes().length") == 2
    screenshot(page, "claim-graph")
    # Clicking a node opens its claim.
    box = page.evaluate(f"""() => {{
        const cy = document.getElementById('claim-graph').claimGraph;
        const p = cy.getElementById('{b.claim_id}').renderedPosition();
        const r = document.getElementById('claim-graph').getBoundingClientRect();
        return {{x: r.left + p.x, y: r.top + p.y}};
    }}""")
    page.mouse.click(box["x"], box["y"])
    page.wait_for_url(f"**{reverse('admin:claims_claim_change', args=[b.claim_id])}")
    assert Claim.objects.filter(pk=b.claim_id).exists()


def test_the_graph_of_a_speaker_chosen_by_autocomplete(page, analyst, quotes, screenshot):
    speaker = quotes[0].speakers.get()
    log_in(page, analyst, PASSWORD)
    page.goto(reverse("admin:claims_claim_graph"))
    page.click("#id_speaker + .select2")
    page.fill(".select2-search__field", "Zarub")
    page.locator(".select2-results__option", has_text=speaker.name).click()
    with page.expect_response(re.compile(r"/admin/claims/claim/graph/data/")) as answer:
        page.click("#graph-filters button[type=submit]")
    assert {n["id"] for n in answer.value.json()["nodes"]} == {q.claim_id for q in quotes}
    assert f"Claims of {speaker.name}" in page.inner_text("#graph-caption")
    # The chosen speaker stays in the box for the next change of filter.
    assert speaker.name in page.inner_text("#id_speaker + .select2")
    screenshot(page, "claim-graph-of-a-speaker")
