from django.contrib import admin

from claims.models import Article, ArticleAppearance, Feed, ImportItem, ImportRun, Outlet


@admin.register(Outlet)
class OutletAdmin(admin.ModelAdmin):
    list_display = ["name", "domain", "country"]
    search_fields = ["name", "domain"]


@admin.register(Feed)
class FeedAdmin(admin.ModelAdmin):
    list_display = ["__str__", "outlet", "enabled", "last_polled_at", "last_status"]
    list_filter = ["enabled", "outlet"]
    search_fields = ["url", "title"]
    autocomplete_fields = ["outlet"]
    readonly_fields = ["etag", "last_modified", "last_polled_at", "last_status", "last_error",
                       "consecutive_failures"]


class ImportItemInline(admin.TabularInline):
    model = ImportItem
    extra = 0
    can_delete = False
    fields = ["source", "outcome", "article", "reason"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(ImportRun)
class ImportRunAdmin(admin.ModelAdmin):
    list_display = ["__str__", "requested_by", "started_at", "created_count", "duplicate_count",
                    "failed_count"]
    list_filter = ["source", "status"]
    readonly_fields = ["source", "description", "requested_by", "feed", "status", "created_count",
                       "duplicate_count", "failed_count", "started_at", "finished_at"]
    inlines = [ImportItemInline]
    list_select_related = ["requested_by"]


@admin.register(ImportItem)
class ImportItemAdmin(admin.ModelAdmin):
    list_display = ["source", "run", "outcome", "article"]
    list_filter = ["outcome"]
    search_fields = ["source", "reason"]
    raw_id_fields = ["run", "article"]


class AppearanceInline(admin.TabularInline):
    model = ArticleAppearance
    extra = 0
    fields = ["outlet", "url", "canonical_url", "published_at"]
    autocomplete_fields = ["outlet"]


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "outlet", "published_at", "language", "extraction_status"]
    list_filter = ["extraction_status", "language", "outlet"]
    search_fields = ["title", "url", "canonical_url", "byline"]
    date_hierarchy = "published_at"
    autocomplete_fields = ["outlet"]
    readonly_fields = ["content_hash", "import_run", "extraction_status", "extraction_note",
                       "extractor_version", "extracted_at", "created_at", "updated_at"]
    inlines = [AppearanceInline]
    list_select_related = ["outlet"]


@admin.register(ArticleAppearance)
class ArticleAppearanceAdmin(admin.ModelAdmin):
    list_display = ["canonical_url", "article", "outlet", "seen_at"]
    search_fields = ["canonical_url", "article__title"]
    raw_id_fields = ["article"]
    list_select_related = ["article", "outlet"]
