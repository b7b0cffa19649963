"""Related claims on the judged cross-article relations: recall@10 and typed precision.

Run on a database that bench_grouping_pairs.py made and kept (it imports the 840 PolNeAR train
articles through the product's path)::

    .venv/bin/python benchmarks/bench_grouping_pairs.py --keep --db claims_bench_related
    .venv/bin/python benchmarks/related_eval.py --db claims_bench_related   # again, alone

bench_grouping_pairs.py calls `report` after its own table. Gold:
``tests/data/claim_pairs/relations.jsonl``, set ``cross_article`` (pairs of claims by
different speakers in different articles: supports, contradicts, denies, responds_to, or
``none`` for a near miss), split tune / holdout by a hash of the document id (see the README
there). Each gold attribution is mapped to its stored quote as bench_grouping_pairs.py does.

- recall@10: of the related pairs (label not ``none``) whose two quotes were found, in two
  claims, the share where the other claim is among the first 10 of
  ``selectors.related.related_ranking`` -- asked from each side (a pair counts twice, once
  each way), beside "either way"; ``recall_all`` counts pairs not found or put in one claim as
  misses too.
- why missed: each direction not in the first 10, by reason (``why_missed``): the same
  speaker (left out), no word shared, not among the candidates the word look-up returns, left
  out as a copy, or scored below ten others. Figures for every half, so the holdout half's
  misses are told apart without reading one.
- typed precision: of the suggestions with a type (only rules in TYPED_RULES type one) on
  judged pairs within the first 10, the share whose type is the judged label (a near miss
  typed is wrong). Beside it, each type rule's precision if it were switched on, on the
  judged pairs in the first 10: how TYPED_RULES is chosen, on the tune half only.

Items are printed for the tune half only (``--show N``); the holdout half is reported as
figures, never as items. ``--tune-only`` leaves the holdout half out altogether (no line at
all): the run to use while building.

The tune half is split again in two, ``tune-A`` and ``tune-B``, by a hash of the pair's first
document id (``tune_part``: the lower of its two ids, ``sha256("part:" + id)`` first byte even
-> A), 36 and 35 related pairs of the 71: a builder reads tune-A's misses (``--show`` prints
only those) and checks a change on tune-B's figure without reading its items, to see whether
the change carries to pairs nobody looked at. Per label (supports, contradicts, denies,
responds to) and by how the gold pair was drawn (``drawn_by``: the draw script ranking pairs
by shared words, ``pairs.jsonl`` re-judged, a keyword search), recall@10 is printed as figures
for every half.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RELATIONS = ROOT / "tests" / "data" / "claim_pairs" / "relations.jsonl"
TOP = 10
TARGET_RECALL, TARGET_TYPED = 0.8, 0.7
# The part of tune whose items a builder reads; tune-B is only measured.
SHOWN = "tune-A"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))


def load_relations(path: Path = RELATIONS) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    return [r for r in rows if r["set"] == "cross_article" and r.get("b")]


def tune_part(row: dict) -> str:
    """tune-A or tune-B for a tune pair: a hash of the lower of its two document ids (another
    hash than the tune / holdout one, so the parts are not that split again)."""
    doc = min(row["a"]["doc"], row["b"]["doc"])
    return "tune-A" if hashlib.sha256(f"part:{doc}".encode()).digest()[0] % 2 == 0 else "tune-B"


def _rankings(claim_ids) -> tuple[dict[int, list], list[float]]:
    from claims.selectors.related import related_ranking

    out, times = {}, []
    for claim_id in sorted(claim_ids):
        started = time.perf_counter()
        out[claim_id] = related_ranking(claim_id, limit=TOP)
        times.append((time.perf_counter() - started) * 1000)
    return out, times


def why_missed(own_id: int, other_id: int) -> str:
    """Why claim `other_id` is not among the first 10 of `own_id`'s related claims: left out as
    the same speaker, left out as a copy or excerpt of the claim, not among the candidates the
    word look-up returns (CANDIDATES), or scored below ten others. Counted per half (figures
    only), so the holdout half's misses can be told apart without reading one."""
    from django.db import connection

    from claims.grouping import related as scoring
    from claims.models import Claim
    from claims.selectors import related as lookup

    claim = Claim.objects.only("id", "text", "speaker_key").get(pk=own_id)
    exact: dict[str, float] = {}
    frequency, weight = lookup._weigher(exact)
    own, candidates = lookup._sides_postgresql(claim, frequency, exact)
    found = {c.id: c for c in candidates}
    if other_id in found:
        other = found[other_id]
    else:
        with connection.cursor() as cursor:
            cursor.execute(lookup._sides_sql(), [[other_id]])
            other = lookup._side(lookup._positions(cursor.fetchone()))
    if not scoring.other_speaker(own, other):
        return "same speaker"
    if not own.lexemes & other.lexemes:
        return "no word shared"
    if other_id not in found:
        return "not a candidate"
    if scoring.copy_of(own, other, weight):
        return "a copy"
    return "ranked below 10"


