"""The one-statement writes grouping uses (claims/services/bulk_sql.py), with their arrays bound
as literals (claims/sql_arrays.py): what goes in is what is stored, whatever the text holds."""
from datetime import UTC, datetime

import pytest
from django.db import connection

from claims.models import Claim, ClaimWording
from claims.services.bulk_sql import columns_set, rows_insert_new
from claims.sql_arrays import text_array

pytestmark = pytest.mark.django_db

AWKWARD = ['plain', '', 'NULL', 'a "quoted" word', 'back\\slash \\" both', 'comma, {brace}',
           "it's", '  spaces  ', 'Зеленський — “curly” «marks»', '\\', '"']


def test_a_text_array_literal_reads_back_as_the_same_strings():
    with connection.cursor() as cursor:
        cursor.execute("SELECT %s::text[]", [text_array([*AWKWARD, None])])
        assert cursor.fetchone()[0] == [*AWKWARD, None]


def test_wordings_with_awkward_text_are_inserted_and_claims_updated_as_given():
    claims = [Claim.objects.create(text=f"claim {n}") for n in range(len(AWKWARD))]
    made = rows_insert_new(ClaimWording, ["claim", "speaker_key", "normalized"],
                           [(c.pk, "12", text) for c, text in zip(claims, AWKWARD, strict=True)],
                           ["id", "normalized"])
    assert sorted(text for _, text in made) == sorted(AWKWARD)
    seen = datetime(2023, 3, 1, 8, tzinfo=UTC)
    columns_set(Claim, ["text", "appearance_count", "first_seen"],
                {c.pk: (f"{text}!", n, seen if n % 2 else None)
                 for n, (c, text) in enumerate(zip(claims, AWKWARD, strict=True))})
    for n, (claim, text) in enumerate(zip(claims, AWKWARD, strict=True)):
        claim.refresh_from_db()
        assert (claim.text, claim.appearance_count) == (f"{text}!", n)
        assert claim.first_seen == (seen if n % 2 else None)
