"""The database refuses what can never be true: the rules live in constraints and triggers."""
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from claims.models import (
    Article,
    Claim,
    ClaimAssessment,
    ClaimRelation,
    Quote,
    Role,
    Speaker,
    Topic,
)

pytestmark = pytest.mark.django_db

BODY = "Putin said that Moscow is not forming an alliance. He added that ties are transparent."


def make_article(**overrides):
    fields = {
        "title": "Putin on China",
        "body": BODY,
        "canonical_url": "https://example.org/putin-china",
        "content_hash": "a" * 64,
    }
    fields.update(overrides)
    return Article.objects.create(**fields)


def test_a_duplicate_canonical_url_is_refused_with_a_named_constraint():
    make_article()
    with pytest.raises(IntegrityError, match="article_canonical_url_unique"):
        with transaction.atomic():
            make_article(content_hash="b" * 64)


def test_the_same_text_twice_is_refused():
    make_article()
    with pytest.raises(IntegrityError, match="article_content_hash_unique"):
        with transaction.atomic():
            make_article(canonical_url="https://example.org/other")


def test_articles_without_url_can_coexist():
    make_article(canonical_url=None)
    make_article(canonical_url=None, content_hash="c" * 64)
    assert Article.objects.filter(canonical_url=None).count() == 2


def test_quote_offsets_outside_the_body_are_refused_by_the_database():
    article = make_article()
    with pytest.raises(IntegrityError, match="outside the article body"):
        with transaction.atomic():
            Quote.objects.create(article=article, start=80, end=200, text=BODY[80:200],
                                 kind=Quote.Kind.INDIRECT)


def test_quote_text_must_be_the_body_slice():
    article = make_article()
    with pytest.raises(IntegrityError, match="differs from the article body"):
        with transaction.atomic():
            Quote.objects.create(article=article, start=0, end=5, text="Xi Ji",
                                 kind=Quote.Kind.DIRECT)


def test_a_quote_inside_the_body_is_stored_and_reads_well():
    article = make_article()
    start = BODY.index("Moscow")
    end = BODY.index(".", start)
    quote = Quote.objects.create(article=article, start=start, end=end, text=BODY[start:end],
                                 kind=Quote.Kind.INDIRECT, cue="said",
                                 speaker_name="Vladimir Putin")
    assert str(quote) == "Vladimir Putin: Moscow is not forming an alliance"


def test_quote_clean_explains_bad_offsets_before_the_database_sees_them():
    article = make_article()
    quote = Quote(article=article, start=10, end=500, text="x", kind=Quote.Kind.DIRECT)
    with pytest.raises(ValidationError, match="outside the article body"):
        quote.clean()


def test_an_empty_span_is_refused():
    article = make_article()
    with pytest.raises(IntegrityError, match="quote_span_not_empty"):
        with transaction.atomic():
            Quote.objects.create(article=article, start=5, end=5, text="",
                                 kind=Quote.Kind.DIRECT)


def test_the_body_cannot_change_under_a_confirmed_quote():
    article = make_article()
    Quote.objects.create(article=article, start=0, end=5, text=BODY[:5], kind=Quote.Kind.DIRECT,
                         review_status=Quote.Review.CONFIRMED)
    article.body = "Something else entirely. " + BODY
    # The model refuses it on every database, with a message a person can act on...
    with pytest.raises(ValidationError, match="1 of this article's quotes were confirmed"):
        article.save()
    with pytest.raises(ValidationError, match="cannot change"):
        article.full_clean()
    # ... and on PostgreSQL the trigger refuses even a write that skips the model.
    with pytest.raises(IntegrityError, match="reviewed quotes"):
        with transaction.atomic():
            Article.objects.filter(pk=article.pk).update(body="Other. " + BODY)
    article.refresh_from_db()
    assert article.body == BODY


