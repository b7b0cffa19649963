"""Every admin page and every admin action, tried as each role, in one table.

The tables below say what each role may do; they are written out here, not derived from
claims/roles.py, so a change to the roles that opens or closes a page fails this test until the
table is changed too. Roles: editor, analyst and viewer (staff in their groups), `nobody` (staff
in no group: sees nothing) and `outsider` (not staff: sent to the login page).
"""
import pytest
from django.contrib.auth.models import User
from django.db import connection, transaction
from django.urls import reverse

from claims.models import (
    Article,
    ArticleAppearance,
    Claim,
    ClaimAssessment,
    ClaimMergeSuggestion,
    ClaimRelation,
    Feed,
    ImportItem,
    ImportRun,
    Outlet,
    Quote,
    Role,
    Speaker,
    SpeakerAlias,
    Topic,
)
from claims.services.extraction import article_extract

pytestmark = pytest.mark.django_db

ROLES = ["editor", "analyst", "viewer", "nobody", "outsider"]

BODY = ("Minister rejects alliance talk\n\n"
        "\"There is no alliance and there will be none,\" said Jane Holloway, a spokeswoman for "
        "the ministry, on Monday. \"We keep nothing secret,\" she added.\n\n"
        "\"An alliance would pose a real problem,\" John Bolton said in an interview.")


@pytest.fixture
def nobody(db):
    return User.objects.create_user("nina", password="nina-pw-for-tests", is_staff=True)


@pytest.fixture
def world(db, analyst, httpserver):
    """One object of each kind the admin shows; the feed is served locally (never the web)."""
    httpserver.expect_request("/rss").respond_with_data(
        "<?xml version='1.0'?><rss version='2.0'><channel><title>Example</title></channel></rss>",
        content_type="application/rss+xml")
    outlet = Outlet.objects.create(name="Example News", domain="news.example.com")
    run = ImportRun.objects.create(source=ImportRun.Source.PASTE)
    article = Article.objects.create(title="Minister rejects alliance talk", body=BODY,
                                     content_hash="a" * 64, language="en", outlet=outlet,
                                     import_run=run)
    ImportItem.objects.create(run=run, source="pasted text", article=article,
                              outcome=ImportItem.Outcome.CREATED)
    appearance = ArticleAppearance.objects.create(
        article=article, outlet=outlet, url="https://news.example.com/a",
        canonical_url="https://news.example.com/a")
    article_extract(article_id=article.pk)
    quote = article.quotes.order_by("start").first()
    claims = [quote.claim, *Claim.objects.exclude(pk=quote.claim_id).order_by("pk")]
    assert len(claims) >= 2, "the article should give two claims"
    speaker = quote.speakers.first() or Speaker.objects.create(name="Jane Holloway")
    Speaker.objects.filter(pk=speaker.pk).update(verified=True)  # the unverified one's match
    topic = Topic.objects.create(name="Russia–China relations", slug="russia-china-relations")
    relation = ClaimRelation.objects.create(from_claim=claims[0], to_claim=claims[1],
                                            type=ClaimRelation.Type.CONTRADICTS)
    suggestion = ClaimMergeSuggestion.objects.create(claim=claims[0], other=claims[1],
                                                     score=0.4)
    assessment = ClaimAssessment.objects.create(
        claim=claims[0], rating=ClaimAssessment.Rating.FALSE, rationale="No source says so.",
        reviewer=analyst)
    return {
        "outlet": outlet, "feed": Feed.objects.create(url=httpserver.url_for("/rss")),
        "unverified": Speaker.objects.create(name=speaker.name + "s", verified=False),
        "unverified_twin": Speaker.objects.create(name="J Holloway", verified=False),
        "importrun": run, "importitem": run.items.get(), "article": article,
        "articleappearance": appearance, "speaker": speaker,
        "speakeralias": SpeakerAlias.objects.create(speaker=speaker, alias="J. Holloway"),
        "role": Role.objects.create(speaker=speaker, title="Spokeswoman"),
        "quote": quote, "claim": claims[0], "other_claim": claims[1], "topic": topic,
        "claimrelation": relation,
        "claimmergesuggestion": suggestion, "claimassessment": assessment,
    }


