"""`article_extract`: quotes stored as exact slices of the body, analysts' work kept on
re-extraction, speakers linked to the registry (names, dated roles) or created unverified."""
from datetime import UTC, datetime

import pytest
from django.db import DatabaseError, transaction

from claims import tasks
from claims.models import Article, Quote, Speaker
from claims.services.articles import article_store
from claims.services.extraction import article_extract

pytestmark = pytest.mark.django_db

AUSTIN = (
    "Pentagon watches Xi's Moscow visit closely\n\n"
    "The US Secretary of Defense said on Wednesday that Washington was following the Chinese "
    "leader's trip to Moscow \"very, very closely\".\n\n"
    "\"We will keep watching what China does,\" Pavel Zarubin told reporters. "
    "\"Words are cheap,\" he added."
)


def many_quotes(n: int) -> str:
    return "Officials speak\n\n" + "\n\n".join(
        f'"Point number {i} matters to all of us," Maria Example{chr(65 + i)}son said on '
        "Tuesday." for i in range(n))


def stored(body: str, *, published: datetime | None = None, title: str = "Test") -> Article:
    return article_store(title=title, body=body, published_at=published,
                         url=f"https://t.example.com/{abs(hash(body))}").article


def test_quotes_are_exact_slices_of_the_body():
    article = stored(AUSTIN, published=datetime(2023, 3, 22, tzinfo=UTC))
    article = article_extract(article_id=article.pk)
    assert article.extraction_status == Article.Extraction.DONE
    assert article.extractor_version and article.extracted_at
    quotes = list(article.quotes.all())
    assert len(quotes) >= 3
    assert article.extraction_note == f"{len(quotes)} quotes"
    for q in quotes:
        assert q.text == article.body[q.start:q.end]
        if q.mention_start is not None:
            assert article.body[q.mention_start:q.mention_end] == q.speaker_mention
    assert {q.kind for q in quotes} >= {Quote.Kind.DIRECT}


def test_a_role_held_on_the_publication_day_links_the_speaker(speakers):
    article = stored(AUSTIN, published=datetime(2023, 3, 22, tzinfo=UTC))
    article_extract(article_id=article.pk)
    quote = Quote.objects.get(article=article, text__contains="very, very closely")
    assert quote.speaker_mention == "The US Secretary of Defense"
    assert quote.speaker_name == "Lloyd Austin"
    assert list(quote.speakers.values_list("name", flat=True)) == ["Lloyd Austin"]


def test_the_same_role_two_years_later_is_someone_else(speakers):
    article = stored(AUSTIN, published=datetime(2025, 6, 1, tzinfo=UTC))
    article_extract(article_id=article.pk)
    quote = Quote.objects.get(article=article, text__contains="very, very closely")
    assert list(quote.speakers.values_list("name", flat=True)) == ["Pete Hegseth"]


def test_an_unknown_full_name_becomes_an_unverified_speaker(speakers):
    article = stored(AUSTIN, published=datetime(2023, 3, 22, tzinfo=UTC))
    before = set(Speaker.objects.values_list("name", flat=True))
    article_extract(article_id=article.pk)
    created = set(Speaker.objects.values_list("name", flat=True)) - before
    assert created == {"Pavel Zarubin"}
    zarubin = Speaker.objects.get(name="Pavel Zarubin")
    assert not zarubin.verified and zarubin.kind == Speaker.Kind.PERSON
    # "he" resolves to Zarubin too, and is linked to the same registry entry.
    assert set(zarubin.quotes.values_list("speaker_mention", flat=True)) == {"Pavel Zarubin",
                                                                            "he"}
    # Extracting another article that quotes him adds no second Zarubin.
    other = stored(AUSTIN.replace("Wednesday", "Thursday"))
    article_extract(article_id=other.pk)
    assert Speaker.objects.filter(name="Pavel Zarubin").count() == 1


def test_pronouns_and_role_nominals_do_not_become_speakers():
    article = stored(AUSTIN, published=datetime(2023, 3, 22, tzinfo=UTC))
    article_extract(article_id=article.pk)
    names = set(Speaker.objects.values_list("name", flat=True))
    assert "he" not in {n.lower() for n in names}
    assert not any("Secretary" in n for n in names)


