"""The speaker and topic pages in a real Chromium (Playwright): an analyst works through the
unverified queue, merging a duplicate into the verified speaker it names, picks a speaker with
the autocomplete of the merge form, and reads the topic tree."""
import re

import pytest
from django.urls import reverse

from claims.models import Claim, Quote, Speaker, SpeakerAlias, Topic
from tests.admin.test_browser_imports import log_in
from tests.services.conftest import reported

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "anna-pw-for-tests"
ALLIANCE = "Moscow is not forming a military alliance with China"


@pytest.fixture
def registry(db):
    lavrov = Speaker.objects.create(name="Sergey Lavrov", verified=True, wikidata_qid="Q29048",
                                    country="RU")
    SpeakerAlias.objects.create(speaker=lavrov, alias="Lavrov")
    reported(lavrov, "the West is waging a hybrid war against Russia", outlet="TASS")
    duplicate = Speaker.objects.create(name="Sergei Lavrov")
    quote = reported(duplicate, ALLIANCE, outlet="Reuters", speaker_mention="Sergei Lavrov")
    Speaker.objects.create(name="Jane Holloway")
    return lavrov, duplicate, quote


def test_an_analyst_merges_a_duplicate_from_the_unverified_queue(page, analyst, registry,
                                                                 screenshot):
    lavrov, duplicate, quote = registry
    log_in(page, analyst, PASSWORD)
    page.goto(reverse("admin:claims_speaker_changelist"))
    page.get_by_role("link", name="Unverified speakers").click()
    page.wait_for_url(f"**{reverse('admin:claims_speaker_unverified')}")
    row = page.locator("#result_list tbody tr", has_text="Sergei Lavrov")
    assert row.locator(".field-quote_total").inner_text() == "1"
    assert "Sergey Lavrov" in row.locator(".field-likeliest").inner_text()
    screenshot(page, "unverified-speakers")

    row.get_by_role("link", name="merge into…").click()
    page.wait_for_url(re.compile(r"/merge/\?into="))
    # The autocomplete shows the suggested speaker, chosen already.
    assert "Sergey Lavrov" in page.locator(".field-target .select2-selection").inner_text()
    page.click("input[type=submit][value=Merge]")
    page.wait_for_url(f"**{reverse('admin:claims_speaker_change', args=[lavrov.pk])}")
    assert "Merged Sergei Lavrov into Sergey Lavrov." in page.inner_text("ul.messagelist")
    timeline = page.locator("#speaker-timeline tbody tr")
    assert timeline.count() == 2
    assert ALLIANCE in page.inner_text("#speaker-timeline")
    screenshot(page, "speaker-page")

    assert not Speaker.objects.filter(pk=duplicate.pk).exists()
    assert list(Quote.objects.get(pk=quote.pk).speakers.all()) == [lavrov]
    assert set(lavrov.aliases.values_list("alias", flat=True)) == {"Lavrov", "Sergei Lavrov"}


def test_the_merge_form_finds_a_speaker_by_autocomplete(page, analyst, registry):
    lavrov, duplicate, _ = registry
    log_in(page, analyst, PASSWORD)
    page.goto(reverse("admin:claims_speaker_change", args=[duplicate.pk]))
    page.click("#speaker_merge_form .select2-selection")
    page.fill(".select2-search__field", "Lavr")
    page.locator(".select2-results__option", has_text="Sergey Lavrov").click()
    page.click("#speaker_merge_form input[type=submit][value=Merge]")
    page.wait_for_url(f"**{reverse('admin:claims_speaker_change', args=[lavrov.pk])}")
    assert not Speaker.objects.filter(pk=duplicate.pk).exists()


def test_merging_into_itself_shows_the_refusal_next_to_the_field(page, analyst, registry):
    lavrov, _, _ = registry
    log_in(page, analyst, PASSWORD)
    page.goto(reverse("admin:claims_speaker_merge", args=[lavrov.pk]) + f"?into={lavrov.pk}")
    page.click("input[type=submit][value=Merge]")
    page.wait_for_load_state()
    assert "A speaker cannot be merged into itself." in page.inner_text(".field-target")
    assert Speaker.objects.filter(pk=lavrov.pk).exists()


def test_the_topic_tree(page, analyst, screenshot):
    security = Topic.objects.create(name="Security", slug="security")
    alliances = Topic.objects.create(name="Military alliances", slug="military-alliances",
                                     parent=security)
    Topic.objects.create(name="Russia–China relations", slug="russia-china-relations",
                         parent=alliances)
    Topic.objects.create(name="Economy", slug="economy")
    Claim.objects.create(text="No alliance with China").topics.add(alliances)
    log_in(page, analyst, PASSWORD)
    page.goto(reverse("admin:claims_topic_changelist"))
    names = page.locator("#result_list tbody .field-tree_name").all_inner_texts()
    assert [" ".join(n.split()) for n in names] == [
        "Economy", "Security", "Security > Military alliances",
        "Security > Military alliances > Russia–China relations"]
    screenshot(page, "topic-tree")

    page.get_by_role("link", name="Add topic").click()
    page.wait_for_url(f"**{reverse('admin:claims_topic_add')}")
    page.fill("#id_name", "Russia–India relations")
    assert page.input_value("#id_slug") == ""  # no script guesses a slug that drops the dash
    page.click("input[type=submit][name=_save]")
    page.wait_for_url(f"**{reverse('admin:claims_topic_changelist')}")
    assert Topic.objects.get(name="Russia–India relations").slug == "russia-india-relations"
