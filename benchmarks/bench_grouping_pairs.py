"""Claim grouping on the judged claim pairs, through the real import + extract + group path.

Run (PostgreSQL on 127.0.0.1:5432)::

    .venv/bin/python benchmarks/bench_grouping_pairs.py --keep            # import, then score
    .venv/bin/python benchmarks/bench_grouping_pairs.py --reuse claims_bench_pairs \\
        --threshold-join 0.5 --threshold-suggest 0.3                      # regroup, score
    .venv/bin/python benchmarks/bench_grouping_pairs.py --reuse claims_bench_pairs --drop

A full run creates the scratch database ``claims_bench_pairs`` (``--db`` renames it), migrates
it, loads the sample speaker registry only (``--registry none``: no registry; the sample
articles are never loaded), and imports the 840 PolNeAR train articles
(``../shared/gold/polnear-train``; ``SHARED_DIR`` overrides ``../shared``) as NDJSON through
``manage.py import_articles`` in this process, with Celery eager (no broker), so each batch of
articles is extracted and its quotes grouped as the product does. The articles go in date order;
any article still pending afterwards is extracted with ``articles_extract`` in batches of 8. The
database is dropped at the end unless ``--keep``.

``--reuse DB`` skips the import: it deletes every Claim and regroups all quotes with
``quotes_group``, 500 at a time in article-date order, so thresholds can be swept. A reused
database is kept unless ``--drop``. ``--no-relations`` leaves out the relation suggestions of
that regrouping (claims and merge suggestions come out the same; it is much faster).

``--splits tune`` prints the tune half's figures only (pairs, suggestions, related claims; the
error analysis drawn from tune): what building runs use, so that no holdout figure is seen
before the one run at the end.

``--answers-only`` (with ``--reuse``) remakes only the answers in the same article over the
claims as stored, in a minute rather than a regroup's quarter hour. The answers and changed
positions are also reported for two parts of the tune half, ``tune-a`` and ``tune-b`` (another
byte of the document hash); ``--show-part a`` writes only part a's suggestions, so that rules
built by reading one part are checked on the other, unread.

``--threshold-join`` / ``--threshold-suggest`` set CLAIM_JOIN_THRESHOLD /
CLAIM_SUGGEST_THRESHOLD before Django starts (the defaults are the settings' own).

Scoring (``tests/data/claim_pairs/pairs.jsonl``): each gold attribution is mapped to the stored
quote of its article overlapping its [start, end) most (gold offsets are carried over to the
stored, cleaned body by aligning the two texts), with overlap > 30 % of the gold span's
characters; else it is "not found". A pair is predicted the same claim when both stored quotes
have the same claim. Per split (tune, holdout, all): precision and recall over found pairs,
recall counting not-found true pairs as misses, F1, negated pairs merged, and, of the true pairs
left in two claims, how many have a ClaimMergeSuggestion between them. Targets: precision
>= 0.95, recall >= 0.80, no negated pair merged. The error analysis (false merges and misses,
with the normalised texts) is printed to the terminal only.
"""
from __future__ import annotations

import argparse
import bisect
import difflib
import hashlib
import io
import json
import os
import re
import sys
import tempfile
import time
from collections import Counter
from contextlib import redirect_stderr
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("SHARED_DIR", ROOT.parent / "shared"))
GOLD = SHARED / "gold" / "polnear-train"
PAIRS = ROOT / "tests" / "data" / "claim_pairs" / "pairs.jsonl"
RELATIONS = ROOT / "tests" / "data" / "claim_pairs" / "relations.jsonl"
PG = "postgres://postgres@127.0.0.1:5432"
DEFAULT_DB = "claims_bench_pairs"
REGROUP_BATCH = 500
EXTRACT_BATCH = 8
MIN_OVERLAP = 0.30
TARGET_PRECISION, TARGET_RECALL = 0.97, 0.85  # merged precision; merged-or-offered recall
TARGET_SUGGEST_RIGHT, TARGET_SUGGEST_RATE = 0.5, 0.1  # "same claim?": right; per quote
TARGET_ANSWERS, TARGET_POSITIONS = 0.8, 0.7
SPLITS = ("tune", "holdout", "all")
sys.path.insert(0, str(ROOT))


# --- setup, before Django ------------------------------------------------------------------

