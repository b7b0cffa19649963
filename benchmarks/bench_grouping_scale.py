"""How grouping, similar claims and search scale from 10,000 to 100,000 quotes.

Run (PostgreSQL on 127.0.0.1:5432, user postgres, must be up)::

    .venv/bin/python benchmarks/bench_grouping_scale.py              # 50 repetitions
    .venv/bin/python benchmarks/bench_grouping_scale.py --repeat 30 --keep

It creates a scratch database ``bench_grouping_<pid>``, migrates it, fills it with
``manage.py generate_claims`` (10,000 quotes / 2,000 claims), runs VACUUM ANALYZE (as autovacuum
would soon after a load of this size; without the visibility map a vacuum sets, each band probe
of the candidate query reads the table's page too) and CHECKPOINT (so that the load's writes
do not land during the timed runs) and measures; then appends 90,000 quotes /
18,000 claims (100,000 / 20,000 in all) and measures again. Each figure is the median of
``--repeat`` runs, in milliseconds:

(a) grouping one new quote: an article and quote of an existing speaker are stored (untimed),
    a variation of one of that speaker's claims or, one time in five, a novel statement; then
    ``quotes_group(quote_ids=[id])`` alone is timed;
(b) ``selectors.claim_similar(claim_id)`` for a random claim;
(b2) ``selectors.related.related_claims(claim_id)`` (other speakers' claims that bear on it,
    ranked, with their rows) for a random claim;
(c) a search request: ``selectors.search(q)``, its first page of 20 quotes evaluated and
    ``selectors.headlines(page, q)``, for random 1-3 word queries from the vocabulary;
(d) ``articles_extract(article_ids=...)`` over 40 articles written here, with grouping and
    without. "Without" monkeypatches ``claims.services.grouping.quotes_group`` to a no-op in
    this process (the extraction service calls it through the module, so the patch is seen);
    nothing in the project is changed. Each repetition times "on", re-extracts untimed with
    grouping off (so both timed runs start from quotes without claims: the "off" run does not
    pay for deleting the claims "on" made), deletes what "on" stored (its claims, the wordings
    it gave older claims, its suggestions: so each "on" run groups the statements as new, not
    as a re-extraction that finds their wordings from the run before), then times "off".
    ``--extraction-repeat`` repetitions (5); untimed first, one extraction off (spaCy loaded)
    and one on (what grouping does once a process: word lists read, patterns compiled), then
    one off again.

The 10k figure is printed beside the 100k figure with their ratio; a table at the end gives
the targets (each median under 50 ms; extraction with/without grouping <= 1.15, judged on the
median of the ratios of each "on" run to the "off" run timed after it, beside the ratio of the
two medians). The database
is dropped at the end unless ``--keep``. Not a test: timings depend on the machine.
"""
from __future__ import annotations

import argparse
import hashlib
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PG = "postgres://postgres@127.0.0.1:5432"
DB = f"bench_grouping_{os.getpid()}"
SIZES = [(10_000, 2_000), (100_000, 20_000)]
TARGET_MS, TARGET_RATIO = 50.0, 1.15
sys.path.insert(0, str(ROOT))
os.environ.update(DATABASE_URL=f"{PG}/{DB}", DJANGO_SETTINGS_MODULE="tracker.settings",
                  LOG_LEVEL="WARNING")

# Reported-speech frames for the 40 extraction articles: {name} a registry speaker, {s} a
# statement, {S} the same capitalised.
FRAMES = ['"{S}," {name} said on Tuesday.', '{name} said that {s}.',
          '{name} told reporters that {s}. "We will not change course," the minister said.',
          'According to {name}, {s}.', '"{S}," {name} told a news conference in Brussels.',
          '{name}, speaking after the summit, warned that {s}.',
          '"{S}," the minister said, adding that talks would continue.']
LEADS = ["Leaders met in Brussels on Tuesday as pressure grew for a new round of talks.",
         "The government faced questions in parliament over its handling of the crisis.",
         "Fighting continued overnight, officials said, as diplomats prepared for the summit."]


def database(action: str) -> None:
    import psycopg

    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DB} WITH (FORCE)")
        if action == "create":
            conn.execute(f"CREATE DATABASE {DB}")


