"""Each quote's English tsvector stored beside its text (PostgreSQL only).

The "same claim in other words" look-up (claims.selectors.content) reads a speaker's quotes
and keeps those holding two of a statement's words. Matched against the expression
to_tsvector(text), each quote read was parsed and stemmed again, so the look-up went through
the full-text index instead: evaluating its OR of word pairs over the posting lists of the
batch's words took about 20 ms a statement on the 840 polnear-train articles, 2 s and more a
batch, and a 2 s time limit cut it off (32 of 105 batches in one import on a busy machine).
Stored, the vector is read, not computed, and the speaker's own quotes are checked (about
2 ms a statement there). It is computed from the same expression as the search index of
migration 0004, which the quote search keeps using. Adding a stored generated column
rewrites the table (under an exclusive lock: seconds at 100,000 quotes).

The column is not a model field: Django never writes it (PostgreSQL computes it on every
insert and update of the text), and SQLite, which has no to_tsvector, has no such column.
"""
from django.db import migrations

ADD = """
ALTER TABLE claims_quote ADD COLUMN IF NOT EXISTS search_vector tsvector
    GENERATED ALWAYS AS (to_tsvector('english'::regconfig, COALESCE(text, ''))) STORED
"""
DROP = "ALTER TABLE claims_quote DROP COLUMN IF EXISTS search_vector"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(ADD, params=None)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [("claims", "0008_wording_band_no_db_constraint")]
    operations = [migrations.RunPython(forwards, backwards)]