# What each group may do with each model's standard pages: v(iew) a(dd) c(hange) d(elete).
# A change page a role may only view still answers 200, read-only.
ACCESS = {
    "outlet": {"editor": "vac", "analyst": "v", "viewer": "v"},
    "feed": {"editor": "vacd", "analyst": "v", "viewer": "v"},
    # Runs are started from the import forms; the generic add page leads to the paste form.
    "importrun": {"editor": "va", "analyst": "v", "viewer": "v"},
    "importitem": {"editor": "v", "analyst": "v", "viewer": "v"},
    "article": {"editor": "vac", "analyst": "v", "viewer": "v"},
    "articleappearance": {"editor": "va", "analyst": "v", "viewer": "v"},
    "speaker": {"editor": "v", "analyst": "vac", "viewer": "v"},
    "speakeralias": {"editor": "v", "analyst": "vacd", "viewer": "v"},
    "role": {"editor": "v", "analyst": "vacd", "viewer": "v"},
    # Quotes come from the extractor: nobody adds one by hand.
    "quote": {"editor": "v", "analyst": "vc", "viewer": "v"},
    # Claims are merged, never deleted; relations are rejected, never deleted (both kept so
    # that nothing rejected comes back).
    "claim": {"editor": "v", "analyst": "vac", "viewer": "v"},
    "topic": {"editor": "v", "analyst": "vac", "viewer": "v"},
    "claimrelation": {"editor": "v", "analyst": "vac", "viewer": "v"},
    # Suggestions come from grouping: analysts decide them, nobody adds one.
    "claimmergesuggestion": {"editor": "v", "analyst": "vc", "viewer": "v"},
    "claimassessment": {"editor": "v", "analyst": "vac", "viewer": "v"},
}

# Pages beyond the standard ones: (name, url(world), roles answered 200).
EXTRA_PAGES = [
    ("admin index", lambda w: reverse("admin:index"), {"editor", "analyst", "viewer", "nobody"}),
    ("paste form", lambda w: reverse("admin:claims_importrun_paste"), {"editor"}),
    ("upload form", lambda w: reverse("admin:claims_importrun_upload"), {"editor"}),
    ("urls form", lambda w: reverse("admin:claims_importrun_urls"), {"editor"}),
    ("search", lambda w: reverse("claims-search") + "?q=alliance", {"editor", "analyst", "viewer"}),
    ("claim graph", lambda w: reverse("admin:claims_claim_graph") + f"?claim={w['claim'].pk}",
     {"editor", "analyst", "viewer"}),
    ("claim graph data", lambda w: reverse("admin:claims_claim_graph_data")
     + f"?claim={w['claim'].pk}", {"editor", "analyst", "viewer"}),
    ("claim merge form", lambda w: reverse("admin:claims_claim_merge", args=[w["claim"].pk]),
     {"analyst"}),
    ("claim from a quote", lambda w: reverse("admin:claims_claim_add")
     + f"?from_quote={w['quote'].pk}", {"analyst"}),
    ("unverified speakers", lambda w: reverse("admin:claims_speaker_unverified"),
     {"editor", "analyst", "viewer"}),
    ("speaker merge form", lambda w: reverse("admin:claims_speaker_merge",
                                             args=[w["unverified"].pk]), {"analyst"}),
    ("failing feeds", lambda w: reverse("admin:claims_feed_changelist") + "?health=failing",
     {"editor", "analyst", "viewer"}),
    # Beat's entries: editors read them (a feed's interval is changed on the feed), nobody
    # changes one (the task and its arguments would be anyone's to pick).
    ("periodic tasks", lambda w: reverse("admin:django_celery_beat_periodictask_changelist"),
     {"editor"}),
    ("intervals", lambda w: reverse("admin:django_celery_beat_intervalschedule_changelist"),
     {"editor"}),
    ("new periodic task", lambda w: reverse("admin:django_celery_beat_periodictask_add"),
     set()),
]


