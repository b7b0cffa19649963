from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from claims.admin.actions import run_service
from claims.models import Claim, ClaimAssessment, ClaimMergeSuggestion, ClaimRelation
from claims.services import assessments
from claims.services import claims as claim_services
from claims.services import relations as relation_services


class OutgoingRelationInline(admin.TabularInline):
    model = ClaimRelation
    fk_name = "from_claim"
    extra = 0
    fields = ["type", "to_claim", "status", "reason", "decided_by"]
    readonly_fields = ["type", "to_claim", "status", "reason", "decided_by"]
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Claim)
class ClaimAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "appearance_count", "outlet_count", "first_seen", "last_seen"]
    search_fields = ["text"]
    autocomplete_fields = ["speakers", "topics"]
    list_filter = ["topics"]
    readonly_fields = ["first_seen", "last_seen", "appearance_count", "outlet_count",
                       "speaker_key", "wording_by_analyst", "created_by", "created_at"]
    inlines = [OutgoingRelationInline]
    actions = ["merge"]

    def save_model(self, request, obj, form, change):
        """A new claim is the analyst's own; an edit goes through claim_edit, so the wording
        is kept from then on and the history names the analyst."""
        if not change:
            data = form.cleaned_data
            made = claim_services.claim_create(
                text=data["text"], user=request.user,
                speaker_ids=[sp.pk for sp in data.get("speakers", [])],
                topic_ids=[t.pk for t in data.get("topics", [])])
            obj.pk = made.pk
            return
        claim_services.claim_edit(
            claim_id=obj.pk, user=request.user,
            text=form.cleaned_data["text"] if "text" in form.changed_data else None)

    def save_related(self, request, form, formsets, change):
        for formset in formsets:  # the relations inline is read-only: this saves nothing
            self.save_formset(request, form, formset, change)
        if not change:
            return  # claim_create set its speakers and topics
        data = form.cleaned_data
        claim_services.claim_edit(
            claim_id=form.instance.pk, user=request.user,
            topic_ids=[t.pk for t in data.get("topics", [])],
            speaker_ids=[s.pk for s in data.get("speakers", [])]
            if "speakers" in form.changed_data else None)

    @admin.action(description="Merge selected claims into the oldest", permissions=["change"])
    def merge(self, request, queryset):
        ids = sorted(queryset.values_list("pk", flat=True))

        def call():
            for source in ids[1:]:
                claim_services.claim_merge(source_id=source, target_id=ids[0], user=request.user)

        run_service(self, request, call, f"Merged {len(ids) - 1} claims into claim #{ids[0]}.")


@admin.register(ClaimRelation)
class ClaimRelationAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "type", "status", "created_at", "decided_by"]
    list_filter = ["type", "status"]
    autocomplete_fields = ["from_claim", "to_claim"]
    readonly_fields = ["status", "reason", "quotes", "created_by", "decided_by", "decided_at"]
    actions = ["confirm", "reject"]

    def save_model(self, request, obj, form, change):
        if change:
            # Only the note of an existing relation is edited here; status through the actions.
            relation_services.relation_note_edit(relation_id=obj.pk, note=obj.note,
                                                 user=request.user)
            return
        relation = relation_services.relation_create(
            from_claim_id=obj.from_claim_id, to_claim_id=obj.to_claim_id, type=obj.type,
            note=obj.note, user=request.user)
        obj.pk = relation.pk

    @admin.action(description="Confirm selected relations", permissions=["change"])
    def confirm(self, request, queryset):
        ids = list(queryset.values_list("pk", flat=True))
        run_service(self, request, lambda: [
            relation_services.relation_confirm(relation_id=i, user=request.user) for i in ids],
            f"Confirmed {len(ids)} relations.")

    @admin.action(description="Reject selected relations", permissions=["change"])
    def reject(self, request, queryset):
        ids = list(queryset.values_list("pk", flat=True))
        run_service(self, request, lambda: [
            relation_services.relation_reject(relation_id=i, user=request.user) for i in ids],
            f"Rejected {len(ids)} relations.")


@admin.register(ClaimMergeSuggestion)
class ClaimMergeSuggestionAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "claim", "other", "score", "status"]
    list_filter = ["status"]
    readonly_fields = ["claim", "other", "score", "reason", "status", "decided_by",
                       "decided_at"]
    actions = ["confirm", "reject"]

    def has_add_permission(self, request):
        return False

    @admin.action(description="Merge: they are the same claim", permissions=["change"])
    def confirm(self, request, queryset):
        ids = list(queryset.values_list("pk", flat=True))
        run_service(self, request, lambda: [
            relation_services.merge_suggestion_confirm(suggestion_id=i, user=request.user)
            for i in ids], f"Merged {len(ids)} pairs.")

    @admin.action(description="Not the same claim", permissions=["change"])
    def reject(self, request, queryset):
        ids = list(queryset.values_list("pk", flat=True))
        run_service(self, request, lambda: [
            relation_services.merge_suggestion_reject(suggestion_id=i, user=request.user)
            for i in ids], f"Rejected {len(ids)} suggestions.")


@admin.register(ClaimAssessment)
class ClaimAssessmentAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "rating", "unverifiable", "assessed_at"]
    list_filter = ["rating", "unverifiable"]
    autocomplete_fields = ["claim"]
    readonly_fields = ["reviewer", "assessed_at"]

    def save_model(self, request, obj, form, change):
        """Through the assessment services: the reviewer is the signed-in analyst."""
        fields = {f: getattr(obj, f) for f in ("rating", "unverifiable", "rationale", "url")}
        if change:
            assessments.assessment_update(assessment_id=obj.pk, user=request.user, **fields)
        else:
            obj.pk = assessments.assessment_create(claim_id=obj.claim_id, user=request.user,
                                                   **fields).pk
