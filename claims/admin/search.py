"""One search box over claims, quotes and article titles, inside the admin.

A face over `claims.selectors.search`: the same full-text search and filters as the API's `?q=`,
so an analyst finds in the admin exactly what a REST client finds. Read-only: anyone who may view
quotes may search.
"""
from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse

from claims import selectors
from claims.models import Quote

PER_SECTION = 25  # rows shown per kind; the counts say how many matched in all


class SearchForm(forms.Form):
    q = forms.CharField(label="Search", required=False, max_length=500,
                        widget=forms.TextInput(attrs={"autofocus": True, "size": 50,
                                                      "placeholder": 'alliance -military, '
                                                                     '"wake-up call"'}))
    speaker = forms.CharField(required=False, max_length=200,
                              help_text="Name, alias or id")
    topic = forms.CharField(required=False, max_length=200, help_text="Slug or id")
    outlet = forms.CharField(required=False, max_length=200, help_text="Name, domain or id")
    date_from = forms.DateField(required=False, label="From",
                                widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(required=False, label="To",
                              widget=forms.DateInput(attrs={"type": "date"}))
    kind = forms.ChoiceField(required=False, choices=[("", "any kind"), *Quote.Kind.choices])
    review_status = forms.ChoiceField(required=False, label="Status",
                                      choices=[("", "any status"), *Quote.Review.choices])

    def filters(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k != "q" and v}


def _section(rows, query, field="text"):
    rows = list(rows[:PER_SECTION])
    return rows, selectors.headlines(rows, query, field=field)


def search_view(request):
    if not request.user.has_perm("claims.view_quote"):
        raise PermissionDenied
    form = SearchForm(request.GET or None)
    context = {**admin.site.each_context(request), "title": "Search", "form": form}
    if form.is_valid() and form.cleaned_data["q"].strip():
        query = form.cleaned_data["q"].strip()
        found = selectors.search(query, **form.filters())
        claims, claim_snippets = _section(found.claims.prefetch_related("speakers"), query)
        quotes, quote_snippets = _section(
            found.quotes.select_related("article__outlet").defer("article__body"), query)
        articles, article_snippets = _section(found.articles.defer("body"), query,
                                                     field="title")
        context.update(
            query=query, note=found.note,
            claims=[(c, claim_snippets.get(c.pk, "")) for c in claims],
            quotes=[(q, quote_snippets.get(q.pk, "")) for q in quotes],
            articles=[(a, article_snippets.get(a.pk, "")) for a in articles],
            counts={"claims": found.claims.count(), "quotes": found.quotes.count(),
                    "articles": found.articles.count()},
            per_section=PER_SECTION)
    return TemplateResponse(request, "admin/claims/search.html", context)
