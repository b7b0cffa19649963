"""Where articles come from: outlets, feeds, import runs, and the articles themselves."""
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q


class Outlet(models.Model):
    name = models.CharField(max_length=200, unique=True)
    domain = models.CharField(
        max_length=253, blank=True, help_text="Host name without 'www.', e.g. reuters.com"
    )
    country = models.CharField(max_length=2, blank=True, help_text="ISO 3166-1 alpha-2")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["domain"], condition=~Q(domain=""), name="outlet_domain_unique"
            )
        ]

    def __str__(self):
        return self.name


class Feed(models.Model):
    """An RSS or Atom feed polled on a schedule kept in django-celery-beat."""

    url = models.URLField(max_length=2000, unique=True)
    title = models.CharField(max_length=300, blank=True)
    outlet = models.ForeignKey(Outlet, null=True, blank=True, on_delete=models.SET_NULL)
    enabled = models.BooleanField(default=True)
    etag = models.CharField(max_length=500, blank=True)
    last_modified = models.CharField(max_length=100, blank=True)
    last_polled_at = models.DateTimeField(null=True, blank=True)
    last_status = models.CharField(max_length=100, blank=True)
    last_error = models.TextField(blank=True)
    consecutive_failures = models.PositiveIntegerField(default=0)
    schedule = models.OneToOneField(
        "django_celery_beat.PeriodicTask",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="feed",
        help_text="The beat entry that polls this feed; edit its interval in Periodic tasks.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["url"]

    def __str__(self):
        return self.title or self.url


class ImportRun(models.Model):
    """One request to bring articles in, and what became of each item."""

    class Source(models.TextChoices):
        PASTE = "paste", "Pasted text"
        UPLOAD = "upload", "Uploaded files"
        URLS = "urls", "List of URLs"
        CLI = "cli", "Command line"
        FEED = "feed", "Feed poll"
        API = "api", "REST API"
        SAMPLE = "sample", "Sample data"

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        PARTIAL = "partial", "Done with failures"
        FAILED = "failed", "Failed"

    source = models.CharField(max_length=10, choices=Source.choices)
    description = models.CharField(max_length=500, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    feed = models.ForeignKey(Feed, null=True, blank=True, on_delete=models.SET_NULL)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    created_count = models.PositiveIntegerField(default=0)
    duplicate_count = models.PositiveIntegerField(default=0)
    failed_count = models.PositiveIntegerField(default=0)
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-started_at"]
        indexes = [models.Index(fields=["-started_at"], name="importrun_started_idx")]

    def __str__(self):
        return f"{self.get_source_display()} import #{self.pk} ({self.get_status_display()})"


class ImportItem(models.Model):
    """One item of an import run: a file, a row, a URL, a feed entry."""

    class Outcome(models.TextChoices):
        PENDING = "pending", "Pending"
        CREATED = "created", "Created"
        DUPLICATE = "duplicate", "Duplicate"
        FAILED = "failed", "Failed"
        SKIPPED = "skipped", "Skipped"

    run = models.ForeignKey(ImportRun, on_delete=models.CASCADE, related_name="items")
    source = models.CharField(max_length=2000, help_text="File and row, URL or feed entry")
    outcome = models.CharField(max_length=10, choices=Outcome.choices, default=Outcome.PENDING)
    article = models.ForeignKey(
        "claims.Article", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["run", "id"]
        constraints = [
            # A rerun of the same import resumes item by item instead of adding copies.
            models.UniqueConstraint(fields=["run", "source"], name="importitem_run_source_unique")
        ]

    def __str__(self):
        return f"{self.source}: {self.get_outcome_display()}"


class Article(models.Model):
    """An article's clean text: every quote offset points into `body`."""

    class Extraction(models.TextChoices):
        PENDING = "pending", "Pending"
        DONE = "done", "Done"
        SKIPPED = "skipped", "Skipped"
        FAILED = "failed", "Failed"

    outlet = models.ForeignKey(Outlet, null=True, blank=True, on_delete=models.SET_NULL)
    url = models.URLField(max_length=2000, blank=True)
    canonical_url = models.URLField(max_length=2000, null=True, blank=True)
    title = models.CharField(max_length=500)
    byline = models.CharField(max_length=500, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    language = models.CharField(max_length=8, blank=True, help_text="ISO 639-1, e.g. en")
    body = models.TextField()
    content_hash = models.CharField(
        max_length=64, help_text="sha256 of the normalised body; one article per text"
    )
    import_run = models.ForeignKey(
        ImportRun, null=True, blank=True, on_delete=models.SET_NULL, related_name="articles"
    )
    extraction_status = models.CharField(
        max_length=10, choices=Extraction.choices, default=Extraction.PENDING
    )
    extraction_note = models.TextField(blank=True)
    extractor_version = models.CharField(max_length=40, blank=True)
    extracted_at = models.DateTimeField(null=True, blank=True)
    # Set when its extraction was handed to the broker: a pending article without it was never
    # queued (the importer died first), and is queued again by a rerun or the sweep.
    extraction_queued_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-published_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["canonical_url"], name="article_canonical_url_unique"),
            models.UniqueConstraint(fields=["content_hash"], name="article_content_hash_unique"),
            models.CheckConstraint(condition=~Q(body=""), name="article_body_not_empty"),
        ]
        indexes = [
            models.Index(fields=["-published_at"], name="article_published_idx"),
            models.Index(fields=["outlet", "-published_at"], name="article_outlet_published_idx"),
            models.Index(fields=["extraction_status"], name="article_extraction_idx"),
        ]

    def __str__(self):
        date = f" ({self.published_at:%Y-%m-%d})" if self.published_at else ""
        return f"{self.title}{date}"

    def save(self, *args, **kwargs):
        fields = kwargs.get("update_fields")
        if fields is None or "body" in fields:
            error = self.body_change_error()
            if error:
                raise error
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        error = self.body_change_error()
        if error:
            raise error

    def reviewed_quote_count(self) -> int:
        from claims.models.quotes import Quote

        return self.quotes.filter(
            review_status__in=[Quote.Review.CONFIRMED, Quote.Review.EDITED]).count()

    def body_change_error(self) -> ValidationError | None:
        """Why this (unsaved) body may not replace the stored one, or None.

        Offsets of quotes an analyst confirmed or edited point into the stored text; another
        text would make them point at other words. PostgreSQL refuses it too (a trigger,
        migration 0002); this check gives every database, SQLite included, the same rule and a
        message a person can act on.
        """
        if self.pk is None or "body" in self.get_deferred_fields():
            return None
        stored = type(self).objects.filter(pk=self.pk).values_list("body", flat=True).first()
        if stored is None or stored == self.body:
            return None
        reviewed = self.reviewed_quote_count()
        if not reviewed:
            return None
        return ValidationError(
            {"body": f"The text cannot change: {reviewed} of this article's quotes were "
                     "confirmed or edited by an analyst, and their offsets point into the "
                     "current text. Import the new version as another article instead."},
            code="body_locked",
        )


class ArticleAppearance(models.Model):
    """Another place the same text was published (syndication): one article, many URLs."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="appearances")
    outlet = models.ForeignKey(Outlet, null=True, blank=True, on_delete=models.SET_NULL)
    url = models.URLField(max_length=2000)
    canonical_url = models.URLField(max_length=2000, unique=True)
    published_at = models.DateTimeField(null=True, blank=True)
    seen_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["article", "seen_at"]

    def __str__(self):
        return f"{self.article.title} at {self.canonical_url}"
