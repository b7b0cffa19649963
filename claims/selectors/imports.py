"""Reads of the editors' import pages: what extraction made of a run's articles."""
from dataclasses import dataclass

from django.db.models import Count, Q

from claims.models import Article, ImportItem, ImportRun


@dataclass(frozen=True)
class RunExtraction:
    articles: int
    extracted: int
    quotes: int
    not_extracted: int
    failed: int
    waiting: int

    def __str__(self) -> str:
        if not self.articles:
            return ""
        parts = [f"{self.extracted} extracted ({self.quotes} quotes)"]
        if self.not_extracted:
            parts.append(f"{self.not_extracted} not extracted")
        if self.failed:
            parts.append(f"{self.failed} failed")
        if self.waiting:
            parts.append(f"{self.waiting} waiting")
        noun = "article" if self.articles == 1 else "articles"
        return f"Extraction of {self.articles} {noun}: " + ", ".join(parts) + "."


def import_run_extraction(*, run: ImportRun) -> RunExtraction:
    """How extraction went for the articles a run created or found: one query, whatever the
    number of items."""
    status = Article.Extraction
    counts = (Article.objects.filter(pk__in=run.items.exclude(article=None).values("article_id"))
              .aggregate(
                  articles=Count("id", distinct=True),
                  extracted=Count("id", distinct=True, filter=Q(extraction_status=status.DONE)),
                  not_extracted=Count("id", distinct=True,
                                      filter=Q(extraction_status=status.SKIPPED)),
                  failed=Count("id", distinct=True, filter=Q(extraction_status=status.FAILED)),
                  waiting=Count("id", distinct=True, filter=Q(extraction_status=status.PENDING)),
                  quotes=Count("quotes", distinct=True),
              ))
    return RunExtraction(**counts)


def import_run_items():
    """A run's items, each with the number of quotes its article has (`quotes`), for one
    prefetch query whatever their number."""
    return ImportItem.objects.annotate(quotes=Count("article__quotes")).order_by("pk")
