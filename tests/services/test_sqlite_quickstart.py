"""The embedded default serves every main feature: on a real SQLite file (a subprocess, since
the suite itself runs on PostgreSQL) quotes are grouped, negations kept apart, search falls back
to a contains match and says so, and a reviewed article's body is refused with a message."""
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = r'''
import json
from datetime import UTC, datetime
from django.core.exceptions import ValidationError
from django.db import connection
from claims import selectors
from claims.models import Article, Claim, Quote, Speaker
from claims.services.grouping import quotes_group

putin = Speaker.objects.create(name="Vladimir Putin", verified=True)
made = []
for n, words in enumerate(["Moscow is not forming a military alliance with China",
                           "Moscow is not forming a military alliance with China",
                           "Moscow is forming a military alliance with China"]):
    body = f"Putin said that {words}. Report {n}."
    # Each report on a day of its own: a changed position is one speaker's over time.
    article = Article.objects.create(title=f"t{n}", body=body, content_hash=f"{n:064d}",
                                     published_at=datetime(2023, 3, n + 1, tzinfo=UTC))
    start = body.index(words)
    quote = Quote.objects.create(article=article, start=start, end=start + len(words),
                                 text=words, kind="indirect", cue="said")
    quote.speakers.set([putin])
    quotes_group(quote_ids=[quote.pk])
    made.append(Quote.objects.get(pk=quote.pk).claim_id)
results = selectors.search("alliance")
first = Article.objects.get(title="t0")
Quote.objects.filter(article=first).update(review_status="confirmed")
first.body = "Something else."
try:
    first.save()
    refused = None
except ValidationError as exc:
    refused = exc.messages[0]
print(json.dumps({"vendor": connection.vendor, "claims": made,
                  "relations": list(Claim.objects.get(pk=made[2]).relations_out
                                    .values_list("type", flat=True)),
                  "mode": results.mode, "note": results.note,
                  "found": results.quotes.count(), "refused": refused}))
'''


def test_the_sqlite_quick_start_groups_searches_and_guards(tmp_path):
    env = dict(os.environ, DATABASE_URL=f"sqlite:///{tmp_path / 'quick.sqlite3'}",
               VAR_DIR=str(tmp_path), LOG_LEVEL="WARNING")
    env.pop("CELERY_BROKER_URL", None)
    manage = [sys.executable, "manage.py"]
    subprocess.run(manage + ["migrate", "--noinput"], cwd=ROOT, env=env, check=True,
                   capture_output=True)
    out = subprocess.run(manage + ["shell", "-c", SCRIPT], cwd=ROOT, env=env, check=True,
                         capture_output=True, text=True).stdout
    got = json.loads(out.strip().splitlines()[-1])
    assert got["vendor"] == "sqlite"
    same, again, negated = got["claims"]
    assert same == again and negated != same
    assert got["relations"] == ["contradicts"]
    assert got["mode"] == "contains" and "needs PostgreSQL" in got["note"]
    assert got["found"] == 3
    assert "cannot change" in got["refused"]
