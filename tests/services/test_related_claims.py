"""Related claims: other speakers' claims that bear on a claim, ranked, with why; the API list,
the claim page's panel and its one-click link; bad input (a claim related to itself, an
unknown or merged claim, a row whose claim was merged away since) refused with nothing saved."""
from datetime import UTC, datetime
from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from claims.models import Claim, ClaimRelation, Speaker
from claims.selectors.related import ClaimGone, related_claims, related_ranking
from claims.services import claims as claim_services
from claims.services import relations as relation_services

pytestmark = pytest.mark.django_db


def said(speaker, text: str, *, day: int = 1, month: int = 3) -> Claim:
    when = datetime(2023, month, day, 12, tzinfo=UTC)
    claim = Claim.objects.create(text=text, speaker_key=str(speaker.pk), first_seen=when,
                                 last_seen=when)
    claim.speakers.set([speaker])
    return claim


@pytest.fixture
def lavrov(db):
    return Speaker.objects.create(name="Sergey Lavrov", verified=True)


@pytest.fixture
def world(putin, bolton, lavrov):
    axis = said(bolton, "An axis of Russia and China could pose a real problem for the West",
                day=1)
    return {
        "axis": axis,
        "bolton_other": said(bolton, "Russia and China are building an axis against the West",
                             day=2),
        "denial": said(putin, "Moscow is not forming a military alliance with China", day=2),
        "lavrov": said(lavrov, "Russia and China form no axis and no alliance", day=3),
        "late": said(lavrov, "Russia and China form no axis and no alliance at all", month=9),
        "budget": said(putin, "The budget deficit grew by 3 percent this year", day=2),
    }


def test_other_speakers_claims_that_share_rare_words_ranked_with_reasons(world):
    ranked = related_claims(world["axis"].pk)
    ids = [r.claim.pk for r in ranked]
    # Bolton's own claim is not "related" (it is his: a same-claim question), nor the budget.
    assert world["bolton_other"].pk not in ids and world["budget"].pk not in ids
    assert set(ids) == {world["denial"].pk, world["lavrov"].pk, world["late"].pk}
    # Lavrov's two claims share the most rare words ("axis", "alliance"): they come first.
    assert set(ids[:2]) == {world["lavrov"].pk, world["late"].pk}
    lavrov = next(r for r in ranked if r.claim.pk == world["lavrov"].pk)
    assert {"russia", "china", "axis"} <= set(lavrov.reason["words"])
    assert lavrov.reason["names"] == ["china", "russia"]  # "Russia" begins a sentence
    assert lavrov.reason["days_apart"] == 2
    assert lavrov.score > 0 and lavrov.suggested_type is None
    assert [s.name for s in lavrov.claim.speakers.all()] == ["Sergey Lavrov"]


def test_numbers_and_existing_relations_are_shown(putin, bolton):
    a = said(bolton, "Russia spent 70 billion dollars on its army")
    b = said(putin, "Our army cost 70 billion dollars and no more")
    relation = ClaimRelation.objects.create(from_claim=b, to_claim=a, type="contradicts",
                                            status="confirmed")
    (row,) = related_claims(a.pk)
    assert row.claim.pk == b.pk and row.reason["numbers"] == ["70"]
    assert row.relation == relation


def test_unknown_and_merged_claims_are_gone_with_a_reason(world, analyst):
    with pytest.raises(ClaimGone, match=r"No claim #999999\."):
        related_ranking(999999)
    claim_services.claim_merge(source_id=world["bolton_other"].pk,
                               target_id=world["axis"].pk, user=analyst)
    with pytest.raises(ClaimGone, match="merged into another claim"):
        related_claims(world["bolton_other"].pk)


def test_without_postgresql_the_lookup_still_answers(world):
    with mock.patch.object(connection, "vendor", "sqlite"):
        ranked = related_ranking(world["axis"].pk)
    ids = [r.claim_id for r in ranked]
    assert world["lavrov"].pk in ids and world["bolton_other"].pk not in ids


