"""In-process measurements: each main page beside its peer, the annual report, the deadline scan.

Every row says whether it is cold or warm. *Cold* is the first request after the shared cache
was emptied (reports, charts, organisation and navigation computed afresh); *warm* is the
median of the requests after it. Beside wall time each row has the median CPU time the request
cost in this process and in its PostgreSQL backend (from /proc, in nanoseconds), which other load
on the machine does not inflate. A page and its peer are requested alternately, so both see the same load.
"""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass

from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from benchmark import procstat
from benchmark.scenarios import annual_report, deadline_scan, main_pages, page_url
from benchmark.twofactor import verified_login

REPEAT = 15  # warm requests per page (and per peer): enough for a steady median
__all__ = ["annual_report", "deadline_scan", "measure_page", "pages"]


def ms(seconds: float) -> float:
    return round(seconds * 1000, 1)


@dataclass
class Sample:
    seconds: float
    cpu_ms: float
    queries: int
    status: int


class Meter:
    """Wall time, queries and CPU (this process + its database backend) of one call."""

    def __init__(self):
        self.backend = procstat.backend_pid(connection) if connection.vendor == "postgresql" else None

    def _cpu(self) -> float:
        db = procstat.cpu_ms_precise(self.backend) if self.backend else 0.0
        return time.process_time() * 1000 + db

    def __call__(self, function, *args) -> tuple[object, Sample]:
        with CaptureQueriesContext(connection) as ctx:
            cpu, start = self._cpu(), time.perf_counter()
            result = function(*args)
            seconds, cpu = time.perf_counter() - start, self._cpu() - cpu
        status = getattr(result, "status_code", 0)
        return result, Sample(seconds, cpu, len(ctx.captured_queries), status)


def _summary(samples: list[Sample]) -> dict:
    return {
        "ms": ms(statistics.median(s.seconds for s in samples)),
        # The median, as for wall time: one request that meets a garbage collection of the
        # benchmark's own long-lived objects says nothing about what a page costs.
        "cpu_ms": round(statistics.median(s.cpu_ms for s in samples), 1),
        "queries": samples[-1].queries,
        "status": samples[-1].status,
    }


def measure_page(client: Client, url: str, peer_url: str | None = None, repeat: int = REPEAT) -> dict:
    """Cold (cache emptied) once, then page and peer alternately, warm."""
    meter = Meter()
    cache.clear()
    _response, cold = meter(client.get, url)
    if peer_url:
        meter(client.get, peer_url)  # its templates compiled too, as the page's are now
    warm, peer = [], []
    for _ in range(repeat):
        warm.append(meter(client.get, url)[1])
        if peer_url:
            peer.append(meter(client.get, peer_url)[1])
    row = {"url": url, "cold_ms": ms(cold.seconds), "cold_queries": cold.queries, **_summary(warm)}
    if peer:
        p = _summary(peer)
        row.update(peer_url=peer_url, peer_ms=p["ms"], peer_queries=p["queries"], peer_status=p["status"])
        row["ratio"] = round(row["ms"] / p["ms"], 2) if p["ms"] else None
    return row


def pages(seeded, repeat: int = REPEAT) -> list[dict]:
    """Every main page of every role, with its peer where it has one."""
    rows = []
    client = Client(HTTP_HOST="127.0.0.1")
    for page in main_pages(seeded):
        verified_login(client, page.user)
        row = measure_page(client, page_url(client, page), page.peer_url, repeat)
        rows.append({"label": page.label, "role": page.role, **row})
    return rows
