"""Every admin page and every admin action, tried as each role, in one table.

The tables below say what each role may do; they are written out here, not derived from
claims/roles.py, so a change to the roles that opens or closes a page fails this test until the
table is changed too. Roles: editor, analyst and viewer (staff in their groups), `nobody` (staff
in no group: sees nothing) and `outsider` (not staff: sent to the login page).
"""
import pytest
from django.contrib.auth.models import User
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
def world(db, analyst):
    """One object of each kind the admin shows."""
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
    claims = list(Claim.objects.order_by("pk"))
    assert len(claims) >= 2, "the article should give two claims"
    speaker = quote.speakers.first() or Speaker.objects.create(name="Jane Holloway")
    topic = Topic.objects.create(name="Russia–China relations", slug="russia-china-relations")
    relation = ClaimRelation.objects.create(from_claim=claims[0], to_claim=claims[1],
                                            type=ClaimRelation.Type.CONTRADICTS)
    suggestion = ClaimMergeSuggestion.objects.create(claim=claims[0], other=claims[1],
                                                     score=0.4)
    assessment = ClaimAssessment.objects.create(
        claim=claims[0], rating=ClaimAssessment.Rating.FALSE, rationale="No source says so.",
        reviewer=analyst)
    return {
        "outlet": outlet, "feed": Feed.objects.create(url="https://news.example.com/rss"),
        "importrun": run, "importitem": run.items.get(), "article": article,
        "articleappearance": appearance, "speaker": speaker,
        "speakeralias": SpeakerAlias.objects.create(speaker=speaker, alias="J. Holloway"),
        "role": Role.objects.create(speaker=speaker, title="Spokeswoman"),
        "quote": quote, "claim": claims[0], "topic": topic, "claimrelation": relation,
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
    "claim": {"editor": "v", "analyst": "vacd", "viewer": "v"},
    "topic": {"editor": "v", "analyst": "vac", "viewer": "v"},
    "claimrelation": {"editor": "v", "analyst": "vacd", "viewer": "v"},
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
    # The generic import-run add page sends editors on to the paste form.
    return 302 if name == "importrun add" else 200


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
