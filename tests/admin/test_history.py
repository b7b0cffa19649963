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
    assert claim_row[2:4] == ["Created", "system"]


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
    assert suggested[2:4] == ["Created", "system"]
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
