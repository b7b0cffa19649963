"""The baseline of bench_admin.py: the app's URLs plus bare Django views of the rows each admin
page shows. Used only by the benchmark (its settings module adds this URLconf); never part of
the app."""
from tracker.settings import *  # noqa: F403

ROOT_URLCONF = "admin_plain.urls"
