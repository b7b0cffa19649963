"""`manage.py extract [--jsonl] [--date YYYY-MM-DD] [--jobs N] [--model NAME] [--registry] FILE...`

A thin face over :func:`claims.extraction.batch.extract_files`: prints, per quote, the JSON
record ``../shared/eval/score.py`` reads (``--jsonl``) or a readable table.  Nothing is stored.
"""

from datetime import date

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from claims.extraction.batch import extract_files
from claims.extraction.cli import add_arguments as add_extraction_arguments
from claims.extraction.cli import print_results
from claims.extraction.model import ModelNotInstalled


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"--date: not a date (YYYY-MM-DD): {value!r}", returncode=2) from exc


class Command(BaseCommand):
    help = (
        "Extract attributed quotes and reported speech from UTF-8 text files. Prints one JSON "
        "object per quote with --jsonl, else a table; per-file errors go to stderr and make the "
        "exit status 1."
    )

    def add_arguments(self, parser):
        add_extraction_arguments(parser, date_type=str)  # the same arguments as the library's
        parser.add_argument("--registry", action="store_true",
                            help="link speakers to the speaker registry in the database")

    def handle(self, *args, files, jsonl=False, date=None, jobs=None, model=None,
               registry=False, **opts):
        published = _date(date) if date else None
        speaker_registry = None
        if registry:
            from claims.selectors import speaker_registry as build_registry

            speaker_registry = build_registry()
        try:
            results = extract_files(
                files, published=published, jobs=jobs, model_name=model or settings.SPACY_MODEL,
                registry=speaker_registry,
            )
            status = print_results(results, jsonl, out=self.stdout, err=self.stderr)
        except ModelNotInstalled as exc:
            raise CommandError(str(exc), returncode=2) from exc
        if status:
            raise CommandError("some files could not be read (see above)", returncode=status)
