"""Outlets and articles. The article page shows the body with every quote highlighted in place
(a colour per speaker, the cue underlined; article.js shows a quote's details on click) and the
quotes beside it, with the analysts' confirm / reject buttons (posting to the quote admin's
URLs) and the editors' re-extraction."""
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.urls import path, reverse
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

from claims.admin.actions import run_service
from claims.admin.quotes import REVIEW_PERMISSION, new_claim_url, speaker_names, status_badge
from claims.admin.service_forms import ServiceFormAdmin, ServiceModelForm
from claims.grouping.speaker_keys import speaker_key
from claims.models import Article, ArticleAppearance, Outlet
from claims.selectors import articles as article_selectors
from claims.selectors.claim_page import claims_of_one_quote
from claims.services.articles import EDITABLE as ARTICLE_EDITABLE
from claims.services.articles import article_edit
from claims.services.extraction import articles_reextract
from claims.services.outlets import FIELDS as OUTLET_FIELDS
from claims.services.outlets import outlet_create, outlet_update

# A URL typed without a scheme is https (Django 6's default; saying so silences its warning).
HTTPS_URLS = {models.URLField: {"assume_scheme": "https"}}


class OutletForm(ServiceModelForm):
    """Saved by the outlet services (a name or domain taken shows next to the field)."""

    class Meta:
        model = Outlet
        fields = ["name", "domain", "country"]

    def save_through_service(self, data):
        fields = {name: data[name] for name in OUTLET_FIELDS if name in data}
        if self.instance.pk is None:
            return outlet_create(user=self.user, **fields)
        changed = {k: v for k, v in fields.items() if k in self.changed_data}
        return outlet_update(outlet_id=self.instance.pk, user=self.user, **changed)


@admin.register(Outlet)
class OutletAdmin(ServiceFormAdmin, admin.ModelAdmin):
    form = OutletForm
    saved_fields = OUTLET_FIELDS
    list_display = ["name", "domain", "country"]
    search_fields = ["name", "domain"]


class AppearanceInline(admin.TabularInline):
    model = ArticleAppearance
    formfield_overrides = HTTPS_URLS
    extra = 0
    fields = ["outlet", "url", "canonical_url", "published_at"]
    autocomplete_fields = ["outlet"]


# --- the body with its quotes highlighted --------------------------------------------------

# Colours (article.css .sp-0 ... .sp-7) are given to speakers in the order they first speak.
PALETTE_SIZE = 8
# How far from its quote the cue ("said", "told reporters") is looked for.
CUE_REACH = 120


def _who(quote) -> str:
    # Grouping's speaker key (one meaning of "who speaks" throughout), with the mention as
    # written when the extractor resolved no name, so each unnamed voice keeps its colour.
    return speaker_key([s.pk for s in quote.speakers.all()],
                       quote.speaker_name or quote.speaker_mention or "")


def speaker_colours(quotes) -> dict[int, str]:
    """Each quote's colour class; a quote with no known speaker is grey."""
    order: dict[str, int] = {}
    colours = {}
    for quote in quotes:
        key = _who(quote)
        if not key:
            colours[quote.pk] = "sp-none"
            continue
        index = order.setdefault(key, len(order))
        colours[quote.pk] = f"sp-{index % PALETTE_SIZE}"
    return colours


def _cue_span(body: str, quote) -> tuple[int, int] | None:
    cue = (quote.cue or "").strip()
    if not cue:
        return None
    lowered = body.lower()
    after = lowered.find(cue.lower(), quote.end, quote.end + CUE_REACH)
    if after >= 0:
        return after, after + len(cue)
    before = lowered.rfind(cue.lower(), max(0, quote.start - CUE_REACH), quote.start)
    return (before, before + len(cue)) if before >= 0 else None


def _quote_attrs(quote, colour: str) -> str:
    claim_url = (reverse("admin:claims_claim_change", args=[quote.claim_id])
                 if quote.claim_id else "")
    who = speaker_names(quote)
    return format_html(
        'class="quote-hl {} quote-status-{}" tabindex="0" data-quote="{}" data-speaker="{}" '
        'data-kind="{}" data-status="{}" data-claim-url="{}" data-claim-text="{}" '
        'data-quote-url="{}" title="{} · {} · {}"',
        colour, quote.review_status, quote.pk, who, quote.get_kind_display(),
        quote.get_review_status_display(), claim_url,
        quote.claim.text[:200] if quote.claim_id else "",
        reverse("admin:claims_quote_change", args=[quote.pk]),
        who, quote.get_kind_display(), quote.get_review_status_display())


