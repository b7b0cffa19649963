"""The speaker registry: people and organisations, their aliases and dated roles, each
speaker's claims over time, merging duplicates, and the queue of unverified speakers the
extractor met (speaker/unverified/), to verify or merge. Every change to speakers made here goes
through claims.services.speakers."""
from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator

from claims.admin.actions import run_service
from claims.admin.history import HistoryAdmin
from claims.admin.service_forms import add_service_errors
from claims.models import Role, Speaker, SpeakerAlias
from claims.selectors import speakers as speaker_selectors
from claims.services import speakers as speaker_services


class MergeForm(forms.Form):
    target = forms.ModelChoiceField(
        label="Merge into", queryset=Speaker.objects.all(),
        # The autocomplete view checks the speaker admin's search and view permission; any
        # relation to Speaker names the widget's source, the alias's is the plainest.
        widget=AutocompleteSelect(SpeakerAlias._meta.get_field("speaker"), admin.site),
        help_text="The speaker that stays. This one's quotes, claims, roles, name and aliases "
                  "go to it; then this one is deleted.")


class _OfTheSpeaker:
    def get_queryset(self, request):
        # Each row's title (str) names its speaker: fetched with the rows, not once per row.
        return super().get_queryset(request).select_related("speaker")


class SpeakerForm(forms.ModelForm):
    class Meta:
        model = Speaker
        fields = list(speaker_services.SPEAKER_FIELDS)

    def clean_wikidata_qid(self):
        try:
            return speaker_services.qid_clean(self.cleaned_data.get("wikidata_qid"))
        except ValidationError as exc:
            raise ValidationError(exc.error_dict["wikidata_qid"]) from exc


class _DetailsThroughServices:
    """The admin pages of aliases and roles save and delete through the speaker services."""

    def save_model(self, request, obj, form, change):
        speaker_services.speaker_detail_save(detail=obj, user=request.user)

    def delete_model(self, request, obj):
        speaker_services.speaker_detail_delete(detail=obj, user=request.user)

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            for detail in queryset:
                speaker_services.speaker_detail_delete(detail=detail, user=request.user)


class AliasInline(_OfTheSpeaker, admin.TabularInline):
    model = SpeakerAlias
    extra = 1


class RoleInline(_OfTheSpeaker, admin.TabularInline):
    model = Role
    extra = 1


def _merge_all(ids, target_id, user) -> None:
    # Run by run_service, in one transaction: one refused merge undoes those before it.
    for source_id in ids:
        if source_id != target_id:
            speaker_services.speaker_merge(source_id=source_id, target_id=target_id, user=user)


class _SpeakerActions:
    """The actions both speaker lists offer (analysts only: claims.change_speaker)."""

    @admin.action(description="Merge selected speakers into the oldest of them",
                  permissions=["change"])
    def merge_into_oldest(self, request, queryset):
        ids = list(queryset.order_by("created_at", "pk").values_list("pk", flat=True))
        if len(ids) < 2:
            self.message_user(request, "Choose two speakers or more to merge.", messages.ERROR)
            return
        target = Speaker.objects.get(pk=ids[0])
        run_service(self, request, lambda: _merge_all(ids[1:], target.pk, request.user),
                    f"Merged {len(ids) - 1} speakers into {target}.")

    @admin.action(description="Verify selected speakers", permissions=["change"])
    def verify(self, request, queryset):
        ids = list(queryset.values_list("pk", flat=True))
        run_service(self, request,
                    lambda: speaker_services.speakers_verify(speaker_ids=ids, user=request.user),
                    f"Verified {len(ids)} speakers.")


