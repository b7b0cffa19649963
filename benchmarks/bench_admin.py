"""The admin with real volumes: each workspace page's median render time beside a bare Django
view of the same rows, measured in the same run.

    .venv/bin/python benchmarks/bench_admin.py [--quotes 100000] [--claims 20000] [--repeat 15]

Creates a scratch PostgreSQL database (claims_bench_admin), fills it with
`manage.py generate_claims` (about one article per five quotes), adds topics on a fifth of the
claims and suggested and confirmed relations between claims, then renders every page as a
signed-in analyst through Django's test client (the full middleware stack, DEBUG off). The bare
views (benchmarks/admin_plain/urls.py) fetch the same rows with plain ORM calls and a minimal
template. Prints each page's median and the baseline's, their ratio and the page's query count.
The target is a median under 300 ms for every page. Drops its database unless --keep;
--reuse measures a database kept before.
"""
import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PG = "postgres://postgres@127.0.0.1:5432"
DB = "claims_bench_admin"
TARGET_MS = 300


def _configure() -> None:
    sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]
    os.environ.update(DATABASE_URL=f"{PG}/{DB}", DJANGO_SETTINGS_MODULE="admin_plain.settings",
                      DEBUG="0", ALLOWED_HOSTS="testserver", SECURE_SSL_REDIRECT="0",
                      SESSION_COOKIE_SECURE="0", CSRF_COOKIE_SECURE="0", LOG_LEVEL="WARNING",
                      SECRET_KEY="bench-only-" + os.urandom(16).hex())
    # Grouping's after-commit relation task would need a broker; nothing is stored here.
    os.environ.pop("CELERY_BROKER_URL", None)


def _recreate_database() -> None:
    import psycopg

    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DB} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {DB}")


def _drop_database() -> None:
    import psycopg
    from django.db import connections

    connections.close_all()
    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DB} WITH (FORCE)")


def _fill(quotes: int, claims: int) -> None:
    from django.core.management import call_command
    from django.db import connection

    from claims.models import Claim, ClaimRelation, Topic

    call_command("migrate", "--noinput", verbosity=0)
    started = time.monotonic()
    call_command("generate_claims", "--quotes", str(quotes), "--claims", str(claims))
    rng = random.Random(7)
    ids = list(Claim.objects.values_list("pk", flat=True))
    parents = Topic.objects.bulk_create(
        Topic(name=f"Region {n}", slug=f"region-{n}") for n in range(8))
    topics = Topic.objects.bulk_create(
        Topic(name=f"Issue {n}", slug=f"issue-{n}", parent=parents[n % 8]) for n in range(40))
    Through = Claim.topics.through
    Through.objects.bulk_create(
        Through(claim_id=c, topic_id=rng.choice(topics).pk) for c in rng.sample(ids, len(ids) // 5))
    pairs = {tuple(rng.sample(ids, 2)) for _ in range(len(ids) // 4)}
    types, statuses = ClaimRelation.Type.values, ClaimRelation.Status.values
    ClaimRelation.objects.bulk_create(
        ClaimRelation(from_claim_id=a, to_claim_id=b, type=rng.choice(types),
                      status=rng.choice(statuses), reason={"rule": "bench"}) for a, b in pairs)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # as autovacuum would after such a load
    print(f"generated {quotes} quotes, {claims} claims, {len(pairs)} relations in "
          f"{time.monotonic() - started:.0f} s (with ANALYZE)")


def _analyst():
    from django.contrib.auth.models import Group, User

    user, _ = User.objects.get_or_create(username="bench-analyst", defaults={"is_staff": True})
    user.groups.add(Group.objects.get(name="Analysts"))
    return user


def _pages() -> list[tuple[str, str, str | None]]:
    """(name, admin path, bare view path): the busiest objects, so the pages are the heaviest."""
    from django.db.models import Count

    from claims.models import Article, Claim, Speaker

    claim = Claim.objects.order_by("-appearance_count").first()
    article = (Article.objects.annotate(n=Count("quotes")).order_by("-n").only("pk").first())
    speaker = Speaker.objects.annotate(n=Count("claims")).order_by("-n").only("pk").first()
    quote = claim.quotes.order_by("pk").first()
    word = claim.text.split()[-1]  # in the busiest claim's wording: a word of many quotes
    name = Speaker.objects.get(pk=speaker.pk).name.split()[-1]
    return [
        ("dashboard", "/admin/", None),
        ("quote queue", "/admin/claims/quote/", "/plain/quotes/"),
        ("quote queue, to review", "/admin/claims/quote/?review_status__exact=extracted",
         "/plain/quotes/"),
        ("quote queue, common word", f"/admin/claims/quote/?q={word}", "/plain/quotes/"),
        ("quote queue, speaker name", f"/admin/claims/quote/?q={name}", "/plain/quotes/"),
        ("quote", f"/admin/claims/quote/{quote.pk}/change/", f"/plain/quote/{quote.pk}/"),
        ("claim list", "/admin/claims/claim/", "/plain/claims/"),
        ("claim", f"/admin/claims/claim/{claim.pk}/change/", f"/plain/claim/{claim.pk}/"),
        ("article list", "/admin/claims/article/", "/plain/articles/"),
        ("article", f"/admin/claims/article/{article.pk}/change/",
         f"/plain/article/{article.pk}/"),
        ("speaker list", "/admin/claims/speaker/", "/plain/speakers/"),
        ("speaker", f"/admin/claims/speaker/{speaker.pk}/change/",
         f"/plain/speaker/{speaker.pk}/"),
        ("relation list", "/admin/claims/claimrelation/", "/plain/relations/"),
        ("topic list", "/admin/claims/topic/", "/plain/topics/"),
        ("claim history", f"/admin/claims/claim/{claim.pk}/history/", None),
    ]


def _median_ms(client, path: str, repeat: int) -> tuple[float, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(2):  # warm caches, templates and the connection
        response = client.get(path)
        if response.status_code != 200:
            raise SystemExit(f"{path} answered {response.status_code}")
    with CaptureQueriesContext(connection) as queries:
        client.get(path)
    count = len(queries)  # now: the log is read lazily and the next request clears it
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        client.get(path)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), count


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quotes", type=int, default=100_000)
    parser.add_argument("--claims", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--reuse", action="store_true", help="measure a database kept before")
    args = parser.parse_args()
    _configure()
    if not args.reuse:
        _recreate_database()
    import django

    django.setup()
    from django.test import Client

    try:
        if not args.reuse:
            _fill(args.quotes, args.claims)
        client = Client()
        client.force_login(_analyst())
        print(f"{'page':26} {'median ms':>10} {'bare ms':>8} {'ratio':>6} {'queries':>8}")
        slowest = 0.0
        for name, path, bare in _pages():
            ms, queries = _median_ms(client, path, args.repeat)
            slowest = max(slowest, ms)
            if bare:
                base, _ = _median_ms(client, bare, args.repeat)
                print(f"{name:26} {ms:10.1f} {base:8.1f} {ms / base:6.1f} {queries:8}")
            else:
                print(f"{name:26} {ms:10.1f} {'':>8} {'':>6} {queries:8}")
        verdict = "met" if slowest < TARGET_MS else "MISSED"
        print(f"\ntarget: every page's median under {TARGET_MS} ms: slowest {slowest:.1f} ms "
              f"({verdict})")
    finally:
        if not args.keep:
            _drop_database()
    return 0


if __name__ == "__main__":
    sys.exit(main())
