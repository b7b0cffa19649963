"""The editors' ways in: paste, upload and URL imports, their ImportRun pages, and feeds.

A face over `claims.services.ingestion` and `claims.services.feeds`: the views parse the form,
check the permission the roles grant (`claims.add_importrun`), call the service and show what
became of each item. No rule about articles lives here.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import Truncator

from claims.admin.forms import FeedAdminForm, PasteForm, UploadForm, UrlsForm
from claims.admin.service_forms import ServiceFormAdmin, add_service_errors
from claims.models import Article, Feed, ImportItem, ImportRun
from claims.selectors.dashboard import failing_feeds_q
from claims.selectors.imports import import_run_extraction
from claims.services.feeds import feed_delete
from claims.services.ingestion import paste_import, uploads_import_by_user, urls_import


def _article_link(article):
    if article is None:
        return "–"
    url = reverse("admin:claims_article_change", args=[article.pk])
    return format_html('<a href="{}">#{} {}</a>', url, article.pk,
                       Truncator(article.title).chars(90))


_OUTCOME_COLOURS = {
    ImportItem.Outcome.CREATED: "#2e7d32",
    ImportItem.Outcome.DUPLICATE: "#8d6e00",
    ImportItem.Outcome.FAILED: "#ba2121",
    ImportItem.Outcome.SKIPPED: "#ba2121",
    ImportItem.Outcome.PENDING: "#666",
}


def _outcome_badge(item):
    return format_html('<strong class="import-outcome import-outcome-{}" style="color:{}">'
                       "{}</strong>", item.outcome, _OUTCOME_COLOURS.get(item.outcome, ""),
                       item.get_outcome_display())


# --- import runs ---------------------------------------------------------------------------

class ImportItemInline(admin.TabularInline):
    model = ImportItem
    extra = 0
    can_delete = False
    fields = ["item_source", "item_outcome", "item_reason", "item_article", "item_extraction"]
    readonly_fields = fields
    verbose_name = "item"
    verbose_name_plural = "What became of each item"

    def get_queryset(self, request):
        # One query for all items, their articles and quote counts, however many there are;
        # the bodies stay in the database.
        return (super().get_queryset(request).select_related("article")
                .defer("article__body").annotate(_quotes=Count("article__quotes")))

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description="source")
    def item_source(self, item):
        return item.source

    @admin.display(description="outcome")
    def item_outcome(self, item):
        return _outcome_badge(item)

    @admin.display(description="reason")
    def item_reason(self, item):
        return item.reason or "–"

    @admin.display(description="article")
    def item_article(self, item):
        return _article_link(item.article)

    @admin.display(description="extraction")
    def item_extraction(self, item):
        return _extraction(item.article, item._quotes)


def _extraction(article, quotes: int):
    """What extraction made of an item's article: its quotes, or why it was not extracted."""
    if article is None:
        return "–"
    status = article.extraction_status
    if status == Article.Extraction.DONE:
        url = reverse("admin:claims_quote_changelist") + f"?article={article.pk}"
        noun = "quote" if quotes == 1 else "quotes"
        return format_html('<a class="import-extraction-done" href="{}">{} {}</a>',
                           url, quotes, noun)
    if status == Article.Extraction.PENDING:
        return format_html('<span class="import-extraction-pending">{}</span>',
                           "waiting for extraction")
    note = Truncator(article.extraction_note).chars(200) or "no reason recorded"
    if status == Article.Extraction.FAILED:
        note = f"extraction failed: {note}"
    return format_html('<span class="import-extraction-{}" style="color:#ba2121">{}</span>',
                       status, note)


