"""quotes_group: one claim per speaker and proposition, across outlets and days; negations
kept apart; near ones offered to an analyst; one claim when two workers race. (The same code
runs on SQLite: tests/services/test_sqlite_quickstart.py.)"""
import hashlib
import threading

import pytest
from django.db import connection, connections

from claims import selectors
from claims.grouping import claim_similarity, normalise, statement
from claims.grouping.minhash import bands
from claims.models import (
    Claim,
    ClaimMergeSuggestion,
    ClaimRelation,
    ClaimWording,
    ClaimWordingBand,
    Quote,
)
from claims.services.grouping import GROUPING_REASON, quotes_group
from tests.services.conftest import article, assert_reworded_records, quote, reported

pytestmark = pytest.mark.django_db

DENIAL = "Moscow is not forming a military alliance with China"


@pytest.fixture(params=["sql", "portable"])
def history_path(request, monkeypatch) -> str:
    """Grouping's history records written in its own SQL (PostgreSQL's path), or through
    django-simple-history (the path of SQLite, taken here on PostgreSQL): the same records."""
    if request.param == "portable":
        monkeypatch.setattr("claims.services.grouping.history_in_sql", lambda: False)
    return request.param


def test_the_same_statement_in_five_outlets_is_one_claim_with_five_appearances(
        putin, history_path):
    quotes = [reported(putin, DENIAL, outlet=name, day=day)
              for day, name in enumerate(["Reuters", "AP", "TASS", "BBC", "CNN"], start=1)]
    claim_ids = {q.claim_id for q in quotes}
    assert len(claim_ids) == 1
    claim = Claim.objects.get(pk=claim_ids.pop())
    assert (claim.appearance_count, claim.outlet_count) == (5, 5)
    assert claim.first_seen.day == 1 and claim.last_seen.day == 5
    assert list(claim.speakers.all()) == [putin]
    # Its first history record, written by grouping (no user), is the claim as it was made
    # and holds the same speakers and link ids.
    first = claim.history.earliest()
    assert (first.history_type, first.history_user, first.history_change_reason) == (
        "+", None, GROUPING_REASON)
    assert (first.id, first.text, first.speaker_key, first.created_at, first.created_by_id,
            first.appearance_count) == (claim.pk, DENIAL, str(putin.pk), claim.created_at, None, 0)
    assert [(r.id, r.speaker_id) for r in first.speakers.all()] == list(
        Claim.speakers.through.objects.filter(claim=claim).values_list("id", "speaker_id"))


def test_syndicated_copies_count_as_appearances_and_a_rejected_quote_does_not(
        putin, django_assert_num_queries):
    from datetime import UTC, datetime

    from claims.models import ArticleAppearance, Outlet
    from claims.services.claim_stats import claims_refresh

    first, second, third = (reported(putin, DENIAL, outlet=name, day=day)
                            for day, name in ((10, "Reuters"), (12, "AP"), (14, "TASS")))
    claim = Claim.objects.get(pk=first.claim_id)
    wire = first.article
    # The wire story ran in two more papers, one of them earlier, one with no date; the
    # third report was rejected by an analyst.
    for name, day in (("Le Monde", 9), ("Reuters", None)):
        ArticleAppearance.objects.create(
            article=wire, outlet=Outlet.objects.get_or_create(name=name)[0],
            canonical_url=f"https://example.org/{name}",
            published_at=datetime(2023, 3, day, 8, tzinfo=UTC) if day else None)
    Quote.objects.filter(pk=third.pk).update(review_status=Quote.Review.REJECTED)
    with django_assert_num_queries(4):  # three reads and the update, however many quotes
        claims_refresh(claim_ids=[claim.pk])
    claim.refresh_from_db()
    assert {second.claim_id, third.claim_id} == {claim.pk}
    # Reuters' quote, its two copies and AP's; outlets Reuters, Le Monde and AP.
    assert (claim.appearance_count, claim.outlet_count) == (4, 3)
    assert (claim.first_seen.day, claim.last_seen.day) == (9, 12)


def test_a_reworded_report_on_another_day_joins_and_the_fullest_wording_stands(putin):
    short = reported(putin, "Moscow is not forming a military alliance", day=1)
    full = reported(putin, "Moscow is not forming a military alliance with China", day=9)
    assert short.claim_id == full.claim_id
    assert Claim.objects.get(pk=full.claim_id).text == DENIAL


def test_the_same_words_from_another_speaker_are_another_claim(putin, bolton):
    assert reported(putin, DENIAL).claim_id != reported(bolton, DENIAL).claim_id