def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--threshold-join", type=float, help="CLAIM_JOIN_THRESHOLD")
    parser.add_argument("--threshold-suggest", type=float, help="CLAIM_SUGGEST_THRESHOLD")
    parser.add_argument("--db", default=DEFAULT_DB, help=f"scratch database ({DEFAULT_DB})")
    parser.add_argument("--keep", action="store_true", help="keep the scratch database")
    parser.add_argument("--reuse", metavar="DBNAME",
                        help="skip the import: regroup the quotes already in DBNAME")
    parser.add_argument("--drop", action="store_true", help="with --reuse: drop it at the end")
    parser.add_argument("--score-only", action="store_true",
                        help="with --reuse: score the claims as they are, without regrouping")
    parser.add_argument("--no-relations", action="store_true",
                        help="with --reuse: skip the relation suggestions after grouping (they "
                        "never change claims or merge suggestions, and their other-speaker "
                        "trigram look-up is most of the regrouping time)")
    parser.add_argument("--registry", choices=("sample", "none"), default="sample",
                        help="speaker registry for a full run: the sample one (default) or none")
    parser.add_argument("--limit", type=int, help="a full run imports only the first N "
                        "articles (a smoke test: the other pairs are not found)")
    parser.add_argument("--pairs", type=Path, default=PAIRS, help="the judged pairs (JSONL)")
    parser.add_argument("--errors", type=int, default=10,
                        help="false merges and misses to print (10 each)")
    parser.add_argument("--errors-split", choices=(*SPLITS, "tune-a", "tune-b"),
                        help="split the error analysis is drawn from (all; tune with "
                        "--splits tune; tune-a or tune-b: one part of tune, by side a's "
                        "document)")
    parser.add_argument("--relations", type=Path, default=RELATIONS,
                        help="the judged relations (JSONL): in-article answers, positions")
    parser.add_argument("--splits", choices=("tune", "all"), default="all",
                        help="tune: print the tune half's figures only, no holdout or mixed "
                        "line (for building: the holdout half is read once, at the end)")
    parser.add_argument("--show-suggestions", metavar="FILE", type=Path,
                        help="write every suggestion made on *tune* documents (same claim?, "
                        "answers, changed positions) with both texts to FILE, for reading; "
                        "holdout suggestions are never written")
    parser.add_argument("--show-part", choices=("a", "b"),
                        help="with --show-suggestions: only the suggestions of that part of "
                        "tune (tune-a or tune-b, a hash of the document id), so the other part "
                        "stays unread and its figure is a check on over-fitting")
    parser.add_argument("--answers-only", action="store_true",
                        help="with --reuse: remake only the answers in the same article over "
                        "the claims as stored (they depend on no grouping rule), no regroup")
    args = parser.parse_args()
    if args.errors_split is None:
        args.errors_split = "tune" if args.splits == "tune" else "all"
    elif args.splits == "tune" and not args.errors_split.startswith("tune"):
        parser.error("--splits tune prints nothing of the holdout half: --errors-split tune")
    args.halves = ("tune",) if args.splits == "tune" else ("tune", "holdout")
    for name in ("db", "reuse"):
        value = getattr(args, name)
        if value and not re.fullmatch(r"[a-z_][a-z0-9_]*", value):
            parser.error(f"--{name} {value!r}: use lower-case letters, digits and _")
    return args


def configure_django(db: str, args: argparse.Namespace) -> None:
    os.environ["DATABASE_URL"] = f"{PG}/{db}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "tracker.settings"
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ.pop("CELERY_BROKER_URL", None)  # eager: tasks run in this process
    os.environ["CELERY_TASK_ALWAYS_EAGER"] = "1"
    # Each task inside the call that queues it, not in the quick start's thread after the
    # response (claims/services/background.py): there the relations task (the content look-up's
    # "same claim?" offers, the cross-speaker suggestions) was still running, or not yet
    # started, when the figures were read, and kept a connection to the database after them.
    os.environ["TASKS_IN_BACKGROUND"] = "0"
    if args.threshold_join is not None:
        os.environ["CLAIM_JOIN_THRESHOLD"] = str(args.threshold_join)
    if args.threshold_suggest is not None:
        os.environ["CLAIM_SUGGEST_THRESHOLD"] = str(args.threshold_suggest)
    import django

    django.setup()


def _admin(statement: str) -> None:
    import psycopg

    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        conn.execute(statement)


def create_database(db: str) -> None:
    _admin(f"DROP DATABASE IF EXISTS {db} WITH (FORCE)")
    _admin(f"CREATE DATABASE {db}")


def drop_database(db: str) -> None:
    from django.db import connections

    connections.close_all()
    _admin(f"DROP DATABASE IF EXISTS {db} WITH (FORCE)")


def database_exists(db: str) -> bool:
    import psycopg

    with psycopg.connect(f"{PG}/postgres") as conn:
        return conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [db]).fetchone() \
            is not None


# --- gold ------------------------------------------------------------------------------------

def configure_for_gold(db: str) -> bool:
    """Django on scratch database ``db`` at the settings' thresholds, for the scripts that score
    the gold over an imported database (related_eval, related_ablation); False, after saying
    why, where the gold texts are absent."""
    if not GOLD.is_dir():
        print(f"skipped: need the gold texts ({GOLD})")
        return False
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    configure_django(db, argparse.Namespace(threshold_join=None, threshold_suggest=None))
    return True


def load_gold() -> list[dict]:
    """The gold articles in import order: by date, then id."""
    docs = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(GOLD.glob("*.json"))]
    return sorted(docs, key=lambda d: (d.get("date") or "", d["id"]))