def _marks(body: str, quotes, colours) -> list[tuple[int, int, str, str]]:
    """(start, end, opening tag, closing tag), none overlapping: quotes first in text order,
    then the cues that fall outside every quote. A quote overlapping an earlier one cannot be
    drawn as its own span in flat HTML: it gets a marker (still `id="quote-<pk>"`) where the
    earlier one ends."""
    marks, taken = [], []
    for quote in sorted(quotes, key=lambda q: (q.start, q.end)):
        attrs = _quote_attrs(quote, colours[quote.pk])
        if taken and quote.start < taken[-1][1]:
            at = taken[-1][1]
            marks.append((at, at, format_html('<span id="quote-{}" {}>', quote.pk, attrs)
                          + format_html("[#{}]", quote.pk), "</span>"))
            continue
        marks.append((quote.start, quote.end,
                      format_html('<span id="quote-{}" {}>', quote.pk, attrs), "</span>"))
        taken.append((quote.start, quote.end))
    for quote in quotes:
        span = _cue_span(body, quote)
        if span and not any(s < span[1] and span[0] < e for s, e in taken):
            marks.append((*span, format_html('<span class="quote-cue {}" data-cue-of="{}">',
                                             colours[quote.pk], quote.pk), "</span>"))
            taken.append(span)
    return sorted(marks, key=lambda m: (m[0], m[1]))


def highlighted_body(body: str, quotes, colours) -> str:
    pieces, pos = [], 0
    for start, end, opening, closing in _marks(body, quotes, colours):
        pieces += [escape(body[pos:start]), opening, escape(body[start:end]), closing]
        pos = max(pos, end)
    pieces.append(escape(body[pos:]))
    return mark_safe("".join(pieces))  # every piece was escaped or built by format_html


class ArticleForm(ServiceModelForm):
    """Saved by article_edit: the content hash follows the text, a typed canonical URL is
    canonicalised, and another article's text or URL is an error next to the field."""

    class Meta:
        model = Article
        fields = "__all__"

    def save_through_service(self, data):
        changes = {name: data[name] for name in self.changed_data if name in ARTICLE_EDITABLE}
        return article_edit(article_id=self.instance.pk, user=self.user, **changes)


