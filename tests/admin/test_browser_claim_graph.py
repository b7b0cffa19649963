"""The claim graph read in a real Chromium at about 20, 80 and 200 claims: no two label boxes
overlap, confirmed and suggested relations are both drawn (solid and dashed) and never along
each other, each kind can be hidden from the legend, no relation is drawn through the box of a
claim it does not join nor across another where the layout keeps them apart (rows of a tree, a
chain flowing back and forth), the drawing starts at the top of its box, the
full wording shows on hover, speakers go by the name an analyst uses ("Putin & Xi" on their
joint claim, not "Putin, Jinping"), and a speaker's graph carries the other speakers' claims
his relations reach (Putin's denial of Bolton's axis)."""
import re
from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse

from claims.models import Claim, ClaimRelation, Speaker, SpeakerAlias, Topic
from tests.admin.test_browser_imports import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "victor-pw-for-tests"
WORDS = ("Moscow is not forming a military alliance with China and never will",
         "Joint exercises with Beijing are routine and threaten no one in the region",
         "Sanctions have failed to damage the Russian economy in any lasting way",
         "NATO expansion to the east is the main threat to European security",
         "Gas supplies to Europe will continue under the existing contracts")
OVERLAPS = """() => {
    const cy = document.getElementById('claim-graph').claimGraph;
    const boxes = cy.nodes().map(n => n.boundingBox({includeLabels: true,
                                                     includeOverlays: false}));
    const bad = [];
    for (let i = 0; i < boxes.length; i++) {
        for (let j = i + 1; j < boxes.length; j++) {
            const a = boxes[i], b = boxes[j];
            if (a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2) { bad.push([i, j]); }
        }
    }
    return {nodes: boxes.length, overlaps: bad.length,
            confirmed: cy.edges('.confirmed').length, suggested: cy.edges('.suggested').length,
            dashed: cy.edges('.suggested').filter(e => e.style('line-style') === 'dashed').length,
            solid: cy.edges('.confirmed').filter(e => e.style('line-style') === 'solid').length};
}"""
# Each drawn relation's path (a straight segment between its ends' borders, or a quadratic
# curve through its control point), sampled every few pixels: does it pass through the box of
# a claim that is not one of its two ends? Such a line would run through that claim's label.
THROUGH = """() => {
    const cy = document.getElementById('claim-graph').claimGraph;
    const boxes = cy.nodes().map(n => [n.id(), n.boundingBox({includeLabels: true,
                                                              includeOverlays: false})]);
    const bad = [];
    cy.edges(':visible').forEach(e => {
        const s = e.sourceEndpoint(), t = e.targetEndpoint();
        const c = (e.controlPoints() || [])[0];
        const points = [];
        if (c) {
            for (let k = 0; k <= 200; k++) {
                const u = k / 200;
                points.push({x: (1-u)*(1-u)*s.x + 2*u*(1-u)*c.x + u*u*t.x,
                             y: (1-u)*(1-u)*s.y + 2*u*(1-u)*c.y + u*u*t.y});
            }
        } else {
            // A straight line, or a polyline through its bends (segments).
            const corners = [s, ...(e.segmentPoints() || []), t];
            for (let i = 0; i + 1 < corners.length; i++) {
                const a = corners[i], b = corners[i + 1];
                const steps = Math.max(2, Math.ceil(Math.hypot(b.x - a.x, b.y - a.y) / 3));
                for (let k = 0; k <= steps; k++) {
                    const u = k / steps;
                    points.push({x: a.x + u * (b.x - a.x), y: a.y + u * (b.y - a.y)});
                }
            }
        }
        for (const [id, b] of boxes) {
            if (id === e.source().id() || id === e.target().id()) { continue; }
            if (points.some(p => p.x > b.x1 + 1 && p.x < b.x2 - 1 &&
                                 p.y > b.y1 + 1 && p.y < b.y2 - 1)) { bad.push([e.id(), id]); }
        }
    });
    return {edges: cy.edges(':visible').length, through: bad.length, pairs: bad.slice(0, 10)};
}"""

