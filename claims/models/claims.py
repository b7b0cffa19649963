"""What is claimed: claims grouping quotes, topics, relations between claims, assessments."""
from django.conf import settings
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords


class Topic(models.Model):
    """A controlled, hierarchical vocabulary: 'Security' > 'Military alliances'."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=~Q(parent=F("id")), name="topic_not_own_parent"),
            models.UniqueConstraint(fields=["parent", "name"], name="topic_name_unique_in_parent"),
        ]

    def __str__(self):
        return f"{self.parent} > {self.name}" if self.parent_id else self.name


class Claim(models.Model):
    """A statement made once or many times, in one canonical wording."""

    text = models.TextField("canonical wording")
    speakers = models.ManyToManyField("claims.Speaker", blank=True, related_name="claims")
    topics = models.ManyToManyField(Topic, blank=True, related_name="claims")
    first_seen = models.DateTimeField(null=True, blank=True)
    last_seen = models.DateTimeField(null=True, blank=True)
    # Who speaks, as one comparable string ("12" or "12-40" for a joint statement; empty when
    # the speaker is unknown): a quote is only ever grouped with claims of the same key.
    speaker_key = models.CharField(max_length=200, blank=True, db_index=True)
    wording_by_analyst = models.BooleanField(
        default=False, help_text="The canonical wording was set by an analyst and is kept."
    )
    # Kept by claims.services.claims.claims_refresh, so lists sort on them without a join.
    appearance_count = models.PositiveIntegerField(
        default=0, help_text="Quotes of this claim, plus the syndicated copies of their articles"
    )
    outlet_count = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(m2m_fields=[speakers, topics])

    class Meta:
        ordering = ["-last_seen", "-id"]
        constraints = [
            models.CheckConstraint(condition=~Q(text=""), name="claim_text_not_empty"),
            models.CheckConstraint(
                condition=Q(first_seen__isnull=True)
                | Q(last_seen__isnull=True)
                | Q(last_seen__gte=F("first_seen")),
                name="claim_seen_dates_ordered",
            ),
        ]
        indexes = [
            models.Index(fields=["-last_seen"], name="claim_last_seen_idx"),
            models.Index(fields=["-appearance_count"], name="claim_appearances_idx"),
        ]

    def __str__(self):
        return self.text if len(self.text) <= 100 else self.text[:97] + "..."


class ClaimWording(models.Model):
    """A normalised wording a claim is known by: its canonical wording, each wording of the
    quotes that joined it, and those of claims merged into it. New quotes are matched against
    these (through their bands, below), so a merge still holds for the next outlet's report of
    the merged words."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="wordings")
    speaker_key = models.CharField(max_length=200, db_index=True)
    normalized = models.TextField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["claim", "normalized"], name="wording_unique_per_claim")
        ]

    def __str__(self):
        return self.normalized


class ClaimWordingBand(models.Model):
    """One locality-sensitive hash band of a wording (claims.grouping.minhash): a new statement's
    candidate claims are the wordings sharing a band with it, found through this b-tree index on
    any database, then scored exactly."""

    # No foreign key constraint in the database: a batch writes some 13,000 bands, and
    # PostgreSQL checks a deferred constraint row by row at commit (about 45 ms a batch of
    # benchmarks/bench_grouping_scale.py (d), as long as the insert itself). Bands are derived
    # data, written only with their wording (services/wordings.py) and deleted with it (the
    # ORM's cascade, or claim_stats._delete_undecided); a band whose wording were gone would
    # only be a candidate that the lookup drops (it reads the wordings by id).
    wording = models.ForeignKey(ClaimWording, on_delete=models.CASCADE, related_name="bands",
                                db_constraint=False)
    band = models.BigIntegerField()

    class Meta:
        # The wording in the key too: a candidate lookup reads the index alone (an index-only
        # scan on PostgreSQL), not one table row for each of the ~50,000 band hits of a batch.
        indexes = [models.Index(fields=["band", "wording"], name="wording_band_pair_idx")]

    def __str__(self):
        return f"{self.band} of wording #{self.wording_id}"


class ClaimMergeSuggestion(models.Model):
    """"Same claim?": two claims of the same speaker whose wordings are close but not close
    enough to group without asking. Rejected suggestions are kept, so they are not made again."""

    class Status(models.TextChoices):
        SUGGESTED = "suggested", "Suggested"
        CONFIRMED = "confirmed", "Merged"
        REJECTED = "rejected", "Rejected"

    # The pair is stored in id order (claim < other), so it exists once.
    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="merge_suggestions")
    other = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="+")
    score = models.FloatField()
    reason = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SUGGESTED)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(claim__lt=F("other")), name="merge_pair_ordered"),
            models.UniqueConstraint(fields=["claim", "other"], name="merge_pair_unique"),
        ]
        indexes = [models.Index(fields=["status"], name="merge_status_idx")]

    def __str__(self):
        return f"#{self.claim_id} same as #{self.other_id}? ({self.get_status_display()})"


class ClaimRelation(models.Model):
    """How one claim bears on another. schema.org has no such relation; this one is ours."""

    class Type(models.TextChoices):
        RESPONDS_TO = "responds_to", "responds to"
        SUPPORTS = "supports", "supports"
        CONTRADICTS = "contradicts", "contradicts"
        DENIES = "denies", "denies"
        REPEATS = "repeats", "repeats"
        REFINES = "refines", "refines"

    class Status(models.TextChoices):
        SUGGESTED = "suggested", "Suggested"
        CONFIRMED = "confirmed", "Confirmed"
        REJECTED = "rejected", "Rejected"

    from_claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="relations_out")
    to_claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="relations_in")
    type = models.CharField(max_length=12, choices=Type.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SUGGESTED)
    note = models.TextField(blank=True)
    # Why it was suggested: {"rule": ..., "score": ..., "words": ...}; empty for an analyst's own.
    reason = models.JSONField(default=dict, blank=True)
    quotes = models.ManyToManyField(
        "claims.Quote", blank=True, related_name="relation_evidence",
        help_text="The quotes the suggestion rests on",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(from_claim=F("to_claim")), name="relation_not_self"
            ),
            models.UniqueConstraint(
                fields=["from_claim", "to_claim", "type"], name="relation_unique_per_type"
            ),
        ]
        indexes = [models.Index(fields=["status"], name="relation_status_idx")]

    def __str__(self):
        return f"#{self.from_claim_id} {self.get_type_display()} #{self.to_claim_id}"


class ClaimAssessment(models.Model):
    """A fact-check of a claim, exportable as schema.org ClaimReview."""

    class Rating(models.IntegerChoices):
        # schema.org Rating: worstRating 1, bestRating 5.
        FALSE = 1, "False"
        MOSTLY_FALSE = 2, "Mostly false"
        MIXED = 3, "Mixed"
        MOSTLY_TRUE = 4, "Mostly true"
        TRUE = 5, "True"

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="assessments")
    rating = models.PositiveSmallIntegerField(choices=Rating.choices, null=True, blank=True)
    unverifiable = models.BooleanField(default=False)
    rationale = models.TextField()
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    url = models.URLField(max_length=2000, blank=True, help_text="Where the review is published")
    assessed_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-assessed_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(rating__gte=1, rating__lte=5),
                name="assessment_rating_range",
            ),
            models.CheckConstraint(
                condition=Q(rating__isnull=False) | Q(unverifiable=True),
                name="assessment_rated_or_unverifiable",
            ),
        ]

    def __str__(self):
        verdict = "Unverifiable" if self.unverifiable else self.get_rating_display()
        return f"{verdict}: {self.claim}"
