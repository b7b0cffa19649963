"""In a real Chromium: the admin, the claim graph and Swagger UI work under the
Content-Security-Policy with no violation reported, and a sign-in brute force through the
admin's form is locked out after five guesses."""
import re

import pytest
from django.urls import reverse

from claims.models import ClaimRelation
from tests.admin.test_browser_claims import quotes  # noqa: F401 - a claim pair to draw
from tests.admin.test_browser_imports import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "anna-pw-for-tests"

# Every violation the page reports (Playwright's init scripts are not subject to the policy).
LISTEN = """
window.__csp = [];
document.addEventListener('securitypolicyviolation',
    e => window.__csp.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline')));
"""


def violations(page) -> list[str]:
    return page.evaluate("window.__csp || []")


def test_the_admin_graph_and_swagger_work_under_the_policy(page, analyst, quotes):  # noqa: F811
    a, b = quotes[0], quotes[1]
    ClaimRelation.objects.create(from_claim_id=b.claim_id, to_claim_id=a.claim_id,
                                 type="responds_to")
    page.add_init_script(LISTEN)
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    log_in(page, analyst, PASSWORD)
    seen = {}
    for name, url in [
        ("index", reverse("admin:index")),
        ("quotes", reverse("admin:claims_quote_changelist")),
        ("quote", reverse("admin:claims_quote_change", args=[a.pk])),
        ("claim", reverse("admin:claims_claim_change", args=[a.claim_id])),
        ("speakers", reverse("admin:claims_speaker_changelist")),
    ]:
        response = page.goto(url)
        assert response.status == 200, name
        assert "script-src 'self'" in response.headers["content-security-policy"], name
        page.wait_for_load_state("networkidle")
        seen[name] = violations(page)

    # The graph: cytoscape draws both claims.
    page.goto(reverse("admin:claims_claim_graph") + f"?claim={a.claim_id}")
    page.wait_for_selector("#claim-graph canvas")
    page.wait_for_function("() => document.getElementById('graph-status').innerText.includes('2')")
    assert page.evaluate("document.getElementById('claim-graph').claimGraph.nodes().length") == 2
    seen["graph"] = violations(page)

    # Swagger UI: its script loads, reads the schema and lists the operations.
    page.goto(reverse("api-docs"))
    page.wait_for_selector(".swagger-ui .opblock", timeout=60_000)
    assert page.locator(".swagger-ui .opblock").count() > 20
    seen["swagger"] = violations(page)

    assert {name: found for name, found in seen.items() if found} == {}
    assert errors == []


def test_a_sign_in_brute_force_is_locked_out(page, analyst):
    page.goto(reverse("admin:login"))
    statuses = []
    for n in range(5):
        page.fill("#id_username", analyst.username)
        page.fill("#id_password", f"wrong-guess-{n}")
        with page.expect_response(re.compile(r"/admin/login/")) as answer:
            page.click("input[type=submit]")
        statuses.append(answer.value.status)
        if answer.value.status == 429:
            break
        page.wait_for_selector("#id_username")
    assert statuses == [200, 200, 200, 200, 429]
    assert "locked" in page.content().lower()
    # The right password is refused now as well.
    page.goto(reverse("admin:login"))
    page.fill("#id_username", analyst.username)
    page.fill("#id_password", PASSWORD)
    with page.expect_response(re.compile(r"/admin/login/")) as answer:
        page.click("input[type=submit]")
    assert answer.value.status == 429
    page.goto(reverse("admin:index"))
    assert "/admin/login/" in page.url