def test_a_negated_version_is_never_merged_and_is_suggested_as_a_contradiction(putin):
    earlier = reported(putin, "Russia is forming an alliance with China", month=3)
    later = reported(putin, "Russia is not forming an alliance with China", month=6)
    assert earlier.claim_id != later.claim_id
    relation = ClaimRelation.objects.get(type="contradicts")
    assert {relation.from_claim_id, relation.to_claim_id} == {earlier.claim_id, later.claim_id}
    # A changed position, dated so an analyst can follow it over time.
    assert relation.from_claim_id == later.claim_id
    assert relation.reason["rule"] == "changed position"
    assert (relation.reason["earlier"], relation.reason["later"]) == ("2023-03-01", "2023-06-01")
    assert set(relation.quotes.values_list("pk", flat=True)) == {later.pk}


def test_two_denials_told_with_more_or_fewer_negations_are_asked_about_as_one_claim(putin):
    # Both deny; the parse sets their scopes apart ("no units" against "had not sent"), so the
    # two are never joined, but a denial restated is no changed position: "same claim?".
    first = reported(putin, "Moscow did not send any troops and no units it sent were deployed "
                     "across the border at the time", month=3)
    second = reported(putin, "Moscow had not sent any units that were deployed across the border "
                      "at the time", month=6)
    assert first.claim_id != second.claim_id
    assert not ClaimRelation.objects.exists()
    suggestion = ClaimMergeSuggestion.objects.get()
    assert {suggestion.claim_id, suggestion.other_id} == {first.claim_id, second.claim_id}
    assert suggestion.reason["rule"] == "close wording, both denials"


def test_a_denial_against_the_statement_it_denies_is_not_asked_about(putin):
    reported(putin, "Russia is forming an alliance with China", month=3)
    reported(putin, "Russia is not forming an alliance with China", month=6)
    assert not ClaimMergeSuggestion.objects.exists()


def test_a_reversed_position_is_dated_even_when_the_later_article_is_stored_first(putin):
    june = reported(putin, "Russia is ready to send troops to the region", month=6)
    march = reported(putin, "Russia will not send troops to the region", month=3)
    relation = ClaimRelation.objects.get(type="contradicts")
    assert (relation.from_claim_id, relation.to_claim_id) == (june.claim_id, march.claim_id)


def test_a_close_but_not_identical_statement_starts_its_own_claim_and_asks(putin, settings):
    settings.CLAIM_JOIN_THRESHOLD, settings.CLAIM_SUGGEST_THRESHOLD = 0.8, 0.3
    first = reported(putin, "Russia and China are developing cooperation in military matters")
    second = reported(putin, "Russia and China are developing their cooperation in many areas")
    assert first.claim_id != second.claim_id
    suggestion = ClaimMergeSuggestion.objects.get()
    assert {suggestion.claim_id, suggestion.other_id} == {first.claim_id, second.claim_id}
    assert 0.3 <= suggestion.score < 0.8


def test_an_unknown_speaker_is_grouped_with_nobody():
    one = article("Someone said Moscow is not forming a military alliance with China.")
    two = article("A person said Moscow is not forming a military alliance with China today.")
    assert quote(one, DENIAL).claim_id != quote(two, DENIAL).claim_id


# What grouping a batch costs, in queries, whatever its size (one extraction batch of 40
# articles groups about 280 quotes): read quotes, speakers, lock, candidates; store claims,
# then their first history records, speakers and the speakers of those records in one
# statement (so the next record does not show them as its change), wordings and bands,
# quotes' claims, fuller wordings with their history records in one; recount; read the bodies
# for answers within articles. Suggestions add a few when there are any. (18 before the
# history records were written in SQL.)
GROUPING_QUERIES = 14
# Through django-simple-history instead (SQLite's path): a fuller wording's record costs four
# statements instead of one (read, update, read back, records), new claims' first records three
# instead of one (records, speakers, records' speakers). Measured on PostgreSQL, a batch of 14
# rewording a claim takes 17; one of 16 that also makes claims, 21.
PORTABLE_HISTORY_EXTRA = 3


def _distinct_statement(i: int) -> str:
    # Hex words (no "no" or "not" among them) share almost no trigrams: each starts a claim.
    return " ".join(hashlib.sha1(f"{i}-{j}".encode()).hexdigest()[:8] for j in range(6))