def timed(fn) -> float:
    started = time.perf_counter()
    fn()
    return (time.perf_counter() - started) * 1000


def _new_article(body: str, title: str):
    from claims.models import Article

    return Article.objects.create(title=title[:300], body=body, language="en",
                                  content_hash=hashlib.sha256(body.encode()).hexdigest())


def bench_assign(rng: random.Random, repeat: int) -> tuple[list[float], float]:
    """(a): times of grouping one new quote, and the share that joined the claim varied."""
    from claims.management.commands.generate_claims import vary, wording
    from claims.models import Claim, Quote, Speaker
    from claims.services.grouping import quotes_group

    claims = list(Claim.objects.values_list("pk", "text", "speaker_key"))
    times, joined, varied = [], 0, 0
    for n in range(repeat + 1):
        claim_id, text, key = rng.choice(claims)
        novel = rng.random() < 0.2
        text = wording(rng) if novel else vary(text, rng)
        text = text[0].upper() + text[1:]
        name = Speaker.objects.get(pk=int(key)).name
        body = f"Bench item {n} {rng.random()}\n\n\"{text},\" {name} said."
        article = _new_article(body, body.split("\n")[0])
        start = body.index(text)
        quote = Quote.objects.create(article=article, start=start, end=start + len(text),
                                     text=text, kind="direct", cue="said", speaker_name=name)
        quote.speakers.add(int(key))
        ms = timed(lambda q=quote: quotes_group(quote_ids=[q.pk]))
        if n:  # the first is a warm-up
            times.append(ms)
            if not novel:
                varied += 1
                joined += Quote.objects.get(pk=quote.pk).claim_id == claim_id
    return times, joined / max(varied, 1)


def bench_similar(rng: random.Random, repeat: int) -> list[float]:
    from claims import selectors
    from claims.models import Claim

    ids = list(Claim.objects.values_list("pk", flat=True))
    return [timed(lambda: selectors.claim_similar(rng.choice(ids))) for _ in range(repeat + 1)][1:]


def bench_related(rng: random.Random, repeat: int) -> list[float]:
    """(b2): the related-claims lookup (other speakers' claims that bear on one, ranked)."""
    from claims.models import Claim
    from claims.selectors.related import related_claims

    ids = list(Claim.objects.values_list("pk", flat=True))
    return [timed(lambda: related_claims(rng.choice(ids))) for _ in range(repeat + 1)][1:]


def vocabulary() -> list[str]:
    from claims.management.commands import generate_claims as g

    stop = {"the", "our", "in", "is", "to", "of", "for", "has", "will", "not", "as", "if", "its",
            "any", "and", "from", "with", "long", "next", "other", "side", "being"}
    words = {w for group in (g.SUBJECTS, g.VERBS, g.ADJECTIVES, g.NOUNS, g.PLACES, g.TAILS)
             for phrase in group for w in phrase.lower().split() if w not in stop}
    return sorted(words)


def bench_search(rng: random.Random, repeat: int) -> list[float]:
    from claims import selectors

    words = vocabulary()

    def one():
        query = " ".join(rng.sample(words, rng.randint(1, 3)))
        page = list(selectors.search(query).quotes[:20])
        selectors.headlines(page, query)

    return [timed(one) for _ in range(repeat + 1)][1:]


def extraction_articles(rng: random.Random) -> list[int]:
    """40 articles of reported speech by generated speakers: statements close to their claims,
    and novel ones."""
    from claims.management.commands.generate_claims import vary, wording
    from claims.models import Claim

    claims = list(Claim.objects.order_by("pk").values_list("text", "speakers__name")[:5000])
    ids = []
    for n in range(40):
        paragraphs = [rng.choice(LEADS)]
        for _ in range(rng.randint(3, 6)):
            text, name = rng.choice(claims)
            s = vary(text, rng).removeprefix("that ") if rng.random() < 0.7 else wording(rng)
            paragraphs.append(rng.choice(FRAMES).format(name=name, s=s, S=s[0].upper() + s[1:]))
        title = f"Extraction bench {n}: {paragraphs[1][:60]}"
        ids.append(_new_article(title + "\n\n" + "\n\n".join(paragraphs), title).pk)
    return ids


