"""The load test's arrival schedule and summaries, and the /proc readings (no server started)."""

from __future__ import annotations

import os
import subprocess
import sys

from benchmark import mix, procstat

SESSIONS = {"employee": [0, 1], "manager": [2], "coordinator": [3], "reception": [4]}


def _paths(session, kind, rng):
    return f"/{kind}/{session}"


def test_the_schedule_offers_the_asked_rate_on_average_in_time_order():
    plan = mix.schedule(20, 300, SESSIONS, _paths, seed=3)
    assert 0.85 * 6000 < len(plan) < 1.15 * 6000
    assert [r.at for r in plan] == sorted(r.at for r in plan)
    assert plan[0].at >= 0 and plan[-1].at < 300
    first_half = sum(1 for r in plan if r.at < 150)
    assert 0.4 < first_half / len(plan) < 0.6, "steady from the start: visits begin before the window"


def test_every_role_of_the_mix_appears_with_its_own_pages():
    plan = mix.schedule(30, 200, SESSIONS, _paths, seed=5)
    kinds_by_session = {}
    for request in plan:
        kinds_by_session.setdefault(request.session, set()).add(request.kind)
    assert kinds_by_session[4] <= {"start page", "reception list"}
    assert "dossier" in kinds_by_session[3]
    assert "report form" not in kinds_by_session[2]


def test_the_summary_counts_every_non_200_as_an_error_with_percentiles_per_page():
    results = [("list", 200, k / 1000) for k in range(1, 101)] + [("list", 500, 0.5), ("detail", -1, 1.0)]
    summary = mix.summarise(results)
    assert summary["errors"] == 2
    assert summary["requests"] == 102
    assert summary["per_page"]["list"]["requests"] == 101
    assert summary["per_page"]["list"]["p95_ms"] == 96
    assert summary["per_page"]["detail"]["p50_ms"] == 1000


def test_cpu_and_memory_are_read_from_proc_for_a_process_and_its_children():
    # The child says when it runs: right after Popen it may still be exec-ing, with almost no
    # resident memory yet (this test failed once that way on a busy machine).
    code = "import time; sum(range(10**7)); print('ready', flush=True); time.sleep(5)"
    child = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline().strip() == "ready"
        assert child.pid in procstat.children(os.getpid())
        assert procstat.rss_mb(child.pid) > 1
        # The child spent CPU on its loop: both counters see it, the precise one below a tick.
        precise, ticks = procstat.cpu_ms_precise(child.pid), procstat.cpu_ms(child.pid)
        assert precise > 0 and ticks > 0
        assert abs(precise - ticks) < 3 * procstat.TICK_MS
    finally:
        child.kill()
        child.wait()
    assert procstat.cpu_ms(os.getpid()) > 0
    assert procstat.cpu_ms(2**22 + 1) == 0.0
    assert procstat.cpu_ms_precise(2**22 + 1) == 0.0


def test_the_mix_cpu_is_the_median_page_weighted_by_how_often_the_mix_asks_it():
    from benchmark import mix_cpu

    weights = mix_cpu.weights()
    assert abs(sum(weights.values()) - 1.0) < 1e-9
    assert weights[("employee", "start page")] > weights[("coordinator", "ban register")]
    pages = [
        {"role": role, "label": label, "cpu_ms": 10.0}
        for role in ("employee", "manager", "coordinator", "reception")
        for labels in mix_cpu.KIND_LABELS.values()
        for label in labels
    ]
    report = [{"label": "annual report page 2025", "state": "warm", "cpu_ms": 900.0}]
    data = {"pages": pages, "report": report}
    figures = mix_cpu.summary(data)
    assert figures["median_cpu_ms"] == 10.0  # one costly page moves the mean, not the median
    assert figures["mean_cpu_ms"] > 10.0 and figures["unmeasured_share"] == 0.0
    for page in pages:
        if page["label"] == "start page":
            page["cpu_ms"] = 50.0  # a quarter of the requests or more are start pages...
    assert mix_cpu.summary(data)["median_cpu_ms"] == 10.0  # ...but fewer than half
    without_reception = {"pages": [p for p in pages if p["role"] != "reception"], "report": []}
    assert mix_cpu.summary(without_reception)["unmeasured_share"] > 0
