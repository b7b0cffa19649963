"""The quick start (no broker) answers `POST /api/v1/articles/` at once and extracts the
article after the response, in a thread of the process: the request is not held while the
article is parsed (a 1.5 MB paste held it 8 minutes when extraction ran inside it)."""
import threading

import pytest
from rest_framework.test import APIClient

from claims.api.auth import api_token_issue
from claims.models import Article
from claims.services import background
from claims.services import extraction as extraction_service

pytestmark = [pytest.mark.sqlite]

BODY = ("\"We will not change course,\" Pavel Zarubin told reporters in the capital on Monday, "
        "rejecting reports of an alliance published by several newspapers last week. "
        "Officials in Washington said they were watching the situation closely.\n\n")


def test_a_pasted_article_is_answered_before_it_is_extracted(transactional_db, editor, settings,
                                                             monkeypatch):
    settings.TASKS_IN_BACKGROUND = True
    released = threading.Event()
    real = extraction_service.articles_extract

    def held_extraction(**kwargs):
        # The extraction waits until the response has come back: were it run inside the
        # request, the request would never come back (and the wait below would time out).
        assert released.wait(60), "the response never came back"
        return real(**kwargs)

    monkeypatch.setattr(extraction_service, "articles_extract", held_extraction)
    token, _ = api_token_issue(username=editor.get_username())
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    body = BODY * 200  # about 50 kB
    response = api.post("/api/v1/articles/", {"title": "Envoy rejects report", "body": body},
                        format="json")
    assert response.status_code == 202, response.content
    article = Article.objects.get()
    assert article.extraction_status == Article.Extraction.PENDING
    assert article.extraction_queued_at is not None  # handed to the thread, not lost

    released.set()
    assert background.wait(timeout=240), "the background tasks did not finish"
    article.refresh_from_db()
    assert article.extraction_status == Article.Extraction.DONE, article.extraction_note
    assert article.quotes.filter(speaker_name="Pavel Zarubin").exists()
