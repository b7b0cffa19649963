from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from claims.models import Claim, ClaimAssessment, ClaimRelation, Topic


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["__str__", "slug"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]
    list_select_related = ["parent"]


class OutgoingRelationInline(admin.TabularInline):
    model = ClaimRelation
    fk_name = "from_claim"
    extra = 0
    fields = ["type", "to_claim", "status", "note"]
    autocomplete_fields = ["to_claim"]


@admin.register(Claim)
class ClaimAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "first_seen", "last_seen"]
    search_fields = ["text"]
    autocomplete_fields = ["speakers", "topics"]
    list_filter = ["topics"]
    inlines = [OutgoingRelationInline]


@admin.register(ClaimRelation)
class ClaimRelationAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "type", "status", "created_at"]
    list_filter = ["type", "status"]
    autocomplete_fields = ["from_claim", "to_claim"]


@admin.register(ClaimAssessment)
class ClaimAssessmentAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "rating", "unverifiable", "assessed_at"]
    list_filter = ["rating", "unverifiable"]
    autocomplete_fields = ["claim"]