def test_the_lookup_costs_a_fixed_number_of_queries(putin, bolton):
    axis = said(bolton, "An axis of Russia and China could pose a real problem for the West")

    def count(n):
        Claim.objects.exclude(pk=axis.pk).delete()
        for i in range(n):
            said(putin, f"Russia and China are partners number {i}")
        with CaptureQueriesContext(connection) as ctx:
            found = related_claims(axis.pk)
        assert len(found) == n
        return len(ctx.captured_queries)

    count(1)  # the word statistics read once
    assert count(3) == count(30)


def test_only_the_relations_of_the_claim_itself_are_read(putin, bolton, lavrov):
    # A busy story: the rows are linked among themselves; the lookup reads the one relation
    # between the claim and a row, not those (filtered in SQL, not in Python).
    axis = said(bolton, "An axis of Russia and China could pose a real problem for the West")
    rows = [said(putin if i % 2 else lavrov, f"Russia and China are partners number {i}")
            for i in range(12)]
    own = ClaimRelation.objects.create(from_claim=rows[0], to_claim=axis, type="denies",
                                       status="confirmed")
    for a, b in zip(rows[1:], rows[2:], strict=False):
        ClaimRelation.objects.create(from_claim=a, to_claim=b, type="supports")
    related_claims(axis.pk)  # the word statistics read once
    with CaptureQueriesContext(connection) as ctx:
        found = related_claims(axis.pk)
    assert len(found) == 12
    assert [r.relation for r in found if r.relation] == [own]
    table = ClaimRelation._meta.db_table
    (sql,) = [q["sql"] for q in ctx.captured_queries if f'FROM "{table}"' in q["sql"]]
    with connection.cursor() as cursor:
        cursor.execute(sql)
        assert len(cursor.fetchall()) == 1  # the rows' 10 relations among themselves: not read
    assert len(ctx.captured_queries) == QUERIES


# Queries of one related_claims() (its word statistics already read): the claim, its words,
# the hits, the candidates, the contexts of the claim and its best candidates, the rows with
# their speakers and topics (three), the relations.
QUERIES = 9


# --- the API ---------------------------------------------------------------------------------

def api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_api_lists_related_claims_in_pages(world, viewer):
    response = api(viewer).get(f"/api/v1/claims/{world['axis'].pk}/related/?page_size=2")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 3 and len(body["results"]) == 2 and body["next"]
    first = body["results"][0]
    assert set(first) == {"claim", "score", "reason", "suggested_type", "relation"}
    assert {"id", "text", "speakers"} <= set(first["claim"])
    assert set(first["reason"]) == {"words", "names", "numbers", "days_apart", "topics",
                                    "type_rule", "context"}
    assert first["score"] >= body["results"][1]["score"]


def test_api_unknown_or_merged_claim_is_a_clear_404(world, analyst, viewer):
    response = api(viewer).get("/api/v1/claims/999999/related/")
    assert response.status_code == 404 and "No claim #999999" in response.json()["detail"]
    gone = world["bolton_other"].pk
    claim_services.claim_merge(source_id=gone, target_id=world["axis"].pk, user=analyst)
    response = api(viewer).get(f"/api/v1/claims/{gone}/related/")
    assert response.status_code == 404 and "merged" in response.json()["detail"]


def test_api_schema_documents_the_related_list(viewer):
    schema = api(viewer).get(reverse("api-schema") + "?format=json")
    assert schema.status_code == 200
    text = schema.content.decode()
    assert "/api/v1/claims/{id}/related/" in text and "RelatedClaim" in text


def test_api_relation_from_a_row_merged_away_since_is_refused(world, analyst):
    gone = world["lavrov"].pk
    claim_services.claim_merge(source_id=gone, target_id=world["late"].pk, user=analyst)
    before = ClaimRelation.objects.count()
    response = api(analyst).post("/api/v1/claim-relations/", {
        "from_claim": world["axis"].pk, "to_claim": gone, "type": "denies"}, format="json")
    assert response.status_code == 404  # what it names is gone (claims.services.refusals.Missing)
    assert "merged into another claim" in response.json()["to_claim"][0]
    assert ClaimRelation.objects.count() == before