def test_reextraction_keeps_reviewed_quotes_and_replaces_the_others(analyst):
    article = stored(AUSTIN, published=datetime(2023, 3, 22, tzinfo=UTC))
    article_extract(article_id=article.pk)
    first, second, third = article.quotes.order_by("start")[:3]
    Quote.objects.filter(pk=first.pk).update(review_status=Quote.Review.CONFIRMED,
                                             reviewed_by=analyst)
    Quote.objects.filter(pk=second.pk).update(review_status=Quote.Review.EDITED,
                                              speaker_name="Someone Else", kind="indirect")
    # An unreviewed quote the extractor no longer finds goes; the reviewed ones stay as they are.
    Quote.objects.filter(pk=third.pk).update(confidence=0.01)
    reviewed = {q.pk: (q.start, q.end, q.text, q.speaker_name, q.kind, q.review_status,
                       q.updated_at)
                for q in Quote.objects.filter(pk__in=[first.pk, second.pk])}
    count = article.quotes.count()

    article_extract(article_id=article.pk)
    assert {q.pk: (q.start, q.end, q.text, q.speaker_name, q.kind, q.review_status,
                   q.updated_at)
            for q in Quote.objects.filter(pk__in=[first.pk, second.pk])} == reviewed
    assert not Quote.objects.filter(pk=third.pk).exists()
    assert Quote.objects.get(article=article, start=third.start, end=third.end).confidence > 0.01
    assert article.quotes.count() == count  # nothing doubled


def test_a_new_quote_overlapping_a_reviewed_one_is_dropped():
    article = stored(AUSTIN)
    article_extract(article_id=article.pk)
    quote = article.quotes.order_by("start").first()
    # The analyst widened the span by one character: the extractor's span now overlaps it.
    Quote.objects.filter(pk=quote.pk).update(
        end=quote.end + 1, text=article.body[quote.start:quote.end + 1],
        review_status=Quote.Review.EDITED)
    article_extract(article_id=article.pk)
    spans = list(article.quotes.filter(start__lt=quote.end + 1, end__gt=quote.start)
                 .values_list("pk", flat=True))
    assert spans == [quote.pk]


def test_the_body_cannot_change_under_a_confirmed_quote():
    article = stored(AUSTIN)
    article_extract(article_id=article.pk)
    Quote.objects.filter(pk=article.quotes.first().pk).update(
        review_status=Quote.Review.CONFIRMED)
    with pytest.raises(DatabaseError), transaction.atomic():
        Article.objects.filter(pk=article.pk).update(body=AUSTIN + "\n\nCorrection.")
    assert Article.objects.get(pk=article.pk).body == AUSTIN


def test_extracting_twice_as_a_redelivered_task_duplicates_nothing():
    article = stored(many_quotes(12))
    assert tasks.extract_article.apply(args=(article.pk,)).get() == 12
    spans = set(article.quotes.values_list("start", "end", "text"))
    speakers = Speaker.objects.count()
    assert tasks.extract_article.apply(args=(article.pk,)).get() == 12
    assert set(article.quotes.values_list("start", "end", "text")) == spans
    assert Speaker.objects.count() == speakers


def test_a_failed_extraction_is_recorded_on_the_article(monkeypatch):
    from claims.services import extraction

    article = stored(AUSTIN)

    def broken():
        raise RuntimeError("model missing")

    monkeypatch.setattr(extraction, "extractor", broken)
    with pytest.raises(RuntimeError):
        tasks.extract_article.apply(args=(article.pk,)).get()
    article.refresh_from_db()
    assert article.extraction_status == Article.Extraction.FAILED
    assert "model missing" in article.extraction_note


def test_an_article_the_speaker_model_cannot_score_says_its_speakers_are_the_rules():
    # label lines are read without a parse: no cue for the learned ranker to score
    article = stored("Bill Clinton: Hillary will win the election in November.\n")
    article = article_extract(article_id=article.pk)
    assert article.extraction_status == Article.Extraction.DONE
    assert [q.speaker_mention for q in article.quotes.all()] == ["Bill Clinton"]
    assert article.extraction_note == (
        "1 quotes; speakers chosen by the rules: nothing in the article was parsed for the "
        "speaker model to score"
    )


def test_a_non_english_text_is_skipped_by_the_extractor_too():
    article = stored("Le ministre dément\n\nLe ministre des Affaires étrangères a déclaré mardi "
                     "qu'aucune alliance militaire n'existait entre les deux pays, rejetant les "
                     "informations publiées la semaine dernière par plusieurs journaux.")
    article = article_extract(article_id=article.pk)
    assert article.extraction_status == Article.Extraction.SKIPPED
    assert article.language == "fr"
    assert not article.quotes.exists()


def test_extraction_runs_a_bounded_number_of_queries(django_assert_max_num_queries, speakers):
    small, large = stored(many_quotes(3), title="small"), stored(many_quotes(25), title="large")
    article_extract(article_id=stored(AUSTIN).pk)  # load the model outside the count
    # About 17 to store the quotes and 18 to group them into claims and suggest relations
    # (claims.services.grouping): a fixed number, whatever the number of quotes.
    with django_assert_max_num_queries(40) as few:
        article_extract(article_id=small.pk)
    with django_assert_max_num_queries(40) as many:
        article_extract(article_id=large.pk)
    assert large.quotes.count() == 25
    # A few more at most, whatever the number of quotes: the lookup of linked registry speakers
    # is skipped when none is linked, and relation suggestions and their evidence are only
    # written when the quotes suggest some (the 25 similar statements of other speakers do).
    assert len(many.captured_queries) <= len(few.captured_queries) + 4


