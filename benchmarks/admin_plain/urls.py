"""Bare views: the same rows an admin page shows (its first page of 100, or one object with what
its change page lists), fetched with plain ORM calls and rendered by a minimal template, with no
admin machinery (no filters, actions, permissions checks, widgets or forms)."""
from django.db.models import F
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.template import engines
from django.urls import include, path

from claims.models import Article, Claim, ClaimRelation, Quote, Speaker, Topic

PAGE = 100  # the admin's list_per_page

_TEMPLATE = engines["django"].from_string(
    "<html><body><h1>{{ title }}</h1><p>{{ count }}</p><table>"
    "{% for row in rows %}<tr>{% for cell in row %}<td>{{ cell }}</td>{% endfor %}</tr>"
    "{% endfor %}</table><pre>{{ body }}</pre></body></html>")


def _page(request, title, rows, count="", body=""):
    return HttpResponse(_TEMPLATE.render({"title": title, "rows": rows, "count": count,
                                          "body": body}, request))


def quotes(request):
    qs = Quote.objects.select_related("article__outlet").order_by("-article_id", "start")
    rows = [(q.pk, q.text, q.speaker_name, q.kind, q.review_status, q.article.title,
             q.article.outlet.name if q.article.outlet else "") for q in qs[:PAGE]]
    return _page(request, "quotes", rows, Quote.objects.count())


def claims(request):
    rows = [(c.pk, c.text, c.appearance_count, c.outlet_count, c.first_seen, c.last_seen)
            for c in Claim.objects.order_by("-pk")[:PAGE]]
    return _page(request, "claims", rows, Claim.objects.count())


def articles(request):
    qs = Article.objects.select_related("outlet").defer("body").order_by("-published_at")
    rows = [(a.pk, a.title, a.outlet.name if a.outlet else "", a.published_at,
             a.extraction_status) for a in qs[:PAGE]]
    return _page(request, "articles", rows, Article.objects.count())


def speakers(request):
    rows = [(s.pk, s.name, s.kind, s.wikidata_qid, s.verified)
            for s in Speaker.objects.order_by("name")[:PAGE]]
    return _page(request, "speakers", rows, Speaker.objects.count())


def relations(request):
    qs = ClaimRelation.objects.select_related("from_claim", "to_claim").order_by("-pk")
    rows = [(r.pk, r.from_claim.text, r.type, r.to_claim.text, r.status) for r in qs[:PAGE]]
    return _page(request, "relations", rows, ClaimRelation.objects.count())


def topics(request):
    rows = [(t.pk, t.name, t.slug) for t in Topic.objects.order_by("name")[:PAGE]]
    return _page(request, "topics", rows, Topic.objects.count())


def quote(request, pk):
    q = get_object_or_404(Quote.objects.select_related("article", "claim"), pk=pk)
    rows = [(s.pk, s.name) for s in q.speakers.all()]
    return _page(request, q.text, rows, q.claim.text if q.claim else "", q.article.body)


def claim(request, pk):
    c = get_object_or_404(Claim, pk=pk)
    # The newest 100 appearances, as the claim page lists (it links to the rest).
    quotes = (c.quotes.select_related("article__outlet").defer("article__body")
              .order_by(F("article__published_at").desc(nulls_last=True))[:PAGE])
    rows = [(q.pk, q.text, q.article.title, q.article.outlet.name if q.article.outlet else "",
             q.article.published_at) for q in quotes]
    rows += [(r.pk, r.type, r.status, r.to_claim_id) for r in c.relations_out.all()]
    rows += [(r.pk, r.type, r.status, r.from_claim_id) for r in c.relations_in.all()]
    return _page(request, c.text, rows, ", ".join(s.name for s in c.speakers.all()))


def article(request, pk):
    a = get_object_or_404(Article.objects.select_related("outlet"), pk=pk)
    rows = [(q.pk, q.start, q.end, q.text, q.speaker_name, q.review_status)
            for q in a.quotes.order_by("start")]
    return _page(request, a.title, rows, a.outlet.name if a.outlet else "", a.body)


def speaker(request, pk):
    s = get_object_or_404(Speaker, pk=pk)
    rows = [(al.alias,) for al in s.aliases.all()]
    rows += [(c.pk, c.text, c.first_seen, c.appearance_count)
             for c in s.claims.order_by("-last_seen")[:50]]
    return _page(request, s.name, rows, s.wikidata_qid or "")


urlpatterns = [
    path("plain/quotes/", quotes),
    path("plain/claims/", claims),
    path("plain/articles/", articles),
    path("plain/speakers/", speakers),
    path("plain/relations/", relations),
    path("plain/topics/", topics),
    path("plain/quote/<int:pk>/", quote),
    path("plain/claim/<int:pk>/", claim),
    path("plain/article/<int:pk>/", article),
    path("plain/speaker/<int:pk>/", speaker),
    path("", include("tracker.urls")),
]