def _rule_checks(pairs_in_top) -> dict[str, tuple[int, int]]:
    """Each type rule's (right, fired) over judged pairs within the first 10."""
    from claims.grouping import related as scoring
    from claims.models import Claim, Quote

    ids = {c for a, b, _ in pairs_in_top for c in (a, b)}
    rows = {pk: (text, first, last) for pk, text, first, last in Claim.objects.filter(
        pk__in=ids).values_list("pk", "text", "first_seen", "last_seen")}
    cues: dict[int, set[str]] = {}
    for claim_id, cue in Quote.objects.filter(claim_id__in=ids).values_list("claim_id", "cue"):
        if cue:
            cues.setdefault(claim_id, set()).add(cue)

    def side(pk):
        text, first, last = rows[pk]
        return scoring.Side(id=pk, text=text, lexemes=frozenset(),
                            seen=first.date() if first else None,
                            last=last.date() if last else None,
                            cues=frozenset(cues.get(pk, ())))

    counts: dict[str, list[int]] = {name: [0, 0] for name, _, _ in scoring.TYPE_RULES}
    for a, b, label in pairs_in_top:
        own, other = side(a), side(b)
        for name, kind, test in scoring.TYPE_RULES:
            if test(own, other):
                counts[name][1] += 1
                counts[name][0] += label == kind
    return {name: (right, fired) for name, (right, fired) in counts.items()}


