"""Forms of the editors' admin pages: they parse what an editor typed or uploaded, nothing more.

What becomes of each item (stored, duplicate, failed and why) is decided by the ingestion
services; these forms only turn the request into the arguments those services take.
"""
from django import forms
from django.core.exceptions import ValidationError
from django_celery_beat.models import IntervalSchedule

from claims.admin.service_forms import ServiceModelForm
from claims.ingest.urls import is_http_url
from claims.models import Feed
from claims.services.feeds import FIELDS as FEED_FIELDS
from claims.services.feeds import feed_create, feed_update
from claims.services.ingestion import ARTICLE_MAX_CHARS

# Input limits of the forms (not business rules): one request should stay a few seconds' work.
MAX_UPLOAD_BYTES = 25_000_000
MAX_URLS = 500


class MultipleFileInput(forms.ClearableFileInput):
    # Django refuses `multiple` on a file input unless the widget says it can carry a list.
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """A file field taking one or many files from a single <input type=file multiple>."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"multiple": True}))
        # An empty file is one failed item of the import ("empty file"), not a form error that
        # would turn the other files away.
        kwargs.setdefault("allow_empty_file", True)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            files = [single(d, initial) for d in data if d]
            if not files and self.required:
                raise ValidationError(self.error_messages["required"], code="required")
            return files
        return [single(data, initial)] if data else []


_WIDE = {"class": "vTextField", "style": "width: 40em"}


class PasteForm(forms.Form):
    title = forms.CharField(max_length=500, widget=forms.TextInput(attrs=_WIDE))
    body = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 18, "cols": 90,
                                     "data-max-chars": ARTICLE_MAX_CHARS}),
        strip=False,
        help_text=f"The article text, as published (at most {ARTICLE_MAX_CHARS:,} characters).")
    outlet = forms.CharField(max_length=200, required=False,
                             help_text="The outlet's name; a new name creates the outlet.")
    url = forms.URLField(label="URL", max_length=2000, required=False, assume_scheme="https",
                         widget=forms.URLInput(attrs=_WIDE))
    published_at = forms.DateTimeField(
        label="Published", required=False, help_text="Date and time (UTC).",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    byline = forms.CharField(max_length=500, required=False)

    class Media:
        # Says a text is too long before the browser sends megabytes the server would refuse
        # (Django refuses a request over DATA_UPLOAD_MAX_MEMORY_SIZE before any form sees it).
        js = ["claims/admin/paste.js"]

    def is_multipart(self):
        # Sent as multipart, the text travels as it is, not percent-encoded (up to 3 bytes
        # per byte), so a text at the length limit stays well under the request size limit.
        return True

    def clean_body(self):
        body = self.cleaned_data["body"]
        if not body.strip():
            raise ValidationError("The article has no text.")
        return body


class UploadForm(forms.Form):
    files = MultipleFileField(
        help_text="One or many .txt, .html, .json, .ndjson/.jsonl or .csv files; each file "
                  "(or each row of a CSV or JSON file) becomes one item of the import."
    )

    def clean_files(self):
        files = self.cleaned_data["files"]
        too_big = [f.name for f in files if f.size > MAX_UPLOAD_BYTES]
        if too_big:
            raise ValidationError(
                f"Over {MAX_UPLOAD_BYTES // 1_000_000} MB: {', '.join(too_big)}. "
                "Split the file or import it from the command line (import_articles)."
            )
        return files


class UrlsForm(forms.Form):
    urls = forms.CharField(
        label="URLs", widget=forms.Textarea(attrs={"rows": 12, "cols": 90}),
        help_text="One article URL per line; each is fetched in the background.",
    )
    outlet = forms.CharField(max_length=200, required=False,
                             help_text="Optional: the outlet of every URL (else from the host).")

    def clean_urls(self):
        lines = [line.strip() for line in self.cleaned_data["urls"].splitlines()]
        urls = [line for line in lines if line]
        bad = [f"line {n}: {line}" for n, line in enumerate(lines, 1)
               if line and not is_http_url(line)]
        if bad:
            raise ValidationError("Not http(s) URLs: " + "; ".join(bad[:10]))
        if not urls:
            raise ValidationError("Give at least one URL.")
        if len(urls) > MAX_URLS:
            raise ValidationError(f"At most {MAX_URLS} URLs at once (got {len(urls)}).")
        return urls


_MINUTES_PER = {IntervalSchedule.MINUTES: 1, IntervalSchedule.HOURS: 60,
                IntervalSchedule.DAYS: 1440}


class FeedAdminForm(ServiceModelForm):
    url = forms.URLField(label="URL", max_length=2000, assume_scheme="https",
                         widget=forms.URLInput(attrs=_WIDE),
                         help_text="The RSS or Atom feed's address.")
    poll_every_minutes = forms.IntegerField(
        min_value=1, max_value=7 * 1440, required=False,
        help_text="How often beat polls this feed (default 30). Its periodic task (what it "
                  "runs, with which arguments) is not editable.",
    )

    service_field_names = {"every_minutes": "poll_every_minutes"}

    class Meta:
        model = Feed
        fields = ["url", "title", "outlet", "enabled"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        task = self.instance.schedule if self.instance.pk else None
        interval = task.interval if task is not None else None
        if interval is not None and interval.period in _MINUTES_PER:
            self.fields["poll_every_minutes"].initial = (
                interval.every * _MINUTES_PER[interval.period]
            )

    def save_through_service(self, data):
        fields = {name: data[name] for name in FEED_FIELDS if name in data}
        if self.instance.pk is None:
            return feed_create(user=self.user, every_minutes=data.get("poll_every_minutes"),
                               **fields)
        # The interval changes only when the editor changed it here: it may have been set in
        # Periodic tasks (hours, a cron schedule), which this field cannot show.
        every = None
        if "poll_every_minutes" in self.changed_data or self.instance.schedule_id is None:
            every = data.get("poll_every_minutes")
        changed = {name: value for name, value in fields.items() if name in self.changed_data}
        return feed_update(feed_id=self.instance.pk, user=self.user, every_minutes=every,
                           **changed)