def _pages():
    """(name, url(world), roles answered 200, roles shown a save button) for every page."""
    for model, grants in ACCESS.items():
        for page, letter in [("changelist", "v"), ("add", "a"), ("change", "v"),
                             ("history", "v"), ("delete", "d")]:
            allowed = {role for role, letters in grants.items() if letter in letters}
            savers = ({role for role, letters in grants.items() if "c" in letters}
                      if page == "change" else None)
            yield f"{model} {page}", _url(model, page), allowed, savers
    for name, url, allowed in EXTRA_PAGES:
        yield name, url, allowed, None


def _url(model, page):
    name = f"admin:claims_{model}_{page}"
    if page in ("changelist", "add"):
        return lambda world: reverse(name)
    return lambda world: reverse(name, args=[world[model].pk])


def _expected_status(name, role, allowed):
    if role == "outsider":
        return 302  # to the login page
    if role not in allowed:
        return 403
    # The generic import-run and article add pages send editors on to the paste form.
    return 302 if name in ("importrun add", "article add") else 200


@pytest.mark.parametrize("role", ROLES)
def test_every_page_as_each_role(client, request, world, role):
    """One pass over the whole table per role; every mismatch is listed, not just the first."""
    if role != "outsider":
        client.force_login(request.getfixturevalue(role))
    wrong = []
    for name, url, allowed, savers in _pages():
        response = client.get(url(world))
        expected = _expected_status(name, role, allowed)
        if response.status_code != expected:
            wrong.append(f"{name}: {response.status_code}, expected {expected}")
        elif expected == 302 and role == "outsider" and "/login/" not in response["Location"]:
            wrong.append(f"{name}: sent to {response['Location']}, not the login page")
        elif savers is not None and expected == 200:
            if (b'name="_save"' in response.content) != (role in savers):
                wrong.append(f"{name}: save button {'missing' if role in savers else 'shown'}")
    assert wrong == []


# --- actions: every button, form and changelist action that changes something -------------

def _post(url, data=None):
    return lambda client, w: client.post(url(w), data(w) if data else {})


def _action(model, name, pk_of, url=None):
    """A changelist action on the rows `pk_of(world)` names."""
    def post(client, w):
        target = url(w) if url else reverse(f"admin:claims_{model}_changelist")
        data = {"action": name, "_selected_action": pk_of(w)}
        if name in ("delete_selected", "merge"):
            data["post"] = "yes"  # the confirmation page's answer
        return client.post(target, data)
    return post


def _status(model, key):
    return lambda w: model.objects.filter(pk=w[key].pk).values_list("status", flat=True).first()


def _quote_status(w):
    return Quote.objects.get(pk=w["quote"].pk).review_status


def _queued(w):
    # Re-extraction is queued after commit: the callback waiting is the visible effect here.
    return len(connection.run_on_commit)


def _count(model):
    return lambda w: model.objects.count()


def _exists(model, key):
    return lambda w: model.objects.filter(pk=w[key].pk).exists()


def _unverified(w):
    return Speaker.objects.filter(pk=w["unverified"].pk).values_list("verified", flat=True).first()


def _claims(w):
    return [w["claim"].pk, w["other_claim"].pk]


UNVERIFIED = lambda w: reverse("admin:claims_speaker_unverified")  # noqa: E731

