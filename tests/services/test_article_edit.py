"""article_edit: an editor's change to an article keeps the two keys that make it one article
(its text's hash, its canonical URL) true, refuses another article's, and is all or nothing."""
import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from claims.ingest.hashing import content_hash
from claims.models import Article
from claims.services.articles import article_edit
from claims.services.quotes import quote_confirm

pytestmark = pytest.mark.django_db

TEXT = ("Minister rejects alliance talk\n\n\"There is no alliance and there will be none,\" "
        "said Jane Holloway, a spokeswoman for the ministry.")


@pytest.fixture
def stored(db):
    return Article.objects.create(title="Minister rejects alliance talk", body=TEXT,
                                  content_hash=content_hash(TEXT), language="en",
                                  url="https://news.example.com/a",
                                  canonical_url="https://news.example.com/a")


def test_a_new_text_gets_its_hash_again_and_is_extracted_again(stored, editor,
                                                                django_capture_on_commit_callbacks):
    new = TEXT + " \"We keep nothing secret,\" she added."
    with django_capture_on_commit_callbacks(execute=True) as queued:
        article_edit(article_id=stored.pk, user=editor, body=new)
    stored.refresh_from_db()
    assert stored.body == new and stored.content_hash == content_hash(new)
    assert queued, "the new text is queued for extraction"
    assert stored.quotes.filter(text__contains="We keep nothing secret").exists()


def test_a_typed_canonical_url_is_canonicalised(stored, editor):
    article_edit(article_id=stored.pk, user=editor,
                 canonical_url="HTTPS://WWW.News.Example.com/story?utm_source=x&id=7#top")
    stored.refresh_from_db()
    assert stored.canonical_url == "https://www.news.example.com/story?id=7"


def test_another_articles_text_or_url_is_refused_and_nothing_changes(stored, editor):
    other_text = "Another report\n\nNothing was said about it."
    other = Article.objects.create(title="Another report", body=other_text,
                                   content_hash=content_hash(other_text), language="en",
                                   canonical_url="https://news.example.com/b")
    with pytest.raises(ValidationError) as refused:
        article_edit(article_id=stored.pk, user=editor, title="Renamed", body=other_text)
    assert f"Article #{other.pk} has this text already" in refused.value.message_dict["body"][0]
    with pytest.raises(ValidationError) as refused:
        article_edit(article_id=stored.pk, user=editor,
                     canonical_url="https://news.example.com/b?utm_campaign=z")
    assert f"Article #{other.pk} has this canonical URL" in (
        refused.value.message_dict["canonical_url"][0])
    stored.refresh_from_db()
    assert (stored.title, stored.body, stored.canonical_url) == (
        "Minister rejects alliance talk", TEXT, "https://news.example.com/a")


def test_the_text_under_a_reviewed_quote_cannot_change(stored, editor, analyst):
    from claims.services.extraction import article_extract

    article_extract(article_id=stored.pk)
    quote_confirm(quote_id=stored.quotes.first().pk, user=analyst)
    with pytest.raises(ValidationError) as refused:
        article_edit(article_id=stored.pk, user=editor, body=TEXT + " More.")
    assert "cannot change" in refused.value.messages[0]
    stored.refresh_from_db()
    assert stored.body == TEXT


@pytest.mark.parametrize("role", ["analyst", "viewer"])
def test_only_editors_edit_articles(stored, request, role):
    with pytest.raises(PermissionDenied):
        article_edit(article_id=stored.pk, user=request.getfixturevalue(role), title="x")
    stored.refresh_from_db()
    assert stored.title == "Minister rejects alliance talk"
