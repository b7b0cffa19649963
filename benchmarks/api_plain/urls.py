from django.http import JsonResponse
from django.urls import include, path

from claims import selectors


def _quote(q):
    a = q.article
    return {"id": q.pk, "text": q.text, "kind": q.kind, "cue": q.cue,
            "speakers": [{"id": s.pk, "name": s.name, "kind": s.kind} for s in q.speakers.all()],
            "article": {"id": a.pk, "title": a.title, "url": a.url,
                        "outlet": {"id": a.outlet_id, "name": a.outlet.name if a.outlet else None},
                        "published_at": a.published_at.isoformat() if a.published_at else None},
            "claim": {"id": q.claim_id, "text": q.claim.text} if q.claim_id else None,
            "confidence": q.confidence, "review_status": q.review_status,
            "start": q.start, "end": q.end}


def quotes(request):
    rows = list(selectors.quote_list()[:50])
    return JsonResponse({"count": selectors.quote_list().count(),
                         "results": [_quote(q) for q in rows]})


def claims(request):
    rows = list(selectors.claims_filter(selectors.claim_list(),
                                        speaker=request.GET.get("speaker"))[:50])
    return JsonResponse({"results": [
        {"id": c.pk, "text": c.text, "appearance_count": c.appearance_count,
         "speakers": [{"id": s.pk, "name": s.name} for s in c.speakers.all()],
         "topics": [{"id": t.pk, "name": t.name} for t in c.topics.all()],
         "first_seen": c.first_seen.isoformat() if c.first_seen else None,
         "last_seen": c.last_seen.isoformat() if c.last_seen else None} for c in rows]})


urlpatterns = [
    path("plain/quotes/", quotes),
    path("plain/claims/", claims),
    path("", include("tracker.urls")),
]
