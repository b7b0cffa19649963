"""PostgreSQL search: full-text (GIN over an English tsvector) on quotes, claims and article
titles, and trigram similarity (pg_trgm) on speaker names and aliases.

The index expressions are exactly what django.contrib.postgres's SearchVector(config="english")
emits, so the planner uses them. PostgreSQL only; on SQLite the selectors that need these say so instead of failing
(claims.selectors.FeatureUnavailable).
"""
from django.db import migrations

CREATE = """
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX IF NOT EXISTS quote_text_fts ON claims_quote
    USING gin (to_tsvector('english'::regconfig, COALESCE(text, '')));
CREATE INDEX IF NOT EXISTS claim_text_fts ON claims_claim
    USING gin (to_tsvector('english'::regconfig, COALESCE(text, '')));
CREATE INDEX IF NOT EXISTS article_title_fts ON claims_article
    USING gin (to_tsvector('english'::regconfig, COALESCE(title, '')));
CREATE INDEX IF NOT EXISTS speaker_name_trgm ON claims_speaker USING gin (name gin_trgm_ops);
CREATE INDEX IF NOT EXISTS alias_trgm ON claims_speakeralias USING gin (alias gin_trgm_ops);
"""
DROP = """
DROP INDEX IF EXISTS quote_text_fts;
DROP INDEX IF EXISTS claim_text_fts;
DROP INDEX IF EXISTS article_title_fts;
DROP INDEX IF EXISTS speaker_name_trgm;
DROP INDEX IF EXISTS alias_trgm;
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [("claims", "0003_role_groups")]
    operations = [migrations.RunPython(forwards, backwards)]
