"""The speaker pages by role: the registry list, a speaker's page (aliases, roles, QID, the
claims timeline, the merge form), the merge page and the unverified queue with its actions;
each at a number of queries that does not grow with its rows."""
import re
from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse

from claims.models import Claim, Quote, Speaker, SpeakerAlias
from tests.services.conftest import reported

pytestmark = pytest.mark.django_db

ALLIANCE = "Moscow is not forming a military alliance with China"

CHANGELIST = reverse("admin:claims_speaker_changelist")
QUEUE = reverse("admin:claims_speaker_unverified")


def change_url(speaker):
    return reverse("admin:claims_speaker_change", args=[speaker.pk])


def merge_url(speaker):
    return reverse("admin:claims_speaker_merge", args=[speaker.pk])


@pytest.fixture
def lavrov(db):
    speaker = Speaker.objects.create(name="Sergey Lavrov", verified=True, wikidata_qid="Q29048")
    SpeakerAlias.objects.create(speaker=speaker, alias="Lavrov")
    return speaker


@pytest.fixture
def lavrov_again(db):
    return Speaker.objects.create(name="Sergei Lavrov", verified=False)


def signed_in(client, user):
    client.force_login(user)
    return client


def claims_for(speaker, n: int) -> list[Claim]:
    """n claims of the speaker, one a day, the last the newest."""
    start = datetime(2023, 1, 1, tzinfo=UTC)
    claims = Claim.objects.bulk_create([
        Claim(text=f"Statement number {i}", speaker_key=str(speaker.pk), appearance_count=i,
              first_seen=start + timedelta(days=i), last_seen=start + timedelta(days=i))
        for i in range(n)])
    Claim.speakers.through.objects.bulk_create(
        [Claim.speakers.through(claim_id=c.pk, speaker_id=speaker.pk) for c in claims])
    return claims


# --- who sees what ----------------------------------------------------------------------------

@pytest.mark.parametrize("role", ["analyst", "editor", "viewer"])
def test_every_role_reads_the_pages_and_only_analysts_see_what_changes(request, client, role,
                                                                       lavrov, lavrov_again):
    signed_in(client, request.getfixturevalue(role))
    analyst = role == "analyst"
    listing = client.get(CHANGELIST).content.decode()
    assert f'href="{QUEUE}"' in listing
    assert ('value="merge_into_oldest"' in listing) is analyst
    page = client.get(change_url(lavrov)).content.decode()
    assert "Q29048" in page and "Lavrov" in page
    assert ('id="speaker_merge_form"' in page) is analyst
    queue = client.get(QUEUE)
    assert queue.status_code == 200
    assert "Sergei Lavrov" in queue.content.decode()
    assert ('value="verify"' in queue.content.decode()) is analyst
    assert client.get(merge_url(lavrov_again)).status_code == (200 if analyst else 403)


@pytest.mark.parametrize("role", ["editor", "viewer"])
def test_readers_posting_a_merge_or_an_action_are_refused(request, client, role, lavrov,
                                                          lavrov_again):
    signed_in(client, request.getfixturevalue(role))
    assert client.post(merge_url(lavrov_again), {"target": lavrov.pk}).status_code == 403
    client.post(QUEUE, {"action": "verify", "_selected_action": [lavrov_again.pk]})
    client.post(CHANGELIST, {"action": "merge_into_oldest",
                             "_selected_action": [lavrov.pk, lavrov_again.pk]})
    lavrov_again.refresh_from_db()
    assert not lavrov_again.verified
    assert Speaker.objects.count() == 2


def test_an_account_in_no_group_sees_no_speaker_page(client, outsider, lavrov):
    outsider.is_staff = True
    outsider.save()
    signed_in(client, outsider)
    for url in (CHANGELIST, QUEUE, change_url(lavrov), merge_url(lavrov)):
        assert client.get(url).status_code == 403, url


# --- the speaker's page -----------------------------------------------------------------------

def timeline_rows(html: str) -> list[str]:
    table = re.search(r'<table id="speaker-timeline">.*?</table>', html, re.S).group(0)
    return re.findall(r'<a href="[^"]+/claim/(\d+)/change/">', table)


def test_the_timeline_shows_the_latest_fifty_claims_newest_first(client, analyst, lavrov):
    claims = claims_for(lavrov, 52)
    html = signed_in(client, analyst).get(change_url(lavrov)).content.decode()
    rows = timeline_rows(html)
    assert rows == [str(c.pk) for c in reversed(claims)][:50]
    assert "The latest 50 of 52." in html
    assert "Statement number 51" in html and "2023-02-21" in html
    every = f'{reverse("admin:claims_claim_changelist")}?speakers__id__exact={lavrov.pk}'
    assert f'href="{every}"' in html and "All 52 claims of Sergey Lavrov" in html
    # The link lists exactly the speaker's claims.
    assert client.get(every).context["cl"].result_count == 52