def test_a_claim_related_to_itself_is_a_validation_error(world, analyst):
    with pytest.raises(Exception, match="cannot be related to itself"):
        relation_services.relation_create(from_claim_id=world["axis"].pk,
                                          to_claim_id=world["axis"].pk, type="supports",
                                          user=analyst)
    assert not ClaimRelation.objects.exists()


def test_only_the_candidates_sharing_the_most_rare_weight_are_read(putin, bolton, lavrov):
    # The words looked up are summed per claim in SQL and only the best CANDIDATES read: with
    # room for one, the claim sharing the two rarest words wins over those sharing one.
    own = said(bolton, "The harbour tunnel will flood every spring, the engineers warned")
    best = said(putin, "Spring floods will close the harbour tunnel")
    weaker = [said(lavrov, f"The tunnel number {i} opened") for i in range(4)]
    for i in range(30):  # "tunnel" common next to "harbour"
        said(lavrov, f"A tunnel was dug under road {i}")
    with mock.patch("claims.selectors.related.CANDIDATES", 1):
        ranked = related_ranking(own.pk)
    assert [r.claim_id for r in ranked] == [best.pk]
    ids = [r.claim_id for r in related_ranking(own.pk)]
    assert ids[0] == best.pk and set(c.pk for c in weaker) <= set(ids)


def test_an_excerpt_of_the_claim_under_another_speaker_is_not_related(putin, bolton, lavrov):
    # A speaker error files one statement twice; the copy is a "same claim?" question.
    own = said(bolton, "The harbour tunnel will cost four billion dollars and open in spring")
    copy = said(lavrov, "the harbour tunnel will cost four billion dollars")
    answer = said(putin, "Engineers doubt the harbour tunnel can open before autumn")
    ids = [r.claim_id for r in related_ranking(own.pk)]
    assert answer.pk in ids and copy.pk not in ids


def _benchmark(name: str):
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "benchmarks" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    with mock.patch.dict("sys.modules", {name: module}):  # a dataclass looks its module up
        spec.loader.exec_module(module)
    return module


def test_the_benchmark_tells_why_a_claim_is_not_in_the_first_10(putin, bolton, lavrov):
    # benchmarks/related_eval.py counts the holdout half's misses by reason (figures only).
    module = _benchmark("related_eval")
    own = said(bolton, "The harbour tunnel will cost four billion dollars and open in spring")
    his = said(bolton, "The harbour tunnel is a waste of money")
    copy = said(lavrov, "the harbour tunnel will cost four billion dollars")
    far = said(putin, "The mayor wants a new bridge over the river")
    beaten = said(putin, "Spring comes late to the harbour")
    for i in range(12):
        said(lavrov, f"The harbour tunnel will open in spring, plan {i}")
    assert module.why_missed(own.pk, his.pk) == "same speaker"
    assert module.why_missed(own.pk, copy.pk) == "a copy"
    assert module.why_missed(own.pk, far.pk) == "no word shared"
    assert module.why_missed(own.pk, beaten.pk) == "ranked below 10"
    with mock.patch("claims.selectors.related.CANDIDATES", 3):
        assert module.why_missed(own.pk, beaten.pk) == "not a candidate"


