"""The quote review queue (the Quote changelist) and the quote page.

Analysts confirm and reject here, one at a time from the keyboard (review.js posts to the
confirm / reject URLs) or in bulk with the actions, and attach a quote to a claim, the most
similar claims offered first. Every change goes through claims.services.quotes / claims.
"""
from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseNotAllowed, HttpResponseRedirect, JsonResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import Truncator

from claims import selectors
from claims.admin.actions import run_service
from claims.admin.filters import topic_names
from claims.admin.history import HistoryAdmin
from claims.models import Article, Quote, Speaker
from claims.params import as_id
from claims.selectors import quotes as quote_selectors
from claims.selectors.claim_page import claims_of_one_quote
from claims.services import claims as claim_services
from claims.services import quotes as quote_services

REVIEW_PERMISSION = quote_services.PERMISSION  # the review services' own


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
        if "claim" in self.changed_data:
            self._check_claim(data.get("claim"))
        return data

    def _check_claim(self, claim) -> None:
        # What quote_move would refuse, said next to the field before anything is saved.
        if claim is None:
            self.add_error("claim", "A quote that is not rejected belongs to a claim: choose "
                                    "another claim (or make a new one from the quote).")
        elif self.instance.review_status == Quote.Review.REJECTED:
            self.add_error("claim", "This quote was rejected; a rejected quote belongs to no "
                                    "claim. Confirm it first.")


# --- filters -------------------------------------------------------------------------------

class _ChosenFilter(admin.SimpleListFilter):
    """A filter on one row of a big table (a speaker, an article), taken from the query string:
    the sidebar shows the chosen one, never a list of thousands."""

    template = "admin/claims/quote/chosen_filter.html"
    placeholder = ""

    def __init__(self, request, params, model, model_admin):
        # The other parameters, kept as hidden inputs of this filter's own little form.
        self.other_params = [(k, v) for k, values in request.GET.lists() for v in values
                             if k not in (self.parameter_name, "p")]
        super().__init__(request, params, model, model_admin)

    def chosen_name(self) -> str:
        raise NotImplementedError

    def lookups(self, request, model_admin):
        value = self.value()
        return [(value, self.chosen_name())] if value else []

    def has_output(self):
        return bool(self.placeholder) or bool(self.value())


class SpeakerFilter(_ChosenFilter):
    title = "speaker"
    parameter_name = "speaker"
    placeholder = "Name, alias or id"

    def chosen_name(self) -> str:
        value = self.value()
        if as_id(value):
            speaker = Speaker.objects.filter(pk=as_id(value)).values_list("name", flat=True)
            return speaker.first() or f"no speaker #{value}"
        return f"“{value}”"

    def queryset(self, request, queryset):
        if self.value():
            return selectors.quotes_filter(queryset, speaker=self.value())
        return queryset


class ArticleFilter(_ChosenFilter):
    title = "article"
    parameter_name = "article"

    def chosen_name(self) -> str:
        value = self.value()
        title = (Article.objects.filter(pk=as_id(value)).values_list("title", flat=True).first()
                 if as_id(value) else None)
        return Truncator(title).chars(60) if title else f"no article #{value}"

    def queryset(self, request, queryset):
        value = self.value()
        if value:
            return queryset.filter(article_id=as_id(value)) if as_id(value) else queryset.none()
        return queryset


class TopicFilter(admin.SimpleListFilter):
    title = "topic (of the claim)"
    parameter_name = "topic"

    def lookups(self, request, model_admin):
        return list(topic_names().items())

    def queryset(self, request, queryset):
        if self.value():
            # Topics under the chosen one count too (selectors.quotes_filter).
            return selectors.quotes_filter(queryset, topic=self.value())
        return queryset


class ConfidenceFilter(admin.SimpleListFilter):
    title = "confidence"
    parameter_name = "confidence"

    def lookups(self, request, model_admin):
        return [(value, label) for value, label, _, _ in quote_selectors.CONFIDENCE_BANDS]

    def queryset(self, request, queryset):
        if self.value():
            return quote_selectors.confidence_band(queryset, self.value())
        return queryset


# --- small pieces of HTML ------------------------------------------------------------------

# Short enough for a narrow column; the full label is the badge's title.
_SHORT_STATUS = {Quote.Review.EXTRACTED: "To review", Quote.Review.CONFIRMED: "Confirmed",
                 Quote.Review.REJECTED: "Rejected", Quote.Review.EDITED: "Edited"}


def status_badge(quote) -> str:
    return format_html('<span class="quote-status quote-status-{}" title="{}">{}</span>',
                       quote.review_status, quote.get_review_status_display(),
                       _SHORT_STATUS.get(quote.review_status, quote.review_status))


