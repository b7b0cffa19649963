"""Database-level rules a CHECK constraint cannot express, because they read another row.

- A quote's offsets lie inside its article's body, and its text is that slice of the body.
- An article's body does not change under a quote an analyst confirmed or edited
  (offsets would silently point at other words).

PostgreSQL only: on the SQLite quick start the services validate the same rules in Python.
"""
from django.db import migrations

QUOTE_FN = """
CREATE OR REPLACE FUNCTION claims_quote_offsets_check() RETURNS trigger AS $$
DECLARE
    body_text text;
BEGIN
    SELECT body INTO body_text FROM claims_article WHERE id = NEW.article_id;
    -- An empty or reversed span is left to the quote_span_not_empty CHECK constraint.
    IF NEW.start < 0 OR NEW."end" > char_length(body_text) THEN
        RAISE EXCEPTION 'quote offsets %:% lie outside the article body (0:%)',
            NEW.start, NEW."end", char_length(body_text)
            USING ERRCODE = 'check_violation';
    END IF;
    IF NEW."end" > NEW.start AND substr(body_text, NEW.start + 1, NEW."end" - NEW.start) <> NEW.text THEN
        RAISE EXCEPTION 'quote text differs from the article body at %:%', NEW.start, NEW."end"
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER claims_quote_offsets_check
    BEFORE INSERT OR UPDATE OF start, "end", text, article_id ON claims_quote
    FOR EACH ROW EXECUTE FUNCTION claims_quote_offsets_check();

CREATE OR REPLACE FUNCTION claims_article_body_guard() RETURNS trigger AS $$
BEGIN
    IF NEW.body IS DISTINCT FROM OLD.body AND EXISTS (
        SELECT 1 FROM claims_quote
        WHERE article_id = OLD.id AND review_status IN ('confirmed', 'edited')
    ) THEN
        RAISE EXCEPTION 'article % has reviewed quotes; its body cannot change', OLD.id
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER claims_article_body_guard
    BEFORE UPDATE OF body ON claims_article
    FOR EACH ROW EXECUTE FUNCTION claims_article_body_guard();
"""

DROP = """
DROP TRIGGER IF EXISTS claims_quote_offsets_check ON claims_quote;
DROP FUNCTION IF EXISTS claims_quote_offsets_check();
DROP TRIGGER IF EXISTS claims_article_body_guard ON claims_article;
DROP FUNCTION IF EXISTS claims_article_body_guard();
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(QUOTE_FN, params=None)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [("claims", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
