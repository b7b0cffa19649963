"""The Celery application: configuration comes from Django settings (CELERY_* names)."""
import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")

app = Celery("tracker")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Workers restamp the messages they hold, so a killed worker's work is delivered again within
# minutes (tracker/unacked_heartbeat.py).
from tracker.unacked_heartbeat import UnackedHeartbeat  # noqa: E402

app.steps["worker"].add(UnackedHeartbeat)
