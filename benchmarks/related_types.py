"""Typed related-claim suggestions: draw the pairs a type rule would type, and measure each rule
on the judged ones (``tests/data/claim_pairs/typed_related.jsonl``). Tune half only.

The judged cross-article relations (related_eval.py) hold too few pairs that a type rule fires
on (4 to 12 per part) to say whether a rule is right 0.7 of the time. Here the candidates are
the suggestions an analyst would meet: for claims whose every quote is in a **tune** document
(``draw_relations.doc_split``), the first 10 of ``related_ranking``, kept when both claims are
tune-only and a type rule of ``grouping.related.TYPE_RULES`` (or one tried here) holds.
The holdout half is never read: a claim with a quote in a holdout document is not drawn, and a
row whose claim has one is left out.

    SHARED_DIR=/work/shared .venv/bin/python benchmarks/related_types.py draw --db claims_related \
        --part tune-A --out /tmp/typed_a.txt           # with the rules that fired: to build
    SHARED_DIR=/work/shared .venv/bin/python benchmarks/related_types.py draw --db claims_related \
        --part tune-B --blind --out /tmp/typed_b.txt   # no rule shown, shuffled: to judge blind
    SHARED_DIR=/work/shared .venv/bin/python benchmarks/related_types.py measure --db claims_related

The parts are related_eval.tune_part's (a hash of the lower of the two documents' ids).
References only: each side is the gold document id and the character span of the claim's
first quote in the gold text (claim ids change with every import), with the gold quote
index it overlaps, if any. ``measure`` maps each judged side back to the stored quote that
overlaps it most, and prints each rule's precision (the judged label equals the rule's type)
per part, with n.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
JUDGED = ROOT / "tests" / "data" / "claim_pairs" / "typed_related.jsonl"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "tests" / "data" / "claim_pairs"))
TOP = 10
CONTEXT = 260  # characters of the article shown on either side of a quote, to judge it


def pair_part(doc_a: str, doc_b: str) -> str:
    """related_eval.tune_part for two documents."""
    doc = min(doc_a, doc_b)
    return "tune-A" if hashlib.sha256(f"part:{doc}".encode()).digest()[0] % 2 == 0 else "tune-B"


def _setup(db: str):
    import bench_grouping_pairs as pairs_bench

    if not pairs_bench.configure_for_gold(db):
        sys.exit(0)
    docs = pairs_bench.load_gold()
    return {d["id"]: d for d in docs}, pairs_bench.doc_articles(docs)


def _quotes_by_claim(article_doc: dict[int, str]):
    from claims.models import Quote

    out: dict[int, list] = {}
    for row in Quote.objects.filter(claim__isnull=False).order_by("id").values_list(
            "claim_id", "article_id", "start", "end", "text", "cue", "speaker_name"):
        out.setdefault(row[0], []).append(row[1:])
    return out


def _gold_ref(gold: dict, body: str, start: int, end: int) -> dict:
    """A stored quote as a reference into the gold text: its span there (the import only
    removes text, so the quote's own text is found at or before its stored place... or after,
    in gold coordinates) and the gold quote it overlaps most."""
    text = body[start:end]
    g = gold["text"]
    candidates = []
    at = g.find(text)
    while at != -1:
        candidates.append(at)
        at = g.find(text, at + 1)
    gs = min(candidates, key=lambda x: abs(x - start)) if candidates else None
    ref = {"doc": gold["id"], "start": gs, "end": gs + len(text) if gs is not None else None,
           "quote": None}
    if gs is not None:
        best, overlap = None, 0
        for i, q in enumerate(gold["quotes"]):
            o = min(ref["end"], q["end"]) - max(gs, q["start"])
            if o > overlap:
                best, overlap = i, o
        if best is not None and overlap >= 0.5 * min(len(text), 1 + gold["quotes"][best]["end"]
                                                     - gold["quotes"][best]["start"]):
            ref["quote"] = best
    return ref


def extra_rules():
    """Rules tried here beside grouping.related.TYPE_RULES: (name, type, test)."""
    from claims.grouping import related as scoring

    return tuple(scoring.TYPE_RULES) + TRIAL_RULES


def _proposition_opposed(own, other) -> bool:
    from claims.grouping.clauses import proposition_opposed

    return proposition_opposed(own.text, other.text) is True


def _proposition_agree(own, other) -> bool:
    from claims.grouping.clauses import proposition_opposed

    return proposition_opposed(own.text, other.text) is False


def _later_says_false(own, other) -> bool:
    from claims.grouping import related as scoring

    later = scoring._later(own, other)
    return len(later) == 1 and bool(scoring._SAYS_FALSE.search(later[0].text)) and not \
        scoring._SAYS_FALSE.search((other if later[0] is own else own).text)


# Each claim's speakers' last names (filled by draw and measure), for the rules below that ask
# whether one claim names the other's speaker.
SPEAKER_NAMES: dict[int, frozenset[str]] = {}
_FALSE_WORDS = re.compile(r"\b(?:untrue|not true|false|lie|lies|lied|lying|wrong|nonsense|"
                          r"absurd|inaccurate|baseless|ridiculous|misleading)\b", re.I)
_WORDS = re.compile(r"[a-z0-9']+")


def _names_other(side, other) -> bool:
    text = side.text.lower()
    return any(re.search(rf"\b{re.escape(n)}\b", text)
               for n in SPEAKER_NAMES.get(other.id, ()) if len(n) > 2)


def _names_other_says_false(own, other) -> bool:
    """One claim names the other's speaker and calls something false ("Trump's absurd and
    inaccurate claim"): the claim that names, if it is the later one or the dates do not
    tell."""
    from claims.grouping import related as scoring

    return any(_names_other(s, o) and _FALSE_WORDS.search(s.text)
               for s, o in ((own, other), (other, own)) if s in scoring._later(own, other))


def _quotes_other(own, other) -> bool:
    """One claim holds five words running of the other's (it quotes them) and is the longer."""
    def runs(text):
        words = _WORDS.findall(text.lower())
        return {tuple(words[i:i + 5]) for i in range(len(words) - 4)}

    a, b = runs(own.text), runs(other.text)
    return bool(a & b) and len(own.text) != len(other.text)


