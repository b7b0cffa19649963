"""The article page: the body with its quotes highlighted in place, the quotes beside it with
the analysts' confirm / reject buttons, the body locked once a quote is reviewed, the editors'
re-extraction, and a number of queries that does not grow with the quotes."""
import re

import pytest
from django.urls import reverse

from claims.models import Article, Claim, ImportRun, Quote, Speaker
from claims.services import quotes as quote_services
from claims.services.extraction import article_extract

pytestmark = pytest.mark.django_db

BODY = ("Pentagon watches the visit\n\n"
        "\"We will keep watching what China does,\" Pavel Zarubin told reporters on Monday. "
        "\"Words are cheap,\" he added. "
        "\"We are not worried,\" said Jane Holloway, a spokeswoman for the ministry.")


@pytest.fixture
def extracted():
    run = ImportRun.objects.create(source=ImportRun.Source.PASTE, description="pasted")
    article = Article.objects.create(title="Pentagon watches", body=BODY, content_hash="a" * 64,
                                     language="en", import_run=run)
    article_extract(article_id=article.pk)
    assert article.quotes.count() >= 3
    return article


def page_url(article):
    return reverse("admin:claims_article_change", args=[article.pk])


def quote_spans(content: str) -> dict[int, str]:
    """Each highlighted quote in the body: its pk and its colour class."""
    return {int(pk): colour for pk, colour in
            re.findall(r'<span id="quote-(\d+)" class="quote-hl (sp-[\w-]+)', content)}


def test_every_quote_is_highlighted_in_place_with_a_colour_per_speaker(client, analyst,
                                                                       extracted):
    client.force_login(analyst)
    content = client.get(page_url(extracted)).content.decode()
    quotes = {q.pk: q for q in extracted.quotes.prefetch_related("speakers")}
    spans = quote_spans(content)
    assert set(spans) == set(quotes)
    for pk, quote in quotes.items():
        # The span holds exactly the quote's text (escaped as HTML).
        span = re.search(rf'<span id="quote-{pk}" [^>]*>(.*?)</span>', content, re.S).group(1)
        assert span == quote.text.replace('"', "&quot;")
    by_speaker = {}
    for pk, colour in spans.items():
        by_speaker.setdefault(tuple(s.pk for s in quotes[pk].speakers.all()), set()).add(colour)
    # Zarubin's two quotes share a colour, Holloway's is another.
    assert all(len(colours) == 1 for colours in by_speaker.values())
    assert len({c for colours in by_speaker.values() for c in colours}) == len(by_speaker)
    # The cue is underlined.
    assert re.search(r'<span class="quote-cue sp-[\w-]+" data-cue-of="\d+">told</span>', content)


def test_a_quote_carries_its_details_and_its_claims_link(client, analyst, extracted):
    client.force_login(analyst)
    quote = extracted.quotes.filter(claim__isnull=False).first()
    content = client.get(page_url(extracted)).content.decode()
    tag = re.search(rf'<span id="quote-{quote.pk}" [^>]*>', content).group(0)
    assert f'data-speaker="{quote.speakers.get().name}"' in tag
    assert f'data-kind="{quote.get_kind_display()}"' in tag
    assert 'data-status="Extracted, not reviewed"' in tag
    assert f'data-claim-url="{reverse("admin:claims_claim_change", args=[quote.claim_id])}"' in tag


def test_the_page_links_to_its_quotes_in_the_queue_and_its_import_run(client, editor, extracted):
    client.force_login(editor)
    content = client.get(page_url(extracted)).content.decode()
    count = extracted.quotes.count()
    queue = reverse("admin:claims_quote_changelist") + f"?article={extracted.pk}"
    assert f'<a href="{queue}" id="article-queue-link">{count} quotes in the review queue</a>' \
        in content
    run_url = reverse("admin:claims_importrun_change", args=[extracted.import_run_id])
    assert f'<a href="{run_url}" id="import-run-link">' in content
    # The queue link lists this article's quotes and no other's.
    other = Article.objects.create(title="other", body=BODY + " More.", content_hash="b" * 64,
                                   language="en")
    article_extract(article_id=other.pk)
    listed = client.get(queue).context["cl"].result_list
    assert {q.article_id for q in listed} == {extracted.pk} and len(listed) == count