def test_a_speakers_page_costs_the_same_queries_for_3_or_30_claims_and_aliases(
        client, analyst, lavrov):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    signed_in(client, analyst)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(change_url(lavrov)).status_code == 200
        return len(ctx)

    claims_for(lavrov, 3)
    SpeakerAlias.objects.bulk_create([SpeakerAlias(speaker=lavrov, alias=f"L{i}")
                                      for i in range(3)])
    few = count()
    claims_for(lavrov, 27)
    SpeakerAlias.objects.bulk_create([SpeakerAlias(speaker=lavrov, alias=f"M{i}")
                                      for i in range(27)])
    assert count() == few


# --- merging from the speaker's page --------------------------------------------------------

def test_merging_into_itself_shows_the_error_next_to_the_field(client, analyst, lavrov):
    response = signed_in(client, analyst).post(merge_url(lavrov), {"target": lavrov.pk})
    assert response.status_code == 200
    html = response.content.decode()
    field = re.search(r'<div class="form-row errors field-target">(.*?)</div>', html, re.S)
    assert field and "A speaker cannot be merged into itself." in field.group(1)
    assert Speaker.objects.filter(pk=lavrov.pk).exists()


def test_a_merge_without_a_target_is_an_error_on_the_field(client, analyst, lavrov_again):
    response = signed_in(client, analyst).post(merge_url(lavrov_again), {"target": ""})
    assert response.context["form"].errors == {"target": ["This field is required."]}
    assert Speaker.objects.filter(pk=lavrov_again.pk).exists()


def test_merging_from_the_page_moves_the_quotes_and_lands_on_the_target(client, analyst,
                                                                        lavrov, lavrov_again):
    q = reported(lavrov_again, ALLIANCE)
    response = signed_in(client, analyst).post(merge_url(lavrov_again), {"target": lavrov.pk})
    assert response.status_code == 302 and response["Location"] == change_url(lavrov)
    assert list(Quote.objects.get(pk=q.pk).speakers.all()) == [lavrov]
    assert not Speaker.objects.filter(pk=lavrov_again.pk).exists()
    page = client.get(change_url(lavrov)).content.decode()
    assert "Merged Sergei Lavrov into Sergey Lavrov." in page
    assert 'value="Sergei Lavrov"' in page  # now one of the aliases
    assert str(Quote.objects.get(pk=q.pk).claim_id) in timeline_rows(page)


def test_the_merge_page_starts_from_the_suggested_speaker(client, analyst, lavrov,
                                                          lavrov_again):
    response = signed_in(client, analyst).get(merge_url(lavrov_again) + f"?into={lavrov.pk}")
    html = response.content.decode()
    assert re.search(rf'<option value="{lavrov.pk}" selected>Sergey Lavrov</option>', html)
    # The autocomplete is served from this server's static files.
    assert "admin/js/autocomplete.js" in html and "//cdn" not in html


def test_merge_selected_into_the_oldest(client, analyst, lavrov, lavrov_again):
    third = Speaker.objects.create(name="S. Lavrov")
    q = reported(third, ALLIANCE)
    response = signed_in(client, analyst).post(CHANGELIST, {
        "action": "merge_into_oldest", "_selected_action": [third.pk, lavrov_again.pk,
                                                            lavrov.pk]}, follow=True)
    assert "Merged 2 speakers into Sergey Lavrov." in response.content.decode()
    assert list(Speaker.objects.values_list("name", flat=True)) == ["Sergey Lavrov"]
    assert list(Quote.objects.get(pk=q.pk).speakers.all()) == [lavrov]


def test_a_changelist_merge_of_one_speaker_says_why_not(client, analyst, lavrov):
    response = signed_in(client, analyst).post(CHANGELIST, {
        "action": "merge_into_oldest", "_selected_action": [lavrov.pk]}, follow=True)
    assert "Choose two speakers or more to merge." in response.content.decode()


def test_the_registry_list_counts_each_speakers_quotes(client, viewer, lavrov, lavrov_again):
    reported(lavrov, ALLIANCE)
    reported(lavrov, "the West is waging a hybrid war against Russia")
    rows = signed_in(client, viewer).get(CHANGELIST).context["cl"].result_list
    assert {s.name: s.quote_count for s in rows} == {"Sergey Lavrov": 2, "Sergei Lavrov": 0}


def test_the_registry_list_costs_the_same_queries_for_3_or_30_speakers(client, analyst):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    signed_in(client, analyst)

    def count(n):
        Speaker.objects.bulk_create([Speaker(name=f"Speaker {n}-{i}") for i in range(n)])
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(CHANGELIST)
        assert response.status_code == 200
        return len(ctx)

    assert count(3) == count(27)


# --- the unverified queue ---------------------------------------------------------------------