def _names_other_quotes(own, other) -> bool:
    return _quotes_other(own, other) and (_names_other(own, other) or _names_other(other, own))


# Tried here, not in the product: the clause pair carrying the proposition the two share
# (clauses.proposition_opposed: 2 or more content words, 60 % of the smaller clause's), and a
# "says false" word in the later claim alone.
TRIAL_RULES = (
    ("proposition opposed", "contradicts", _proposition_opposed),
    ("proposition agrees", "supports", _proposition_agree),
    ("later says false", "denies", _later_says_false),
    ("names the other, says false", "denies", _names_other_says_false),
    ("quotes the other", "responds_to", _quotes_other),
    ("names and quotes the other", "responds_to", _names_other_quotes),
)


def _fill_speaker_names(ids) -> None:
    from claims.models import Claim

    for claim_id, name in Claim.speakers.through.objects.filter(claim_id__in=ids).values_list(
            "claim_id", "speaker__name"):
        last = (name or "").split()[-1:] if name else []
        SPEAKER_NAMES[claim_id] = SPEAKER_NAMES.get(claim_id, frozenset()) | {
            w.lower().strip(".,") for w in last}


def _side(claim_id: int, text: str, first, last, cues):
    from claims.grouping import related as scoring

    return scoring.Side(id=claim_id, text=text, lexemes=frozenset(),
                        seen=first.date() if first else None,
                        last=last.date() if last else None, cues=frozenset(cues))


