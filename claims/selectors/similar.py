"""Claims and speakers that look like a given one: claims by their wordings' bands, speakers by
trigram similarity of their names and aliases."""
from django.contrib.postgres.search import TrigramSimilarity
from django.db.models import Max, QuerySet, Value
from django.db.models.functions import Coalesce, Greatest

from claims.models import ClaimWording, Speaker
from claims.selectors.candidates import _candidates
from claims.selectors.database import _require_postgresql
from claims.selectors.lists import claim_list, speaker_list


def claim_similar(claim_id: int, *, limit: int = 10, threshold: float = 0.3) -> list[tuple]:
    """Claims of any speaker whose wordings are closest to this claim's, as (claim, score),
    closest first: candidates through the any-speaker bands, scored by the grouping rules."""
    wordings = list(ClaimWording.objects.filter(claim_id=claim_id)
                    .values_list("speaker_key", "normalized"))
    # The claim's own speaker counts too: "similar" is about the words (no speaker key is "*").
    found = _candidates([("*", w) for _, w in wordings], threshold, same=False, limit=50)
    from claims.grouping import claim_similarity

    best: dict[int, float] = {}
    for (_, text), matches in found.items():
        for other, wording in matches:
            if other != claim_id:
                best[other] = max(best.get(other, 0.0), claim_similarity(text, wording))
    ranked = sorted(best.items(), key=lambda item: -item[1])[:limit]
    claims = claim_list().in_bulk([c for c, _ in ranked])
    return [(claims[c], score) for c, score in ranked if c in claims]


def speaker_similar(name: str, *, threshold: float = 0.3) -> QuerySet[Speaker]:
    """Speakers whose name or an alias looks like `name` (pg_trgm similarity), closest first:
    "Zelenskyy" finds Volodymyr Zelensky, "Sergei Lavrov" finds Sergey Lavrov."""
    _require_postgresql("Trigram similarity")
    return (
        speaker_list()
        .annotate(alias_similarity=Max(TrigramSimilarity("aliases__alias", name)))
        .annotate(similarity=Greatest(TrigramSimilarity("name", name),
                                      Coalesce("alias_similarity", Value(0.0))))
        .filter(similarity__gte=threshold)
        .order_by("-similarity", "name")
    )
