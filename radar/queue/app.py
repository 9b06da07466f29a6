"""The Celery application of `settings.queue`: what the scheduler sends to and workers take from.

Late acknowledgement: a task leaves Redis only when a worker has finished it. A worker that dies
holding one (killed, its machine gone) never acknowledges it, and Redis gives it to another
worker once the visibility timeout has passed; so the timeout must be longer than the longest
crawl of one host, or a slow crawl is handed out a second time while it still runs.
"""

from __future__ import annotations

from functools import cache

from celery import Celery

from radar.queue import DEFAULT_VISIBILITY_TIMEOUT_S

CRAWL_TASK = "rivalradar.crawl_host"
QUEUE_NAME = "rivalradar.crawl"


@cache
def celery_app(
    broker_url: str, visibility_timeout_s: float = DEFAULT_VISIBILITY_TIMEOUT_S
) -> Celery:
    """One application per broker URL and timeout in a process, its connections pooled."""
    app = Celery("rivalradar", broker=broker_url, set_as_current=False)
    app.conf.update(
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        # A worker reserves only the tasks it runs: the rest stay for the other workers.
        worker_prefetch_multiplier=1,
        broker_transport_options={"visibility_timeout": visibility_timeout_s},
        broker_connection_retry_on_startup=True,
        task_default_queue=QUEUE_NAME,
        task_ignore_result=True,
        task_serializer="json",
        accept_content=["json"],
        worker_hijack_root_logger=False,
        worker_redirect_stdouts=False,
        worker_send_task_events=False,
        enable_utc=True,
    )
    return app