def evaluate(rows: list[dict], matched: dict, split: str, *, show: int = 0) -> dict:
    from django.db import connection

    related = [r for r in rows if r["label"] != "none"]
    usable, lost = [], Counter()
    for r in related:
        a = matched.get((r["a"]["doc"], r["a"]["quote"]))
        b = matched.get((r["b"]["doc"], r["b"]["quote"]))
        if a is None or b is None or a.claim_id is None or b.claim_id is None:
            lost["a quote not found"] += 1
        elif a.claim_id == b.claim_id:
            lost["both in one claim"] += 1
        else:
            usable.append((r, a.claim_id, b.claim_id))
    judged = {}
    for r in rows:
        a = matched.get((r["a"]["doc"], r["a"]["quote"]))
        b = matched.get((r["b"]["doc"], r["b"]["quote"]))
        if a and b and a.claim_id and b.claim_id and a.claim_id != b.claim_id:
            judged[(a.claim_id, b.claim_id)] = r["label"]
            judged[(b.claim_id, a.claim_id)] = r["label"]
    ranking, times = _rankings({c for key in judged for c in key})
    directions = hits = either = 0
    missed = []
    by_label: dict[str, list[int]] = {}
    by_source: dict[str, list[int]] = {}  # how the gold pair was drawn (README there)
    why: Counter = Counter()
    for r, a, b in usable:
        found_ab = b in [x.claim_id for x in ranking[a]]
        found_ba = a in [x.claim_id for x in ranking[b]]
        directions += 2
        hits += found_ab + found_ba
        for group, key in ((by_label, r["label"]),
                           (by_source, r.get("drawn_by", "").split(" ")[0] or "?")):
            counts = group.setdefault(key, [0, 0])
            counts[0] += found_ab + found_ba
            counts[1] += 2
        either += found_ab or found_ba
        if not (found_ab and found_ba):
            missed.append((r, a, b, found_ab, found_ba))
        for own_id, other_id, hit in ((a, b, found_ab), (b, a, found_ba)):
            if not hit and connection.vendor == "postgresql":
                why[why_missed(own_id, other_id)] += 1
    typed_right = typed = 0
    in_top = []
    for (a, b), label in judged.items():
        for x in ranking[a]:
            if x.claim_id == b:
                in_top.append((a, b, label))
                if x.suggested_type:
                    typed += 1
                    typed_right += x.suggested_type == label
    rules = _rule_checks(in_top) if split.startswith("tune") else {}
    # The same on every judged pair of two claims, in the first 10 or not (more support; a
    # rule's precision where the lookup does not rank the pair says how it reads language).
    rules_all = _rule_checks([(a, b, label) for (a, b), label in judged.items()]) \
        if split.startswith("tune") else {}
    result = {
        "split": split, "related": len(related), "usable": len(usable), "lost": dict(lost),
        "recall@10": hits / directions if directions else None,
        "either way": either / len(usable) if usable else None,
        "recall_all": hits / (2 * len(related)) if related else None,
        "typed": typed, "typed right": typed_right,
        "typed precision": typed_right / typed if typed else None,
        "lookups": len(times), "median ms": sorted(times)[len(times) // 2] if times else None,
        "rules": rules, "rules, all judged": rules_all, "by label": by_label,
        "by source": by_source, "why missed": dict(why),
    }
    if show and split == SHOWN:
        from claims.models import Claim

        texts = dict(Claim.objects.filter(
            pk__in={c for m in missed[:show] for c in m[1:3]}).values_list("pk", "text"))
        print(f"\n{split} misses ({len(missed)} pairs missed one way or both), first {show}:")
        for r, a, b, ab, ba in missed[:show]:
            print(f"  [{r['label']}] a->b {'hit' if ab else 'miss'}, b->a "
                  f"{'hit' if ba else 'miss'}; claims {a} / {b}\n"
                  f"     a: {texts.get(a, '')[:160]}\n     b: {texts.get(b, '')[:160]}")
    return result


def _fmt(value) -> str:
    return "  -  " if value is None else f"{value:.3f}"


def report(docs: list[dict], articles: dict[str, int], *, show: int = 0,
           path: Path = RELATIONS, splits=("tune", "holdout")) -> dict:
    """Print recall@10 and typed precision for tune and holdout; returns the figures."""
    from bench_grouping_pairs import match_attributions

    if not path.is_file():
        print(f"related claims: skipped, no {path}")
        return {}
    ensure_statistics()
    rows = load_relations(path)
    pairs = [{"a": r["a"], "b": r["b"]} for r in rows]
    matched = match_attributions(pairs, {d["id"]: d for d in docs}, articles)
    results = {}
    for split in splits:
        if split == "tune":
            for part in ("tune-A", "tune-B"):
                results[part] = evaluate([r for r in rows if r["split"] == "tune"
                                          and tune_part(r) == part], matched, part, show=show)
        results[split] = evaluate([r for r in rows if r["split"] == split], matched, split)
    print(f"\nrelated claims (cross-article relations, {path.name}); targets: recall@10 >= "
          f"{TARGET_RECALL}, typed precision >= {TARGET_TYPED}")
    print("split    related usable  recall@10 (each way)  either way  recall_all  typed  "
          "typed right  precision  lookups  median ms   lost")
    for split, s in results.items():
        print(f"{split:<8} {s['related']:7d} {s['usable']:6d}  {_fmt(s['recall@10']):>20}  "
              f"{_fmt(s['either way']):>10}  {_fmt(s['recall_all']):>10}  {s['typed']:5d}  "
              f"{s['typed right']:11d}  {_fmt(s['typed precision']):>9}  {s['lookups']:7d}  "
              f"{_fmt(s['median ms']):>9}   {s['lost']}")
    for split, s in results.items():  # figures only, for every half
        print(f"  {split} directions missed, why: {s['why missed']}")
        for what in ("by label", "by source"):
            print(f"  {split} recall@10 {what}: " + ", ".join(
                f"{key} {hit}/{n}" for key, (hit, n) in sorted(s[what].items())))
    for split in ("tune-A", "tune-B", "tune"):
        if split not in results:
            continue
        for name, (right, fired) in results[split]["rules"].items():
            right_all, fired_all = results[split]["rules, all judged"][name]
            print(f"  type rule {name!r} on {split} (judged pairs in the first {TOP}): right "
                  f"{right} of {fired} ({_fmt(right / fired if fired else None)}); on all "
                  f"judged pairs of two claims: {right_all} of {fired_all} "
                  f"({_fmt(right_all / fired_all if fired_all else None)})")
    return results


def ensure_statistics() -> None:
    """ANALYZE the claims when PostgreSQL keeps no statistics on their words (a database
    copied with `createdb -T` from one never analysed: the bench's import rewrites every claim
    and autovacuum had not run). The lookup ranks a claim's words by those statistics; without
    them every word looks equally rare, those looked up are the first 24 alphabetically,
    common ones among them, and each is an index probe with hundreds of hits. A live database
    has them (autovacuum analyses a table after a tenth of it changes)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_stats WHERE schemaname = current_schema() AND "
                       "tablename = 'claim_text_fts'")
        if cursor.fetchone() is None:
            cursor.execute("ANALYZE claims_claim")
            print("claims_claim had no statistics: analysed (as autovacuum would)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", required=True, help="a database bench_grouping_pairs.py kept")
    parser.add_argument("--show", type=int, default=0,
                        help="tune-A misses to print (tune-B is measured, never shown)")
    parser.add_argument("--tune-only", action="store_true",
                        help="the tune half alone (while choosing weights and rules)")
    args = parser.parse_args()
    import bench_grouping_pairs as pairs_bench

    if not pairs_bench.configure_for_gold(args.db):
        return 0
    docs = pairs_bench.load_gold()
    report(docs, pairs_bench.doc_articles(docs), show=args.show,
           splits=("tune",) if args.tune_only else ("tune", "holdout"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