@admin.register(Speaker)
class SpeakerAdmin(_SpeakerActions, HistoryAdmin):
    form = SpeakerForm
    list_display = ["name", "kind", "wikidata_qid", "country", "verified", "quote_total"]
    list_filter = ["kind", "verified", "country"]
    search_fields = ["name", "aliases__alias", "wikidata_qid"]
    inlines = [AliasInline, RoleInline]
    readonly_fields = ["wikidata_link", "claims_timeline"]
    fieldsets = [
        (None, {"fields": ["name", "kind", "wikidata_qid", "wikidata_link", "country",
                           "description", "verified"]}),
        ("Claims, most recently seen first", {"fields": ["claims_timeline"]}),
    ]
    actions = ["merge_into_oldest", "verify"]
    change_form_template = "admin/claims/speaker/change_form.html"
    change_list_template = "admin/claims/speaker/change_list.html"

    def get_queryset(self, request):
        return speaker_selectors.speaker_admin_list()

    def save_model(self, request, obj, form, change):
        """Through the speaker services: the permission is checked again and the history
        names the analyst. (Its aliases and roles: save_formset.)"""
        fields = speaker_services.SPEAKER_FIELDS
        if change:
            speaker_services.speaker_edit(
                speaker_id=obj.pk, user=request.user,
                **{f: form.cleaned_data[f] for f in form.changed_data if f in fields})
            return
        data = form.cleaned_data
        made = speaker_services.speaker_create(
            user=request.user, **{f: data[f] for f in fields if f in data})
        obj.pk, obj.created_at = made.pk, made.created_at

    def save_formset(self, request, form, formset, change):
        # The alias and role rows of the page, through the same services as their own pages.
        for detail in formset.save(commit=False):
            speaker_services.speaker_detail_save(detail=detail, user=request.user)
        for detail in formset.deleted_objects:
            speaker_services.speaker_detail_delete(detail=detail, user=request.user)

    def get_fieldsets(self, request, obj=None):
        # A new speaker has no claims yet.
        return self.fieldsets if obj is not None else [(None, {"fields": [
            "name", "kind", "wikidata_qid", "country", "description", "verified"]})]

    @admin.display(description="quotes", ordering="quote_count")
    def quote_total(self, speaker):
        return speaker.quote_count

    @admin.display(description="on Wikidata")
    def wikidata_link(self, speaker):
        if not speaker.wikidata_qid:
            return "–"
        return format_html('<a href="https://www.wikidata.org/wiki/{0}" rel="noopener">{0}</a>',
                           speaker.wikidata_qid)

    @admin.display(description="claims")
    def claims_timeline(self, speaker):
        claims = speaker_selectors.speaker_timeline(speaker.pk)
        total = speaker_selectors.speaker_claim_count(speaker.pk)
        every = format_html('<a class="speaker-all-claims" href="{}?speakers__id__exact={}">'
                            "All {} claims of {}</a>",
                            reverse("admin:claims_claim_changelist"), speaker.pk, total, speaker)
        if not claims:
            return "No claims yet."
        rows = format_html_join("", '<tr><td class="nowrap">{}</td><td><a href="{}">{}</a></td>'
                                '<td class="appearances">{}</td></tr>', (
                                    (_seen(c), reverse("admin:claims_claim_change", args=[c.pk]),
                                     Truncator(c.text).chars(160), c.appearance_count)
                                    for c in claims))
        shown = (f"The latest {len(claims)} of {total}. " if total > len(claims) else "")
        return format_html('<table id="speaker-timeline"><thead><tr><th>seen</th>'
                           "<th>wording</th><th>appearances</th></tr></thead><tbody>{}</tbody>"
                           '</table><p>{}{}</p>', rows, shown, every)

    # --- merging one speaker from its page ---

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("unverified/", view(self.unverified_view), name="claims_speaker_unverified"),
            path("<int:object_id>/merge/", view(self.merge_view), name="claims_speaker_merge"),
            *super().get_urls(),
        ]

    def render_change_form(self, request, context, add=False, change=False, form_url="",
                           obj=None):
        if obj is not None and self.has_change_permission(request, obj):
            merge_form = MergeForm(auto_id="merge_%s")
            context["merge_form"] = merge_form
            context["media"] = context["media"] + merge_form.media
        return super().render_change_form(request, context, add, change, form_url, obj)

    def merge_view(self, request, object_id):
        source = get_object_or_404(Speaker, pk=object_id)
        if not self.has_change_permission(request, source):
            raise PermissionDenied
        if request.method == "POST":
            form = MergeForm(request.POST, auto_id="merge_%s")
            if form.is_valid():
                target = form.cleaned_data["target"]
                try:
                    speaker_services.speaker_merge(source_id=source.pk, target_id=target.pk,
                                                   user=request.user)
                except ValidationError as exc:
                    add_service_errors(form, exc)
                else:
                    self.message_user(request, f"Merged {source} into {target}.",
                                      messages.SUCCESS)
                    return HttpResponseRedirect(
                        reverse("admin:claims_speaker_change", args=[target.pk]))
        else:
            form = MergeForm(initial={"target": request.GET.get("into")}, auto_id="merge_%s")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts, "original": source, "title": f"Merge {source}",
            "form": form, "media": self.media + form.media,
        }
        return TemplateResponse(request, "admin/claims/speaker/merge_form.html", context)

    def unverified_view(self, request):
        # A list of its own over the same model (no proxy model, no extra permissions): the
        # speaker permissions hold, and each row links to the speaker's own page.
        return UnverifiedSpeakerAdmin(Speaker, self.admin_site).changelist_view(
            request, extra_context={"title": "Unverified speakers: verify or merge"})