# Each drawn relation as a polyline (a curve sampled every few pixels): how many pairs of
# relations that share no claim cross each other, and how many pairs of a different status or
# type run along each other (parallel, within 1.5 px, for more than 6 px: there a dashed
# suggested relation over a solid confirmed one reads as one line). And where the drawing's
# top is in its box, and how much of the box it leaves empty.
LINES = """() => {
    const container = document.getElementById('claim-graph');
    const cy = container.claimGraph;
    function path(e) {
        const s = e.sourceEndpoint(), t = e.targetEndpoint();
        const c = e.controlPoints() || [];
        if (c.length === 1) {
            const points = [];
            for (let k = 0; k <= 60; k++) {
                const u = k / 60;
                points.push({x: (1-u)*(1-u)*s.x + 2*u*(1-u)*c[0].x + u*u*t.x,
                             y: (1-u)*(1-u)*s.y + 2*u*(1-u)*c[0].y + u*u*t.y});
            }
            return points;
        }
        return [s, ...(e.segmentPoints() || []), t];
    }
    function cross(p1, p2, p3, p4) {
        const d = (p2.x-p1.x)*(p4.y-p3.y) - (p2.y-p1.y)*(p4.x-p3.x);
        if (Math.abs(d) < 1e-9) { return false; }
        const u = ((p3.x-p1.x)*(p4.y-p3.y) - (p3.y-p1.y)*(p4.x-p3.x)) / d;
        const v = ((p3.x-p1.x)*(p2.y-p1.y) - (p3.y-p1.y)*(p2.x-p1.x)) / d;
        return u > 0.001 && u < 0.999 && v > 0.001 && v < 0.999;
    }
    function along(a1, a2, b1, b2) {
        const dx = a2.x-a1.x, dy = a2.y-a1.y, l = Math.hypot(dx, dy);
        const ex = b2.x-b1.x, ey = b2.y-b1.y, m = Math.hypot(ex, ey);
        if (l < 1 || m < 1 || Math.abs(dx*ey - dy*ex) / (l*m) > 0.02) { return 0; }
        if (Math.abs((b1.x-a1.x)*dy - (b1.y-a1.y)*dx) / l > 1.5) { return 0; }
        const t1 = ((b1.x-a1.x)*dx + (b1.y-a1.y)*dy) / l;
        const t2 = ((b2.x-a1.x)*dx + (b2.y-a1.y)*dy) / l;
        return Math.min(l, Math.max(t1, t2)) - Math.max(0, Math.min(t1, t2));
    }
    const edges = cy.edges(':visible').map(e => ({id: e.id(), ends: [e.source().id(),
        e.target().id()], kind: e.data('status') + ' ' + e.data('type'), points: path(e)}));
    const crossing = [], merged = [];
    for (let i = 0; i < edges.length; i++) {
        for (let j = i + 1; j < edges.length; j++) {
            const a = edges[i], b = edges[j];
            const apart = !a.ends.some(x => b.ends.includes(x));
            let crosses = false, run = 0;
            for (let p = 0; p + 1 < a.points.length; p++) {
                for (let q = 0; q + 1 < b.points.length; q++) {
                    const [a1, a2, b1, b2] = [a.points[p], a.points[p+1], b.points[q],
                                              b.points[q+1]];
                    crosses = crosses || (apart && cross(a1, a2, b1, b2));
                    run = Math.max(run, along(a1, a2, b1, b2));
                }
            }
            if (crosses) { crossing.push([a.id, b.id]); }
            if (run > 6 && a.kind !== b.kind) { merged.push([a.id, a.kind, b.id, b.kind]); }
        }
    }
    const drawn = cy.elements().renderedBoundingBox({includeLabels: true});
    return {edges: edges.length, crossing: crossing.length, crossings: crossing.slice(0, 10),
            merged: merged.length, mergers: merged.slice(0, 10), top: drawn.y1,
            empty: container.clientHeight - drawn.h};
}"""


def _claim(speaker, text, when):
    claim = Claim.objects.create(text=text, speaker_key=str(speaker.pk), first_seen=when,
                                 last_seen=when)
    claim.speakers.set([speaker])
    return claim


