"""The benchmark's results: ``results.json`` (the run) and ``RESULTS.md`` (readable, with the
previous run beside it). The previous run is the ``results.json`` found before writing; it is
kept as ``results-previous.json``."""

from __future__ import annotations

import json
import os
import platform
from pathlib import Path

from django.db import connection
from django.utils import timezone

from benchmark.report_md import render


def _machine() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        version = cursor.fetchone()[0]
    python = platform.python_version()
    return f"{platform.machine()}, {os.cpu_count()} cores, Python {python}, PostgreSQL {version}"


CALIBRATION_LOOPS = 3_000_000


def cpu_calibration_ms() -> float:
    """CPU ms of a fixed pure-Python loop, the fastest of five: how fast this machine runs
    Python today. The same code measured 3x slower on one machine than on another a day before
    (2026-11-30 and 12-01); figures of two runs compare only beside this one."""
    import time

    best = float("inf")
    for _ in range(5):
        start, total = time.process_time(), 0
        for number in range(CALIBRATION_LOOPS):
            total += number
        best = min(best, time.process_time() - start)
    return round(best * 1000, 1)


def start(options, argv: list[str], seeded, seed_seconds: float) -> dict:
    """The run's header: when, where, under which load, on which data."""
    return {
        "started": timezone.localtime().strftime("%Y-%m-%d %H:%M"),
        "command": "python -m benchmark " + " ".join(argv),
        "machine": _machine(),
        "cpu_calibration_ms": cpu_calibration_ms(),
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
        "note": options.note,
        "scale": options.scale,
        "data": dict(seeded.counts),
        "seed_seconds": round(seed_seconds, 1),
    }


def write(folder: Path, data: dict) -> Path:
    """Write results.json and RESULTS.md; the run found there before becomes the previous one."""
    data["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    current, previous_path = folder / "results.json", folder / "results-previous.json"
    previous = None
    if current.exists():
        previous = json.loads(current.read_text(encoding="utf-8"))
        previous_path.write_text(current.read_text(encoding="utf-8"), encoding="utf-8")
    current.write_text(json.dumps(data, indent=1, default=str), encoding="utf-8")
    path = folder / "RESULTS.md"
    path.write_text(render(data, previous), encoding="utf-8")
    return path
