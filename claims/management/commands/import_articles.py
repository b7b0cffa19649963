"""`manage.py import_articles [--json] PATH_OR_URL...`: files, folders and URLs in one run."""
import json
import sys

from django.core.management.base import BaseCommand
from tqdm import tqdm

from claims.ingest import count_items, is_http_url
from claims.models import ImportRun
from claims.services.ingestion import import_run_start, import_run_summary, import_sources


class Command(BaseCommand):
    help = (
        "Import articles from .txt (first line the headline), .html, .json, .ndjson and .csv "
        "files (columns url, title, body, published_at, outlet, byline), folders and URLs. "
        "Exit status 0 when every item was imported or was a duplicate, 1 when some failed "
        "(the others are still imported), 2 on a usage error, 3 when all were stored but the "
        "extraction of some could not be queued (the broker did not answer; the "
        "extract_pending sweep queues them once it does)."
    )

    def add_arguments(self, parser):
        parser.add_argument("sources", nargs="+", metavar="PATH_OR_URL")
        parser.add_argument("--json", action="store_true", dest="as_json",
                            help="print the summary as a JSON object")

    def handle(self, *args, sources, as_json: bool = False, **options):
        total = sum(1 if is_http_url(s) else _count(s) for s in sources)
        run = import_run_start(source=ImportRun.Source.CLI,
                               description="import_articles " + " ".join(sources))
        bar = tqdm(total=total, unit="item", file=sys.stderr, disable=total < 20,
                   desc="importing")
        run = import_sources(run=run, sources=sources, progress=lambda item: bar.update(1))
        bar.close()
        summary = import_run_summary(run=run)
        if as_json:
            self.stdout.write(json.dumps(summary.as_dict(), ensure_ascii=False))
        else:
            self.stdout.write(
                f"import run #{run.pk}: {summary.created} created, {summary.duplicates} "
                f"duplicates, {summary.failed} failed"
            )
            for failure in summary.failures:
                self.stdout.write(f"  failed: {failure['source']}: {failure['reason']}")
            if summary.not_queued:
                self.stdout.write(
                    f"  not queued: the extraction of {summary.not_queued} stored articles "
                    "could not be queued (the broker did not answer); the extract_pending "
                    "sweep queues them once it answers, no rerun needed")
        if summary.failed:
            sys.exit(1)
        if summary.not_queued:
            sys.exit(3)


def _count(path: str) -> int:
    try:
        return count_items(path)
    except (OSError, ValueError):
        return 1