def load_pairs(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


# --- the import path -------------------------------------------------------------------------

def load_registry(kind: str) -> str:
    if kind == "none":
        return "no speaker registry"
    # Only the registry part of load_sample_data: its sample articles would add quotes and
    # claims that are not PolNeAR's.
    from claims.services.sample_data import _speaker_specs
    from claims.services.speakers import speaker_upsert

    specs = _speaker_specs()
    for spec in specs:
        speaker_upsert(spec=spec)
    return f"sample speaker registry only ({len(specs)} speakers, no sample articles)"


def full_import(docs: list[dict], args: argparse.Namespace) -> None:
    from django.core.management import call_command

    from claims.models import Article
    from claims.services.extraction import articles_extract

    create_database(args.db)
    started = time.perf_counter()
    call_command("migrate", "--noinput", verbosity=0)
    print(f"database {args.db}: created and migrated in {time.perf_counter() - started:.1f} s; "
          f"{load_registry(args.registry)}")
    with tempfile.TemporaryDirectory(prefix="bench-pairs-") as tmp:
        ndjson = Path(tmp) / "polnear-train.ndjson"
        with ndjson.open("w", encoding="utf-8") as fh:
            for doc in docs:
                fh.write(json.dumps({"title": doc["title"], "body": doc["text"],
                                     "outlet": doc.get("outlet") or "",
                                     "published_at": doc.get("date") or ""},
                                    ensure_ascii=False) + "\n")
        out = io.StringIO()
        started = time.perf_counter()
        try:
            with redirect_stderr(io.StringIO()):  # the progress bar
                call_command("import_articles", "--json", str(ndjson), stdout=out)
        except SystemExit as exc:  # 1: some items failed, the others are imported
            if exc.code not in (0, 1, None):
                raise
        command_seconds = time.perf_counter() - started
    summary = json.loads(out.getvalue())
    pending = list(Article.objects.filter(extraction_status=Article.Extraction.PENDING)
                   .order_by("pk").values_list("pk", flat=True))
    for k in range(0, len(pending), EXTRACT_BATCH):
        articles_extract(article_ids=pending[k:k + EXTRACT_BATCH])
    elapsed = time.perf_counter() - started
    statuses = Counter(Article.objects.values_list("extraction_status", flat=True))
    print(f"import + extract + group of {len(docs)} articles (eager, one process): "
          f"{elapsed:.1f} s ({len(docs) / elapsed:.2f} articles/s; the command "
          f"{command_seconds:.1f} s, {len(pending)} left pending and extracted after it); "
          f"{summary['created']} created, {summary['duplicates']} duplicates, "
          f"{summary['failed']} failed; extraction status {dict(statuses)}")
    for failure in summary["failures"][:5]:
        print(f"  failed: {failure['source']}: {failure['reason']}")


def regroup(*, relations: bool = True) -> None:
    """Delete every claim and group all quotes again, in article-date order."""
    from django.db.models.functions import Coalesce

    from claims.models import Claim, Quote
    from claims.services import grouping
    from claims.services.grouping import quotes_group

    if not relations:
        grouping._suggest_relations = lambda *args, **kwargs: 0
    started = time.perf_counter()
    deleted, _ = Claim.objects.all().delete()
    ids = list(Quote.objects.annotate(seen=Coalesce("article__published_at",
                                                    "article__created_at"))
               .order_by("seen", "article_id", "start").values_list("pk", flat=True))
    cleared = time.perf_counter() - started
    for k in range(0, len(ids), REGROUP_BATCH):
        quotes_group(quote_ids=ids[k:k + REGROUP_BATCH])
    note = "" if relations else " (no relation suggestions)"
    print(f"regrouped {len(ids)} quotes{note} in {time.perf_counter() - started:.1f} s "
          f"(deleting {deleted} rows of claims and what hangs on them took {cleared:.1f} s)")


def redo_answers() -> None:
    """Remake the answers in the same article over the claims as stored: delete the suggested
    ones and run the grouping pass's answer step (`grouping._answers`) on every quote, a whole
    article at a time, in batches of about REGROUP_BATCH quotes (a regroup cuts batches
    anywhere, so a continuation across a cut can differ). No grouping rule is involved, so
    the claims are the ones a regroup would make."""
    from claims.models import ClaimRelation, Quote
    from claims.services.grouping import _answers
    from claims.services.relations import relations_suggest

    started = time.perf_counter()
    deleted, _ = ClaimRelation.objects.filter(
        status=ClaimRelation.Status.SUGGESTED,
        reason__rule="answer in the same article").delete()
    quotes = list(Quote.objects.exclude(claim=None).exclude(
        review_status=Quote.Review.REJECTED).order_by("article_id", "start")
        .only("id", "text", "cue", "start", "end", "claim_id", "article_id", "speaker_name"))
    made, batch = 0, []
    for k, quote in enumerate(quotes):
        batch.append(quote)
        last = k + 1 == len(quotes) or quotes[k + 1].article_id != quote.article_id
        if last and (len(batch) >= REGROUP_BATCH or k + 1 == len(quotes)):
            made += relations_suggest(specs=_answers(batch, {q.pk: q.claim_id for q in batch}))
            batch = []
    print(f"answers remade over {len(quotes)} quotes: {made} suggested ({deleted} rows of the "
          f"former ones deleted) in {time.perf_counter() - started:.1f} s")


# --- gold attributions to stored quotes ------------------------------------------------------

def doc_articles(docs: list[dict]) -> dict[str, int]:
    """Gold doc id -> stored article id, by the NDJSON line each was imported from."""
    from claims.models import ImportItem

    by_line = {}
    for source, article_id in ImportItem.objects.filter(
            run__description__startswith="import_articles",
            article__isnull=False).values_list("source", "article_id"):
        found = re.search(r" line (\d+)$", source)
        if found:
            by_line[int(found.group(1))] = article_id
    return {doc["id"]: by_line[n] for n, doc in enumerate(docs, start=1) if n in by_line}


class OffsetMap:
    """Gold text offsets to offsets in the stored body (which the import cleaned: furniture
    lines dropped, trailing spaces and runs of blank lines removed)."""

    def __init__(self, gold: str, stored: str):
        self.gold, self.stored = gold, stored
        self.ops: list | None = None

    def span(self, start: int, end: int) -> tuple[int, int]:
        if self.gold == self.stored:
            return start, end
        # The cleaning only removes text, so the span is at or before its gold place: its
        # own text's last occurrence there, if it was left unchanged.
        needle = self.gold[start:end]
        at = self.stored.rfind(needle, 0, start + len(needle)) if needle else -1
        if at != -1:
            return at, at + len(needle)
        return self._aligned(start), self._aligned(end, end=True)

    def _aligned(self, pos: int, *, end: bool = False) -> int:
        """Through a character alignment of the two texts (slow: only when the span's text was
        changed by the cleaning)."""
        if self.ops is None:
            self.ops = difflib.SequenceMatcher(None, self.gold, self.stored,
                                               autojunk=False).get_opcodes()
            self.starts = [op[1] for op in self.ops]
        k = max(bisect.bisect_right(self.starts, pos) - 1, 0)
        tag, i1, _, j1, j2 = self.ops[k]
        if tag == "equal":
            return j1 + (pos - i1)
        return j2 if end else j1


@dataclass
class Stored:
    quote_id: int
    claim_id: int | None
    text: str
    speaker_name: str
    overlap: float


def match_attributions(pairs: list[dict], gold: dict[str, dict],
                       articles: dict[str, int]) -> dict[tuple[str, int], Stored | None]:
    from claims.models import Article, Quote

    refs = {(side["doc"], side["quote"]) for p in pairs for side in (p["a"], p["b"])}
    wanted = {articles[d] for d, _ in refs if d in articles}
    bodies = dict(Article.objects.filter(pk__in=wanted).values_list("pk", "body"))
    quotes: dict[int, list] = {}
    for row in Quote.objects.filter(article_id__in=wanted).values_list(
            "article_id", "pk", "start", "end", "claim_id", "text", "speaker_name"):
        quotes.setdefault(row[0], []).append(row[1:])
    maps: dict[str, OffsetMap] = {}
    out: dict[tuple[str, int], Stored | None] = {}
    for doc_id, index in sorted(refs):
        article = articles.get(doc_id)
        if article is None or doc_id not in gold:
            out[(doc_id, index)] = None
            continue
        if doc_id not in maps:
            maps[doc_id] = OffsetMap(gold[doc_id]["text"], bodies[article])
        span = gold[doc_id]["quotes"][index]
        start, end = maps[doc_id].span(span["start"], span["end"])
        need = MIN_OVERLAP * (span["end"] - span["start"])
        best, best_overlap = None, 0
        for pk, qs, qe, claim_id, text, speaker in quotes.get(article, []):
            overlap = min(end, qe) - max(start, qs)
            if overlap > best_overlap:
                best, best_overlap = (pk, claim_id, text, speaker), overlap
        if best is None or best_overlap <= need:
            out[(doc_id, index)] = None
        else:
            out[(doc_id, index)] = Stored(*best, best_overlap / (span["end"] - span["start"]))
    return out


# --- scoring ---------------------------------------------------------------------------------

@dataclass
class Row:
    pair: dict
    a: Stored | None
    b: Stored | None

    @property
    def found(self) -> bool:
        return self.a is not None and self.b is not None

    @property
    def merged(self) -> bool:
        return self.found and self.a.claim_id is not None and self.a.claim_id == self.b.claim_id


def _ratio(num: int, den: int) -> float | None:
    return num / den if den else None


def _fmt(value: float | None) -> str:
    return "  -  " if value is None else f"{value:.3f}"


def pair_split(pair: dict) -> str:
    """The pair's half by its documents (tune, holdout or mixed); older lines by the pair."""
    return pair.get("doc_split", pair["split"])


def score(rows: list[Row], suggested: set[tuple[int, int]]) -> dict:
    same = [r for r in rows if r.pair["same_claim"]]
    other = [r for r in rows if not r.pair["same_claim"]]
    tp = sum(r.merged for r in same)
    fp = sum(r.merged for r in other)
    fn_found = sum(r.found and not r.merged for r in same)
    not_found_same = sum(not r.found for r in same)
    precision = _ratio(tp, tp + fp)
    recall = _ratio(tp, tp + fn_found)
    recall_all = _ratio(tp, len(same))
    f1 = (2 * precision * recall / (precision + recall)
          if precision and recall else None)
    negated = [r for r in rows if r.pair["category"] == "negated"]
    apart = [r for r in same if r.found and not r.merged and r.a.claim_id and r.b.claim_id]
    asked = sum(tuple(sorted((r.a.claim_id, r.b.claim_id))) in suggested for r in apart)
    return {
        "pairs": len(rows), "true": len(same), "not_found": sum(not r.found for r in rows),
        "not_found_true": not_found_same, "tp": tp, "fp": fp, "fn": fn_found,
        "precision": precision, "recall": recall, "recall_all": recall_all, "f1": f1,
        "negated": len(negated), "negated_found": sum(r.found for r in negated),
        "negated_merged": sum(r.merged for r in negated),
        "apart": len(apart), "asked": asked,
        "offered_recall": _ratio(tp + asked, tp + fn_found),
        "offered_recall_all": _ratio(tp + asked, len(same)),
    }


def print_table(results: dict[str, dict], join: float, suggest: float) -> None:
    """The pair figures by half; the verdict against the targets only when the holdout half
    is among them (``--splits tune`` leaves it out)."""
    print(f"\njoin {join:g}, suggest {suggest:g}; targets (holdout): merged precision >= "
          f"{TARGET_PRECISION}, merged-or-offered recall >= {TARGET_RECALL}, negated merged = 0")
    print("split    pairs true notfound(true)  TP  FP  FN  precision recall recall_all   F1 "
          " negated_merged  true_apart_suggested  merged_or_offered_recall (all)")
    for split, s in results.items():
        rates = "   ".join(_fmt(s[k]) for k in ("precision", "recall", "recall_all", "f1"))
        print(f"{split:<8} {s['pairs']:5d} {s['true']:4d} {s['not_found']:5d} "
              f"({s['not_found_true']:3d})    {s['tp']:3d} {s['fp']:3d} {s['fn']:3d}    "
              f"{rates}  {s['negated_merged']:3d} of {s['negated_found']:2d} ({s['negated']})"
              f"     {s['asked']:3d} of {s['apart']:3d}          {_fmt(s['offered_recall'])}"
              f" ({_fmt(s['offered_recall_all'])})")
    if "holdout" not in results:
        return
    s = results["holdout"]
    verdict = [
        f"precision {'ok' if (s['precision'] or 0) >= TARGET_PRECISION else 'BELOW'}",
        f"merged-or-offered recall "
        f"{'ok' if (s['offered_recall'] or 0) >= TARGET_RECALL else 'BELOW'}"
        f" (with not-found: "
        f"{'ok' if (s['offered_recall_all'] or 0) >= TARGET_RECALL else 'BELOW'})",
        f"negated {'ok' if s['negated_merged'] == 0 else 'MERGED'}",
    ]
    print("holdout vs targets: " + ", ".join(verdict))


# --- suggestions: "same claim?", answers in the same article, changed positions -----------

def doc_split(doc_id: str) -> str:
    """relations.jsonl's split, by document: the gold's own function (draw_relations.py), so the
    benchmark and the gold can never disagree on a half. Every figure about suggestions is split
    this way (a suggestion is in a half when all quotes of both its claims are in that half's
    documents, else "mixed")."""
    sys.path.insert(0, str(ROOT / "tests" / "data" / "claim_pairs"))
    from draw_relations import doc_split as gold_doc_split

    return gold_doc_split(doc_id)


def tune_part(doc_id: str) -> str:
    """A part of the tune half, by another byte of the same hash: "tune-a" or "tune-b". Built
    while reading one part's suggestions only (``--show-part``), the other part's figure is
    one its rules were not fitted to."""
    digest = hashlib.sha256(doc_id.encode("utf-8")).digest()
    return "tune-a" if digest[1] % 2 == 0 else "tune-b"


def item_splits(item: dict, halves) -> list[str]:
    """The halves an item of relations.jsonl counts in: its own split, and for tune its part
    (by the document of its statement `a`)."""
    if item["split"] not in halves:
        return []
    return [item["split"], tune_part(item["a"]["doc"])] if item["split"] == "tune" \
        else [item["split"]]


def _refs_matched(refs, gold, articles):
    pseudo = [{"a": ref, "b": ref} for ref in refs]
    return match_attributions(pseudo, gold, articles)


class Suggestions:
    """What the run suggested, with each claim's half and quote texts, read once."""

    def __init__(self, docs: list[dict], articles: dict[str, int]):
        from claims.models import ClaimMergeSuggestion, ClaimRelation, Quote

        self.article_split = {articles[d["id"]]: doc_split(d["id"]) for d in docs
                              if d["id"] in articles}
        self.article_part = {articles[d["id"]]: tune_part(d["id"]) for d in docs
                             if d["id"] in articles}
        self.quotes = {pk: (article, claim, text, speaker) for pk, article, claim, text, speaker
                       in Quote.objects.exclude(review_status=Quote.Review.REJECTED)
                       .values_list("pk", "article_id", "claim_id", "text", "speaker_name")}
        self.claim_splits: dict[int, set[str]] = {}
        self.claim_quotes: dict[int, list[int]] = {}
        for pk, (article, claim, _, _) in self.quotes.items():
            self.claim_splits.setdefault(claim, set()).add(self.article_split.get(article, "?"))
            self.claim_quotes.setdefault(claim, []).append(pk)
        self.quote_count = Counter(self.article_split.get(a, "?") for a, *_ in
                                   self.quotes.values())
        self.merges = list(ClaimMergeSuggestion.objects.filter(
            status=ClaimMergeSuggestion.Status.SUGGESTED).values_list(
            "claim_id", "other_id", "score", "reason"))
        self.relations = []
        links = {}
        for relation_id, quote_id in ClaimRelation.quotes.through.objects.values_list(
                "claimrelation_id", "quote_id"):
            links.setdefault(relation_id, set()).add(quote_id)
        for pk, a, b, kind, reason in ClaimRelation.objects.filter(
                status=ClaimRelation.Status.SUGGESTED).values_list(
                "pk", "from_claim_id", "to_claim_id", "type", "reason"):
            self.relations.append((a, b, kind, reason, links.get(pk, set())))

    def split_of(self, *claims) -> str:
        found = set().union(*(self.claim_splits.get(c, {"?"}) for c in claims))
        return found.pop() if len(found) == 1 else "mixed"

    def part_of(self, quotes) -> str | None:
        """The tune part of a suggestion's quotes (those it rests on), None when they span
        both parts."""
        parts = {self.article_part.get(self.quotes[q][0]) for q in quotes if q in self.quotes}
        return parts.pop() if len(parts) == 1 else None

    def splits_of(self, a: int, b: int, quotes) -> list[str]:
        """The half of a suggestion between claims `a` and `b` and, on tune, its part."""
        split = self.split_of(a, b)
        part = self.part_of(quotes) if split == "tune" else None
        return [split, part] if part else [split]


def _with_parts(halves) -> list[str]:
    return [*halves, "tune-a", "tune-b"] if "tune" in halves else list(halves)




def merge_figures(sugg: Suggestions, rows: list[Row]) -> dict[str, dict]:
    """Per half: "same claim?" suggestions, per quote, and how many of those a judged pair
    covers are right (both claims hold the two sides of a pair of pairs.jsonl)."""
    judged = {}
    for r in rows:
        if r.found and r.a.claim_id and r.b.claim_id and r.a.claim_id != r.b.claim_id:
            judged.setdefault(frozenset((r.a.claim_id, r.b.claim_id)), set()).add(
                r.pair["same_claim"])
    out = {}
    for split in ("tune", "holdout", "tune-a", "tune-b"):
        half, part = split[:4] if split.startswith("tune") else split, \
            split if split.startswith("tune-") else None
        made = [m for m in sugg.merges if sugg.split_of(m[0], m[1]) == half and (
            part is None or sugg.part_of(sugg.claim_quotes.get(m[0], [])
                                         + sugg.claim_quotes.get(m[1], [])) == part)]
        verdicts = [judged.get(frozenset(m[:2])) for m in made]
        known = [v for v in verdicts if v is not None and len(v) == 1]
        quotes = sugg.quote_count[split] if part is None else sum(
            sugg.article_part.get(a) == part and sugg.article_split.get(a) == "tune"
            for a, *_ in sugg.quotes.values())
        out[split] = {"made": len(made), "quotes": quotes,
                      "judged": len(known), "right": sum(True in v for v in known),
                      "rules": Counter(m[3].get("rule", "?") for m in made)}
    return out


def answer_figures(sugg: Suggestions, items: list[dict], matched,
                   halves=("tune", "holdout")) -> dict[str, dict]:
    """Per half, over relations.jsonl's in-article items whose statement was found: the
    answer links the run made from it, right when they point at the judged answered quote
    (or another quote of it, or its claim); a link from a statement that answers nothing is
    wrong; a statement whose answered quote was not extracted is left out. Recall: answered
    statements linked right."""
    from_quote: dict[int, list[set[int]]] = {}
    for a, b, _kind, reason, quotes in sugg.relations:
        if reason.get("rule") != "answer in the same article":
            continue
        answered = {q for q in quotes if sugg.quotes.get(q, (0, None))[1] == b}
        for q in quotes:
            if sugg.quotes.get(q, (0, None))[1] == a:
                from_quote.setdefault(q, []).append(answered)
    out = {}
    for split in _with_parts(halves):
        made = right = answered_items = answered_right = 0
        for item in (i for i in items if split in item_splits(i, halves)):
            qa = matched.get((item["a"]["doc"], item["a"]["quote"]))
            if qa is None:
                continue
            targets = [matched.get((ref["doc"], ref["quote"])) for ref in
                       ([item["b"]] if item["b"] else []) + item.get("b_also", [])]
            ok_quotes = {t.quote_id for t in targets if t}
            ok_claims = {t.claim_id for t in targets if t and t.claim_id}
            if item["b"] and not ok_quotes:
                continue  # the answered quote was not extracted: nothing to judge a link by
            links = from_quote.get(qa.quote_id, [])
            good = [any(q in ok_quotes or sugg.quotes[q][1] in ok_claims for q in link)
                    for link in links]
            made += len(links)
            right += sum(good)
            if item["b"] and ok_quotes:
                answered_items += 1
                answered_right += any(good)
        out[split] = {"made": made, "right": right, "answered": answered_items,
                      "answered_right": answered_right,
                      "all_made": sum(1 for a, b, _k, r, q in sugg.relations
                                      if r.get("rule") == "answer in the same article"
                                      and split in sugg.splits_of(a, b, q))}
    return out


def position_figures(sugg: Suggestions, items: list[dict], matched,
                     halves=("tune", "holdout")) -> dict[str, dict]:
    """Per half: "changed position" suggestions between the claims of relations.jsonl's
    position pairs, right when the pair is judged a reversal ("reverses"; "consistent" and
    "same_quote", the same quote reported twice, are wrong)."""
    made = {frozenset((a, b)) for a, b, _k, r, _q in sugg.relations
            if r.get("rule") == "changed position"}
    out = {}
    for split in _with_parts(halves):
        judged = right = reversals = found_reversals = 0
        missed: Counter = Counter()
        for item in (i for i in items if split in item_splits(i, halves)):
            qa = matched.get((item["a"]["doc"], item["a"]["quote"]))
            qb = matched.get((item["b"]["doc"], item["b"]["quote"])) if item["b"] else None
            positive = item["label"] == "reverses"
            reversals += positive
            if qa is None or qb is None:
                missed["a side not extracted"] += positive
                continue
            if frozenset((qa.claim_id, qb.claim_id)) in made:
                judged += 1
                right += positive
                found_reversals += positive
            elif positive:
                missed[_why_no_reversal(qa, qb)] += 1
        out[split] = {"judged": judged, "right": right, "reversals": reversals,
                      "found": found_reversals, "missed": dict(+missed),
                      "all_made": sum(1 for a, b, _k, r, q in sugg.relations
                                      if r.get("rule") == "changed position"
                                      and split in sugg.splits_of(a, b, q))}
    return out


def _why_no_reversal(qa, qb) -> str:
    """Why a judged reversal, both sides extracted, made no changed position: an aggregate
    reason, printed as a count only (for the holdout half too: no words are shown)."""
    from claims.grouping import opposite_polarity, statement
    from claims.grouping.content import content_keys, content_match
    from claims.models import Quote

    quotes = {q.pk: q for q in Quote.objects.select_related("claim").filter(
        pk__in=[qa.quote_id, qb.quote_id])}
    a, b = quotes.get(qa.quote_id), quotes.get(qb.quote_id)
    if a is None or b is None or a.claim is None or b.claim is None:
        return "a side not grouped"
    if not a.claim.speaker_key or a.claim.speaker_key != b.claim.speaker_key:
        return "speaker keys differ"
    if a.claim_id == b.claim_id:
        return "one claim"
    na, nb = statement(a.text, a.cue), statement(b.text, b.cue)
    if not content_keys(na) & content_keys(nb):
        return "no content word shared"
    if not opposite_polarity(na, nb):
        return "same polarity by the rules"
    if content_match(na, nb) is None:
        return "too few content words shared"
    return "opposed and matched, not suggested"


def print_suggestions(merges: dict, answers: dict | None, positions: dict | None,
                      splits=("tune", "holdout")) -> None:
    print("\nsuggestions (split by document, relations.jsonl's rule; a suggestion whose claims "
          "span both halves is in neither; tune-a / tune-b: the parts of tune by another byte "
          "of the hash)")
    for split in _with_parts(splits):
        m = merges.get(split)
        if m:
            rate = _ratio(m["made"], m["quotes"])
            print(f"{split:<8} same claim?: {m['made']} made over {m['quotes']} quotes "
                  f"({_fmt(rate)} a quote, target <= {TARGET_SUGGEST_RATE}); judged by "
                  f"pairs.jsonl {m['judged']}, right {m['right']} "
                  f"({_fmt(_ratio(m['right'], m['judged']))}, target >= "
                  f"{TARGET_SUGGEST_RIGHT}); rules {dict(m['rules'])}")
        if answers:
            a = answers[split]
            print(f"{split:<8} answers in the same article: {a['all_made']} made; on judged "
                  f"statements {a['made']}, right {a['right']} "
                  f"({_fmt(_ratio(a['right'], a['made']))}, target >= {TARGET_ANSWERS}); "
                  f"answered statements linked right {a['answered_right']} of {a['answered']} "
                  f"({_fmt(_ratio(a['answered_right'], a['answered']))})")
        if positions:
            p = positions[split]
            print(f"{split:<8} changed position: {p['all_made']} made; on judged pairs "
                  f"{p['judged']}, right {p['right']} "
                  f"({_fmt(_ratio(p['right'], p['judged']))}, target >= {TARGET_POSITIONS}); "
                  f"judged reversals found {p['found']} of {p['reversals']}"
                  + (f"; not found: {p['missed']}" if p.get("missed") else ""))


def write_tune_suggestions(path: Path, sugg: Suggestions, articles: dict[str, int],
                           part: str | None = None) -> int:
    """Every suggestion on tune documents, with the texts, for reading one by one. Each side
    names its speaker and lists the claim's tune quotes as doc id:start-end (offsets into the
    stored body) with the quote's speaker name, so a reader can find the context. `part`
    ("a", "b"): only those of that part of tune (a "same claim?" by its claims' quotes)."""
    from claims.models import Claim, Quote, Speaker

    texts = dict(Claim.objects.values_list("pk", "text"))
    keys = dict(Claim.objects.values_list("pk", "speaker_key"))
    names = {str(pk): name for pk, name in Speaker.objects.values_list("pk", "name")}
    doc_of = {pk: doc for doc, pk in articles.items()}
    spans = {pk: (start, end) for pk, start, end in Quote.objects.filter(
        pk__in=list(sugg.quotes)).values_list("pk", "start", "end")}

    def where(q: int) -> str:
        article, _, _, speaker = sugg.quotes[q]
        start, end = spans.get(q, ("?", "?"))
        return f"q{q} {doc_of.get(article, '?')}:{start}-{end} ({speaker or 'no speaker'})"

    def side(claim: int) -> str:
        key = keys.get(claim) or ""
        name = names.get(key, key if key.startswith("n:") or not key else "?")
        tune = [q for q in sorted(sugg.claim_quotes.get(claim, []))
                if sugg.article_split.get(sugg.quotes[q][0]) == "tune"]
        more = f" +{len(tune) - 3} more" if len(tune) > 3 else ""
        at = "; ".join(where(q) for q in tune[:3])
        return f"[{key}] {name} | {texts.get(claim)}\n        at {at or '-'}{more}"

    lines, n = [], 0
    for a, b, score, reason in sugg.merges:
        if sugg.split_of(a, b) != "tune" or part and sugg.part_of(
                sugg.claim_quotes.get(a, []) + sugg.claim_quotes.get(b, [])) != f"tune-{part}":
            continue
        n += 1
        lines.append(f"#{n} SAME CLAIM? {reason.get('rule')} score {score:.2f}\n"
                     f"   {side(a)}\n   {side(b)}")
    for a, b, kind, reason, quotes in sugg.relations:
        if sugg.split_of(a, b) != "tune" or reason.get("rule") not in (
                "answer in the same article", "changed position") or \
                part and sugg.part_of(quotes) != f"tune-{part}":
            continue
        n += 1
        said = [f"   {where(q)} {sugg.quotes[q][2]}" for q in sorted(quotes) if q in sugg.quotes]
        lines.append(f"#{n} {kind.upper()} {reason.get('rule')} {reason.get('words', '')} "
                     f"{reason.get('earlier', '')} {reason.get('later', '')}\n"
                     f"   from {side(a)}\n   to   {side(b)}\n" + "\n".join(said))
    path.write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    return n


def error_analysis(rows: list[Row], limit: int, keys: dict[int, str],
                   suggested: set[tuple[int, int]] = frozenset()) -> None:
    from claims.grouping import normalise
    from claims.grouping.similarity import claim_similarity

    def describe(r: Row) -> str:
        na, nb = normalise(r.a.text), normalise(r.b.text)
        ka, kb = keys.get(r.a.claim_id, "?"), keys.get(r.b.claim_id, "?")
        p = r.pair
        return (f"  [{pair_split(p)}/{p['category']}] {p['a']['doc']}#{p['a']['quote']} ~ "
                f"{p['b']['doc']}#{p['b']['quote']}  score {claim_similarity(na, nb):.2f}; "
                f"speaker keys {ka!r} / {kb!r} (gold: {p.get('speaker')} / "
                f"{p.get('speaker_b')}); claims {r.a.claim_id} / {r.b.claim_id}\n"
                f"      a: {na}\n      b: {nb}")

    false_merges = [r for r in rows if r.merged and not r.pair["same_claim"]]
    misses = [r for r in rows if r.found and not r.merged and r.pair["same_claim"]]
    # Those offered as "same claim?" first, marked: the ones neither merged nor offered are
    # what is left to find.
    offered = {id(r) for r in misses
               if tuple(sorted((r.a.claim_id or 0, r.b.claim_id or 0))) in suggested}
    misses.sort(key=lambda r: id(r) not in offered)
    kinds = Counter(r.pair["category"] for r in false_merges)
    print(f"\nfalse merges: {len(false_merges)} ({dict(kinds)})")
    for r in false_merges[:limit]:
        print(describe(r))
    why = Counter()
    for r in misses:
        ka, kb = keys.get(r.a.claim_id, ""), keys.get(r.b.claim_id, "")
        if not ka or not kb:
            why["a speaker unknown"] += 1
        elif ka != kb:
            why["speaker keys differ"] += 1
        else:
            why["same speaker key, wording apart"] += 1
    print(f"\nmisses (true pairs in two claims): {len(misses)} ({dict(why)})")
    print(f"  of which offered as \"same claim?\": {len(offered)} (marked OFFERED)")
    for r in misses[:limit]:
        print(("  OFFERED" if id(r) in offered else "") + describe(r))


def main() -> int:
    args = parse_args()
    if not GOLD.is_dir() or not args.pairs.is_file():
        print(f"skipped: need the gold texts ({GOLD}) and the pairs ({args.pairs})")
        return 0
    db = args.reuse or args.db
    if args.reuse and not database_exists(db):
        raise SystemExit(f"--reuse {db}: no such database (run once with --keep)")
    configure_django(db, args)
    from django.conf import settings
    from django.db import ProgrammingError

    from claims.models import Claim, ClaimMergeSuggestion

    join, suggest = settings.CLAIM_JOIN_THRESHOLD, settings.CLAIM_SUGGEST_THRESHOLD
    print(f"CLAIM_JOIN_THRESHOLD={join:g} CLAIM_SUGGEST_THRESHOLD={suggest:g} database {db}")
    docs = load_gold()
    pairs = load_pairs(args.pairs)
    try:
        if args.reuse:
            try:
                if not args.score_only:
                    if args.answers_only:
                        redo_answers()
                    else:
                        regroup(relations=not args.no_relations)
            except ProgrammingError as exc:
                raise SystemExit(f"--reuse {db}: its schema does not match the code ({exc}); "
                                 "make it again with a full run") from None
        else:
            full_import(docs[:args.limit] if args.limit else docs, args)
        articles = doc_articles(docs)
        matched = match_attributions(pairs, {d["id"]: d for d in docs}, articles)
        rows = [Row(p, matched[(p["a"]["doc"], p["a"]["quote"])],
                    matched[(p["b"]["doc"], p["b"]["quote"])]) for p in pairs]
        found = [m for m in matched.values() if m is not None]
        print(f"{len(pairs)} pairs, {len(matched)} distinct gold attributions: "
              f"{len(found)} matched to a stored quote (mean overlap "
              f"{sum(m.overlap for m in found) / max(len(found), 1):.0%} of the gold span), "
              f"{len(matched) - len(found)} not found; "
              f"{sum(not r.found for r in rows)} pairs not found")
        suggested = set(ClaimMergeSuggestion.objects.values_list("claim_id", "other_id"))
        # Pairs are judged by their document half (doc_split, as relations.jsonl): a pair whose
        # two articles fall in different halves is "mixed" and reported apart, so "holdout"
        # holds only articles no builder has read.
        shown = ("tune",) if args.splits == "tune" else (*SPLITS[:2], "mixed", "all")
        results = {split: score([r for r in rows if split == "all" or pair_split(r.pair) == split],
                                suggested) for split in shown}
        # The tune half's two parts (a pair by its side a's document, as relations.jsonl's
        # items): rules built reading tune-a's offers and misses are checked on tune-b.
        for part in ("tune-a", "tune-b"):
            results[part] = score([r for r in rows if pair_split(r.pair) == "tune"
                                   and tune_part(r.pair["a"]["doc"]) == part], suggested)
        print_table(results, join, suggest)
        sugg = Suggestions(docs, articles)
        relations = load_pairs(args.relations) if args.relations.is_file() else []
        gold_by_id = {d["id"]: d for d in docs}
        for item in relations:  # b_also: other quotes of b's document, by index
            item["b_also"] = [ref if isinstance(ref, dict) else
                              {"doc": item["b"]["doc"], "quote": ref}
                              for ref in item.get("b_also", [])]
        refs = {(side["doc"], side["quote"]): side for item in relations
                for side in [item["a"], item["b"], *item["b_also"]] if side}
        rel_matched = _refs_matched(list(refs.values()), gold_by_id, articles)
        answers = [i for i in relations if i["set"] == "in_article"]
        positions = [i for i in relations if i["set"] == "position"]
        print_suggestions(merge_figures(sugg, rows),
                          answer_figures(sugg, answers, rel_matched, args.halves)
                          if answers else None,
                          position_figures(sugg, positions, rel_matched, args.halves)
                          if positions else None,
                          splits=args.halves)
        # Related claims across speakers (recall@10, typed precision): benchmarks/related_eval.py.
        import related_eval

        related_eval.report(docs, articles, path=args.relations,
                            splits=args.halves)
        if args.show_suggestions:
            written = write_tune_suggestions(args.show_suggestions, sugg, articles,
                                             args.show_part)
            print(f"{written} tune suggestions written to {args.show_suggestions}")
        keys = dict(Claim.objects.values_list("pk", "speaker_key"))
        picked = [r for r in rows if args.errors_split in ("all", pair_split(r.pair)) or (
            pair_split(r.pair) == "tune" and args.errors_split == tune_part(r.pair["a"]["doc"]))]
        error_analysis(picked, args.errors, keys, suggested)
    finally:
        if (args.reuse and args.drop) or (not args.reuse and not args.keep):
            drop_database(db)
            print(f"\ndatabase {db} dropped")
        else:
            print(f"\ndatabase {db} kept (--reuse {db} to regroup it)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
