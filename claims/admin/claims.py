"""The claim pages: a claim with every appearance, its relations both ways, what is suggested
(decided in one click), its assessments; claims made from a quote; the claim graph. Every
change goes through claims.services; the signed-in analyst is creator, decider and reviewer."""
from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.views.decorators.http import require_POST

from claims.admin.actions import run_service
from claims.admin.filters import TopicListFilter
from claims.admin.history import HistoryAdmin
from claims.grouping import display_wording
from claims.models import (
    Claim,
    ClaimAssessment,
    ClaimMergeSuggestion,
    ClaimRelation,
    Speaker,
    Topic,
)
from claims.params import as_id
from claims.selectors import claim_graph
from claims.selectors.claim_page import (
    claim_merged_into,
    claim_page,
    graph_claim,
    graph_speaker,
    graph_topic,
    quote_for_claim_form,
)
from claims.selectors.related import related_claims
from claims.services import assessments
from claims.services import claims as claim_services
from claims.services import relations as relation_services

RELATION_DECISIONS = {"confirm": relation_services.relation_confirm,
                      "reject": relation_services.relation_reject}
# The types a related claim's row offers, one button each (repeats and refines are for one
# speaker's claims, made on the relation form).
LINK_TYPES = [(t.value, t.label) for t in (ClaimRelation.Type.SUPPORTS,
                                           ClaimRelation.Type.CONTRADICTS,
                                           ClaimRelation.Type.DENIES,
                                           ClaimRelation.Type.RESPONDS_TO)]
# Related claims on the claim page; the API pages through up to 50.
RELATED_SHOWN = 10
MERGE_DECISIONS = {"confirm": relation_services.merge_suggestion_confirm,
                   "reject": relation_services.merge_suggestion_reject}


def _claim_widget(admin_site):
    # The autocomplete view needs a field some admin lists in autocomplete_fields.
    return AutocompleteSelect(ClaimRelation._meta.get_field("to_claim"), admin_site)


class MergeForm(forms.Form):
    def __init__(self, *args, source: Claim, admin_site, **kwargs):
        super().__init__(*args, **kwargs)
        self.source = source
        # Made here, since the autocomplete widget needs the admin site.
        self.fields["target"] = forms.ModelChoiceField(
            queryset=Claim.objects.all(), label="Merge this claim into",
            widget=_claim_widget(admin_site))

    def clean(self):
        target = self.cleaned_data.get("target")
        if target is not None:
            try:
                claim_services.claim_merge_check(source_id=self.source.pk, target_id=target.pk)
            except ValidationError as exc:
                self.add_error(None, exc)
        return self.cleaned_data


class GraphFilterForm(forms.Form):
    """The graph's speaker, topic and claim, each chosen by autocomplete (names and aliases,
    topic names, claim wording). Only drawn: the view reads the ids (or a topic's slug) from
    the query string itself."""

    def __init__(self, *args, admin_site, **kwargs):
        super().__init__(*args, **kwargs)
        autocomplete = {"speaker": (Speaker, Claim._meta.get_field("speakers")),
                        "topic": (Topic, Claim._meta.get_field("topics"))}
        for name, (model, field) in autocomplete.items():
            self.fields[name] = forms.ModelChoiceField(
                queryset=model.objects.all(), required=False,
                widget=AutocompleteSelect(field, admin_site, attrs={"style": "width: 18em"}))
        self.fields["claim"] = forms.ModelChoiceField(
            queryset=Claim.objects.all(), required=False, widget=_claim_widget(admin_site))
        self.fields["claim"].widget.attrs["style"] = "width: 20em"


class ClaimForm(forms.ModelForm):
    # Set by ClaimAdmin.get_form on the add page opened with ?from_quote=<pk>.
    quote = None

    class Meta:
        model = Claim
        fields = ["text", "speakers", "topics"]

    def clean(self):
        data = super().clean()
        if self.quote is not None and self.instance.pk is None:
            try:
                claim_services.quotes_placeable_check([self.quote], [self.quote.pk])
            except ValidationError as exc:
                self.add_error(None, exc)
        return data