def test_the_queue_shows_quotes_a_mention_and_the_likeliest_verified_speaker(
        client, analyst, lavrov, lavrov_again):
    for outlet in ("Reuters", "TASS"):
        reported(lavrov_again, ALLIANCE, outlet=outlet, speaker_mention="Sergei Lavrov")
    response = signed_in(client, analyst).get(QUEUE)
    rows = response.context["cl"].result_list
    assert [s.name for s in rows] == ["Sergei Lavrov"]  # verified speakers are not queued
    html = response.content.decode()
    table = re.search(r'<table id="result_list">.*?</table>', html, re.S).group(0)
    (row,) = re.findall(r'<tr>.*?</tr>', table.split("</thead>")[1], re.S)
    assert '<td class="field-quote_total">2</td>' in row, row
    assert "Moscow is not forming" in row
    assert f'href="{change_url(lavrov)}">Sergey Lavrov</a>' in row
    assert f'href="{merge_url(lavrov_again)}?into={lavrov.pk}"' in row


def test_verify_from_the_queue(client, analyst, lavrov_again):
    response = signed_in(client, analyst).post(
        QUEUE, {"action": "verify", "_selected_action": [lavrov_again.pk]}, follow=True)
    assert "Verified 1 speakers." in response.content.decode()
    lavrov_again.refresh_from_db()
    assert lavrov_again.verified
    assert response.context["cl"].result_count == 0


def test_merge_into_the_likeliest_from_the_queue(client, analyst, lavrov, lavrov_again):
    q = reported(lavrov_again, ALLIANCE)
    response = signed_in(client, analyst).post(QUEUE, {
        "action": "merge_into_likeliest", "_selected_action": [lavrov_again.pk]}, follow=True)
    assert "Merged Sergei Lavrov into Sergey Lavrov." in response.content.decode()
    assert list(Quote.objects.get(pk=q.pk).speakers.all()) == [lavrov]


def test_merge_into_the_likeliest_refuses_all_when_one_has_no_match(client, analyst, lavrov,
                                                                    lavrov_again):
    stranger = Speaker.objects.create(name="Jane Holloway")
    response = signed_in(client, analyst).post(QUEUE, {
        "action": "merge_into_likeliest",
        "_selected_action": [lavrov_again.pk, stranger.pk]}, follow=True)
    assert "No verified speaker looks like Jane Holloway" in response.content.decode()
    assert Speaker.objects.count() == 3


def test_the_queue_costs_the_same_queries_for_3_or_30_speakers(client, analyst, lavrov):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    signed_in(client, analyst)

    def count(n):
        for i in range(n):
            reported(Speaker.objects.create(name=f"Sergei Lavrov {n}-{i}"), ALLIANCE)
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(QUEUE)
        assert response.status_code == 200
        assert all(s.likeliest_match for s in response.context["cl"].result_list)
        return len(ctx)

    assert count(3) == count(27)


# --- editing a speaker goes through the services --------------------------------------------

def speaker_form(speaker=None, **fields):
    data = {"name": "", "kind": "person", "wikidata_qid": "", "country": "", "description": "",
            "aliases-TOTAL_FORMS": "0", "aliases-INITIAL_FORMS": "0",
            "roles-TOTAL_FORMS": "0", "roles-INITIAL_FORMS": "0"}
    if speaker is not None:
        data.update(name=speaker.name, kind=speaker.kind,
                    wikidata_qid=speaker.wikidata_qid or "", country=speaker.country)
        if speaker.verified:
            data["verified"] = "on"
    data.update(fields)
    return data


def test_an_analysts_edit_and_new_speaker_name_the_analyst_in_the_history(client, analyst,
                                                                          lavrov):
    signed_in(client, analyst)
    response = client.post(change_url(lavrov), speaker_form(lavrov, country="RU", **{
        "aliases-TOTAL_FORMS": "1", "aliases-0-alias": "Sergei Viktorovich Lavrov"}))
    assert response.status_code == 302
    lavrov.refresh_from_db()
    assert lavrov.country == "RU" and lavrov.history.latest().history_user == analyst
    assert "Sergei Viktorovich Lavrov" in lavrov.aliases.values_list("alias", flat=True)
    response = client.post(reverse("admin:claims_speaker_add"), speaker_form(
        name="Maria Zakharova", **{"roles-TOTAL_FORMS": "1", "roles-0-title": "Spokeswoman"}))
    assert response.status_code == 302
    made = Speaker.objects.get(name="Maria Zakharova")
    assert made.wikidata_qid is None and made.history.get().history_user == analyst
    assert list(made.roles.values_list("title", flat=True)) == ["Spokeswoman"]


def test_a_taken_qid_is_an_error_next_to_the_field(client, analyst, lavrov, lavrov_again):
    response = signed_in(client, analyst).post(
        change_url(lavrov_again), speaker_form(lavrov_again, wikidata_qid="Q29048"))
    assert response.status_code == 200
    assert "wikidata_qid" in response.context["adminform"].form.errors
    lavrov_again.refresh_from_db()
    assert lavrov_again.wikidata_qid is None


def test_a_malformed_qid_is_explained_next_to_the_field(client, analyst, lavrov_again):
    response = signed_in(client, analyst).post(
        change_url(lavrov_again), speaker_form(lavrov_again, wikidata_qid="7747"))
    assert "is no Wikidata QID" in response.context["adminform"].form.errors["wikidata_qid"][0]
