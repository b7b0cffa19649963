"""speaker_merge and speakers_verify: a duplicate speaker's quotes, claims, names and roles go
to the speaker that stays, claims keep a true speaker key (so grouping keeps matching them),
and nothing changes when the merge is refused."""
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from claims.grouping import speaker_key
from claims.models import Claim, ClaimWording, Quote, Role, Speaker, SpeakerAlias
from claims.selectors.speaker_keys import speaker_key_for_quotes
from claims.services import claims as claim_services
from claims.services.speakers import speaker_create as speaker_services_create
from claims.services.speakers import speaker_edit as speaker_services_edit
from claims.services.speakers import speaker_merge, speakers_verify
from claims.services.wordings import wordings_add
from tests.services.conftest import article, quote, reported

pytestmark = pytest.mark.django_db

ALLIANCE = "Moscow is not forming a military alliance with China"
EXERCISES = "Moscow conducts joint military exercises with Beijing"


@pytest.fixture
def putin_again(db):
    """The extractor's unverified duplicate of Vladimir Putin."""
    speaker = Speaker.objects.create(name="Vladimir V. Putin", verified=False, country="RU")
    SpeakerAlias.objects.create(speaker=speaker, alias="President Putin")
    SpeakerAlias.objects.create(speaker=speaker, alias="Putin")
    return speaker


def assert_keys_true():
    """Every claim's key is its speakers' ids; its wordings carry the same key; every quote
    grouping placed is in a claim of its own key."""
    for claim in Claim.objects.prefetch_related("speakers"):
        ids = sorted(s.pk for s in claim.speakers.all())
        if ids:
            assert claim.speaker_key == "-".join(map(str, ids)), claim
        assert set(claim.wordings.values_list("speaker_key", flat=True)) <= {claim.speaker_key}
    quotes = list(Quote.objects.exclude(claim=None).select_related("claim"))
    keys = speaker_key_for_quotes(quotes)
    for q in quotes:
        if not q.claim_pinned:
            assert keys[q.pk] == q.claim.speaker_key, q


def test_quotes_and_claims_move_to_the_speaker_that_stays(putin, putin_again, analyst):
    kept = reported(putin, EXERCISES)
    moved = reported(putin_again, ALLIANCE, outlet="TASS")
    speaker_merge(source_id=putin_again.pk, target_id=putin.pk, user=analyst)
    assert not Speaker.objects.filter(pk=putin_again.pk).exists()
    assert set(putin.quotes.values_list("pk", flat=True)) == {kept.pk, moved.pk}
    claim = Quote.objects.get(pk=moved.pk).claim
    assert list(claim.speakers.all()) == [putin]
    assert claim.speaker_key == str(putin.pk)
    assert_keys_true()


def test_the_same_statement_of_both_becomes_one_claim(putin, putin_again, analyst):
    a = reported(putin, ALLIANCE, outlet="Reuters", day=1)
    b = reported(putin_again, ALLIANCE, outlet="TASS", day=2)
    assert a.claim_id != b.claim_id  # two speakers, two claims, until they are one
    speaker_merge(source_id=putin_again.pk, target_id=putin.pk, user=analyst)
    claims = Claim.objects.filter(speakers=putin)
    assert claims.count() == 1
    claim = claims.get()
    assert set(claim.quotes.values_list("pk", flat=True)) == {a.pk, b.pk}
    assert (claim.appearance_count, claim.outlet_count) == (2, 2)
    assert not Claim.objects.filter(pk=b.claim_id).exists()
    assert_keys_true()
    # And grouping goes on matching: the next report of either joins that claim.
    assert reported(putin, ALLIANCE, outlet="AP", day=3).claim_id == claim.pk


