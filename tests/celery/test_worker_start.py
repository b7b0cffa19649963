"""A worker whose speaker model file is missing stops at start-up, saying which file and how
to rebuild it, instead of taking articles and failing each (issue 21, bad input)."""
import pytest

from claims.extraction.speaker_model import REBUILD
from tracker.worker_process import stop_worker

from .conftest import launch_worker

pytestmark = [pytest.mark.celery_worker]


def test_a_worker_without_its_speaker_model_stops_at_start_up(
    transactional_db, celery_app, tmp_path
):
    missing = tmp_path / "gone" / "speaker_model.json"
    log = tmp_path / "worker.log"
    # launch_worker reports start_worker's WorkerFailed as a test failure with the log
    try:
        worker = launch_worker(celery_app, log, CLAIMS_SPEAKER_MODEL=str(missing))
    except pytest.fail.Exception as failed:
        assert "the worker exited (2)" in str(failed)
    else:
        stop_worker(worker)  # a worker that started must not outlive the test
        pytest.fail("the worker started without its speaker model")
    text = log.read_text()
    assert f"the speaker model {missing} is missing" in text
    assert REBUILD in text

