"""Who speaks: people and organisations, the names they go by, and the offices they hold."""
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords


class Speaker(models.Model):
    class Kind(models.TextChoices):
        PERSON = "person", "Person"
        ORGANISATION = "organisation", "Organisation"
        GOVERNMENT = "government", "Government or state body"
        GROUP = "group", "Group of people"

    name = models.CharField(max_length=300)
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.PERSON)
    wikidata_qid = models.CharField(
        "Wikidata QID", max_length=20, null=True, blank=True, help_text="e.g. Q7747"
    )
    country = models.CharField(max_length=2, blank=True, help_text="ISO 3166-1 alpha-2")
    description = models.CharField(max_length=500, blank=True)
    verified = models.BooleanField(
        default=False,
        help_text="Checked by an analyst. The extractor creates unverified speakers for "
        "people it does not know.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["wikidata_qid"], name="speaker_qid_unique"),
            models.CheckConstraint(
                condition=Q(wikidata_qid__isnull=True) | Q(wikidata_qid__regex=r"^Q[1-9][0-9]*$"),
                name="speaker_qid_format",
            ),
        ]
        indexes = [models.Index(fields=["name"], name="speaker_name_idx")]

    def __str__(self):
        return self.name


class SpeakerAlias(models.Model):
    """Another name for a speaker: a surname, a transliteration, a nickname."""

    speaker = models.ForeignKey(Speaker, on_delete=models.CASCADE, related_name="aliases")
    alias = models.CharField(max_length=300)

    class Meta:
        ordering = ["alias"]
        verbose_name_plural = "speaker aliases"
        constraints = [
            models.UniqueConstraint(fields=["speaker", "alias"], name="alias_unique_per_speaker")
        ]
        indexes = [models.Index(fields=["alias"], name="alias_idx")]

    def __str__(self):
        return f"{self.alias} → {self.speaker}"


class Role(models.Model):
    """An office held between two dates: 'US Secretary of Defense', 2021-01-22 to 2025-01-20."""

    speaker = models.ForeignKey(Speaker, on_delete=models.CASCADE, related_name="roles")
    title = models.CharField(max_length=300)
    organisation = models.CharField(max_length=300, blank=True)
    country = models.CharField(max_length=2, blank=True)
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True, help_text="Empty while in office")

    class Meta:
        ordering = ["speaker", "-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(start_date__isnull=True)
                | Q(end_date__isnull=True)
                | Q(end_date__gte=F("start_date")),
                name="role_dates_ordered",
            ),
            models.UniqueConstraint(
                fields=["speaker", "title", "start_date"], name="role_unique_per_term"
            ),
        ]
        indexes = [models.Index(fields=["title"], name="role_title_idx")]

    def __str__(self):
        start = self.start_date.isoformat() if self.start_date else "?"
        end = self.end_date.isoformat() if self.end_date else "now"
        return f"{self.title}: {self.speaker} ({start} to {end})"

    def held_on(self, day) -> bool:
        return (self.start_date is None or self.start_date <= day) and (
            self.end_date is None or day <= self.end_date
        )