def test_an_analysts_claim_keeps_its_id_and_is_rekeyed(putin, putin_again, analyst):
    q = reported(putin_again, ALLIANCE)
    claim = claim_services.claim_edit(claim_id=q.claim_id, user=analyst,
                                      text="No alliance with China")
    speaker_merge(source_id=putin_again.pk, target_id=putin.pk, user=analyst)
    claim.refresh_from_db()
    assert claim.text == "No alliance with China"
    assert list(claim.speakers.all()) == [putin] and claim.speaker_key == str(putin.pk)
    assert set(ClaimWording.objects.filter(claim=claim).values_list("speaker_key", flat=True)) \
        == {str(putin.pk)}
    assert claim.history.latest().history_user == analyst
    assert_keys_true()
    assert reported(putin, ALLIANCE, outlet="AP").claim_id == claim.pk


def test_a_joint_statement_of_both_keeps_the_target_once(putin, putin_again, xi, analyst):
    art = article("Putin and Xi said that the partnership has no limits. Later more.")
    joint = quote(art, "the partnership has no limits", putin, putin_again, xi)
    assert Claim.objects.get(pk=joint.claim_id).speaker_key == speaker_key(
        [putin.pk, putin_again.pk, xi.pk])
    speaker_merge(source_id=putin_again.pk, target_id=putin.pk, user=analyst)
    joint.refresh_from_db()
    assert sorted(joint.speakers.values_list("pk", flat=True)) == sorted([putin.pk, xi.pk])
    claim = Claim.objects.get(quotes=joint)
    assert claim.speaker_key == speaker_key([putin.pk, xi.pk])
    assert sorted(claim.speakers.values_list("pk", flat=True)) == sorted([putin.pk, xi.pk])
    assert_keys_true()


def test_names_aliases_roles_and_details_are_kept_without_duplicates(putin, putin_again,
                                                                     analyst):
    SpeakerAlias.objects.create(speaker=putin, alias="Putin")
    Role.objects.create(speaker=putin, title="President of Russia", start_date=date(2012, 5, 7))
    Role.objects.create(speaker=putin_again, title="President of Russia",
                        start_date=date(2012, 5, 7), end_date=date(2012, 5, 8))
    Role.objects.create(speaker=putin_again, title="Prime Minister of Russia",
                        start_date=date(2008, 5, 8), end_date=date(2012, 5, 7))
    putin_again.wikidata_qid = "Q7747"
    putin_again.save()
    speaker_merge(source_id=putin_again.pk, target_id=putin.pk, user=analyst)
    putin.refresh_from_db()
    assert sorted(putin.aliases.values_list("alias", flat=True)) == [
        "President Putin", "Putin", "Vladimir V. Putin"]
    assert sorted(putin.roles.values_list("title", "end_date")) == [
        ("President of Russia", None), ("Prime Minister of Russia", date(2012, 5, 7))]
    assert (putin.wikidata_qid, putin.country, putin.verified) == ("Q7747", "RU", True)
    assert putin.history.latest().history_user == analyst
    deleted = Speaker.history.filter(id=putin_again.pk).latest()
    assert (deleted.history_type, deleted.history_user) == ("-", analyst)


def test_a_quote_history_names_the_analyst(putin, putin_again, analyst):
    q = reported(putin_again, ALLIANCE)
    speaker_merge(source_id=putin_again.pk, target_id=putin.pk, user=analyst)
    record = Quote.objects.get(pk=q.pk).history.latest()
    assert record.history_user == analyst
    assert [s.speaker_id for s in record.speakers.all()] == [putin.pk]


def test_merging_into_itself_is_refused(putin, analyst):
    with pytest.raises(ValidationError) as refused:
        speaker_merge(source_id=putin.pk, target_id=putin.pk, user=analyst)
    assert refused.value.message_dict == {"target": ["A speaker cannot be merged into itself."]}
    assert Speaker.objects.filter(pk=putin.pk).exists()


def test_merging_into_a_missing_speaker_is_refused_and_changes_nothing(putin_again, analyst):
    q = reported(putin_again, ALLIANCE)
    with pytest.raises(ValidationError) as refused:
        speaker_merge(source_id=putin_again.pk, target_id=999_999, user=analyst)
    assert "target" in refused.value.message_dict
    assert list(Quote.objects.get(pk=q.pk).speakers.all()) == [putin_again]