def test_the_body_is_editable_until_a_quote_is_reviewed_then_read_only_with_the_reason(
        client, editor, analyst, extracted):
    client.force_login(editor)
    content = client.get(page_url(extracted)).content.decode()
    assert '<textarea name="body"' in content and 'id="body-locked"' not in content

    quote_services.quote_confirm(quote_id=extracted.quotes.first().pk, user=analyst)
    content = client.get(page_url(extracted)).content.decode()
    assert '<textarea name="body"' not in content
    assert "Read-only: 1 of this article's quotes was confirmed or edited" in content
    assert content.count('id="body-locked"') == 1
    # Saving the page keeps the body (it is not part of the form any more).
    response = client.post(page_url(extracted), {
        "title": "A new title", "url": "", "canonical_url": "", "byline": "", "language": "en",
        "outlet": "", "published_at_0": "", "published_at_1": "",
        "appearances-TOTAL_FORMS": "0", "appearances-INITIAL_FORMS": "0",
        "appearances-MIN_NUM_FORMS": "0", "appearances-MAX_NUM_FORMS": "1000",
        "body": "Another text entirely."})
    assert response.status_code == 302, response.content[:3000]
    extracted.refresh_from_db()
    assert extracted.title == "A new title" and extracted.body == BODY


@pytest.mark.parametrize("role, buttons", [("analyst", True), ("editor", False),
                                           ("viewer", False)])
def test_confirm_and_reject_buttons_by_role(client, request, extracted, role, buttons):
    _share_a_claim(extracted)
    client.force_login(request.getfixturevalue(role))
    content = client.get(page_url(extracted)).content.decode()
    quote = extracted.quotes.first()
    confirm = reverse("admin:claims_quote_confirm", args=[quote.pk])
    reject = reverse("admin:claims_quote_reject", args=[quote.pk])
    assert (f'action="{confirm}"' in content) is buttons
    assert (f'action="{reject}"' in content) is buttons
    assert ('id="article-reextract"' in content) is (role == "editor")
    assert ("New claim from this quote" in content) is (role == "analyst")


def test_an_analyst_confirms_and_rejects_from_the_article_page(client, analyst, extracted):
    client.force_login(analyst)
    first, second = extracted.quotes.order_by("start")[:2]
    back = page_url(extracted) + f"#quote-item-{first.pk}"
    response = client.post(reverse("admin:claims_quote_confirm", args=[first.pk]),
                           {"next": back})
    assert response.status_code == 302 and response["Location"] == back
    response = client.post(reverse("admin:claims_quote_reject", args=[second.pk]),
                           {"next": page_url(extracted)})
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.review_status, first.reviewed_by) == (Quote.Review.CONFIRMED, analyst)
    assert second.review_status == Quote.Review.REJECTED and second.claim_id is None
    content = client.get(page_url(extracted)).content.decode()
    assert f'class="quote-item quote-status-confirmed" data-quote="{first.pk}"' in content
    assert "Confirmed quote #" in content


def test_next_must_stay_on_this_site(client, analyst, extracted):
    client.force_login(analyst)
    quote = extracted.quotes.first()
    response = client.post(reverse("admin:claims_quote_confirm", args=[quote.pk]),
                           {"next": "https://evil.example.com/"})
    assert response["Location"] == reverse("admin:claims_quote_change", args=[quote.pk])


def test_new_claim_link_goes_to_the_prefilled_add_page(client, analyst, extracted):
    sharing = _share_a_claim(extracted)[:2]
    client.force_login(analyst)
    content = client.get(page_url(extracted)).content.decode()
    for quote in sharing:
        assert f'href="{reverse("admin:claims_claim_add")}?from_quote={quote.pk}"' in content


@pytest.mark.parametrize("role", ["editor", "viewer"])
def test_review_posts_are_refused_to_editors_and_viewers(client, request, extracted, role):
    client.force_login(request.getfixturevalue(role))
    quote = extracted.quotes.first()
    for name in ("admin:claims_quote_confirm", "admin:claims_quote_reject"):
        assert client.post(reverse(name, args=[quote.pk])).status_code == 403
    quote.refresh_from_db()
    assert quote.review_status == Quote.Review.EXTRACTED


