"""The editors' ways in: paste, upload and URL imports, their ImportRun pages, and feeds.

A face over `claims.services.ingestion` and `claims.services.feeds`: the views parse the form,
check the permission the roles grant (`claims.add_importrun`), call the service and show what
became of each item. No rule about articles lives here.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.text import Truncator

from claims.admin.forms import FeedAdminForm, PasteForm, UploadForm, UrlsForm
from claims.models import Feed, ImportItem, ImportRun
from claims.services.feeds import feed_delete, feed_schedule_sync
from claims.services.ingestion import (
    import_run_start,
    import_text,
    import_uploads,
    import_urls_enqueue,
)


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
    fields = ["item_source", "item_outcome", "item_reason", "item_article"]
    readonly_fields = fields
    verbose_name = "item"
    verbose_name_plural = "What became of each item"

    def get_queryset(self, request):
        # One query for all items and their articles, however many there are; the bodies
        # stay in the database.
        return (super().get_queryset(request).select_related("article")
                .defer("article__body", "article__extraction_note"))

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
            if form.is_valid():
                run = start(request, form.cleaned_data)
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

    def _paste(self, request, data):
        run = import_run_start(source=ImportRun.Source.PASTE, requested_by=request.user,
                               description=f"Pasted: {data['title']}")
        import_text(run=run, title=data["title"], body=data["body"], url=data["url"],
                    outlet=data["outlet"], byline=data["byline"],
                    published_at=data["published_at"])
        return run

    def _upload(self, request, data):
        files = data["files"]
        names = ", ".join(f.name for f in files)
        run = import_run_start(source=ImportRun.Source.UPLOAD, requested_by=request.user,
                               description=f"{len(files)} file(s): {names}")
        return import_uploads(run=run, files=[(f.name, f.read()) for f in files])

    def _urls(self, request, data):
        urls = data["urls"]
        run = import_run_start(source=ImportRun.Source.URLS, requested_by=request.user,
                               description=f"{len(urls)} URL(s): {urls[0]}"
                                           + (" …" if len(urls) > 1 else ""))
        # Each URL is fetched by its own task; with a broker the run page shows them pending
        # and reloads itself until they are done.
        return import_urls_enqueue(run=run, urls=urls, outlet=data["outlet"])

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

@admin.register(Feed)
class FeedAdmin(admin.ModelAdmin):
    form = FeedAdminForm
    list_display = ["__str__", "outlet", "enabled", "last_polled_at", "last_status",
                    "short_error", "schedule_link"]
    list_filter = ["enabled", "outlet"]
    list_select_related = ["outlet", "schedule__interval"]
    search_fields = ["url", "title"]
    autocomplete_fields = ["outlet"]
    readonly_fields = ["schedule_link", "last_polled_at", "last_status", "last_error",
                       "consecutive_failures", "etag", "last_modified"]
    fieldsets = [
        (None, {"fields": ["url", "title", "outlet", "enabled"]}),
        ("Schedule", {"fields": ["poll_every_minutes", "schedule_link"]}),
        ("Last poll", {"fields": ["last_polled_at", "last_status", "last_error",
                                  "consecutive_failures", "etag", "last_modified"]}),
    ]
    actions = ["poll_now"]

    @admin.display(description="schedule")
    def schedule_link(self, feed):
        task = feed.schedule
        if task is None:
            return "– (created when the feed is saved)"
        url = reverse("admin:django_celery_beat_periodictask_change", args=[task.pk])
        state = "" if task.enabled else " (disabled)"
        return format_html('<a href="{}">{}</a>{}', url, task.interval or task.name, state)

    @admin.display(description="last error")
    def short_error(self, feed):
        return Truncator(feed.last_error).chars(80) if feed.last_error else "–"

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        # Every feed has its beat entry, enabled exactly while the feed is; the interval only
        # changes when the editor changed it here (it may have been set in Periodic tasks).
        every = None
        if "poll_every_minutes" in form.changed_data or obj.schedule_id is None:
            every = form.cleaned_data.get("poll_every_minutes")
        feed_schedule_sync(feed=obj, every_minutes=every)

    def delete_model(self, request, obj):
        feed_delete(feeds=[obj])

    def delete_queryset(self, request, queryset):
        feed_delete(feeds=queryset)

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
