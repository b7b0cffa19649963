import os

from tracker.settings import *  # noqa: F403

ROOT_URLCONF = "api_plain.urls"

# bench_api.py --exact-counts: every page counts its rows, as the plain view does.
if os.environ.get("BENCH_EXACT_COUNTS") == "1":
    API_COUNT_CACHE_SECONDS = 0
