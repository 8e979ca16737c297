"""The Celery worker loads the PDF renderer when a worker process starts, not in the first
report PDF someone waits for."""

import gc
import sys
import weakref

from celery.signals import worker_process_init

from reports.tasks import load_the_pdf_renderer


def test_a_starting_worker_process_loads_weasyprint_and_matplotlib():
    receivers = [
        r() if isinstance(r, weakref.ReferenceType) else r for _k, r in worker_process_init.receivers
    ]
    assert load_the_pdf_renderer in receivers
    try:
        worker_process_init.send(sender=None)
        assert "weasyprint" in sys.modules and "matplotlib.backends.backend_agg" in sys.modules
        assert gc.get_freeze_count() > 0, "what was loaded is frozen for the collector"
    finally:
        gc.unfreeze()  # this test process goes on: its objects are collectable again
