"""A worker's heartbeat on the messages it holds, so a short visibility timeout is safe.

With acks_late on Redis a message stays in the broker's "unacked" set while a worker holds
it, stamped with when it was delivered; the broker hands it out again once that stamp is older
than the visibility timeout. A timeout of an hour made a killed worker's batch wait an hour; a
timeout of minutes would hand out again a batch still running (a 1.5 MB article takes minutes)
or a fetch waiting for its retry. So every worker restamps the messages it holds (running,
waiting for a pool process, or waiting for a countdown) every CELERY_UNACKED_HEARTBEAT
seconds: only a dead worker's messages grow old, and they are delivered again a visibility
timeout after its last beat (docs/operations.md, "Recovery after a crash").
"""
from __future__ import annotations

import logging
import time

from celery import bootsteps
from celery.worker import state

log = logging.getLogger(__name__)

UNACKED_INDEX = "unacked_index"  # kombu's default key of the unacked messages' stamps


def held_delivery_tags() -> list[str]:
    tags = []
    for group in (state.active_requests, state.reserved_requests, state.scheduled_requests):
        for request in list(group):
            tag = getattr(getattr(request, "message", None), "delivery_tag", None)
            if tag:
                tags.append(tag)
    return tags


class UnackedHeartbeat(bootsteps.StartStopStep):
    requires = {"celery.worker.components:Timer"}

    def __init__(self, worker, **kwargs):
        conf = worker.app.conf
        self.enabled = str(conf.broker_url or "").startswith(("redis://", "rediss://"))
        self.every = float(conf.get("unacked_heartbeat", 30))
        options = conf.broker_transport_options or {}
        self.key = options.get("global_keyprefix", "") + options.get(
            "unacked_index_key", UNACKED_INDEX)
        self.url = conf.broker_url
        self.client = None
        self.timer_entry = None

    def start(self, worker):
        if self.enabled and self.every > 0:
            self.timer_entry = worker.timer.call_repeatedly(self.every, self.beat, priority=10)

    def stop(self, worker):
        if self.timer_entry is not None:
            self.timer_entry.cancel()
            self.timer_entry = None

    def beat(self):
        tags = held_delivery_tags()
        if not tags:
            return
        try:
            if self.client is None:
                import redis

                self.client = redis.Redis.from_url(self.url, socket_timeout=5,
                                                   socket_connect_timeout=5)
            now = time.time()
            # XX: only stamps still there (a message acknowledged meanwhile stays gone).
            self.client.zadd(self.key, dict.fromkeys(tags, now), xx=True)
        except Exception:  # the broker is away: the worker's own reconnection deals with it
            log.warning("could not restamp %d held messages", len(tags), exc_info=True)
