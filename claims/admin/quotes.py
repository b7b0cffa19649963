from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from claims.models import Quote


@admin.register(Quote)
class QuoteAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "kind", "cue", "article", "review_status", "confidence"]
    list_filter = ["review_status", "kind"]
    search_fields = ["text", "speaker_name", "speaker_mention", "article__title"]
    autocomplete_fields = ["speakers", "claim"]
    raw_id_fields = ["article"]
    readonly_fields = ["extractor_version", "reviewed_by", "reviewed_at", "created_at",
                       "updated_at"]
    list_select_related = ["article"]