def bench_extraction(ids: list[int], repeat: int = 5) -> tuple[list[float], list[float], int]:
    """(d): extraction with grouping on and off (monkeypatched), alternating."""
    from claims.models import Quote
    from claims.services import grouping
    from claims.services.extraction import articles_extract

    real = grouping.quotes_group
    real_enqueue = grouping.enqueue_after_commit
    queued: list[int] = []

    def hold(task_name, quote_ids):
        # The cross-speaker relations task runs on a worker after commit, not inside the
        # extraction: it is kept here and timed on its own (relations_ms).
        queued.extend(quote_ids)

    def run(on: bool) -> float:
        grouping.quotes_group = real if on else (
            lambda *, quote_ids, emptied=(): grouping.GroupingOutcome())
        grouping.enqueue_after_commit = hold
        try:
            return timed(lambda: articles_extract(article_ids=ids))
        finally:
            grouping.quotes_group = real
            grouping.enqueue_after_commit = real_enqueue

    # Untimed: the first run loads spaCy and the registry, the second pays what grouping does
    # once a process (word lists read, patterns compiled), the third leaves quotes without
    # claims, as every timed run starts from.
    run(False)
    floors = _grouping_floors()
    run(True)
    run(False)
    _forget_grouping(*floors)
    on, off = [], []
    for n in range(repeat):
        queued.clear()
        on.append(run(True))
        current = list(Quote.objects.filter(article_id__in=ids).values_list("pk", flat=True))
        relations_ms.append(timed(
            lambda ids=current: grouping.quotes_relate_across_speakers(quote_ids=ids)))
        run(False)
        _forget_grouping(*floors)
        off.append(run(False))
        print(f"    extraction run {n + 1}: on {on[-1]:.0f} ms, off {off[-1]:.0f} ms, "
              f"relations task {relations_ms[-1]:.0f} ms", flush=True)
    return on, off, Quote.objects.filter(article_id__in=ids).count()


def _grouping_floors() -> tuple[int, ...]:
    from django.db.models import Max

    from claims.models import Claim, ClaimMergeSuggestion, ClaimRelation, ClaimWording

    return tuple(model.objects.aggregate(top=Max("pk"))["top"] or 0
                 for model in (Claim, ClaimWording, ClaimRelation, ClaimMergeSuggestion))


def _forget_grouping(claims: int, wordings: int, relations: int, suggestions: int) -> None:
    """Untimed, after the run that dropped the quotes a run with grouping had placed: undo what
    that run stored (its claims, the wordings it gave older claims, its suggestions), so every
    timed run meets the 40 articles' statements as the first one did. Without this each run
    found every statement's own wording, stored by the run before, and joined it: a
    re-extraction, cheaper than grouping statements that are new."""
    from django.db import connection

    from claims.models import (
        Claim,
        ClaimMergeSuggestion,
        ClaimRelation,
        ClaimWording,
        ClaimWordingBand,
    )
    from claims.services.claim_stats import claims_collect_empty

    ClaimRelation.objects.filter(pk__gt=relations).delete()
    ClaimMergeSuggestion.objects.filter(pk__gt=suggestions).delete()
    ClaimWordingBand.objects.filter(wording_id__gt=wordings).delete()
    ClaimWording.objects.filter(pk__gt=wordings).delete()
    claims_collect_empty(claim_ids=list(Claim.objects.filter(pk__gt=claims)
                                        .values_list("pk", flat=True)))
    # The rows just deleted would otherwise stay in the indexes as dead entries that every
    # later band probe steps over (this server runs without autovacuum), slowing each "on"
    # run more than the one before.
    tables = ", ".join(model._meta.db_table for model in (
        ClaimWordingBand, ClaimWording, Claim, ClaimRelation, ClaimMergeSuggestion))
    with connection.cursor() as cursor:
        cursor.execute(f"VACUUM {tables}")


relations_ms: list[float] = []