@admin.register(Article)
class ArticleAdmin(ServiceFormAdmin, admin.ModelAdmin):
    form = ArticleForm
    saved_fields = ("title", "canonical_url", "content_hash")
    formfield_overrides = HTTPS_URLS
    change_form_template = "admin/claims/article/change_form.html"
    list_display = ["title", "outlet", "published_at", "language", "extraction_status"]
    list_filter = ["extraction_status", "language", "outlet"]
    search_fields = ["title", "url", "canonical_url", "byline"]
    date_hierarchy = "published_at"
    autocomplete_fields = ["outlet"]
    # The run is shown as a link (import_run_link); where an article came from is not edited.
    exclude = ["import_run"]
    readonly_fields = ["content_hash", "import_run_link", "extraction_status", "extraction_note",
                       "extraction_queued_at", "extractor_version", "extracted_at", "created_at",
                       "updated_at"]
    inlines = [AppearanceInline]
    list_select_related = ["outlet"]
    actions = ["reextract"]

    class Media:
        css = {"all": ["claims/admin/article.css"]}
        js = ["claims/admin/article.js"]

    def add_view(self, request, form_url="", extra_context=None):
        # An article comes in through an import (a run, its item, extraction queued), never
        # as a bare row: the add page leads to the paste form, as the import runs' does.
        if not self.has_add_permission(request):
            raise PermissionDenied
        return HttpResponseRedirect(reverse("admin:claims_importrun_paste"))

    def save_related(self, request, form, formsets, change):
        # The article itself was saved by article_edit; its appearances are plain rows.
        for formset in formsets:
            self.save_formset(request, form, formset, change)

    def get_queryset(self, request):
        queryset = super().get_queryset(request).select_related("outlet", "import_run")
        match = request.resolver_match
        if match and match.url_name == "claims_article_changelist":
            # A page of 100 articles needs none of their bodies.
            queryset = queryset.defer("body")
        return queryset

    # --- the body is read-only once an analyst reviewed a quote of it ---

    def _reviewed(self, obj) -> int:
        if obj is None or obj.pk is None:
            return 0
        if not hasattr(obj, "_reviewed_quotes"):
            obj._reviewed_quotes = article_selectors.reviewed_quote_count(obj.pk)
        return obj._reviewed_quotes

    def _body_display(self, request, obj) -> str | None:
        """What stands in for the body field: the reason it is locked, or (for someone who
        may only read) a pointer to the highlighted text above; None for the editable body."""
        if self._reviewed(obj):
            return "body_locked"
        if obj is not None and not self.has_change_permission(request, obj):
            return "body_below"
        return None

    def get_fields(self, request, obj=None):
        fields = list(super().get_fields(request, obj))
        shown = self._body_display(request, obj)
        if shown and "body" in fields:
            # It is a read-only field too (listed at the end): shown once, where the body was.
            fields = [f for f in fields if f != shown]
            fields[fields.index("body")] = shown
        return fields

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        shown = self._body_display(request, obj)
        if shown:
            # A locked body is refused by the database too (a trigger); the page says so first.
            fields.append(shown)
        return fields

    @admin.display(description="body")
    def body_locked(self, obj):
        return format_html(
            '<p class="body-locked" id="body-locked">Read-only: {} of this article\'s quotes '
            "{} confirmed or edited by an analyst, and their offsets point into this text, so "
            "it cannot change. The text is shown above with its quotes.</p>",
            self._reviewed(obj), "was" if self._reviewed(obj) == 1 else "were")

    @admin.display(description="body")
    def body_below(self, obj):
        return "Shown above, with its quotes highlighted."

    @admin.display(description="import run")
    def import_run_link(self, obj):
        if not obj.import_run_id:
            return "–"
        return format_html('<a href="{}" id="import-run-link">{}</a>',
                           reverse("admin:claims_importrun_change", args=[obj.import_run_id]),
                           obj.import_run)

    # --- re-running the extraction (reviewed quotes are kept) ---

    def get_urls(self):
        return [path("<int:article_id>/extract/", self.admin_site.admin_view(self.extract_view),
                     name="claims_article_extract"), *super().get_urls()]

    def extract_view(self, request, article_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not request.user.has_perm("claims.change_article"):
            raise PermissionDenied
        article = self.get_object(request, str(article_id))
        if article is None:
            raise Http404(f"No article #{article_id}.")
        self._queue(request, [article.pk])
        return HttpResponseRedirect(reverse("admin:claims_article_change", args=[article.pk]))

    @admin.action(description="Re-run extraction (reviewed quotes are kept)",
                  permissions=["change"])
    def reextract(self, request, queryset):
        self._queue(request, list(queryset.values_list("pk", flat=True)))

    def _queue(self, request, ids):
        run_service(self, request,
                    lambda: articles_reextract(article_ids=ids, user=request.user),
                    f"Extraction queued for {len(ids)} article(s); quotes an analyst reviewed "
                    "or placed are kept.")

    # --- the page ---

    def change_view(self, request, object_id, form_url="", extra_context=None):
        # The text and its quotes side by side need the width the app list would take.
        extra = {"is_nav_sidebar_enabled": False, **(extra_context or {})}
        article = self.get_object(request, object_id)
        if article is not None:
            extra.update(self._quote_panel(request, article))
        return super().change_view(request, object_id, form_url, extra_context=extra)

    def _quote_panel(self, request, article) -> dict:
        user = request.user
        quotes = list(article_selectors.article_quotes(article.pk))
        colours = speaker_colours(quotes)
        can_claim = user.has_perm("claims.add_claim")
        alone = claims_of_one_quote(q.claim_id for q in quotes) if can_claim else set()
        items = [{"quote": q, "colour": colours[q.pk], "speaker": speaker_names(q),
                  "status_html": status_badge(q),
                  "new_claim_url": new_claim_url(q.pk)
                  if can_claim and q.claim_id not in alone else ""} for q in quotes]
        legend = {}
        for item in items:
            legend.setdefault(item["speaker"], item["colour"])
        return {
            "article_quotes": items,
            "highlighted_body": highlighted_body(article.body, quotes, colours),
            "speaker_legend": legend.items(),
            "queue_url": reverse("admin:claims_quote_changelist") + f"?article={article.pk}",
            "can_review": user.has_perm(REVIEW_PERMISSION),
            "can_extract": user.has_perm("claims.change_article"),
            "page_url": reverse("admin:claims_article_change", args=[article.pk]),
        }


@admin.register(ArticleAppearance)
class ArticleAppearanceAdmin(admin.ModelAdmin):
    formfield_overrides = HTTPS_URLS
    list_display = ["canonical_url", "article", "outlet", "seen_at"]
    search_fields = ["canonical_url", "article__title"]
    raw_id_fields = ["article"]
    list_select_related = ["article", "outlet"]