@admin.register(Claim)
class ClaimAdmin(HistoryAdmin):
    form = ClaimForm
    history_derived_fields = ("appearance_count", "outlet_count", "first_seen", "last_seen")

    def has_delete_permission(self, request, obj=None):
        # A claim leaves by being merged into another (its quotes must belong to some claim);
        # an emptied claim nobody decided on is collected by the services. The API has no
        # delete either. (Analysts keep delete_claim: claim_merge asks for it.)
        return False
    list_display = ["__str__", "appearance_count", "outlet_count", "first_seen", "last_seen"]
    search_fields = ["text"]
    autocomplete_fields = ["speakers", "topics"]
    list_filter = [("topics", TopicListFilter)]
    readonly_fields = ["first_seen", "last_seen", "appearance_count", "outlet_count",
                       "speaker_key", "wording_source", "created_by", "created_at"]
    actions = ["merge"]

    @admin.display(description="Wording")
    def wording_source(self, obj):
        # The model field's yes/no beside its help text ("✗ ... was set by an analyst and is
        # kept") read as a contradiction: say which case holds.
        if obj.wording_by_analyst:
            return "chosen by an analyst: grouping keeps it as written"
        return "the fullest of its quotes' wordings: grouping may replace it with a fuller one"

    def get_field_queryset(self, db, db_field, request):
        # The topic admin orders by an annotation of its own queryset (tree_position), which
        # the plain related queryset of this form lacks; the model's ordering serves here.
        if db_field.name == "topics":
            return None
        return super().get_field_queryset(db, db_field, request)

    # --- URLs -----------------------------------------------------------------------------
    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("graph/", view(self.graph_view), name="claims_claim_graph"),
            path("graph/data/", view(self.graph_data_view), name="claims_claim_graph_data"),
            path("<int:claim_id>/merge/", view(self.merge_view), name="claims_claim_merge"),
            path("<int:claim_id>/relations/<int:relation_id>/<str:decision>/",
                 view(require_POST(self.relation_decide_view)),
                 name="claims_claim_relation_decide"),
            path("<int:claim_id>/related/<int:other_id>/link/",
                 view(require_POST(self.related_link_view)), name="claims_claim_related_link"),
            path("<int:claim_id>/merge-suggestions/<int:suggestion_id>/<str:decision>/",
                 view(require_POST(self.merge_suggestion_decide_view)),
                 name="claims_claim_merge_suggestion_decide"),
            *super().get_urls(),
        ]

    # --- the add form, from a quote --------------------------------------------------------
    def _from_quote(self, request):
        value = request.GET.get("from_quote")
        if not value:
            return None
        quote = quote_for_claim_form(value)
        if quote is None:
            raise Http404(f"No quote #{value}.")
        return quote

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if obj is None:
            form.quote = self._from_quote(request)
        return form

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        quote = self._from_quote(request)
        if quote is not None:
            initial.update(text=display_wording(quote.text),
                           speakers=[s.pk for s in quote.speakers.all()])
        return initial

    def add_view(self, request, form_url="", extra_context=None):
        extra_context = {**(extra_context or {}), "from_quote": self._from_quote(request)}
        return super().add_view(request, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        """A new claim is the analyst's own (or made from the quote); an edit goes through
        claim_edit, so the wording is kept from then on and the history names the analyst."""
        data = form.cleaned_data
        if not change:
            topic_ids = [t.pk for t in data.get("topics", [])]
            if form.quote is not None:
                # The prefilled wording is the quote's own: only a changed one is the analyst's.
                text = data["text"] if data["text"].strip() != display_wording(
                    form.quote.text) else ""
                made = claim_services.claim_create_from_quote(
                    quote_id=form.quote.pk, user=request.user, text=text, topic_ids=topic_ids)
            else:
                made = claim_services.claim_create(
                    text=data["text"], user=request.user, topic_ids=topic_ids,
                    speaker_ids=[sp.pk for sp in data.get("speakers", [])])
            obj.pk = made.pk
            return
        claim_services.claim_edit(
            claim_id=obj.pk, user=request.user,
            text=data["text"] if "text" in form.changed_data else None)

    def save_related(self, request, form, formsets, change):
        data = form.cleaned_data
        speaker_ids = [s.pk for s in data.get("speakers", [])]
        if not change:
            quote = form.quote
            if quote is not None and set(speaker_ids) != {s.pk for s in quote.speakers.all()}:
                # changeform_view is one transaction: the claim and this fix commit together.
                claim_services.claim_edit(claim_id=form.instance.pk, user=request.user,
                                          speaker_ids=speaker_ids)
            return
        claim_services.claim_edit(
            claim_id=form.instance.pk, user=request.user,
            topic_ids=[t.pk for t in data.get("topics", [])],
            speaker_ids=speaker_ids if "speakers" in form.changed_data else None)

    # --- the change page -------------------------------------------------------------------
    def change_view(self, request, object_id, form_url="", extra_context=None):
        context = dict(extra_context or {})
        claim_id = as_id(object_id)
        if claim_id and Claim.objects.filter(pk=claim_id).exists():
            context.update(self._page_context(request, claim_id))
        elif claim_id and self.has_view_permission(request):
            # A claim merged away: its old address (a bookmark, a link in a note) leads on.
            moved = claim_merged_into(claim_id)
            if moved is not None:
                self.message_user(request, (
                    f"Claim #{claim_id} was merged into claim #{moved.claim_id} by {moved.by} "
                    f"on {moved.on:%Y-%m-%d %H:%M}."), messages.INFO)
                return redirect("admin:claims_claim_change", moved.claim_id)
        return super().change_view(request, object_id, form_url, context)

    def render_change_form(self, request, context, *args, **kwargs):
        merge_form = context.get("merge_form")
        if merge_form is not None:
            # One Media object, so jQuery and select2 are not loaded twice.
            context["media"] = context["media"] + merge_form.media
        return super().render_change_form(request, context, *args, **kwargs)

    def _page_context(self, request, claim_id: int, merge_form=None) -> dict:
        user = request.user
        can_merge = user.has_perm("claims.change_claim") and user.has_perm("claims.delete_claim")
        if merge_form is None and can_merge:
            merge_form = MergeForm(source=Claim(pk=claim_id), admin_site=self.admin_site)
        return {
            "claim_page": claim_page(claim_id),
            "can_decide_relations": user.has_perm("claims.change_claimrelation"),
            "can_decide_merges": user.has_perm("claims.change_claimmergesuggestion"),
            "can_assess": user.has_perm("claims.add_claimassessment"),
            "can_edit_assessments": user.has_perm("claims.change_claimassessment"),
            "merge_form": merge_form if can_merge else None,
            "graph_url": reverse("admin:claims_claim_graph") + f"?claim={claim_id}",
            "related": related_claims(claim_id, limit=RELATED_SHOWN),
            "link_types": LINK_TYPES,
            "can_link": user.has_perm("claims.add_claimrelation"),
        }

    def _back_to(self, claim_id: int):
        if Claim.objects.filter(pk=claim_id).exists():
            return redirect("admin:claims_claim_change", claim_id)
        return redirect("admin:claims_claim_changelist")

    def _decided(self, request, *, decision: str, decisions: dict, permission: str, model,
                 pk: int, claim_id: int, ends):
        """What a claim page's confirm or reject button decides: a known decision, the user's
        permission, and a relation or suggestion that is about this claim (`ends` gives the
        claims it joins)."""
        if decision not in decisions:
            raise Http404("Confirm or reject.")
        if not request.user.has_perm(permission):
            raise PermissionDenied
        found = get_object_or_404(model, pk=pk)
        if claim_id not in ends(found):
            raise Http404(f"{model._meta.verbose_name} #{pk} is not about claim #{claim_id}.")
        return found

    def relation_decide_view(self, request, claim_id: int, relation_id: int, decision: str):
        relation = self._decided(
            request, decision=decision, decisions=RELATION_DECISIONS,
            permission="claims.change_claimrelation", model=ClaimRelation, pk=relation_id,
            claim_id=claim_id, ends=lambda r: (r.from_claim_id, r.to_claim_id))
        done = "Confirmed" if decision == "confirm" else "Rejected"
        run_service(self, request, lambda: RELATION_DECISIONS[decision](
            relation_id=relation.pk, user=request.user), f"{done}: {relation}.")
        return self._back_to(claim_id)

    def related_link_view(self, request, claim_id: int, other_id: int):
        """One click on a related claim's row: the two claims linked by the type clicked, as
        the analyst's own confirmed relation (relation_create: permission, self, claims gone,
        a link already there are refused with a message; nothing is half-saved). The claim
        first seen later is the one that supports, denies or responds."""
        if not request.user.has_perm("claims.add_claimrelation"):
            raise PermissionDenied
        kind = request.POST.get("type", "")
        seen = dict(Claim.objects.filter(pk__in=[claim_id, other_id])
                    .values_list("pk", "first_seen"))
        later, earlier = claim_id, other_id
        if seen.get(claim_id) and seen.get(other_id) and seen[other_id] > seen[claim_id]:
            later, earlier = other_id, claim_id
        label = dict(ClaimRelation.Type.choices).get(kind, kind)
        run_service(self, request, lambda: relation_services.relation_create(
            from_claim_id=later, to_claim_id=earlier, type=kind, user=request.user),
            f"Linked: claim #{later} {label} claim #{earlier}.")
        return self._back_to(claim_id)

    def merge_suggestion_decide_view(self, request, claim_id: int, suggestion_id: int,
                                     decision: str):
        suggestion = self._decided(
            request, decision=decision, decisions=MERGE_DECISIONS,
            permission="claims.change_claimmergesuggestion", model=ClaimMergeSuggestion,
            pk=suggestion_id, claim_id=claim_id, ends=lambda m: (m.claim_id, m.other_id))
        done = (f"Merged claim #{suggestion.other_id} into claim #{suggestion.claim_id}."
                if decision == "confirm" else f"Not the same claim: {suggestion}.")
        ok = run_service(self, request, lambda: MERGE_DECISIONS[decision](
            suggestion_id=suggestion.pk, user=request.user), done)
        return self._back_to(suggestion.claim_id if ok and decision == "confirm" else claim_id)

    def merge_view(self, request, claim_id: int):
        """"Merge this claim into ...": on the claim page; this page shows the form again
        with what was wrong next to the field."""
        source = get_object_or_404(Claim, pk=claim_id)
        if not self.has_view_permission(request, source):
            raise PermissionDenied
        can_merge = (request.user.has_perm("claims.change_claim")
                     and request.user.has_perm("claims.delete_claim"))
        if not can_merge:
            # As the speaker merge page: a form that could not be sent is not shown at all.
            raise PermissionDenied
        form = MergeForm(request.POST or None, source=source, admin_site=self.admin_site)
        target = None
        if request.method == "POST" and form.is_valid():
            target = form.cleaned_data["target"]
            # A merge cannot be undone: the first POST shows both claims and asks; only the
            # confirmation's POST (confirmed=yes) merges.
            if request.POST.get("confirmed") == "yes" and run_service(
                    self, request, lambda: claim_services.claim_merge(
                        source_id=source.pk, target_id=target.pk, user=request.user),
                    f"Merged claim #{source.pk} into claim #{target.pk}."):
                return redirect("admin:claims_claim_change", target.pk)
        context = {
            **self.admin_site.each_context(request),
            "title": (f"Merge claim #{source.pk} into claim #{target.pk}?" if target
                      else f"Merge claim #{source.pk}"),
            "opts": self.opts, "original": source, "form": form, "can_merge": can_merge,
            "target": target,
            "moving": source.quotes.count() if target else 0,
            "media": self.media + form.media,
        }
        return TemplateResponse(request, "admin/claims/claim/merge.html", context)

    # --- the graph -------------------------------------------------------------------------
    def _graph_filters(self, request) -> dict:
        claim, topic = request.GET.get("claim"), request.GET.get("topic")
        speaker = request.GET.get("speaker")
        if claim and not as_id(claim):
            raise ValidationError("claim is a claim id.")
        if speaker and not as_id(speaker):
            raise ValidationError("speaker is a speaker id.")
        return {"claim": as_id(claim), "topic": topic or None, "speaker": as_id(speaker)}

    def graph_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        try:
            filters = self._graph_filters(request)
        except ValidationError as exc:
            return HttpResponseBadRequest("; ".join(exc.messages))
        query = request.GET.urlencode()
        focus = {"claim": graph_claim(filters["claim"]) if filters["claim"] else None,
                 "topic": graph_topic(filters["topic"]),
                 "speaker": graph_speaker(filters["speaker"])}
        context = {
            **self.admin_site.each_context(request),
            "title": "Claim graph", "opts": self.opts,
            "filters": filters,
            "form": GraphFilterForm(admin_site=self.admin_site, initial={
                name: found.pk for name, found in focus.items() if found}),
            "focus_claim": focus["claim"], "focus_topic": focus["topic"],
            "focus_speaker": focus["speaker"],
            "data_url": reverse("admin:claims_claim_graph_data") + (f"?{query}" if query else ""),
            "claim_url": reverse("admin:claims_claim_change", args=[0]),
        }
        return TemplateResponse(request, "admin/claims/graph.html", context)

    def graph_data_view(self, request):
        """The graph as JSON for graph.js: the page's session, the claims.view_claim
        permission."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        try:
            filters = self._graph_filters(request)
        except ValidationError as exc:
            return JsonResponse({"error": "; ".join(exc.messages)}, status=400)
        if not any(filters.values()):
            return JsonResponse({"nodes": [], "edges": [],
                                 "note": "Choose a speaker, a topic or a claim."})
        data = claim_graph(**filters)
        for node in data["nodes"]:
            node["url"] = reverse("admin:claims_claim_change", args=[node["id"]])
        return JsonResponse(data)

    # --- the changelist action -------------------------------------------------------------
    @admin.action(description="Merge selected claims into the oldest", permissions=["change"])
    def merge(self, request, queryset):
        ids = sorted(queryset.values_list("pk", flat=True))
        if request.POST.get("post") != "yes":
            # A merge cannot be undone: first a page naming what goes where (as Django's
            # "delete selected" asks), whose button posts the same selection with post=yes.
            claims = list(queryset.order_by("pk").only("id", "text"))
            return TemplateResponse(request, "admin/claims/claim/merge_selected.html", {
                **self.admin_site.each_context(request),
                "title": (f"Merge {len(ids) - 1} claim{'' if len(ids) == 2 else 's'} into "
                          f"claim #{ids[0]}?"),
                "opts": self.opts, "target": claims[0], "sources": claims[1:],
                "ids": ids, "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            })

        def call():
            for source in ids[1:]:
                claim_services.claim_merge(source_id=source, target_id=ids[0], user=request.user)

        run_service(self, request, call, f"Merged {len(ids) - 1} claims into claim #{ids[0]}.")


class RelationForm(forms.ModelForm):
    class Meta:
        model = ClaimRelation
        fields = ["from_claim", "to_claim", "type", "note"]

    def clean(self):
        data = super().clean()
        if self.instance.pk is None and all(data.get(f) for f in ("from_claim", "to_claim",
                                                                   "type")):
            try:
                relation_services.relation_check(from_claim_id=data["from_claim"].pk,
                                                 to_claim_id=data["to_claim"].pk,
                                                 type=data["type"])
            except ValidationError as exc:
                self.add_error(None, exc)
        return data

    def _post_clean(self):
        # relation_check said what is wrong; the model's constraints would only say it again
        # in their own words ("Constraint relation_not_self is violated").
        if not self._errors:
            super()._post_clean()


@admin.register(ClaimRelation)
class ClaimRelationAdmin(HistoryAdmin):
    form = RelationForm

    def has_delete_permission(self, request, obj=None):
        # A wrong relation is rejected, not deleted: a rejected one is kept so that it is never
        # suggested again. The API has no delete either.
        return False
    list_display = ["__str__", "type", "status", "created_at", "decided_by"]
    list_filter = ["type", "status"]
    list_select_related = ["decided_by"]
    autocomplete_fields = ["from_claim", "to_claim"]
    readonly_fields = ["status", "reason", "quotes", "created_by", "decided_by", "decided_at"]
    actions = ["confirm", "reject"]

    def get_readonly_fields(self, request, obj=None):
        # Only the note of an existing relation changes here: the pair and type are the row.
        fields = super().get_readonly_fields(request, obj)
        return [*fields, "from_claim", "to_claim", "type"] if obj is not None else fields

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
class ClaimMergeSuggestionAdmin(HistoryAdmin):
    list_display = ["__str__", "claim", "other", "score", "status"]
    list_filter = ["status"]
    list_select_related = ["claim", "other"]
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
class ClaimAssessmentAdmin(HistoryAdmin):
    list_display = ["__str__", "rating", "unverifiable", "assessed_at"]
    list_filter = ["rating", "unverifiable"]
    list_select_related = ["claim"]
    autocomplete_fields = ["claim"]
    readonly_fields = ["reviewer", "assessed_at"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "url":
            kwargs["assume_scheme"] = "https"  # what Django 6 assumes; a review is on the web
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        """Through the assessment services: the reviewer is the signed-in analyst."""
        fields = {f: getattr(obj, f) for f in ("rating", "unverifiable", "rationale", "url")}
        if change:
            assessments.assessment_update(assessment_id=obj.pk, user=request.user, **fields)
        else:
            obj.pk = assessments.assessment_create(claim_id=obj.claim_id, user=request.user,
                                                   **fields).pk
