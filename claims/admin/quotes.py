from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from simple_history.admin import SimpleHistoryAdmin

from claims.admin.actions import run_service
from claims.models import Quote
from claims.services import claims as claim_services
from claims.services import quotes as quote_services


class QuoteForm(forms.ModelForm):
    class Meta:
        model = Quote
        fields = ["start", "end", "kind", "cue", "speakers", "claim"]

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start is not None and end is not None and self.instance.article_id:
            body = self.instance.article.body
            if not (0 <= start < end <= len(body)):
                raise ValidationError(f"Offsets {start}:{end} lie outside the article body "
                                      f"(0:{len(body)}), or the span is empty.")
            # The text follows the offsets; the model's own check then holds.
            self.instance.text = body[start:end]
        return data


@admin.register(Quote)
class QuoteAdmin(SimpleHistoryAdmin):
    form = QuoteForm
    list_display = ["__str__", "kind", "cue", "article", "review_status", "confidence"]
    list_filter = ["review_status", "kind"]
    search_fields = ["text", "speaker_name", "speaker_mention", "article__title"]
    autocomplete_fields = ["speakers", "claim"]
    readonly_fields = ["article", "text", "review_status", "claim_pinned", "speaker_mention",
                       "speaker_name", "confidence", "extractor_version", "reviewed_by",
                       "reviewed_at", "created_at", "updated_at"]
    list_select_related = ["article"]
    actions = ["confirm", "reject"]

    def has_add_permission(self, request):
        # Quotes come from the extractor; an analyst corrects them, never types one in.
        return False

    def save_model(self, request, obj, form, change):
        """Every change goes through the review services, so the quote is marked edited (and
        kept by re-extraction) and the history names the analyst."""
        data = form.cleaned_data
        changed = set(form.changed_data)
        edit = {}
        if {"start", "end"} & changed:
            edit.update(start=data["start"], end=data["end"])
        if "kind" in changed:
            edit["kind"] = data["kind"]
        if "cue" in changed:
            edit["cue"] = data["cue"]
        if "speakers" in changed:
            edit["speaker_ids"] = [s.pk for s in data["speakers"]]
        if edit:
            quote_services.quote_edit(quote_id=obj.pk, user=request.user, **edit)
        if "claim" in changed and data["claim"] is not None:
            claim_services.quote_move(quote_id=obj.pk, claim_id=data["claim"].pk,
                                      user=request.user)

    def save_related(self, request, form, formsets, change):
        # The speakers were set by quote_edit; the form's own m2m save would bypass it.
        pass

    def has_change_permission(self, request, obj=None):
        return request.user.has_perm("claims.review_quote") and super().has_change_permission(
            request, obj)

    @admin.action(description="Confirm selected quotes", permissions=["review"])
    def confirm(self, request, queryset):
        ids = list(queryset.values_list("pk", flat=True))
        run_service(self, request,
                    lambda: quote_services.quotes_confirm(quote_ids=ids, user=request.user),
                    f"Confirmed {len(ids)} quotes.")

    @admin.action(description="Reject selected quotes", permissions=["review"])
    def reject(self, request, queryset):
        ids = list(queryset.values_list("pk", flat=True))
        run_service(self, request,
                    lambda: quote_services.quotes_reject(quote_ids=ids, user=request.user),
                    f"Rejected {len(ids)} quotes.")

    def has_review_permission(self, request):
        return request.user.has_perm("claims.review_quote")