@admin.register(ImportRun)
class ImportRunAdmin(admin.ModelAdmin):
    list_display = ["__str__", "short_description", "requested_by", "started_at", "created",
                    "duplicates", "failed", "pending_count"]
    list_filter = ["source", "status"]
    search_fields = ["description", "items__source"]
    readonly_fields = ["source", "description", "requested_by", "feed", "status", "created_count",
                       "duplicate_count", "failed_count", "started_at", "finished_at"]
    inlines = [ImportItemInline]
    list_select_related = ["requested_by"]
    change_list_template = "admin/claims/importrun/change_list.html"
    change_form_template = "admin/claims/importrun/change_form.html"

    def get_queryset(self, request):
        return (super().get_queryset(request).select_related("requested_by", "feed")
                .annotate(_pending=Count("items", filter=Q(
                    items__outcome=ImportItem.Outcome.PENDING))))

    @admin.display(description="description")
    def short_description(self, run):
        return Truncator(run.description).chars(60)

    @admin.display(description="created", ordering="created_count")
    def created(self, run):
        return run.created_count

    @admin.display(description="duplicates", ordering="duplicate_count")
    def duplicates(self, run):
        return run.duplicate_count

    @admin.display(description="failed", ordering="failed_count")
    def failed(self, run):
        return run.failed_count

    @admin.display(description="pending", ordering="_pending")
    def pending_count(self, run):
        return run._pending

    # A run is a record of what happened: nobody edits it.
    def has_change_permission(self, request, obj=None):
        return False

    def change_view(self, request, object_id, form_url="", extra_context=None):
        run = self.get_object(request, object_id)
        extra = {"extraction": import_run_extraction(run=run)} if run is not None else {}
        return super().change_view(request, object_id, form_url,
                                   {**extra, **(extra_context or {})})

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("paste/", view(self.paste_view), name="claims_importrun_paste"),
            path("upload/", view(self.upload_view), name="claims_importrun_upload"),
            path("urls/", view(self.urls_view), name="claims_importrun_urls"),
            *super().get_urls(),
        ]

    def add_view(self, request, form_url="", extra_context=None):
        # There is no blank run to fill in: an import starts from one of the three forms.
        if not self.has_add_permission(request):
            raise PermissionDenied
        return HttpResponseRedirect(reverse("admin:claims_importrun_paste"))

    # --- the three import forms ---

    def paste_view(self, request):
        return self._import_view(request, PasteForm, "Paste an article", self._paste)

    def upload_view(self, request):
        return self._import_view(request, UploadForm, "Upload files", self._upload)

    def urls_view(self, request):
        return self._import_view(request, UrlsForm, "Import URLs", self._urls)

    def _import_view(self, request, form_class, title, start):
        if not self.has_add_permission(request):
            raise PermissionDenied
        if request.method == "POST":
            form = form_class(request.POST, request.FILES)
            run = self._start(request, form, start) if form.is_valid() else None
            if run is not None:
                self._report(request, run)
                return HttpResponseRedirect(
                    reverse("admin:claims_importrun_change", args=[run.pk]))
        else:
            form = form_class()
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": title,
            "form": form,
            "media": self.media + form.media,
            "is_multipart": form.is_multipart(),
        }
        return TemplateResponse(request, "admin/claims/importrun/import_form.html", context)

    @staticmethod
    def _start(request, form, start):
        """The run the service started, or None with its refusal shown on the form."""
        try:
            return start(request, form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
            return None

    def _paste(self, request, data):
        return paste_import(user=request.user, title=data["title"], body=data["body"],
                            url=data["url"], outlet=data["outlet"], byline=data["byline"],
                            published_at=data["published_at"])

    def _upload(self, request, data):
        return uploads_import_by_user(user=request.user,
                              files=[(f.name, f.read()) for f in data["files"]])

    def _urls(self, request, data):
        return urls_import(user=request.user, urls=data["urls"], outlet=data["outlet"])

    def _report(self, request, run):
        pending = run.items.filter(outcome=ImportItem.Outcome.PENDING).count()
        parts = [f"{run.created_count} created", f"{run.duplicate_count} duplicate",
                 f"{run.failed_count} failed"]
        if pending:
            parts.append(f"{pending} still being fetched")
        level = messages.SUCCESS
        if run.failed_count:
            level = messages.WARNING if (run.created_count or run.duplicate_count) \
                else messages.ERROR
        self.message_user(request, f"{run}: {', '.join(parts)}.", level)


@admin.register(ImportItem)
class ImportItemAdmin(admin.ModelAdmin):
    """Every item of every run, paginated: a run of thousands of items is read here, filtered
    by outcome (the run page links to its failed items)."""
    list_display = ["source", "run", "colored_outcome", "reason", "article_link"]
    list_filter = ["outcome", "run__source"]
    search_fields = ["source", "reason"]
    raw_id_fields = ["run", "article"]
    list_per_page = 100

    def get_queryset(self, request):
        return (super().get_queryset(request).select_related("run", "article")
                .defer("article__body", "article__extraction_note", "run__description"))

    # Items are a record of what happened, written by the ingestion service only.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="outcome", ordering="outcome")
    def colored_outcome(self, item):
        return _outcome_badge(item)

    @admin.display(description="article")
    def article_link(self, item):
        return _article_link(item.article)


# --- feeds ---------------------------------------------------------------------------------

class FeedHealthFilter(admin.SimpleListFilter):
    """Failing feeds first of all: the dashboard links here."""
    title = "health"
    parameter_name = "health"

    def lookups(self, request, model_admin):
        return [("failing", "Failing (last poll failed)"), ("ok", "Last poll worked"),
                ("never", "Never polled")]

    def queryset(self, request, queryset):
        value = self.value()
        if value == "failing":
            return queryset.filter(failing_feeds_q())
        if value == "ok":
            return queryset.exclude(failing_feeds_q()).exclude(last_polled_at=None)
        if value == "never":
            return queryset.filter(last_polled_at=None)
        return queryset


@admin.register(Feed)
class FeedAdmin(ServiceFormAdmin, admin.ModelAdmin):
    # FeedAdminForm saved it (and synced its beat entry) through the feed services.
    saved_fields = ("url", "title", "outlet_id", "enabled", "schedule_id")
    form = FeedAdminForm
    change_list_template = "admin/claims/feed/change_list.html"
    list_display = ["__str__", "outlet", "enabled", "health", "last_polled_at", "last_status",
                    "short_error", "schedule_link"]
    list_filter = [FeedHealthFilter, "enabled", "outlet"]
    list_select_related = ["outlet", "schedule__interval", "schedule__crontab"]
    search_fields = ["url", "title"]
    autocomplete_fields = ["outlet"]
    readonly_fields = ["schedule_link", "health", "last_polled_at", "last_status", "last_error",
                       "consecutive_failures", "etag", "last_modified"]
    fieldsets = [
        (None, {"fields": ["url", "title", "outlet", "enabled"]}),
        ("Schedule", {"fields": ["poll_every_minutes", "schedule_link"]}),
        ("Last poll", {"fields": ["health", "last_polled_at", "last_status", "last_error",
                                  "consecutive_failures", "etag", "last_modified"]}),
    ]
    actions = ["poll_now"]

    def changelist_view(self, request, extra_context=None):
        failing = Feed.objects.filter(failing_feeds_q()).count()
        return super().changelist_view(request, {"failing_feeds": failing,
                                                 **(extra_context or {})})

    @admin.display(description="health", ordering="consecutive_failures")
    def health(self, feed):
        if feed.consecutive_failures:
            polls = "poll" if feed.consecutive_failures == 1 else "polls"
            return format_html('<strong class="feed-health feed-failing" style="color:#ba2121">'
                               "failing ({} {})</strong>", feed.consecutive_failures, polls)
        if feed.last_polled_at is None:
            return format_html('<span class="feed-health feed-never">{}</span>', "never polled")
        return format_html('<span class="feed-health feed-ok" style="color:#2e7d32">{}</span>',
                           "ok")

    @admin.display(description="schedule")
    def schedule_link(self, feed):
        task = feed.schedule
        if task is None:
            return "– (created when the feed is saved)"
        url = reverse("admin:django_celery_beat_periodictask_change", args=[task.pk])
        when = task.interval or task.crontab or task.name
        state = "" if task.enabled else " (disabled)"
        last = (f", last run {timezone.localtime(task.last_run_at):%Y-%m-%d %H:%M}"
                if task.last_run_at else "")
        return format_html('<a href="{}">{}</a>{}{}', url, when, state, last)

    @admin.display(description="last error")
    def short_error(self, feed):
        return Truncator(feed.last_error).chars(80) if feed.last_error else "–"

    def delete_model(self, request, obj):
        feed_delete(feeds=[obj], user=request.user)

    def delete_queryset(self, request, queryset):
        feed_delete(feeds=queryset, user=request.user)

    @admin.action(description="Poll now", permissions=["change"])
    def poll_now(self, request, queryset):
        from claims.tasks import poll_feed

        feeds = list(queryset)
        enabled = [feed for feed in feeds if feed.enabled]
        for feed in enabled:
            poll_feed.delay(feed.pk)
        message = f"Polling {len(enabled)} feed(s); each feed's status shows here once polled."
        if len(enabled) < len(feeds):
            message += f" {len(feeds) - len(enabled)} disabled feed(s) left alone."
        self.message_user(request, message, messages.SUCCESS)
