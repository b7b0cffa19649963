"""A speaker's aliases and roles, edited on the speaker page or their own pages, go through the
speaker services: checked, and the extractor's cached registry sees them at once."""
import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from claims.models import Role, Speaker, SpeakerAlias
from claims.services.speakers import speaker_detail_delete, speaker_detail_save

pytestmark = pytest.mark.django_db


def _speaker_form(speaker, aliases=(), roles=()):
    data = {"name": speaker.name, "kind": speaker.kind, "wikidata_qid": "", "country": "",
            "description": "", "verified": "on"}
    for prefix, rows, fields in [("aliases", aliases, ["alias"]),
                                 ("roles", roles, ["title", "start_date"])]:
        data.update({f"{prefix}-TOTAL_FORMS": len(rows), f"{prefix}-INITIAL_FORMS": 0,
                     f"{prefix}-MIN_NUM_FORMS": 0, f"{prefix}-MAX_NUM_FORMS": 1000})
        for n, row in enumerate(rows):
            data.update({f"{prefix}-{n}-{k}": v for k, v in zip(fields, row, strict=True)})
            data[f"{prefix}-{n}-speaker"] = speaker.pk
    return data


def test_aliases_and_roles_added_on_the_speaker_page_reach_the_extractor(client, analyst,
                                                                         putin):
    from claims.services.extraction import registry_cache

    registry_cache.get()  # cached before the edit
    client.force_login(analyst)
    response = client.post(reverse("admin:claims_speaker_change", args=[putin.pk]),
                           _speaker_form(putin, aliases=[("The Russian leader",)],
                                         roles=[("President of Russia", "2012-05-07")]))
    assert response.status_code == 302, response.content[:3000]
    assert list(putin.aliases.values_list("alias", flat=True)) == ["The Russian leader"]
    assert putin.roles.get().title == "President of Russia"
    assert registry_cache.get().resolve("The Russian leader").name == "Vladimir Putin"


def test_the_services_refuse_roles_without_the_permission(viewer, editor, putin):
    for user in (viewer, editor):
        with pytest.raises(PermissionDenied):
            speaker_detail_save(detail=SpeakerAlias(speaker=putin, alias="VVP"), user=user)
    alias = SpeakerAlias.objects.create(speaker=putin, alias="VVP")
    with pytest.raises(PermissionDenied):
        speaker_detail_delete(detail=alias, user=viewer)
    assert SpeakerAlias.objects.filter(pk=alias.pk).exists()


def test_deleting_a_role_from_its_own_page(client, analyst, putin):
    role = Role.objects.create(speaker=putin, title="Prime Minister of Russia")
    client.force_login(analyst)
    response = client.post(reverse("admin:claims_role_delete", args=[role.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert not Role.objects.filter(pk=role.pk).exists()
    assert Speaker.objects.filter(pk=putin.pk).exists()
