"""History pages of quotes, claims, relations and speakers: who did what, when, from the first
record on (the extractor and the system name themselves where no user acted)."""
import re

import pytest
from django.urls import reverse

from claims.models import Article, ClaimRelation, Quote, Speaker
from claims.services.extraction import article_extract
from claims.services.quotes import quote_confirm
from claims.services.relations import RelationSpec, relation_confirm, relations_suggest
from tests.admin.conftest import article_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def pasted(editor_client, django_capture_on_commit_callbacks):
    title, body = article_text(1)
    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(reverse("admin:claims_importrun_paste"),
                           {"title": title, "body": body})
    return Article.objects.get()


def history_rows(client, model: str, pk: int) -> list[list[str]]:
    """The history table's rows as the cells' text, newest first."""
    response = client.get(reverse(f"admin:claims_{model}_history", args=[pk]))
    assert response.status_code == 200
    body = re.search(r'<tbody>(.*?)</tbody>', response.content.decode(), re.S).group(1)
    body = body.replace("&nbsp;", " ").replace("&rarr;", "→")
    return [[" ".join(re.sub(r"<[^>]+>", " ", cell).split())
             for cell in re.findall(r"<td>(.*?)</td>", row, re.S)]
            for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)]


def test_an_extracted_quote_and_its_claim_start_with_a_first_record(client, analyst, pasted):
    quote = pasted.quotes.filter(text__contains="We cooperate openly").get()
    assert quote.history.count() == 1
    first = quote.history.get()
    assert (first.history_type, first.history_user) == ("+", None)
    assert first.history_change_reason.startswith("extractor")
    claim = quote.claim
    assert claim is not None
    assert [(r.history_type, r.history_user) for r in claim.history.all()] == [("+", None)]

    client.force_login(analyst)
    (row,) = history_rows(client, "quote", quote.pk)
    # Object, date/time, comment, changed by, change reason, changes
    assert row[2:4] == ["Created", "extractor"]
    assert row[5] == "created"
    (claim_row,) = history_rows(client, "claim", claim.pk)
    assert claim_row[2:4] == ["Created", "grouping"]


def test_an_analysts_review_names_them_and_says_what_changed(client, analyst, pasted):
    quote = pasted.quotes.first()
    quote_confirm(quote_id=quote.pk, user=analyst)

    client.force_login(analyst)
    newest, first = history_rows(client, "quote", quote.pk)
    assert newest[2:4] == ["Changed", "anna"]
    assert "Review status: extracted → confirmed" in newest[5]
    assert "Reviewed by: – → anna" in newest[5]
    assert first[3] == "extractor"


def test_a_suggested_relation_has_a_first_record_and_its_confirmation_a_second(
        client, analyst, putin, bolton):
    from claims.services.claims import claim_create

    said = claim_create(text="There is no alliance.", user=analyst, speaker_ids=[putin.pk])
    denied = claim_create(text="There is an alliance.", user=analyst, speaker_ids=[bolton.pk])
    made = relations_suggest(specs=[RelationSpec(said.pk, denied.pk, "contradicts",
                                                 {"rule": "negation"})])
    assert made == 1
    relation = ClaimRelation.objects.get()
    assert [(r.history_type, r.history_user) for r in relation.history.all()] == [("+", None)]
    relation_confirm(relation_id=relation.pk, user=analyst)

    client.force_login(analyst)
    confirmed, suggested = history_rows(client, "claimrelation", relation.pk)
    assert suggested[2:4] == ["Created", "grouping"]
    assert confirmed[3] == "anna"
    assert "Status: suggested → confirmed" in confirmed[5]


def test_a_speaker_the_extractor_added_says_so(client, analyst, pasted):
    speaker = Speaker.objects.get(name="Jane Holloway")
    client.force_login(analyst)
    (row,) = history_rows(client, "speaker", speaker.pk)
    assert row[2:4] == ["Created", "extractor"]


def test_re_extraction_keeps_one_first_record_per_stored_quote(pasted, analyst):
    kept = pasted.quotes.first()
    quote_confirm(quote_id=kept.pk, user=analyst)
    article_extract(article_id=pasted.pk)

    history = Quote.history.model.objects
    # The replaced machine quotes took their lone record with them; the confirmed one keeps
    # its two, and each quote found again has its own first record.
    assert set(history.values_list("id", flat=True)) == set(
        Quote.objects.values_list("id", flat=True))
    assert kept.history.count() == 2
    for quote in Quote.objects.exclude(pk=kept.pk):
        assert quote.history.count() == 1


def test_a_viewer_reads_the_history(client, viewer, pasted):
    quote = pasted.quotes.first()
    client.force_login(viewer)
    (row,) = history_rows(client, "quote", quote.pk)
    assert row[3] == "extractor"


def test_what_grouping_does_in_an_analysts_request_is_not_credited_to_them(client, analyst,
                                                                           pasted):
    # The analyst gives a quote another speaker in the admin: grouping, run inside that
    # request, starts a claim for it. The history middleware knows the analyst; the claim's
    # first record must still say grouping made it.
    quote = pasted.quotes.get(text__contains="We cooperate openly")
    other = Speaker.objects.create(name="Lloyd Austin", verified=True)
    client.force_login(analyst)
    response = client.post(f"/admin/claims/quote/{quote.pk}/change/", {
        "start": quote.start, "end": quote.end, "kind": quote.kind, "cue": quote.cue,
        "speakers": [other.pk], "claim": quote.claim_id or ""})
    assert response.status_code == 302, response.content[:2000]
    quote.refresh_from_db()
    assert quote.history.latest().history_user == analyst  # the edit is theirs
    claim = quote.claim
    assert [(r.history_type, r.history_user) for r in claim.history.all()] == [("+", None)]
    (row,) = history_rows(client, "claim", claim.pk)
    assert row[2:4] == ["Created", "grouping"]


def test_recounts_do_not_show_as_the_next_analysts_change(client, analyst, pasted):
    from claims.services.claims import claim_edit
    from claims.services.ingestion import import_run_start, import_text

    # A second outlet reports the same statement: grouping joins it to the claim and
    # recounts the claim in SQL (no history record of its own).
    quote = pasted.quotes.get(text__contains="There is no alliance")
    claim = quote.claim
    title, body = article_text(1)
    run = import_run_start(source="paste")
    import_text(run=run, title=title + " (copy)", body=body.replace(
        "The foreign minister said", "Officials said"))
    extracted = Article.objects.exclude(pk=pasted.pk).get()
    article_extract(article_id=extracted.pk)
    claim.refresh_from_db()
    assert claim.appearance_count == 2
    claim_edit(claim_id=claim.pk, user=analyst, text="No alliance now, none later")

    client.force_login(analyst)
    edited, created = history_rows(client, "claim", claim.pk)
    assert edited[3] == "anna"
    assert edited[5] == ("Canonical wording: There is no alliance and there will be none → No "
                         "alliance now, none later Wording by analyst: False → True")
    assert created[2:4] == ["Created", "grouping"]