def test_new_claims_cost_the_same_queries_for_one_quote_or_a_hundred_and_twenty(
        putin, django_assert_max_num_queries):
    """120 new claims are 5,760 LSH bands: still one insert (in batches of 5,000 it was two)."""
    statements = [_distinct_statement(i) for i in range(121)]
    art = article(" ".join(f"Putin said {s}." for s in statements))
    quotes = [quote(art, s, putin, group=False) for s in statements]
    with django_assert_max_num_queries(GROUPING_QUERIES) as one:
        quotes_group(quote_ids=[quotes[0].pk])
    with django_assert_max_num_queries(GROUPING_QUERIES) as many:
        assert quotes_group(quote_ids=[q.pk for q in quotes[1:]]).created == 120
    assert len(many.captured_queries) == len(one.captured_queries)
    assert ClaimWordingBand.objects.count() == 121 * 48


def test_joining_claims_costs_the_same_queries_for_one_quote_or_twenty(
        putin, django_assert_max_num_queries, history_path):
    body = " ".join(f"Putin said point {i} concerns sector {i * 7} deeply." for i in range(31))
    art = article(body)
    quotes = [quote(art, f"point {i} concerns sector {i * 7} deeply", putin, group=False)
              for i in range(31)]
    quotes_group(quote_ids=[quotes[0].pk])
    limit = GROUPING_QUERIES + (PORTABLE_HISTORY_EXTRA if history_path == "portable" else 0)
    # Each batch joins the claim and gives it a fuller wording ("sector 70", then "sector 105").
    with django_assert_max_num_queries(limit) as one:
        assert quotes_group(quote_ids=[quotes[10].pk]).joined == 1
    with django_assert_max_num_queries(limit) as twenty:
        assert quotes_group(quote_ids=[q.pk for q in quotes[11:]]).joined == 20
    assert len(twenty.captured_queries) == len(one.captured_queries)
    claim = Claim.objects.get()
    assert claim.text == "point 15 concerns sector 105 deeply"
    assert_reworded_records(claim)


def test_another_speakers_wording_sharing_a_band_by_chance_is_no_candidate(putin, bolton):
    """Candidates are ranked by speaker bands without checking each hit's speaker (the bands
    are keyed by it); a band hash that collided must still not bring in another speaker's
    claim. Bolton's identical wording is given Putin's bands, as a collision would."""
    mine = reported(putin, DENIAL)
    theirs = reported(bolton, DENIAL)
    key, norm = str(putin.pk), statement(DENIAL, "said")
    own, _ = bands(norm, key)
    ClaimWordingBand.objects.bulk_create(
        ClaimWordingBand(wording=ClaimWording.objects.get(claim_id=theirs.claim_id), band=b)
        for b in own)
    found = selectors.wording_candidates([(key, norm)], threshold=0.3)
    assert found == {(key, norm): [(mine.claim_id, norm)]}


@pytest.mark.django_db(transaction=True)
def test_two_workers_grouping_the_same_statement_at_once_make_one_claim(putin):
    """Two real PostgreSQL connections, each in its own transaction, both storing Putin's
    statement from another outlet at the same moment."""
    quotes = [reported(putin, DENIAL, outlet=name, group=False) for name in ("AP", "Reuters")]
    barrier = threading.Barrier(2)
    errors = []

    def work(quote_id):
        try:
            barrier.wait(timeout=10)
            quotes_group(quote_ids=[quote_id])
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work, args=(q.pk,)) for q in quotes]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert not errors
    assert connection.vendor == "postgresql"
    assert Claim.objects.count() == 1
    assert set(Quote.objects.values_list("claim_id", flat=True)) == {Claim.objects.get().pk}
    assert Claim.objects.get().appearance_count == 2


def test_close_claims_of_other_speakers_are_suggested_after_commit(
        putin, bolton, xi, django_capture_on_commit_callbacks):
    first = reported(putin, "Russia and China are forming a military alliance against NATO")
    with django_capture_on_commit_callbacks(execute=True):
        denial = reported(bolton, "Russia and China are not forming a military alliance "
                                  "against NATO")
        echo = reported(xi, "Russia and China are forming a military alliance against NATO")
    found = {(r.from_claim_id, r.to_claim_id, r.type): r
             for r in ClaimRelation.objects.filter(reason__rule__in=[
                 "opposite polarity", "same words, other speaker", "same point, other speaker"])}
    assert (denial.claim_id, first.claim_id, "contradicts") in found
    assert (echo.claim_id, first.claim_id, "repeats") in found
    relation = found[(denial.claim_id, first.claim_id, "contradicts")]
    assert relation.reason["words"].startswith("negation") and relation.status == "suggested"
    # The task is idempotent: run again, nothing new.
    from claims.services.grouping import quotes_relate_across_speakers

    assert quotes_relate_across_speakers(quote_ids=[denial.pk, echo.pk]) == 0