def speaker_web(n: int):
    """Putin with `n` claims, a third of them linked among themselves (suggested) and some to
    Bolton's and Lavrov's claims (confirmed denials, suggested supports)."""
    putin = Speaker.objects.create(name="Vladimir Putin", verified=True)
    bolton = Speaker.objects.create(name="John Bolton", verified=True)
    lavrov = Speaker.objects.create(name="Sergey Lavrov", verified=True)
    start = datetime(2023, 3, 1, tzinfo=UTC)
    own = [_claim(putin, f"{WORDS[i % len(WORDS)]} (statement {i})",
                  start + timedelta(days=i)) for i in range(n)]
    axis = _claim(bolton, "Such an axis of Russia and China could pose a real problem for "
                          "the West", start)
    ClaimRelation.objects.create(from_claim=own[0], to_claim=axis, type="denies",
                                 status="confirmed")
    for i in range(1, n // 3):
        ClaimRelation.objects.create(from_claim=own[i], to_claim=own[i - 1], type="repeats")
    for i in range(0, n, 10):
        other = _claim(lavrov if i % 20 else bolton, f"Russia answers the West {i}", start)
        ClaimRelation.objects.create(from_claim=own[i], to_claim=other, status="confirmed",
                                     type="contradicts" if i % 20 else "denies")
        ClaimRelation.objects.create(from_claim=other, to_claim=own[min(i + 1, n - 1)],
                                     type="supports")
    # Putin and Xi's joint statement, which one of Putin's claims repeats.
    xi = Speaker.objects.create(name="Xi Jinping", verified=True)
    SpeakerAlias.objects.create(speaker=putin, alias="Putin")
    SpeakerAlias.objects.create(speaker=xi, alias="Xi")
    joint = _claim(putin, "The friendship between the two states has no limits", start)
    joint.speakers.set([putin, xi])
    ClaimRelation.objects.create(from_claim=own[n - 1], to_claim=joint, type="repeats")
    return putin, own, axis


def _open(page, viewer, putin, query=None):
    viewer.set_password(PASSWORD)
    viewer.save()
    log_in(page, viewer, PASSWORD)
    with page.expect_response(re.compile(r"/admin/claims/claim/graph/data/")) as answer:
        page.goto(reverse("admin:claims_claim_graph") + (query or f"?speaker={putin.pk}"))
    page.wait_for_function("() => document.getElementById('claim-graph').claimGraph !== undefined")
    return answer.value.json()


@pytest.mark.parametrize("n", [20, 80, 200])
def test_labels_never_overlap_and_both_edge_kinds_show(page, viewer, screenshot, n):
    putin, own, axis = speaker_web(n)
    data = _open(page, viewer, putin)
    ids = {node["id"] for node in data["nodes"]}
    assert set(c.pk for c in own) | {axis.pk} <= ids  # Bolton's denied claim is drawn
    found = page.evaluate(OVERLAPS)
    assert found["nodes"] == len(ids)
    assert found["overlaps"] == 0
    assert found["confirmed"] > 0 and found["suggested"] > 0
    assert found["dashed"] == found["suggested"] and found["solid"] == found["confirmed"]
    screenshot(page, f"claim-graph-{n}")
    through = page.evaluate(THROUGH)
    assert through["edges"] == len(data["edges"])
    assert through["through"] == 0, through
    # No two relations cross (a chain of repeats flows back and forth; Lavrov's claims answer
    # two links of it), and the drawing starts at the top of its box: no empty band above the
    # first row, none below the last (the box's margins are 20 px).
    lines = page.evaluate(LINES)
    assert lines["crossing"] == 0, lines
    assert lines["top"] <= 21 and lines["empty"] <= 2 * 20 + 1, lines
    # The legend hides the suggested relations, then shows them again.
    visible = "document.getElementById('claim-graph').claimGraph.edges(':visible').length"
    total = page.evaluate(visible)
    assert found["confirmed"] < total
    page.locator("#graph-legend input[data-status=suggested]").uncheck()
    page.wait_for_function(f"() => {visible} === {found['confirmed']}")
    page.locator("#graph-legend input[data-status=suggested]").check()
    page.wait_for_function(f"() => {visible} === {total}")


def test_a_claim_many_answer_keeps_its_relations_out_of_the_other_boxes(page, viewer,
                                                                        screenshot):
    """40 claims answering one, half confirmed, of four types: their row wraps into a grid,
    and the relations to its later lines run down lanes beside the columns instead of through
    the lines above; a suggested (dashed) relation never runs along a confirmed (solid) one,
    nor one type along another, where an analyst could not tell them apart."""
    putin = Speaker.objects.create(name="Vladimir Putin", verified=True)
    lavrov = Speaker.objects.create(name="Sergey Lavrov", verified=True)
    start = datetime(2023, 3, 1, tzinfo=UTC)
    hub = _claim(putin, "The partnership with Beijing is the best in its history", start)
    for i in range(40):
        claim = _claim(lavrov if i % 3 else putin, f"{WORDS[i % len(WORDS)]} ({i})", start)
        ClaimRelation.objects.create(
            from_claim=claim, to_claim=hub,
            type=("supports", "denies", "responds_to", "contradicts")[i % 4],
            status="confirmed" if i % 2 else "suggested")
    _open(page, viewer, putin)
    found = page.evaluate(OVERLAPS)
    assert found["nodes"] == 41 and found["overlaps"] == 0
    assert found["confirmed"] == found["suggested"] == 20
    through = page.evaluate(THROUGH)
    assert through["edges"] == 40 and through["through"] == 0, through
    lines = page.evaluate(LINES)
    assert lines["merged"] == 0, lines
    screenshot(page, "claim-graph-hub")


def test_a_deep_tree_keeps_its_rows_and_no_relations_cross(page, viewer, screenshot):
    """Three speakers answer one claim, and each answer is answered in turn, eight deep: the
    tree is drawn a row per step (three claims a row), every relation from a row to the next,
    none crossing another or a box; not flowed back and forth like a chain, where its
    relations arched across each other."""
    putin = Speaker.objects.create(name="Vladimir Putin", verified=True)
    others = [Speaker.objects.create(name=name, verified=True)
              for name in ("Sergey Lavrov", "John Bolton", "Lloyd Austin")]
    start = datetime(2023, 3, 1, tzinfo=UTC)
    topic = Topic.objects.create(name="Alliances", slug="alliances")
    root = _claim(putin, "The partnership with Beijing is the best in its history", start)
    root.topics.add(topic)
    for b, speaker in enumerate(others):
        above = root
        for j in range(8):
            claim = _claim(speaker, f"{WORDS[(b + j) % len(WORDS)]} ({b}.{j})",
                           start + timedelta(days=j + 1))
            claim.topics.add(topic)
            ClaimRelation.objects.create(
                from_claim=claim, to_claim=above,
                type=("supports", "denies", "responds_to", "contradicts")[(b + j) % 4],
                status="confirmed" if j % 2 else "suggested")
            above = claim
    data = _open(page, viewer, putin, f"?topic={topic.slug}")
    assert len(data["nodes"]) == 25
    assert page.evaluate(OVERLAPS)["overlaps"] == 0
    assert page.evaluate(THROUGH)["through"] == 0
    lines = page.evaluate(LINES)
    assert lines["edges"] == 24 and lines["crossing"] == 0, lines
    rows = page.evaluate("new Set(document.getElementById('claim-graph').claimGraph.nodes()"
                         ".map(n => Math.round(n.position('y')))).size")
    assert rows == 9
    screenshot(page, "claim-graph-tree")


def test_the_answers_to_one_claim_stand_together_in_a_wrapped_row(page, viewer, screenshot):
    """Three claims (of eleven answering one) each answered by ten: the thirty answers wrap
    into a grid of three columns, each claim's ten in one column (row by row, they were spread
    over two), so that its relations run down one lane instead of a lane in every column across
    the others' (198 relations crossed in a harness drawing of this shape); none through a box,
    none along one of another status or type."""
    putin = Speaker.objects.create(name="Vladimir Putin", verified=True)
    bolton = Speaker.objects.create(name="John Bolton", verified=True)
    lavrov = Speaker.objects.create(name="Sergey Lavrov", verified=True)
    start = datetime(2023, 3, 1, tzinfo=UTC)
    topic = Topic.objects.create(name="Alliances", slug="alliances")
    root = _claim(putin, "The partnership with Beijing is the best in its history", start)
    root.topics.add(topic)
    for k in range(8):  # the most linked claim, so the root of the drawing
        other = _claim(putin, f"{WORDS[k % len(WORDS)]} (again {k})", start)
        other.topics.add(topic)
        ClaimRelation.objects.create(from_claim=other, to_claim=root, type="repeats")
    answered = {}
    for a in range(3):
        claim = _claim(bolton, f"{WORDS[a]} (answer {a})", start + timedelta(days=1))
        claim.topics.add(topic)
        ClaimRelation.objects.create(from_claim=claim, to_claim=root, type="denies")
        answered[claim.pk] = []
        for j in range(10):
            answer = _claim(lavrov, f"{WORDS[(a + j) % len(WORDS)]} ({a}.{j})",
                            start + timedelta(days=2))
            answer.topics.add(topic)
            ClaimRelation.objects.create(
                from_claim=answer, to_claim=claim,
                type=("supports", "denies", "responds_to", "contradicts")[j % 4],
                status="confirmed" if j % 2 else "suggested")
            answered[claim.pk].append(answer.pk)
    _open(page, viewer, putin, f"?topic={topic.slug}")
    assert page.evaluate(OVERLAPS)["overlaps"] == 0
    assert page.evaluate(THROUGH)["through"] == 0
    assert page.evaluate(LINES)["merged"] == 0
    lefts = page.evaluate("""() => {
        const cy = document.getElementById('claim-graph').claimGraph;
        const out = {};
        cy.nodes().forEach(n => { out[n.id()] = Math.round(n.boundingBox().x1); });
        return out;
    }""")
    columns = {claim: len({lefts[str(pk)] for pk in answers})
               for claim, answers in answered.items()}
    assert set(columns.values()) == {1}, columns
    screenshot(page, "claim-graph-answers")


def test_speakers_go_by_the_name_an_analyst_uses(page, viewer):
    putin, own, axis = speaker_web(20)
    data = _open(page, viewer, putin)
    joint = next(n for n in data["nodes"] if len(n["speakers"]) == 2)
    labels = page.evaluate("document.getElementById('claim-graph').claimGraph.nodes()"
                           ".map(n => n.data('label'))")
    assert any(label.startswith("Putin & Xi: The friendship") for label in labels), labels
    assert not any("Jinping" in label for label in labels)
    assert sum(label.startswith("Putin: ") for label in labels) == 20
    assert any(label.startswith("John Bolton: ") for label in labels)  # no short name
    full = page.evaluate(f"document.getElementById('claim-graph').claimGraph"
                         f".getElementById('{joint['id']}').data('full')")
    assert "Vladimir Putin, Xi Jinping:" in full


def test_the_full_wording_shows_on_hover(page, viewer):
    putin, own, axis = speaker_web(20)
    _open(page, viewer, putin)
    label = page.evaluate(f"document.getElementById('claim-graph').claimGraph"
                          f".getElementById('{own[3].pk}').data('label')")
    assert label.endswith("\u2026") and len(label) < len(own[3].text)
    point = page.evaluate(f"""() => {{
        const cy = document.getElementById('claim-graph').claimGraph;
        const p = cy.getElementById('{own[3].pk}').renderedPosition();
        const r = document.getElementById('claim-graph').getBoundingClientRect();
        return {{x: r.left + p.x, y: r.top + p.y}};
    }}""")
    page.mouse.move(point["x"], point["y"])
    page.wait_for_selector("#graph-tooltip:not([hidden])")
    assert own[3].text in page.inner_text("#graph-tooltip")
    assert "Vladimir Putin" in page.inner_text("#graph-tooltip")
