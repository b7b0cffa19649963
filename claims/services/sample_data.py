"""The starting registry and sample articles shipped with the project (claims/sample_data/)."""
import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils.dateparse import parse_datetime

from claims.services.articles import article_store
from claims.services.speakers import RoleSpec, SpeakerSpec, speaker_upsert

SAMPLE_DIR = Path(__file__).resolve().parent.parent / "sample_data"
# The article this project was conceived from lives in the shared folder beside the checkout;
# it is other people's text, so it is read from there and never copied into the repo.
SEED_ARTICLE = Path(settings.SHARED_DIR) / "samples" / "putin-china-interview.txt"


@dataclass
class SampleDataReport:
    speakers_created: int = 0
    speakers_updated: int = 0
    articles_created: int = 0
    articles_existing: int = 0
    notes: list[str] = field(default_factory=list)


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _speaker_specs() -> list[SpeakerSpec]:
    data = json.loads((SAMPLE_DIR / "speakers.json").read_text(encoding="utf-8"))
    return [
        SpeakerSpec(
            name=item["name"],
            kind=item["kind"],
            qid=item.get("qid"),
            country=item.get("country", ""),
            aliases=tuple(item.get("aliases", ())),
            roles=tuple(
                RoleSpec(
                    title=r["title"],
                    start=_day(r.get("start")),
                    end=_day(r.get("end")),
                    organisation=r.get("organisation", ""),
                    country=r.get("country", ""),
                )
                for r in item.get("roles", ())
            ),
        )
        for item in data["speakers"]
    ]


@transaction.atomic
def sample_data_load(*, seed_article: Path = SEED_ARTICLE) -> SampleDataReport:
    """Load the registry and the sample articles; running it again changes nothing."""
    report = SampleDataReport()
    for spec in _speaker_specs():
        _, created = speaker_upsert(spec=spec)
        if created:
            report.speakers_created += 1
        else:
            report.speakers_updated += 1

    articles = json.loads((SAMPLE_DIR / "articles.json").read_text(encoding="utf-8"))["articles"]
    for item in articles:
        stored = article_store(
            title=item["title"],
            body=item["body"],
            url=item["url"],
            published_at=parse_datetime(item["published_at"]),
            byline=item.get("byline", ""),
            outlet_name=item.get("outlet", ""),
            language="en",
        )
        report.articles_created += stored.created
        report.articles_existing += not stored.created

    if seed_article.is_file():
        text = seed_article.read_text(encoding="utf-8")
        title, _, body = text.partition("\n")
        stored = article_store(title=title.strip(), body=body.strip("\n"), language="en")
        report.articles_created += stored.created
        report.articles_existing += not stored.created
    else:
        report.notes.append(f"seed article not found at {seed_article}; skipped")
    return report