def test_an_excerpt_reported_later_joins_the_whole_quote(putin):
    whole = reported(putin, "Russia and China are developing cooperation in military matters, "
                            "and everything is transparent and nothing is kept secret from "
                            "anyone, as the two countries have said many times since the start "
                            "of the year, whatever their critics in Washington and Brussels "
                            "claim", month=3)
    words = "Russia and China are developing cooperation in military matters, and everything " \
            "is transparent"
    assert claim_similarity(normalise(words), normalise(whole.text)) < 0.5
    excerpt = reported(putin, words, month=5)
    assert excerpt.claim_id == whole.claim_id


def test_a_headline_in_other_words_is_offered_as_the_same_claim_after_commit(
        putin, cooperation, django_capture_on_commit_callbacks):
    whole = cooperation
    with django_capture_on_commit_callbacks(execute=True):
        headline = reported(putin, "military cooperation with China develops openly", month=4)
    assert headline.claim_id != whole.claim_id
    suggestion = ClaimMergeSuggestion.objects.get()
    assert {suggestion.claim_id, suggestion.other_id} == {whole.claim_id, headline.claim_id}
    assert suggestion.reason["rule"].startswith("same content words")


def test_a_long_quote_reported_after_its_headline_finds_it_by_its_shorter_words(
        putin, settings, django_capture_on_commit_callbacks):
    # The words the two share ("ferry", "tolls", "rise") are not among the long statement's
    # five longest, which alone its look-up asked two of: the headline came first, so only
    # the long statement's look-up could find the pair, and did not.
    settings.CLAIM_SUGGEST_THRESHOLD = 0.4
    headline = reported(putin, "ferry tolls will rise", month=3)
    with django_capture_on_commit_callbacks(execute=True):
        whole = reported(putin, "after the councillors' extraordinary decision, independent "
                                "transportation economists expect that ferry tolls will rise "
                                "considerably throughout the summer", month=4)
    assert whole.claim_id != headline.claim_id
    suggestion = ClaimMergeSuggestion.objects.get()
    assert {suggestion.claim_id, suggestion.other_id} == {whole.claim_id, headline.claim_id}
    assert suggestion.reason["rule"].startswith("same content words")


def test_another_point_in_the_same_words_or_a_negation_is_not_offered(
        putin, settings, django_capture_on_commit_callbacks):
    settings.CLAIM_SUGGEST_THRESHOLD = 0.4
    reported(putin, "Russia and China are developing their cooperation, including in military "
                    "matters, and all of it is done openly", month=3)
    with django_capture_on_commit_callbacks(execute=True):
        reported(putin, "military cooperation with China is not developing openly", month=4)
        reported(putin, "sanctions against China will fail, as they failed against us", month=5)
    assert not ClaimMergeSuggestion.objects.exists()



def _claims_saying(speaker, texts, *, rejected=()) -> list[Quote]:
    """One claim a text, each with its quote, in one article: no grouping, no spaCy."""
    art = article(" ".join(f"{speaker.name} said that {t}." for t in texts))
    made = []
    for n, text in enumerate(texts):
        claim = Claim.objects.create(text=text, speaker_key=str(speaker.pk))
        made.append(quote(art, text, speaker, group=False, claim=claim,
                          review_status=Quote.Review.REJECTED if n in rejected
                          else Quote.Review.EXTRACTED))
    return made


def test_the_content_look_up_gives_the_latest_quotes_holding_two_terms_whatever_their_number(
        putin, bolton):
    from claims.selectors import content

    # No time limit left to cut it short: the answer is the same on any machine.
    assert not hasattr(content, "LOOKUP_TIMEOUT_MS")
    two = [f"sanctions against the pipeline number {n} will fail" for n in range(45)]
    one = [f"sanctions on grain number {n} will fail" for n in range(10)]
    quotes = _claims_saying(putin, two[:20] + one + two[20:], rejected={3})
    _claims_saying(bolton, two[:5])
    own = quotes[-1]
    found = content.same_speaker_by_content(
        [(str(putin.pk), ["sanctions", "pipeline"], own.claim_id)], top=30)
    holding_two = [q for q in quotes if "pipeline" in q.text and q.pk != own.pk
                   and q.review_status != Quote.Review.REJECTED]
    expected = [(q.claim_id, q.text) for q in sorted(holding_two, key=lambda q: -q.pk)[:30]]
    assert found == {0: expected}