def test_re_extraction_keeps_reviewed_quotes(client, editor, analyst, extracted,
                                             django_capture_on_commit_callbacks):
    kept = extracted.quotes.order_by("start").first()
    quote_services.quote_confirm(quote_id=kept.pk, user=analyst)
    others = set(extracted.quotes.exclude(pk=kept.pk).values_list("pk", flat=True))
    client.force_login(editor)
    # Celery runs eagerly in the tests: the queued task extracts once the request commits.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("admin:claims_article_extract", args=[extracted.pk]))
    assert response.status_code == 302
    assert Quote.objects.get(pk=kept.pk).review_status == Quote.Review.CONFIRMED
    # The unreviewed quotes were extracted again: new rows for the same spans.
    fresh = set(extracted.quotes.exclude(pk=kept.pk).values_list("pk", flat=True))
    assert fresh and not fresh & others
    content = client.get(page_url(extracted)).content.decode()
    assert "Extraction queued for 1 article(s)" in content


@pytest.mark.parametrize("role", ["analyst", "viewer"])
def test_re_extraction_is_refused_without_change_article(client, request, extracted, role,
                                                         django_capture_on_commit_callbacks):
    client.force_login(request.getfixturevalue(role))
    before = set(extracted.quotes.values_list("pk", flat=True))
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(reverse("admin:claims_article_extract", args=[extracted.pk]))
    assert response.status_code == 403 and not callbacks
    assert set(extracted.quotes.values_list("pk", flat=True)) == before


def test_re_extraction_as_a_changelist_action(client, editor, extracted,
                                              django_capture_on_commit_callbacks):
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post(reverse("admin:claims_article_changelist"),
                    {"action": "reextract", "_selected_action": [extracted.pk]})
    assert len(callbacks) == 1


# --- queries ----------------------------------------------------------------------------------

def article_with_quotes(n: int) -> Article:
    """An article with n quotes, each by its own speaker and in its own claim."""
    sentences = [f'"Statement number {i} stands firm," Speaker {i} said. ' for i in range(n)]
    body = "".join(sentences)
    article = Article.objects.create(title=f"{n} quotes", body=body, content_hash=f"{n:064d}",
                                     language="en")
    pos = 0
    for i, sentence in enumerate(sentences):
        text = f'"Statement number {i} stands firm,"'
        speaker = Speaker.objects.create(name=f"Speaker {i}", verified=True)
        claim = Claim.objects.create(text=f"Statement number {i} stands firm")
        quote = Quote.objects.create(article=article, start=pos, end=pos + len(text), text=text,
                                     kind="direct", cue="said", speaker_name=speaker.name,
                                     claim=claim, confidence=0.9)
        quote.speakers.set([speaker])
        pos += len(sentence)
    return article


def count_queries(client, url, django_assert_max_num_queries) -> int:
    # 11 today (session, user, article, its quotes, their speakers, the form's parts).
    with django_assert_max_num_queries(15) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("role", ["analyst", "editor"])
def test_the_article_page_runs_the_same_queries_for_3_and_30_quotes(
        client, request, role, django_assert_max_num_queries):
    client.force_login(request.getfixturevalue(role))
    small, large = article_with_quotes(3), article_with_quotes(30)
    content = client.get(page_url(large)).content.decode()
    assert len(quote_spans(content)) == 30
    assert count_queries(client, page_url(small), django_assert_max_num_queries) == \
        count_queries(client, page_url(large), django_assert_max_num_queries)


def test_the_body_is_escaped_and_an_overlapping_quote_still_has_its_anchor(client, analyst,
                                                                           putin):
    body = 'He wrote <script>alert(1)</script>. "We never lied, not once," Putin said.'
    article = Article.objects.create(title="t", body=body, content_hash="c" * 64, language="en")
    outer_text = '"We never lied, not once,"'
    start = body.index(outer_text)
    outer = Quote.objects.create(article=article, start=start, end=start + len(outer_text),
                                 text=outer_text, kind="direct", cue="said")
    inner = Quote.objects.create(article=article, start=start + 1, end=start + 14,
                                 text=body[start + 1:start + 14], kind="direct")
    client.force_login(analyst)
    content = client.get(page_url(article)).content.decode()
    assert "<script>alert(1)</script>" not in content
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content
    assert set(quote_spans(content)) == {outer.pk, inner.pk}
    # The inner quote cannot nest in flat HTML: its marker follows the outer quote.
    assert re.search(rf'id="quote-{outer.pk}" [^>]*>[^<]*</span><span id="quote-{inner.pk}"',
                     content)


