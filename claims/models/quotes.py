"""What was said: a span of an article's body attributed to one or more speakers."""
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords


class Quote(models.Model):
    class Kind(models.TextChoices):
        DIRECT = "direct", "Direct"
        INDIRECT = "indirect", "Indirect (reported)"
        MIXED = "mixed", "Mixed"

    class Review(models.TextChoices):
        EXTRACTED = "extracted", "Extracted, not reviewed"
        CONFIRMED = "confirmed", "Confirmed"
        REJECTED = "rejected", "Rejected"
        EDITED = "edited", "Edited by an analyst"

    article = models.ForeignKey("claims.Article", on_delete=models.CASCADE, related_name="quotes")
    start = models.PositiveIntegerField(help_text="Character offset into the article body")
    end = models.PositiveIntegerField(help_text="Exclusive end offset into the article body")
    text = models.TextField(help_text="Always equal to article.body[start:end]")
    kind = models.CharField(max_length=8, choices=Kind.choices)
    cue = models.CharField(max_length=100, blank=True, help_text="The reporting verb or phrase")
    speaker_mention = models.CharField(max_length=300, blank=True)
    mention_start = models.PositiveIntegerField(null=True, blank=True)
    mention_end = models.PositiveIntegerField(null=True, blank=True)
    speaker_name = models.CharField(
        max_length=500, blank=True, help_text="The resolved name as the extractor found it"
    )
    speakers = models.ManyToManyField("claims.Speaker", blank=True, related_name="quotes")
    confidence = models.FloatField(default=0.5)
    review_status = models.CharField(
        max_length=10, choices=Review.choices, default=Review.EXTRACTED
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    extractor_version = models.CharField(max_length=40, blank=True)
    claim = models.ForeignKey(
        "claims.Claim", null=True, blank=True, on_delete=models.SET_NULL, related_name="quotes"
    )
    # An analyst put this quote in its claim (created, moved, merged, split): grouping leaves it
    # there, and re-extraction keeps the quote.
    claim_pinned = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(m2m_fields=[speakers])

    class Meta:
        ordering = ["article", "start"]
        permissions = [("review_quote", "Can confirm, reject and edit extracted quotes")]
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="quote_span_not_empty"),
            models.CheckConstraint(
                condition=Q(mention_start__isnull=True, mention_end__isnull=True)
                | Q(mention_end__gt=F("mention_start")),
                name="quote_mention_span_valid",
            ),
            models.CheckConstraint(
                condition=Q(confidence__gte=0) & Q(confidence__lte=1),
                name="quote_confidence_range",
            ),
            models.UniqueConstraint(
                fields=["article", "start", "end"], name="quote_unique_span_per_article"
            ),
            # Offsets inside the body and text == body slice are enforced by a PostgreSQL
            # trigger (migration 0002), since a CHECK cannot read the article row.
        ]
        indexes = [
            models.Index(fields=["review_status"], name="quote_review_idx"),
            models.Index(fields=["claim"], name="quote_claim_idx"),
        ]

    def __str__(self):
        who = self.speaker_name or self.speaker_mention or "unknown speaker"
        text = self.text if len(self.text) <= 80 else self.text[:77] + "..."
        return f"{who}: {text}"

    def clean(self):
        body = self.article.body if self.article_id else None
        if body is None:
            return
        if self.start is None or self.end is None:
            return
        if not (0 <= self.start < self.end <= len(body)):
            raise ValidationError(
                f"Offsets {self.start}:{self.end} lie outside the article body "
                f"(0:{len(body)})."
            )
        if self.text != body[self.start : self.end]:
            raise ValidationError("The quote text must equal the article body between its offsets.")
