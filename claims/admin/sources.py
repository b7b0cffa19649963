from django.contrib import admin
from django.db import models

from claims.models import Article, ArticleAppearance, Outlet

# A URL typed without a scheme is https (Django 6's default; saying so silences its warning).
HTTPS_URLS = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Outlet)
class OutletAdmin(admin.ModelAdmin):
    list_display = ["name", "domain", "country"]
    search_fields = ["name", "domain"]


class AppearanceInline(admin.TabularInline):
    model = ArticleAppearance
    formfield_overrides = HTTPS_URLS
    extra = 0
    fields = ["outlet", "url", "canonical_url", "published_at"]
    autocomplete_fields = ["outlet"]


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    formfield_overrides = HTTPS_URLS
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
    formfield_overrides = HTTPS_URLS
    list_display = ["canonical_url", "article", "outlet", "seen_at"]
    search_fields = ["canonical_url", "article__title"]
    raw_id_fields = ["article"]
    list_select_related = ["article", "outlet"]