def draw(args) -> None:
    from draw_relations import doc_split

    gold, articles = _setup(args.db)
    from claims.models import Article, Claim
    from claims.selectors.related import related_ranking

    article_doc = {a: d for d, a in articles.items()}
    by_claim = _quotes_by_claim(article_doc)
    tune_only = {c for c, qs in by_claim.items()
                 if all(article_doc.get(q[0]) and doc_split(article_doc[q[0]]) == "tune"
                        for q in qs)}
    rows = {pk: (text, first, last) for pk, text, first, last in Claim.objects.filter(
        pk__in=tune_only).values_list("pk", "text", "first_seen", "last_seen")}
    # Claims drawn in a fixed order that does not depend on their ids: by a hash of the first
    # quote's document and offset.
    def key(c):
        a, s = by_claim[c][0][0], by_claim[c][0][1]
        return hashlib.sha256(f"{article_doc[a]}:{s}".encode()).hexdigest()

    order = sorted(tune_only, key=key)
    _fill_speaker_names(list(tune_only))
    rules = extra_rules()
    seen, out = set(), []
    bodies: dict[int, str] = {}
    for claim_id in order[: args.claims]:
        for r in related_ranking(claim_id, limit=TOP):
            other = r.claim_id
            if other not in tune_only or (min(claim_id, other), max(claim_id, other)) in seen:
                continue
            seen.add((min(claim_id, other), max(claim_id, other)))
            qa, qb = by_claim[claim_id][0], by_claim[other][0]
            da, db = article_doc[qa[0]], article_doc[qb[0]]
            if pair_part(da, db) != args.part:
                continue
            sa = _side(claim_id, *rows[claim_id], {q[4] for q in by_claim[claim_id] if q[4]})
            sb = _side(other, *rows[other], {q[4] for q in by_claim[other] if q[4]})
            fired = [name for name, _, test in rules if test(sa, sb)]
            if not fired:
                continue
            out.append((claim_id, other, fired, r.score))
    need = {by_claim[c][0][0] for c, o, _, _ in out} | {by_claim[o][0][0] for c, o, _, _ in out}
    bodies = dict(Article.objects.filter(pk__in=need).values_list("pk", "body"))
    fired_counts: dict[str, int] = {}
    for _, _, fired, _ in out:
        for name in fired:
            fired_counts[name] = fired_counts.get(name, 0) + 1
    print(f"{len(out)} candidate pairs in {args.part} (claims read: "
          f"{min(args.claims, len(order))} of {len(order)} tune-only); fired: {fired_counts}",
          file=sys.stderr)
    rng = random.Random(20)
    if args.per_rule:
        # Up to N pairs for each rule, drawn at random among those it fired on, so that a
        # rare rule is judged as often as a common one.
        chosen = set()
        for name, _, _ in rules:
            fired_on = [i for i, item in enumerate(out) if name in item[2]]
            chosen.update(rng.sample(fired_on, min(args.per_rule, len(fired_on))))
        out = [item for i, item in enumerate(out) if i in chosen]
    if args.blind:
        rng.shuffle(out)
    lines, refs = [], []
    for n, (c, o, fired, value) in enumerate(out[: args.limit], start=1):
        ref_pair = []
        lines.append(f"=== #{n} " + ("" if args.blind else f"rules {fired} score {value}"))
        for label, claim_id in (("A", c), ("B", o)):
            art, start, end, text, cue, speaker = by_claim[claim_id][0]
            body = bodies[art]
            ref = _gold_ref(gold[article_doc[art]], body, start, end)
            ref_pair.append(ref)
            when = rows[claim_id][1].date() if rows[claim_id][1] else "?"
            lines.append(f"[{label}] {article_doc[art]} ({when}) speaker={speaker!r} cue={cue!r}")
            lines.append("    ..." + body[max(0, start - CONTEXT):start].replace("\n", " ")
                         + " <<" + text.replace("\n", " ") + ">> "
                         + body[end:end + CONTEXT // 2].replace("\n", " ") + "...")
        refs.append({"n": n, "a": ref_pair[0], "b": ref_pair[1], "part": args.part})
    Path(args.out).write_text("\n".join(lines) + "\n", encoding="utf-8")
    Path(args.out + ".refs.jsonl").write_text(
        "".join(json.dumps(r) + "\n" for r in refs), encoding="utf-8")


def _stored_claim(ref, gold, articles, bodies, quotes_by_article):
    from bench_grouping_pairs import OffsetMap

    art = articles.get(ref["doc"])
    if art is None or ref["start"] is None:
        return None
    start, end = OffsetMap(gold[ref["doc"]]["text"], bodies[art]).span(ref["start"], ref["end"])
    best, overlap = None, 0
    for qs, qe, claim_id in quotes_by_article.get(art, ()):
        o = min(end, qe) - max(start, qs)
        if o > overlap:
            best, overlap = claim_id, o
    return best if overlap > 0.5 * (end - start) else None


def measure(args) -> dict:
    """Each rule's precision on the judged pairs, per part: (right, fired)."""
    gold, articles = _setup(args.db)
    from claims.models import Article, Claim, Quote

    judged = [json.loads(line) for line in Path(args.judged).read_text().splitlines()
              if line.strip()]
    wanted = {articles[j[s]["doc"]] for j in judged for s in ("a", "b")
              if j[s]["doc"] in articles}
    bodies = dict(Article.objects.filter(pk__in=wanted).values_list("pk", "body"))
    quotes_by_article: dict[int, list] = {}
    for art, s, e, c in Quote.objects.filter(article_id__in=wanted, claim__isnull=False) \
            .values_list("article_id", "start", "end", "claim_id"):
        quotes_by_article.setdefault(art, []).append((s, e, c))
    pairs = []
    for j in judged:
        a = _stored_claim(j["a"], gold, articles, bodies, quotes_by_article)
        b = _stored_claim(j["b"], gold, articles, bodies, quotes_by_article)
        if a and b and a != b:
            pairs.append((j, a, b))
    ids = {c for _, a, b in pairs for c in (a, b)}
    rows = {pk: (text, first, last) for pk, text, first, last in Claim.objects.filter(
        pk__in=ids).values_list("pk", "text", "first_seen", "last_seen")}
    cues: dict[int, set] = {}
    for c, cue in Quote.objects.filter(claim_id__in=ids).values_list("claim_id", "cue"):
        if cue:
            cues.setdefault(c, set()).add(cue)
    _fill_speaker_names(ids)
    rules = extra_rules()
    counts: dict[tuple[str, str], list[int]] = {}
    for j, a, b in pairs:
        sa, sb = _side(a, *rows[a], cues.get(a, ())), _side(b, *rows[b], cues.get(b, ()))
        for name, kind, test in rules:
            if test(sa, sb):
                for part in (j["part"], "tune"):
                    c = counts.setdefault((name, part), [0, 0, 0])
                    c[1] += 1
                    c[0] += j["label"] == kind
                    c[2] += j["label"] not in ("none",) and j["label"] != kind
    if args.by_score:
        _by_score(pairs)
    print(f"judged pairs: {len(judged)}, both sides found in two claims: {len(pairs)} "
          f"(tune-A {sum(j['part'] == 'tune-A' for j, _, _ in pairs)}, tune-B "
          f"{sum(j['part'] == 'tune-B' for j, _, _ in pairs)})")
    for name, kind, _ in rules:
        cells = []
        for part in ("tune-A", "tune-B", "tune"):
            right, fired, other = counts.get((name, part), (0, 0, 0))
            cells.append(f"{part} {right}/{fired}"
                         + (f" ({right / fired:.2f}; other type {other})" if fired else ""))
        print(f"  {name!r} -> {kind}: " + ", ".join(cells))
    return counts


def _by_score(pairs) -> None:
    """How many judged pairs are related at all (any type), by the lookup's score of the pair
    (the row of b in a's list, or of a in b's): the ceiling of any type rule's precision."""
    from claims.selectors.related import related_ranking

    buckets: dict[tuple[str, float], list[int]] = {}
    for j, a, b in pairs:
        value = next((r.score for r in related_ranking(a, limit=50) if r.claim_id == b), None)
        if value is None:
            value = next((r.score for r in related_ranking(b, limit=50) if r.claim_id == a), 0.0)
        for low in (0.0, 0.2, 0.3, 0.4, 0.5, 0.7):
            if value >= low:
                for part in (j["part"], "tune"):
                    c = buckets.setdefault((part, low), [0, 0])
                    c[0] += j["label"] != "none"
                    c[1] += 1
    for part in ("tune-A", "tune-B", "tune"):
        print(f"  related at all, {part}: " + ", ".join(
            f"score >= {low}: {r}/{n}" for (p, low), (r, n) in sorted(buckets.items())
            if p == part))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    d = sub.add_parser("draw")
    d.add_argument("--db", required=True)
    d.add_argument("--part", choices=("tune-A", "tune-B"), required=True)
    d.add_argument("--claims", type=int, default=600, help="tune-only claims whose rows are read")
    d.add_argument("--limit", type=int, default=80, help="candidate pairs printed")
    d.add_argument("--blind", action="store_true", help="shuffled, no rule shown")
    d.add_argument("--per-rule", type=int, default=0,
                   help="at most this many pairs per rule, drawn at random (seeded)")
    d.add_argument("--out", required=True)
    m = sub.add_parser("measure")
    m.add_argument("--db", required=True)
    m.add_argument("--judged", default=str(JUDGED))
    m.add_argument("--by-score", action="store_true",
                   help="the share of judged pairs related at all, by the lookup's score")
    args = parser.parse_args()
    if args.command == "draw":
        draw(args)
    else:
        measure(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