def test_the_body_check_holds_without_the_trigger(monkeypatch):
    """The SQLite quick start has no trigger: the model's own check is what stops the edit."""
    from django.db import connection

    article = make_article()
    Quote.objects.create(article=article, start=0, end=5, text=BODY[:5], kind=Quote.Kind.DIRECT,
                         review_status=Quote.Review.EDITED)
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("ALTER TABLE claims_article DISABLE TRIGGER claims_article_body_guard")
    article.body = "Something else entirely. " + BODY
    with pytest.raises(ValidationError, match="cannot change"):
        article.save()
    article.title = "A new title"
    article.body = BODY
    article.save()  # other fields still change


def test_the_body_may_change_while_quotes_are_unreviewed():
    article = make_article()
    Quote.objects.create(article=article, start=0, end=5, text=BODY[:5], kind=Quote.Kind.DIRECT)
    article.body = BODY + " More."
    article.save()
    article.refresh_from_db()
    assert article.body.endswith("More.")


def test_a_claim_cannot_relate_to_itself():
    claim = Claim.objects.create(text="No military alliance with China exists")
    with pytest.raises(IntegrityError, match="relation_not_self"):
        with transaction.atomic():
            ClaimRelation.objects.create(from_claim=claim, to_claim=claim,
                                         type=ClaimRelation.Type.DENIES)


def test_a_relation_reads_as_a_sentence():
    denial = Claim.objects.create(text="No military alliance with China exists")
    axis = Claim.objects.create(text="A Russia-China-Iran-North Korea axis could pose a problem")
    relation = ClaimRelation.objects.create(from_claim=denial, to_claim=axis,
                                            type=ClaimRelation.Type.DENIES)
    assert str(relation) == f"#{denial.pk} denies #{axis.pk}"


def test_role_dates_must_be_ordered():
    austin = Speaker.objects.create(name="Lloyd Austin")
    with pytest.raises(IntegrityError, match="role_dates_ordered"):
        with transaction.atomic():
            Role.objects.create(speaker=austin, title="US Secretary of Defense",
                                start_date=date(2025, 1, 20), end_date=date(2021, 1, 22))


def test_role_held_on_a_date():
    austin = Speaker.objects.create(name="Lloyd Austin")
    role = Role.objects.create(speaker=austin, title="US Secretary of Defense",
                               start_date=date(2021, 1, 22), end_date=date(2025, 1, 20))
    assert role.held_on(date(2023, 3, 1))
    assert not role.held_on(date(2025, 6, 1))
    assert str(role) == "US Secretary of Defense: Lloyd Austin (2021-01-22 to 2025-01-20)"


def test_wikidata_qids_are_unique_and_well_formed():
    Speaker.objects.create(name="Vladimir Putin", wikidata_qid="Q7747")
    with pytest.raises(IntegrityError, match="speaker_qid_unique"):
        with transaction.atomic():
            Speaker.objects.create(name="V. Putin", wikidata_qid="Q7747")
    with pytest.raises(IntegrityError, match="speaker_qid_format"):
        with transaction.atomic():
            Speaker.objects.create(name="Nobody", wikidata_qid="7747")


def test_an_assessment_needs_a_rating_or_to_be_unverifiable():
    claim = Claim.objects.create(text="Financial backing for Russia is not evident")
    with pytest.raises(IntegrityError, match="assessment_rated_or_unverifiable"):
        with transaction.atomic():
            ClaimAssessment.objects.create(claim=claim, rationale="no evidence either way")
    ok = ClaimAssessment.objects.create(claim=claim, rationale="no data", unverifiable=True)
    assert str(ok).startswith("Unverifiable: ")


def test_topics_nest_and_print_their_path():
    security = Topic.objects.create(name="Security", slug="security")
    alliances = Topic.objects.create(name="Military alliances", slug="alliances", parent=security)
    assert str(alliances) == "Security > Military alliances"


def test_quote_changes_are_kept_in_history():
    article = make_article()
    quote = Quote.objects.create(article=article, start=0, end=5, text=BODY[:5],
                                 kind=Quote.Kind.DIRECT)
    quote.review_status = Quote.Review.CONFIRMED
    quote.save()
    assert [h.review_status for h in quote.history.order_by("history_date")] == [
        "extracted", "confirmed"]
