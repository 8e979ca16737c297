"""The benchmark's load generator (benchmark/load.py), without running the benchmark."""

import os
import time

import pytest

from benchmark import load


def test_a_gunicorn_that_cannot_boot_is_reported_at_once_with_its_output():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "no_such_settings_module"}
    start = time.monotonic()
    with pytest.raises(RuntimeError, match="no_such_settings_module"):
        load.start_gunicorn(load.free_port(), env, workers=1, threads=1)
    assert time.monotonic() - start < 30, "a dead gunicorn is noticed, not waited on for a minute"


def test_summary_counts_every_non_200_as_an_error_and_takes_p95_per_page_type():
    results = [("list", 200, k / 1000) for k in range(1, 101)] + [("list", 500, 0.5), ("detail", -1, 1.0)]
    summary = load._summary(results, users=2, logged_in=2, wall=2.0)
    assert summary["errors"] == 2
    assert summary["requests"] == 102
    rows = {row["kind"]: row for row in summary["pages"]}
    assert rows["list"]["requests"] == 101
    assert rows["list"]["p95_ms"] == 96
    assert rows["detail"]["median_ms"] == 1000