# (name, perform(client, world), state(world), roles whose call changes the state)
ACTIONS = [
    ("quote: confirm button", _post(lambda w: reverse("admin:claims_quote_confirm",
                                                      args=[w["quote"].pk])),
     _quote_status, {"analyst"}),
    ("quote: reject button", _post(lambda w: reverse("admin:claims_quote_reject",
                                                     args=[w["quote"].pk])),
     _quote_status, {"analyst"}),
    ("quote: attach to a claim", _post(
        lambda w: reverse("admin:claims_quote_attach", args=[w["quote"].pk]),
        lambda w: {"claim": w["other_claim"].pk}),
     lambda w: Quote.objects.get(pk=w["quote"].pk).claim_id, {"analyst"}),
    ("quotes: confirm action", _action("quote", "confirm", lambda w: [w["quote"].pk]),
     _quote_status, {"analyst"}),
    ("quotes: reject action", _action("quote", "reject", lambda w: [w["quote"].pk]),
     _quote_status, {"analyst"}),
    ("article: re-extract button", _post(lambda w: reverse("admin:claims_article_extract",
                                                           args=[w["article"].pk])),
     _queued, {"editor"}),
    ("articles: re-extract action", _action("article", "reextract",
                                            lambda w: [w["article"].pk]), _queued, {"editor"}),
    ("claim: confirm a suggested relation", _post(lambda w: reverse(
        "admin:claims_claim_relation_decide",
        args=[w["claim"].pk, w["claimrelation"].pk, "confirm"])),
     _status(ClaimRelation, "claimrelation"), {"analyst"}),
    ("claim: reject a suggested relation", _post(lambda w: reverse(
        "admin:claims_claim_relation_decide",
        args=[w["claim"].pk, w["claimrelation"].pk, "reject"])),
     _status(ClaimRelation, "claimrelation"), {"analyst"}),
    ("claim: merge a suggested same claim", _post(lambda w: reverse(
        "admin:claims_claim_merge_suggestion_decide",
        args=[w["claim"].pk, w["claimmergesuggestion"].pk, "confirm"])),
     _count(Claim), {"analyst"}),
    ("claim: reject a suggested same claim", _post(lambda w: reverse(
        "admin:claims_claim_merge_suggestion_decide",
        args=[w["claim"].pk, w["claimmergesuggestion"].pk, "reject"])),
     _status(ClaimMergeSuggestion, "claimmergesuggestion"), {"analyst"}),
    ("claim: link a related claim in one click", _post(lambda w: reverse(
        "admin:claims_claim_related_link", args=[w["claim"].pk, w["other_claim"].pk]),
        lambda w: {"type": "supports"}), _count(ClaimRelation), {"analyst"}),
    ("claim: merge form", _post(lambda w: reverse("admin:claims_claim_merge",
                                                  args=[w["claim"].pk]),
                                lambda w: {"target": w["other_claim"].pk,
                                           "confirmed": "yes"}),
     _count(Claim), {"analyst"}),
    ("claims: merge action", _action("claim", "merge", _claims), _count(Claim), {"analyst"}),
    ("claims: delete action", _action("claim", "delete_selected", lambda w: [w["claim"].pk]),
     _exists(Claim, "claim"), set()),
    ("relations: confirm action", _action("claimrelation", "confirm",
                                          lambda w: [w["claimrelation"].pk]),
     _status(ClaimRelation, "claimrelation"), {"analyst"}),
    ("relations: reject action", _action("claimrelation", "reject",
                                         lambda w: [w["claimrelation"].pk]),
     _status(ClaimRelation, "claimrelation"), {"analyst"}),
    ("relations: delete action", _action("claimrelation", "delete_selected",
                                         lambda w: [w["claimrelation"].pk]),
     _exists(ClaimRelation, "claimrelation"), set()),
    ("merge suggestions: confirm action", _action(
        "claimmergesuggestion", "confirm", lambda w: [w["claimmergesuggestion"].pk]),
     _count(Claim), {"analyst"}),
    ("merge suggestions: reject action", _action(
        "claimmergesuggestion", "reject", lambda w: [w["claimmergesuggestion"].pk]),
     _status(ClaimMergeSuggestion, "claimmergesuggestion"), {"analyst"}),
    ("speaker: merge form", _post(lambda w: reverse("admin:claims_speaker_merge",
                                                    args=[w["unverified"].pk]),
                                  lambda w: {"target": w["speaker"].pk}),
     _count(Speaker), {"analyst"}),
    ("speakers: merge action", _action("speaker", "merge_into_oldest",
                                       lambda w: [w["speaker"].pk, w["unverified"].pk]),
     _count(Speaker), {"analyst"}),
    ("speakers: verify action", _action("speaker", "verify", lambda w: [w["unverified"].pk]),
     _unverified, {"analyst"}),
    ("unverified: verify action", _action("speaker", "verify", lambda w: [w["unverified"].pk],
                                          UNVERIFIED), _unverified, {"analyst"}),
    ("unverified: merge into the likeliest", _action(
        "speaker", "merge_into_likeliest", lambda w: [w["unverified"].pk], UNVERIFIED),
     _count(Speaker), {"analyst"}),
    ("unverified: merge into the oldest", _action(
        "speaker", "merge_into_oldest", lambda w: [w["unverified"].pk, w["unverified_twin"].pk],
        UNVERIFIED), _count(Speaker), {"analyst"}),
    ("aliases: delete action", _action("speakeralias", "delete_selected",
                                       lambda w: [w["speakeralias"].pk]),
     _exists(SpeakerAlias, "speakeralias"), {"analyst"}),
    ("roles: delete action", _action("role", "delete_selected", lambda w: [w["role"].pk]),
     _exists(Role, "role"), {"analyst"}),
    ("feeds: poll now", _action("feed", "poll_now", lambda w: [w["feed"].pk]),
     lambda w: Feed.objects.get(pk=w["feed"].pk).last_polled_at, {"editor"}),
    ("feeds: delete action", _action("feed", "delete_selected", lambda w: [w["feed"].pk]),
     _exists(Feed, "feed"), {"editor"}),
    # The standard forms, saved: a role that may only view must not save through them either.
    ("claim: change form", _post(
        lambda w: reverse("admin:claims_claim_change", args=[w["claim"].pk]),
        lambda w: {"text": "Reworded by hand", "speakers": [w["speaker"].pk], "topics": []}),
     lambda w: Claim.objects.get(pk=w["claim"].pk).text, {"analyst"}),
    ("quote: change form", _post(
        lambda w: reverse("admin:claims_quote_change", args=[w["quote"].pk]),
        lambda w: {"start": w["quote"].start, "end": w["quote"].end, "kind": w["quote"].kind,
                   "cue": "told", "speakers": [w["speaker"].pk], "claim": w["quote"].claim_id}),
     lambda w: Quote.objects.get(pk=w["quote"].pk).cue, {"analyst"}),
    ("topic: add form", _post(lambda w: reverse("admin:claims_topic_add"),
                              lambda w: {"name": "Arctic shipping", "slug": "", "parent": "",
                                         "description": ""}),
     _count(Topic), {"analyst"}),
    ("relation: add form", _post(lambda w: reverse("admin:claims_claimrelation_add"),
                                 lambda w: {"from_claim": w["other_claim"].pk,
                                            "to_claim": w["claim"].pk, "type": "supports",
                                            "note": ""}),
     _count(ClaimRelation), {"analyst"}),
    ("assessment: add form", _post(lambda w: reverse("admin:claims_claimassessment_add"),
                                   lambda w: {"claim": w["other_claim"].pk, "rating": 3,
                                              "rationale": "Half of it holds.", "url": ""}),
     _count(ClaimAssessment), {"analyst"}),
    ("outlet: add form", _post(lambda w: reverse("admin:claims_outlet_add"),
                               lambda w: {"name": "Other Wire", "domain": "wire.example.org",
                                          "country": ""}),
     _count(Outlet), {"editor"}),
    ("paste an article", _post(lambda w: reverse("admin:claims_importrun_paste"),
                               lambda w: {"title": "Pasted", "body": BODY + " More."}),
     _count(ImportRun), {"editor"}),
]


@pytest.mark.parametrize("role", ROLES)
def test_every_action_as_each_role(client, request, world, role):
    """Each action in a savepoint rolled back afterwards, so each starts from the same world;
    a role not allowed must leave the state as it was, an allowed one must change it."""
    if role != "outsider":
        client.force_login(request.getfixturevalue(role))
    wrong = []
    for name, perform, state, allowed in ACTIONS:
        savepoint = transaction.savepoint()
        try:
            before = state(world)
            response = perform(client, world)
            after = state(world)
        finally:
            transaction.savepoint_rollback(savepoint)
        if response.status_code >= 500:
            wrong.append(f"{name}: {response.status_code}")
        elif (after != before) != (role in allowed):
            wrong.append(f"{name}: {'changed' if after != before else 'unchanged'} "
                         f"({response.status_code})")
    assert wrong == []
