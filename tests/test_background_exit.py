"""The quick start's task thread (claims/services/background.py) when the process is exiting:
a task queued then (extraction queuing the relations task at the end of `load_sample_data`)
runs at once instead of failing, so `make run`'s sample articles end extracted, not failed."""
from concurrent.futures import ThreadPoolExecutor

import pytest

from claims.services import background


@pytest.fixture
def exiting(monkeypatch):
    # What the interpreter's exit does to the executor: it takes no more work.
    executor = ThreadPoolExecutor(max_workers=1)
    executor.shutdown()
    monkeypatch.setattr(background, "_executor", executor)


def test_a_task_queued_while_the_process_exits_runs_at_once(exiting):
    ran = []
    done = background.submit(lambda: ran.append("relations") or 7, "suggest_relations")
    assert ran == ["relations"] and done.result(timeout=1) == 7


def test_its_failure_is_on_its_future_not_raised_at_the_caller(exiting):
    def boom():
        raise ValueError("no such claim")

    done = background.submit(boom, "suggest_relations")
    with pytest.raises(ValueError, match="no such claim"):
        done.result(timeout=1)