def test_the_article_list_does_not_read_the_bodies(client, editor, django_assert_max_num_queries):
    article_with_quotes(3)
    client.force_login(editor)
    with django_assert_max_num_queries(12) as captured:
        response = client.get(reverse("admin:claims_article_changelist"))
    assert response.status_code == 200 and "3 quotes" in response.content.decode()
    selects = [q["sql"] for q in captured.captured_queries if 'FROM "claims_article"' in q["sql"]]
    assert selects and not any('"claims_article"."body"' in sql for sql in selects)


def _share_a_claim(article):
    """Put the article's first two quotes in one claim (as grouping would for two reports of
    one statement); the third stays alone in its own."""
    first, second, third = article.quotes.order_by("start")[:3]
    Quote.objects.filter(pk=second.pk).update(claim_id=first.claim_id)
    return first, second, third


def test_new_claim_is_offered_only_for_a_quote_that_shares_its_claim(client, analyst,
                                                                    extracted):
    first, second, third = _share_a_claim(extracted)
    assert Quote.objects.filter(claim_id=third.claim_id).count() == 1
    client.force_login(analyst)
    content = client.get(page_url(extracted)).content.decode()
    add = reverse("admin:claims_claim_add")
    assert f'href="{add}?from_quote={first.pk}"' in content
    assert f'href="{add}?from_quote={second.pk}"' in content
    # Alone in its claim: a new claim from it would be a copy of the one it has.
    assert f"from_quote={third.pk}" not in content
    quote_page = client.get(reverse("admin:claims_quote_change", args=[third.pk]))
    assert "New claim from this quote" not in quote_page.content.decode()
    quote_page = client.get(reverse("admin:claims_quote_change", args=[first.pk]))
    assert "New claim from this quote" in quote_page.content.decode()


def test_an_edit_in_the_admin_goes_through_article_edit(client, editor, extracted):
    from claims.ingest.hashing import content_hash

    other = Article.objects.create(title="other", body="Other text\n\nNothing said.",
                                   content_hash=content_hash("Other text\n\nNothing said."),
                                   language="en", canonical_url="https://example.org/other")
    client.force_login(editor)
    form = {"title": "Pentagon watches", "url": "", "byline": "", "language": "en",
            "outlet": "", "published_at_0": "", "published_at_1": "",
            "appearances-TOTAL_FORMS": "0", "appearances-INITIAL_FORMS": "0",
            "appearances-MIN_NUM_FORMS": "0", "appearances-MAX_NUM_FORMS": "1000"}
    # Another article's canonical URL: an error next to the field, nothing saved.
    response = client.post(page_url(extracted), {
        **form, "body": BODY, "canonical_url": "https://EXAMPLE.org/other?utm_source=feed"})
    assert response.status_code == 200
    assert (f"Article #{other.pk} has this canonical URL"
            in response.context["adminform"].form.errors["canonical_url"][0])
    # A new text: saved with its own hash; a typed URL canonicalised.
    new_body = BODY + " \"We are ready,\" she said."
    response = client.post(page_url(extracted), {
        **form, "body": new_body, "canonical_url": "https://Example.org/pentagon?utm_medium=x"})
    assert response.status_code == 302, response.content[:3000]
    extracted.refresh_from_db()
    assert extracted.body == new_body and extracted.content_hash == content_hash(new_body)
    assert extracted.canonical_url == "https://example.org/pentagon"


def test_the_add_page_leads_to_the_paste_form(client, editor):
    client.force_login(editor)
    response = client.get(reverse("admin:claims_article_add"))
    assert response.status_code == 302
    assert response.url == reverse("admin:claims_importrun_paste")