def test_reextraction_runs_a_bounded_number_of_queries(django_assert_max_num_queries):
    few, many = stored(many_quotes(3), title="few"), stored(many_quotes(25), title="many")
    article_extract(article_id=few.pk)
    article_extract(article_id=many.pk)
    with django_assert_max_num_queries(50) as small:
        article_extract(article_id=few.pk)
    with django_assert_max_num_queries(50) as large:
        article_extract(article_id=many.pk)
    assert len(large.captured_queries) == len(small.captured_queries)


def test_the_sweep_queues_articles_left_pending(django_capture_on_commit_callbacks):
    from django.utils import timezone

    left = stored(AUSTIN)
    fresh = stored(many_quotes(2))
    Article.objects.filter(pk=left.pk).update(
        created_at=timezone.now() - timezone.timedelta(minutes=30))
    # Queued after commit (the test's transaction never commits: run the hooks), then eager.
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.extract_pending.apply().get() == 1
    assert Article.objects.get(pk=left.pk).extraction_status == Article.Extraction.DONE
    assert Article.objects.get(pk=fresh.pk).extraction_status == Article.Extraction.PENDING


def test_an_article_that_cannot_be_stored_fails_alone_and_the_rest_are_stored(monkeypatch):
    from claims.services import extraction

    first, second, third = (stored(many_quotes(n), title=f"t{n}") for n in (2, 3, 4))
    real_store = extraction._store_quotes
    batches = []

    def store_fails_with_second(found):
        batches.append(sorted(article.pk for article, _ in found))
        if second.pk in batches[-1]:
            raise DatabaseError("disk full")
        return real_store(found)

    monkeypatch.setattr(extraction, "_store_quotes", store_fails_with_second)
    outcomes = extraction.articles_extract(article_ids=[third.pk, first.pk, second.pk, 10**9])
    assert len(outcomes) == 3  # the id no longer stored is skipped
    states = {a.pk: (a.extraction_status, a.quotes.count())
              for a in Article.objects.filter(pk__in=[first.pk, second.pk, third.pk])}
    assert states[first.pk] == (Article.Extraction.DONE, 2)
    assert states[third.pk] == (Article.Extraction.DONE, 4)
    assert states[second.pk] == (Article.Extraction.FAILED, 0)
    assert "disk full" in Article.objects.get(pk=second.pk).extraction_note
    # Tried together first, then one by one once the batch failed.
    assert batches == [sorted([first.pk, second.pk, third.pk]), [first.pk], [second.pk],
                       [third.pk]]


def test_an_article_that_breaks_the_batch_fails_alone(monkeypatch):
    from claims.extraction import Extractor

    good, bad = stored(many_quotes(2), title="good"), stored(many_quotes(3), title="bad")
    real_extract, real_many = Extractor.extract, Extractor.extract_many

    def extract_many_breaks(self, items, chunk=32):
        items = list(items)
        if len(items) > 1:  # the shared pass breaks; extract() of one text still works
            raise RuntimeError("parser crashed")
        return real_many(self, items, chunk)

    def extract_breaks_on_bad(self, text, published=None, language=None):
        if "Point number 2" in text:
            raise RuntimeError("parser crashed on this one")
        return real_extract(self, text, published=published, language=language)

    monkeypatch.setattr(Extractor, "extract_many", extract_many_breaks)
    monkeypatch.setattr(Extractor, "extract", extract_breaks_on_bad)
    result = tasks.extract_articles.apply(args=([good.pk, bad.pk],)).get()
    assert result["extracted"] == 1 and len(result["failed"]) == 1
    assert Article.objects.get(pk=good.pk).extraction_status == Article.Extraction.DONE
    failed = Article.objects.get(pk=bad.pk)
    assert failed.extraction_status == Article.Extraction.FAILED
    assert "parser crashed on this one" in failed.extraction_note


def test_a_batch_is_stored_in_as_many_queries_for_six_articles_as_for_two(
        django_assert_max_num_queries):
    from claims.services.extraction import articles_extract

    article_extract(article_id=stored(AUSTIN).pk)  # load the model outside the count
    two, six = ([stored(f"{many_quotes(5)}\n\nFiled from desk {tag}{i}.", title=f"{tag}{i}").pk
                 for i in range(n)] for tag, n in (("a", 2), ("b", 6)))
    assert len(set(two + six)) == 8
    with django_assert_max_num_queries(45) as small:
        articles_extract(article_ids=two)
    with django_assert_max_num_queries(45) as large:
        articles_extract(article_ids=six)
    # The first batch also creates the unverified speakers both batches name.
    assert len(large.captured_queries) <= len(small.captured_queries)
    assert Quote.objects.filter(article_id__in=two + six).count() == 40