def test_the_content_look_up_finds_a_term_under_its_synonyms_and_a_name_as_a_phrase(putin):
    from claims.selectors import content

    quotes = _claims_saying(putin, [
        "the real founder of the Islamic State militant group is the mayor",  # a phrase
        "the mayor armed ISIL fighters",  # another form
        "the state founder of an Islamic school",  # the words, not the phrase
        "the mayor signed the pact",
    ])
    found = content.same_speaker_by_content(
        [(str(putin.pk), ["isis", "mayor"], 0), (str(putin.pk), ["deal", "mayor"], 0)])
    assert sorted(t for _, t in found[0]) == sorted(q.text for q in quotes[:2])
    assert [t for _, t in found[1]] == [quotes[3].text]


def test_the_content_look_up_reads_the_stored_vector_of_the_speakers_quotes(putin):
    from claims.selectors import content
    from claims.sql_arrays import text_array

    assert connection.vendor == "postgresql"
    _claims_saying(putin, ["sanctions against the pipeline will fail"])
    params = {"keys": text_array([str(putin.pk)]), "queries": "{sanctions & pipeline}",
              "anys": "{sanctions | pipeline}", "owns": "{0}", "top": 30,
              "rejected": Quote.Review.REJECTED}
    with connection.cursor() as cursor:
        # A table of three rows is read whole; what is checked is that the query can reach a
        # speaker's quotes through the claim index, as it does on a database of any size.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN (VERBOSE) " + content._CONTENT_SQL.format(
            quote=Quote._meta.db_table, claim=Claim._meta.db_table), params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    # No quote text parsed per row: the stored vector is matched.
    assert "search_vector @@" in plan and "to_tsvector" not in plan
    assert "claims_quote_claim_id" in plan


_STOP_WORDS = {"under", "because"}


def _pairs_reference(terms) -> str:
    """Every pair of the terms that are not stop words, ORed: what the factored form must
    match."""
    from claims.selectors.content import _term_query

    words = [_term_query(t) for t in terms if t not in _STOP_WORDS]
    return " | ".join(f"({a} & {b})" for i, a in enumerate(words) for b in words[i + 1:])


@pytest.mark.parametrize("terms", [
    ["sanctions", "pipeline", "isis", "grain", "mayor"],
    # "under" is a stop word: two of the others are asked, not any one of them (a stop word
    # among the terms once made it any quote saying "grain")
    ["sanctions", "pipeline", "under", "grain"],
    ["sanctions", "under"],
    ["under", "because"],
])
def test_the_content_look_up_finds_quotes_holding_two_of_the_terms(putin, terms):
    from claims.selectors import content

    texts = ["sanctions against the pipeline will fail", "the pipeline carries grain",
             "sanctions on grain", "the mayor armed ISIL fighters", "the mayor spoke",
             "the Islamic State took the grain", "sanctions alone", "under the bridge",
             "nothing in common here"]
    _claims_saying(putin, texts)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT text FROM claims_quote WHERE search_vector @@ to_tsquery('english', %s)",
            [_pairs_reference(terms)])
        expected = sorted(row[0] for row in cursor.fetchall())
    found = content.same_speaker_by_content([(str(putin.pk), terms, 0)])
    assert sorted(t for _, t in found.get(0, [])) == expected


def test_a_stop_word_among_the_terms_does_not_make_one_shared_word_enough(putin):
    from claims.selectors import content

    _claims_saying(putin, ["the pipeline carries grain", "sanctions alone",
                           "grain prices rose", "sanctions on grain"])
    found = content.same_speaker_by_content([(str(putin.pk),
                                              ["sanctions", "pipeline", "under", "grain"], 0)])
    assert sorted(t for _, t in found.get(0, [])) == ["sanctions on grain",
                                                      "the pipeline carries grain"]


def test_the_content_look_up_is_one_query_a_batch_and_one_more_for_new_terms(
        putin, bolton, django_assert_num_queries):
    from claims.selectors import content

    _claims_saying(putin, ["sanctions against the pipeline will fail"])
    _claims_saying(bolton, ["sanctions on grain will fail"])
    content._VACUOUS.clear()
    one = [(str(putin.pk), ["sanctions", "pipeline", "under"], 0)]
    many = one + [(str(bolton.pk), ["sanctions", "grain", f"word{n}"], 0) for n in range(30)]
    with django_assert_num_queries(2):  # the stop words among the terms, then the look-up
        content.same_speaker_by_content(many)
    with django_assert_num_queries(1):
        content.same_speaker_by_content(many)
    with django_assert_num_queries(1):
        content.same_speaker_by_content(one)