@pytest.mark.parametrize("role", ["viewer", "editor", "outsider"])
def test_only_analysts_merge_or_verify(request, role, putin, putin_again):
    user = request.getfixturevalue(role)
    q = reported(putin_again, ALLIANCE)
    with pytest.raises(PermissionDenied):
        speaker_merge(source_id=putin_again.pk, target_id=putin.pk, user=user)
    with pytest.raises(PermissionDenied):
        speakers_verify(speaker_ids=[putin_again.pk], user=user)
    putin_again.refresh_from_db()
    assert not putin_again.verified
    assert list(Quote.objects.get(pk=q.pk).speakers.all()) == [putin_again]


def test_a_failure_half_way_leaves_everything_as_it_was(putin, putin_again, analyst,
                                                        monkeypatch):
    q = reported(putin_again, ALLIANCE)
    from claims.services import speakers as svc

    def broken(*args, **kwargs):
        raise ValidationError("rekeying failed")

    monkeypatch.setattr(svc, "_rekey_claims", broken)
    with pytest.raises(ValidationError):
        speaker_merge(source_id=putin_again.pk, target_id=putin.pk, user=analyst)
    assert list(Quote.objects.get(pk=q.pk).speakers.all()) == [putin_again]
    assert set(putin_again.aliases.values_list("alias", flat=True)) == {"President Putin",
                                                                        "Putin"}
    assert not putin.aliases.exists()


def test_verify_marks_them_checked_and_names_the_analyst(putin_again, analyst):
    other = Speaker.objects.create(name="Jane Holloway")
    assert speakers_verify(speaker_ids=[putin_again.pk, other.pk], user=analyst) == 2
    assert set(Speaker.objects.filter(verified=True).values_list("pk", flat=True)) == {
        putin_again.pk, other.pk}
    assert putin_again.history.latest().history_user == analyst


def test_verify_refuses_a_missing_speaker_and_verifies_none(putin_again, analyst):
    with pytest.raises(ValidationError):
        speakers_verify(speaker_ids=[putin_again.pk, 999_999], user=analyst)
    putin_again.refresh_from_db()
    assert not putin_again.verified


def test_a_verified_speaker_joins_the_extractors_registry(putin_again, analyst):
    from claims.services.extraction import registry_cache

    assert str(putin_again.pk) not in {e.key for e in registry_cache.get().entries}
    speakers_verify(speaker_ids=[putin_again.pk], user=analyst)
    assert str(putin_again.pk) in {e.key for e in registry_cache.get().entries}


def test_wordings_added_by_hand_are_rekeyed_too(putin, putin_again, analyst):
    q = reported(putin_again, ALLIANCE)
    claim_services.claim_edit(claim_id=q.claim_id, user=analyst, text="No alliance")
    wordings_add([(q.claim_id, str(putin_again.pk), "an extra wording")])
    speaker_merge(source_id=putin_again.pk, target_id=putin.pk, user=analyst)
    assert set(ClaimWording.objects.values_list("speaker_key", flat=True)) == {str(putin.pk)}


def test_edit_and_create_check_the_permission_and_the_model(putin, analyst, viewer):
    with pytest.raises(PermissionDenied):
        speaker_services_edit(speaker_id=putin.pk, user=viewer, country="RU")
    with pytest.raises(PermissionDenied):
        speaker_services_create(user=viewer, name="Maria Zakharova")
    with pytest.raises(ValidationError) as refused:
        speaker_services_edit(speaker_id=putin.pk, user=analyst, wikidata_qid="7747")
    assert "wikidata_qid" in refused.value.message_dict
    edited = speaker_services_edit(speaker_id=putin.pk, user=analyst, wikidata_qid=" Q7747 ")
    assert edited.wikidata_qid == "Q7747" and edited.history.latest().history_user == analyst
    made = speaker_services_create(user=analyst, name="Maria Zakharova", wikidata_qid="")
    assert made.wikidata_qid is None and not made.verified