def test_the_ablation_reranks_a_read_pool_as_the_lookup_ranks_it(putin, bolton, lavrov):
    # benchmarks/related_ablation.py reads each pool once and re-ranks it offline under each
    # variant: unchanged, its ranking must be the lookup's (pool order included), or every
    # variant's figure would be measured against something else.
    module = _benchmark("related_ablation")
    own = said(bolton, "The harbour tunnel will flood every spring, the engineers warned")
    said(putin, "Spring floods will close the harbour tunnel")
    for i in range(8):
        said(lavrov if i % 2 else putin, f"The tunnel number {i} flooded in spring")
        said(lavrov, f"Engineers warned about road {i}")
        said(putin, f"A harbour crane number {i} broke")
    lookup = module.read_lookup(own.pk, 300)
    assert len(lookup.candidates) == 25
    shipped = [r.claim_id for r in related_ranking(own.pk, limit=10)]
    assert module.ranked(lookup) == shipped
    for pool in (3, 7):
        with mock.patch("claims.selectors.related.CANDIDATES", pool):
            assert module.ranked(lookup, pool=pool) == [
                r.claim_id for r in related_ranking(own.pk, limit=10)]


def test_the_ablations_embedding_blend_moves_the_nearest_claim_up(putin, bolton, lavrov,
                                                                   tmp_path):
    # The embedding variants (a measurement only): at blend 0 the ranking is the shipped one;
    # at blend 1 the candidate whose embedding is nearest the claim's comes first, whatever
    # its words score; a claim the file does not hold counts cosine 0.
    import numpy as np

    module = _benchmark("related_ablation")
    own = said(bolton, "The harbour tunnel will flood every spring, the engineers warned")
    others = [said(putin, "Spring floods will close the harbour tunnel")]
    others += [said(lavrov, f"The tunnel number {i} flooded in spring") for i in range(4)]
    lookup = module.read_lookup(own.pk, 300)
    shipped = module.ranked(lookup)
    assert len(shipped) == 5
    near = shipped[-1]  # the lowest by words
    ids = [own.pk, *(c.pk for c in others)]
    vectors = np.array([[1.0, 0.0] if i in (own.pk, near) else [0.0, 1.0] for i in ids])
    path = tmp_path / "claims.npz"
    np.savez(path, ids=np.array(ids), vectors=vectors)
    embedding = module.load_embeddings(path)
    assert module.ranked(lookup, embedding=embedding, blend=0.0) == shipped
    assert module.ranked(lookup, embedding=embedding, blend=1.0)[0] == near
    fused = module.ranked(lookup, embedding=embedding, rrf=True)
    assert set(fused) == set(shipped) and fused.index(near) < shipped.index(near)


def test_a_claim_reported_amid_the_same_story_ranks_first_and_says_why(putin, bolton, lavrov):
    from tests.services.conftest import article, quote

    mayor = Speaker.objects.create(name="Anna Mayor", verified=True)
    # Two answers with the same words on the tunnel; the one from another story (a ferry
    # strike) comes first, so it wins a tie of words by its lower id.
    ferry = article("The ferry strike entered its third week as crews walked out again. "
                    "Lavrov said the harbour tunnel should be scrapped. Ferry owners "
                    "blamed the strike on wages.", day=2)
    quote(ferry, "the harbour tunnel should be scrapped", lavrov)
    flood = article("Storm floods breached the flood barrier and its pumps failed overnight. "
                    "Putin said the harbour tunnel should be scrapped. The flood barrier "
                    "pumps were repaired by dawn.", day=3)
    quote(flood, "the harbour tunnel should be scrapped", putin)
    own = article("The flood barrier pumps failed as storm floods rose in the night. "
                  "The mayor said the harbour tunnel would open in spring. Engineers "
                  "checked the flood barrier.", day=1)
    claim = quote(own, "the harbour tunnel would open in spring", mayor).claim
    rows = related_claims(claim.pk)
    assert [r.claim.speakers.get().name for r in rows] == ["Vladimir Putin", "Sergey Lavrov"]
    assert rows[0].reason["context"] > rows[1].reason["context"]
    # The ablation's re-ranking of a read pool reads the same contexts (its figures are the
    # lookup's own).
    module = _benchmark("related_ablation")
    assert module.ranked(module.read_lookup(claim.pk, 300)) == [r.claim.pk for r in rows]
