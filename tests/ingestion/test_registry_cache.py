"""The speaker registry a worker extracts with: curated entries only, cached per process,
and an analyst's edit in this process seen at once."""
from datetime import date

import pytest

from claims import selectors
from claims.models import Speaker, SpeakerAlias
from claims.services.extraction import registry_cache

pytestmark = pytest.mark.django_db


def test_unverified_speakers_stay_out_of_the_registry():
    Speaker.objects.create(name="Lloyd Austin", verified=True)
    Speaker.objects.create(name="Pavel Zarubin", verified=False)
    assert [e.name for e in selectors.speaker_registry().entries] == ["Lloyd Austin"]


def test_the_registry_is_read_in_three_queries(django_assert_num_queries):
    for i in range(20):
        speaker = Speaker.objects.create(name=f"Person {i}", verified=True)
        SpeakerAlias.objects.create(speaker=speaker, alias=f"P{i}")
        speaker.roles.create(title=f"Minister {i}", start_date=date(2020, 1, 1))
    with django_assert_num_queries(3):
        registry = selectors.speaker_registry()
    assert len(registry) == 20


def test_an_alias_added_here_is_used_at_once():
    austin = Speaker.objects.create(name="Lloyd Austin", verified=True)
    first = registry_cache.get()
    assert registry_cache.get() is first  # cached
    SpeakerAlias.objects.create(speaker=austin, alias="the Pentagon chief")
    registry = registry_cache.get()
    assert registry is not first
    entry = registry.resolve("the Pentagon chief")
    assert entry is not None and entry.name == "Lloyd Austin"
