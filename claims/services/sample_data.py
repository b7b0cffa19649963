"""The starting registry and sample articles shipped with the project (claims/sample_data/)."""
import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.conf import settings
from django.utils.dateparse import parse_datetime

from claims.ingest import RawArticle, article_from_text
from claims.models import ImportItem, ImportRun
from claims.services.ingestion import article_import, import_run_finish, import_run_start
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
    topics_created: int = 0
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


def _topics_load(report: SampleDataReport) -> None:
    """The sample topic tree (`topics.json`), each topic found by its slug, so a second load
    or an analyst's renaming changes nothing."""
    from claims.models import Topic
    from claims.services.topics import topic_slug

    def walk(items, parent):
        for item in items:
            topic, created = Topic.objects.get_or_create(
                slug=topic_slug(item["name"]), defaults={"name": item["name"], "parent": parent})
            report.topics_created += created
            walk(item.get("children", ()), topic)

    walk(json.loads((SAMPLE_DIR / "topics.json").read_text(encoding="utf-8"))["topics"], None)


def sample_data_load(*, seed_article: Path = SEED_ARTICLE) -> SampleDataReport:
    """Load the registry and the sample articles; running it again changes nothing."""
    report = SampleDataReport()
    for spec in _speaker_specs():
        _, created = speaker_upsert(spec=spec)
        if created:
            report.speakers_created += 1
        else:
            report.speakers_updated += 1

    # Through the ingestion service like any import, so sample articles are cleaned,
    # de-duplicated and extracted by the same rules.
    run = import_run_start(source=ImportRun.Source.SAMPLE, description="load_sample_data")
    sample = json.loads((SAMPLE_DIR / "articles.json").read_text(encoding="utf-8"))
    articles = sample["articles"]
    raws = [
        RawArticle(
            url=item["url"], title=item["title"], body=item["body"],
            published_at=parse_datetime(item["published_at"]), byline=item.get("byline", ""),
            outlet=item.get("outlet", ""), language="en", source=item["url"],
        )
        for item in articles
    ]
    if seed_article.is_file():
        seed = article_from_text(seed_article.read_text(encoding="utf-8"),
                                 source=str(seed_article))
        # The text file has no outlet or date: without them "first seen", ClaimReview's dates
        # and "changed position" would take the day it was loaded.
        seed.outlet = sample["seed"]["outlet"]
        seed.published_at = parse_datetime(sample["seed"]["published_at"])
        raws.append(seed)
    else:
        report.notes.append(f"seed article not found at {seed_article}; skipped")
    for raw in raws:
        item = article_import(run=run, raw=raw)
        report.articles_created += item.outcome == ImportItem.Outcome.CREATED
        report.articles_existing += item.outcome == ImportItem.Outcome.DUPLICATE
    import_run_finish(run=run)
    _topics_load(report)
    return report
