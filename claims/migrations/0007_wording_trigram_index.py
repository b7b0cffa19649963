"""The trigram index that finds a new quote's candidate claims (claims.services.grouping):
GIN over ClaimWording.normalized with gin_trgm_ops, so `normalized % 'new words'` reads the
index instead of scanning every wording. PostgreSQL only; on SQLite the same algorithm runs in
Python over that speaker's wordings (claims.grouping.similarity)."""
from django.db import migrations

CREATE = """
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX IF NOT EXISTS wording_normalized_trgm ON claims_claimwording
    USING gin (normalized gin_trgm_ops);
"""
DROP = "DROP INDEX IF EXISTS wording_normalized_trgm;"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [("claims", "0006_claims_grouping")]
    operations = [migrations.RunPython(forwards, backwards)]
