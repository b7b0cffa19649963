"""The Celery application: configuration comes from Django settings (CELERY_* names)."""
import os
import sys

from celery import Celery
from celery.signals import worker_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")

app = Celery("tracker")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Workers restamp the messages they hold, so a killed worker's work is delivered again within
# minutes (tracker/unacked_heartbeat.py).
from tracker.unacked_heartbeat import UnackedHeartbeat  # noqa: E402

app.steps["worker"].add(UnackedHeartbeat)


@worker_init.connect
def _stop_without_the_speaker_model(**kwargs):
    """A worker whose speaker or person model file is missing or of another version stops at
    start-up naming the file and the rebuild command, instead of failing every article it takes.
    SystemExit, because Celery logs and swallows an Exception raised in a signal handler."""
    from claims.extraction import person_model, speaker_model

    try:
        speaker_model.check_model_file()
        person_model.check_model_file()
    except (speaker_model.SpeakerModelError, person_model.PersonModelError) as exc:
        print(f"celery worker: {exc}", file=sys.stderr)
        raise SystemExit(2) from None