def measure(rng: random.Random, repeat: int, ids: list[int], extraction_repeat: int) -> dict:
    a, joined = bench_assign(rng, repeat)
    print(f"  (a) grouping one quote: {statistics.median(a):.1f} ms median, max {max(a):.1f}; "
          f"{joined:.0%} of the variations joined their claim")
    result = {"a": a, "b": bench_similar(rng, repeat), "b2": bench_related(rng, repeat),
              "c": bench_search(rng, repeat)}
    for key, label in (("b", "claim_similar"), ("b2", "related claims"),
                       ("c", "search page + headlines")):
        print(f"  ({key}) {label}: {statistics.median(result[key]):.1f} ms median, "
              f"max {max(result[key]):.1f}")
    if not extraction_repeat:
        return result
    on, off, quotes = bench_extraction(ids, extraction_repeat)
    runs = "; ".join(f"{x:.0f}/{y:.0f}" for x, y in zip(on, off, strict=True))
    print(f"  (d) extraction of 40 articles ({quotes} quotes): grouping on "
          f"{statistics.median(on):.0f} ms, off {statistics.median(off):.0f} ms "
          f"(runs on/off: {runs}); the cross-speaker relations task after it "
          f"{statistics.median(relations_ms):.0f} ms")
    result["relations"] = list(relations_ms)
    relations_ms.clear()
    return {**result, "on": on, "off": off}


def report(small: dict, large: dict) -> None:
    med = statistics.median
    print(f"\n{'measurement (median ms)':<36}{'10k':>9}{'100k':>9}{'ratio':>8}  target")
    for key, label in (("a", "(a) group one new quote"), ("b", "(b) claim_similar"),
                       ("b2", "(b2) related claims lookup"),
                       ("c", "(c) search: page of 20 + headlines")):
        s, big = med(small[key]), med(large[key])
        ok = "ok" if big < TARGET_MS else "OVER"
        print(f"{label:<36}{s:9.1f}{big:9.1f}{big / s:8.2f}  < {TARGET_MS:.0f} ms ({ok})")
    if "on" not in large:
        return
    for key, label in (("on", "(d) extraction, grouping on"), ("off", "(d) extraction, off"),
                       ("relations", "(d) relations task, after commit")):
        print(f"{label:<36}{med(small[key]):9.0f}{med(large[key]):9.0f}"
              f"{med(large[key]) / med(small[key]):8.2f}")
    r_small, r_large = (med(x["on"]) / med(x["off"]) for x in (small, large))
    print(f"{'(d) ratio of the medians on/off':<36}{r_small:9.2f}{r_large:9.2f}")
    # Each "on" run is paired with the "off" run timed just after it, so a slow stretch of the
    # machine weighs on both sides of a ratio rather than on one median.
    p_small, p_large = (med(a / b for a, b in zip(x["on"], x["off"], strict=True))
                        for x in (small, large))
    ok = "ok" if p_large <= TARGET_RATIO else "OVER"
    print(f"{'(d) median of paired ratios on/off':<36}{p_small:9.2f}{p_large:9.2f}{'':>8}  "
          f"<= {TARGET_RATIO} ({ok})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=50, help="repetitions of (a)-(c) (50)")
    parser.add_argument("--extraction-repeat", type=int, default=5,
                        help="repetitions of (d), each one run on and one off (5; 0 skips "
                        "(d))")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", action="store_true", help=f"keep the database {DB}")
    args = parser.parse_args()
    try:
        database("create")
    except Exception as exc:  # psycopg.OperationalError, or psycopg missing
        print(f"skipped: cannot create a database on {PG} ({exc})")
        return 0
    try:
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connection, connections

        call_command("migrate", verbosity=0)
        rng, results, ids, have = random.Random(args.seed), [], [], (0, 0)
        for quotes, claims in SIZES:
            started = time.perf_counter()
            call_command("generate_claims", quotes=quotes - have[0], claims=claims - have[1],
                         seed=args.seed, append=have != (0, 0))
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")
                # The load's dirty pages written now, not by a checkpoint during the timed runs.
                cursor.execute("CHECKPOINT")
            print(f"{quotes:,} quotes / {claims:,} claims: generated in "
                  f"{time.perf_counter() - started:.1f} s (with VACUUM ANALYZE, CHECKPOINT)")
            have = (quotes, claims)
            ids = ids or (extraction_articles(rng) if args.extraction_repeat else [])
            results.append(measure(rng, args.repeat, ids, args.extraction_repeat))
        report(*results)
        connections.close_all()
    finally:
        if args.keep:
            print(f"kept the database {DB} ({PG}/{DB})")
        else:
            database("drop")
    return 0


if __name__ == "__main__":
    sys.stdout.reconfigure(line_buffering=True)
    sys.exit(main())