class UnverifiedSpeakerAdmin(_SpeakerActions, admin.ModelAdmin):
    """Not registered: SpeakerAdmin serves it, a new instance per request (rows carry their
    likeliest match, read for the whole page at once)."""

    list_display = ["name", "kind", "quote_total", "sample", "likeliest"]
    list_display_links = ["name"]
    search_fields = ["name"]
    list_filter = ["kind"]
    actions = ["verify", "merge_into_likeliest", "merge_into_oldest"]
    change_list_template = "admin/claims/speaker/unverified_list.html"

    def get_queryset(self, request):
        return speaker_selectors.unverified_speakers()

    def has_add_permission(self, request):
        return False

    def get_changelist_instance(self, request):
        changelist = super().get_changelist_instance(request)
        rows = list(changelist.result_list)
        matches = speaker_selectors.likeliest_matches([s.pk for s in rows])
        for speaker in rows:
            speaker.likeliest_match = matches.get(speaker.pk)
        return changelist

    @admin.display(description="quotes", ordering="quote_count")
    def quote_total(self, speaker):
        return speaker.quote_count

    @admin.display(description="a mention")
    def sample(self, speaker):
        if not speaker.sample_text:
            return "–"
        return format_html('<span class="sample-mention">{}</span>: “{}”',
                           speaker.sample_mention or speaker.name,
                           Truncator(speaker.sample_text).chars(120))

    @admin.display(description="likeliest verified speaker")
    def likeliest(self, speaker):
        match = getattr(speaker, "likeliest_match", None)
        if match is None:
            return "–"
        match_id, name, score = match
        merge = reverse("admin:claims_speaker_merge", args=[speaker.pk])
        return format_html('<a href="{}">{}</a> ({}) <a class="merge-link" href="{}?into={}">'
                           "merge into…</a>",
                           reverse("admin:claims_speaker_change", args=[match_id]), name,
                           f"{score:.2f}", merge, match_id)

    @admin.action(description="Merge each selected speaker into its likeliest verified speaker",
                  permissions=["change"])
    def merge_into_likeliest(self, request, queryset):
        speakers = list(queryset.order_by("pk"))
        matches = speaker_selectors.likeliest_matches([s.pk for s in speakers])
        lacking = [s.name for s in speakers if s.pk not in matches]
        if lacking:
            self.message_user(request, f"No verified speaker looks like {', '.join(lacking)}: "
                              "merge from the speaker's page, or verify.", messages.ERROR)
            return

        def call():  # one transaction, in run_service
            for speaker in speakers:
                speaker_services.speaker_merge(source_id=speaker.pk,
                                               target_id=matches[speaker.pk][0],
                                               user=request.user)

        run_service(self, request, call, "Merged " + ", ".join(
            f"{s.name} into {matches[s.pk][1]}" for s in speakers) + ".")


@admin.register(SpeakerAlias)
class SpeakerAliasAdmin(_DetailsThroughServices, admin.ModelAdmin):
    list_display = ["alias", "speaker"]
    search_fields = ["alias", "speaker__name"]
    autocomplete_fields = ["speaker"]
    list_select_related = ["speaker"]


@admin.register(Role)
class RoleAdmin(_DetailsThroughServices, admin.ModelAdmin):
    list_display = ["title", "speaker", "start_date", "end_date"]
    search_fields = ["title", "speaker__name", "organisation"]
    autocomplete_fields = ["speaker"]
    list_select_related = ["speaker"]


def _seen(claim) -> str:
    if claim.last_seen is None:
        return "–"
    first, last = claim.first_seen.date(), claim.last_seen.date()
    return last.isoformat() if first == last else f"{first.isoformat()} to {last.isoformat()}"
