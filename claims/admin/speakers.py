from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from claims.models import Role, Speaker, SpeakerAlias


class AliasInline(admin.TabularInline):
    model = SpeakerAlias
    extra = 1


class RoleInline(admin.TabularInline):
    model = Role
    extra = 1


@admin.register(Speaker)
class SpeakerAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "wikidata_qid", "country", "verified"]
    list_filter = ["kind", "verified", "country"]
    search_fields = ["name", "aliases__alias", "wikidata_qid"]
    inlines = [AliasInline, RoleInline]


@admin.register(SpeakerAlias)
class SpeakerAliasAdmin(admin.ModelAdmin):
    list_display = ["alias", "speaker"]
    search_fields = ["alias", "speaker__name"]
    autocomplete_fields = ["speaker"]
    list_select_related = ["speaker"]


@admin.register(Role)
class RoleAdmin(admin.ModelAdmin):
    list_display = ["title", "speaker", "start_date", "end_date"]
    search_fields = ["title", "speaker__name", "organisation"]
    autocomplete_fields = ["speaker"]
    list_select_related = ["speaker"]
