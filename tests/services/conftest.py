"""Articles and quotes made directly (no spaCy), so each service is tried on exact input."""
import itertools
from datetime import UTC, datetime

import pytest

from claims.models import Article, Outlet, Quote, Speaker
from claims.services.grouping import REWORDED_REASON, quotes_group

_n = itertools.count()


def article(body: str, *, outlet: str = "Reuters", day: int = 1, month: int = 3) -> Article:
    return Article.objects.create(
        title=f"Article {next(_n)}", body=body, content_hash=f"{next(_n):064d}",
        outlet=Outlet.objects.get_or_create(name=outlet)[0],
        published_at=datetime(2023, month, day, 12, tzinfo=UTC))


def quote(art: Article, fragment: str, *speakers: Speaker, cue: str = "said",
          group: bool = True, **fields) -> Quote:
    start = art.body.index(fragment)
    q = Quote.objects.create(article=art, start=start, end=start + len(fragment), text=fragment,
                             kind=fields.pop("kind", Quote.Kind.INDIRECT), cue=cue,
                             speaker_name=" and ".join(s.name for s in speakers), **fields)
    q.speakers.set(speakers)
    if group:
        quotes_group(quote_ids=[q.pk])
        q.refresh_from_db()
    return q



def assert_reworded_records(claim) -> None:
    """The records of a claim whose wording grouping made fuller twice ("sector 70", then
    "sector 105"): the latest grouping's (no user), each fuller wording kept in order. Checked
    on both history paths (tests/services/test_grouping.py on PostgreSQL, tests/sqlite)."""
    latest = claim.history.first()
    assert (latest.history_type, latest.history_user, latest.history_change_reason,
            latest.text) == ("~", None, REWORDED_REASON, claim.text)
    assert [r.text for r in claim.history.filter(history_type="~").order_by("history_id")] == [
        "point 10 concerns sector 70 deeply", "point 15 concerns sector 105 deeply"]

def reported(speaker: Speaker, words: str, **kwargs) -> Quote:
    """`speaker` said `words`, in an article of its own (outlet and date in kwargs)."""
    art = article(f"{speaker.name} said that {words}. Officials declined to comment.",
                  **{k: kwargs.pop(k) for k in ("outlet", "day", "month") if k in kwargs})
    return quote(art, words, speaker, **kwargs)


@pytest.fixture
def cooperation(putin, settings) -> Quote:
    """Putin's long statement on military cooperation with China, reported in March, with the
    "same claim?" threshold set out of the trigram path's reach: what a shorter statement in
    other words (a headline, an excerpt, a paraphrase) is offered against, after commit."""
    settings.CLAIM_SUGGEST_THRESHOLD = 0.4
    return reported(putin, "Russia and China are developing their cooperation, including in "
                           "military matters, and all of it is done openly, with nothing kept "
                           "secret from our partners", month=3)