def speaker_names(quote) -> str:
    names = [s.name for s in quote.speakers.all()]
    return ", ".join(names) or quote.speaker_name or quote.speaker_mention or "unknown"


def review_buttons(quote) -> str:
    return format_html(
        '<span class="quote-review">'
        '<button type="button" class="button" data-action="confirm" data-url="{}" '
        'title="Confirm (c)">Confirm</button> '
        '<button type="button" class="button" data-action="reject" data-url="{}" '
        'title="Reject (r)">Reject</button></span>',
        reverse("admin:claims_quote_confirm", args=[quote.pk]),
        reverse("admin:claims_quote_reject", args=[quote.pk]))


def new_claim_url(quote_id: int) -> str:
    # The claim add page prefills itself from the quote (built with the claim admin).
    return reverse("admin:claims_claim_add") + f"?from_quote={quote_id}"


def _safe_next(request, fallback: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                       require_https=request.is_secure()):
        return target
    return fallback


# --- the admin -----------------------------------------------------------------------------

@admin.register(Quote)
class QuoteAdmin(HistoryAdmin):
    form = QuoteForm
    change_list_template = "admin/claims/quote/change_list.html"
    change_form_template = "admin/claims/quote/change_form.html"
    list_display = ["quote_ref", "in_context", "speakers_column", "kind_short", "status",
                    "confidence_pct", "article_ref", "review"]
    list_display_links = ["quote_ref"]
    list_filter = ["review_status", SpeakerFilter, ArticleFilter, "article__outlet", TopicFilter,
                   "kind", "article__published_at", ConfidenceFilter]
    # The speaker's names and aliases, not the article's title: searching "Putin" must not
    # bring Bolton's quotes from an article about Putin.
    search_fields = ["text", "speakers__name", "speakers__aliases__alias", "speaker_name"]
    search_help_text = "Words of the quote, or part of a speaker's name or alias."
    autocomplete_fields = ["speakers", "claim"]
    readonly_fields = ["article_ref", "in_context", "text", "review_status", "claim_pinned",
                       "speaker_mention", "speaker_name", "confidence", "extractor_version",
                       "reviewed_by", "reviewed_at", "created_at", "updated_at"]
    ordering = ["-article_id", "start"]
    list_per_page = 50
    # "N total" would count the whole table again on every page; the filtered count is shown.
    show_full_result_count = False
    actions = ["confirm", "reject"]

    class Media:
        css = {"all": ["claims/admin/review.css"]}
        js = ["claims/admin/review.js"]

    def get_queryset(self, request):
        return quote_selectors.review_queue()

    def get_changelist_instance(self, request):
        changelist = super().get_changelist_instance(request)
        # The page's rows, evaluated once here (the template reuses them), get their sentences
        # in one query.
        quote_selectors.with_context(changelist.result_list)
        return changelist

    def get_search_results(self, request, queryset, search_term):
        term = search_term.strip()
        if not term:
            return queryset, False
        return quote_selectors.queue_search(queryset, term), False

    def get_list_display(self, request):
        shown = list(super().get_list_display(request))
        if not request.user.has_perm(REVIEW_PERMISSION):
            shown.remove("review")
        return shown

    def has_add_permission(self, request):
        # Quotes come from the extractor; an analyst corrects them, never types one in.
        return False

    def has_change_permission(self, request, obj=None):
        return request.user.has_perm(REVIEW_PERMISSION) and super().has_change_permission(
            request, obj)

    def has_review_permission(self, request):
        return request.user.has_perm(REVIEW_PERMISSION)

    # --- columns ---

    @admin.display(description="#", ordering="pk")
    def quote_ref(self, quote):
        return f"#{quote.pk}"

    @admin.display(description="quote, in its sentence")
    def in_context(self, quote):
        if not hasattr(quote, "context_before"):  # the quote's own page
            quote_selectors.with_context([quote])
        before, after = quote_selectors.context_of(quote)
        return format_html('<span class="quote-context">{}<mark class="quote-text">{}</mark>{}'
                           "</span>", before, quote.text, after)

    @admin.display(description="speaker")
    def speakers_column(self, quote):
        return speaker_names(quote)

    @admin.display(description="kind", ordering="kind")
    def kind_short(self, quote):
        return format_html('<span title="{}">{}</span>', quote.get_kind_display(),
                           quote.kind.capitalize())

    @admin.display(description="status", ordering="review_status")
    def status(self, quote):
        return status_badge(quote)

    @admin.display(description="conf.", ordering="confidence")
    def confidence_pct(self, quote):
        return f"{quote.confidence:.2f}"

    @admin.display(description="article")
    def article_ref(self, quote):
        article = quote.article
        url = reverse("admin:claims_article_change", args=[article.pk]) + f"#quote-{quote.pk}"
        date = f" ({article.published_at:%Y-%m-%d})" if article.published_at else ""
        outlet = f"{article.outlet.name}, " if article.outlet_id else ""
        return format_html('<a href="{}">{}</a> <span class="quote-article-meta">{}{}</span>',
                           url, Truncator(article.title).chars(50), outlet, date.strip())

    @admin.display(description="review")
    def review(self, quote):
        return review_buttons(quote)

    # --- saving through the services ---

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

    # --- bulk actions ---

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

    # --- one quote at a time: confirm, reject, attach ---

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<int:quote_id>/confirm/", view(self.confirm_view), name="claims_quote_confirm"),
            path("<int:quote_id>/reject/", view(self.reject_view), name="claims_quote_reject"),
            path("<int:quote_id>/attach/", view(self.attach_view), name="claims_quote_attach"),
            *super().get_urls(),
        ]

    def confirm_view(self, request, quote_id):
        return self._review_view(request, quote_id, quote_services.quote_confirm, "Confirmed")

    def reject_view(self, request, quote_id):
        return self._review_view(request, quote_id, quote_services.quote_reject, "Rejected")

    def _review_view(self, request, quote_id, service, done):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not request.user.has_perm(REVIEW_PERMISSION):
            raise PermissionDenied
        wants_json = "application/json" in request.headers.get("Accept", "")
        try:
            quote = service(quote_id=quote_id, user=request.user)
        except ValidationError as exc:
            if wants_json:
                return JsonResponse({"error": "; ".join(exc.messages)}, status=400)
            self.message_user(request, "; ".join(exc.messages), messages.ERROR)
            return HttpResponseRedirect(_safe_next(request, reverse(
                "admin:claims_quote_changelist")))
        if wants_json:
            return JsonResponse({"id": quote.pk, "review_status": quote.review_status,
                                 "status_html": status_badge(quote)})
        self.message_user(request, f"{done} quote #{quote.pk}.", messages.SUCCESS)
        return HttpResponseRedirect(_safe_next(request, reverse(
            "admin:claims_quote_change", args=[quote.pk])))

    def attach_view(self, request, quote_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not request.user.has_perm("claims.change_claim"):
            raise PermissionDenied
        claim_id = request.POST.get("claim", "")
        back = reverse("admin:claims_quote_change", args=[quote_id])
        if not as_id(claim_id):
            self.message_user(request, "Choose a claim to attach the quote to.", messages.ERROR)
            return HttpResponseRedirect(back)
        run_service(self, request,
                    lambda: claim_services.quote_move(quote_id=quote_id, claim_id=as_id(claim_id),
                                                      user=request.user),
                    f"Quote #{quote_id} attached to claim #{claim_id}.")
        return HttpResponseRedirect(_safe_next(request, back))

    # --- pages ---

    def changelist_view(self, request, extra_context=None):
        # The queue is a working screen: the app list beside it would take a quarter of a
        # laptop's width (the columns must fit 1366 px without scrolling).
        extra = {"can_review": request.user.has_perm(REVIEW_PERMISSION),
                 "is_nav_sidebar_enabled": False, "title": "Review queue",
                 **(extra_context or {})}
        return super().changelist_view(request, extra_context=extra)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra = dict(extra_context or {})
        quote = self.get_object(request, object_id)
        if quote is not None:
            extra.update(self._quote_panel(request, quote))
        return super().change_view(request, object_id, form_url, extra_context=extra)

    def _quote_panel(self, request, quote) -> dict:
        user = request.user
        speaker_ids = [s.pk for s in quote.speakers.all()]
        return {
            "quote": quote,
            "status_html": status_badge(quote),
            "similar_claims": quote_selectors.similar_claims(quote, speaker_ids=speaker_ids),
            "can_attach": user.has_perm("claims.change_claim")
            and quote.review_status != Quote.Review.REJECTED,
            "can_review": user.has_perm(REVIEW_PERMISSION),
            # Not for a quote alone in its claim: the new claim would be a copy of that one.
            "new_claim_url": new_claim_url(quote.pk) if user.has_perm("claims.add_claim")
            and quote.claim_id not in claims_of_one_quote([quote.claim_id]) else "",
            "article_url": reverse("admin:claims_article_change", args=[quote.article_id])
            + f"#quote-{quote.pk}",
        }

