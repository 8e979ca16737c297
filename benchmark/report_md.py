"""RESULTS.md from the results of a run and the run before it."""

from __future__ import annotations


def _table(headers: list[str], rows: list[list]) -> list[str]:
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join("" if v is None else str(v) for v in row) + " |" for row in rows]
    return [*lines, ""]


def _before(previous: dict | None, section: str, key: tuple, field: str = "ms"):
    """The same row's figure in the previous run (matched on label, role and state)."""
    for row in (previous or {}).get(section) or []:
        if (row.get("label"), row.get("role"), row.get("state")) == key:
            return row.get(field)
    return None


def _header(data: dict, previous: dict | None) -> list[str]:
    lines = [
        "# GIR benchmark results",
        "",
        f"Run of {data['started']} (Europe/Amsterdam) on {data['machine']}: `{data['command']}`, "
        f"scale **{data['scale']}** (1.0 = the QUALITY.md municipality).",
        f"Load average (1, 5, 15 min) at the start {data['load_average_at_start']}, "
        f"at the end {data.get('load_average_at_end')}. {data.get('note', '')}",
        "",
        f"CPU speed: a fixed pure-Python loop (`results.cpu_calibration_ms`) took "
        f"{data.get('cpu_calibration_ms', 'not measured')} ms of CPU"
        + (f" (previous run: {previous.get('cpu_calibration_ms', 'not measured')} ms)" if previous else "")
        + ". Figures of runs on machines of different speed compare only beside it.",
        "",
        "Cold = the first request after the shared cache was emptied; warm = the median of the "
        "requests after it. CPU ms = CPU time of the Django process plus its PostgreSQL backend "
        "(from /proc; the backend's in nanoseconds since 2026-12-01, in 10 ms ticks before), per "
        "request, the median of the warm requests (the mean before 2026-12-01): unlike wall time, "
        "other load on the machine does not inflate it.",
        "",
    ]
    if previous:
        lines += [
            f"Previous run beside it: {previous['started']}, `{previous['command']}`, "
            f"scale {previous['scale']}. {previous.get('note', '')}",
            "",
        ]
    lines += ["## Data", "", *_table(["what", "rows"], [[k, f"{v:,}"] for k, v in data["data"].items()])]
    return lines


def _pages(data: dict, previous: dict | None) -> list[str]:
    rows = []
    for p in data.get("pages", []):
        key = (p["label"], p["role"], p.get("state"))
        rows.append(
            [
                p["role"],
                p["label"],
                p["status"],
                p["queries"],
                p["cold_ms"],
                p["ms"],
                p["cpu_ms"],
                p.get("peer_ms"),
                p.get("peer_queries"),
                p.get("ratio"),
                _before(previous, "pages", key),
            ]
        )
    headers = [
        "role",
        "page",
        "status",
        "queries",
        "cold ms",
        "warm ms",
        "warm CPU ms",
        "peer ms",
        "peer queries",
        "page / peer",
        "previous warm ms",
    ]
    return [
        "## Main pages beside their peers",
        "",
        "The peer is the plainest idiomatic Django view of the same data (benchmark/peers.py), "
        "requested alternately with the page.",
        "",
        *_table(headers, rows),
        *_mix_cpu(data.get("mix_cpu"), (previous or {}).get("mix_cpu")),
    ]


def _mix_cpu(mix: dict | None, before: dict | None) -> list[str]:
    if not mix:
        return []
    was = f" (previous run: median {before['median_cpu_ms']}, mean {before['mean_cpu_ms']})" if before else ""
    return [
        f"**CPU per request over the load test's mix** (the warm figures above, weighted by how often "
        f"the mix asks each page; benchmark/mix_cpu.py): median **{mix['median_cpu_ms']} ms**, mean "
        f"{mix['mean_cpu_ms']} ms{was}. Share of the mix not measured here: {mix['unmeasured_share']}.",
        "",
    ]


def _timed(title: str, section: str, data: dict, previous: dict | None) -> list[str]:
    rows = [
        [
            r["label"],
            r["state"],
            r.get("queries", ""),
            r["ms"],
            r.get("cpu_ms", ""),
            _before(previous, section, (r["label"], r.get("role"), r["state"])),
        ]
        for r in data.get(section, [])
    ]
    return [f"## {title}", "", *_table(["what", "cold/warm", "queries", "ms", "CPU ms", "previous ms"], rows)]


def _scan(scan: dict) -> list[str]:
    lines = [
        "## Deadline scan",
        "",
        f"{scan['rows']:,} deadline rows, {scan['open_rows']:,} open. One scan took {scan['scan_ms']} ms "
        f"({scan['scan_cpu_ms']} CPU ms, {scan['scan_queries']} queries, {scan['handled']} notices).",
        "",
        *_table(
            ["stage", "index used", "seq scan on gir_deadline"],
            [[n, p["index"], p["seq_scan"]] for n, p in scan["plans"].items()],
        ),
    ]
    for name, p in scan["plans"].items():
        lines += [f"EXPLAIN ANALYZE, {name} stage:", "", "```", p["plan"], "```", ""]
    return lines


def _load(load: dict, previous: dict | None) -> list[str]:
    before = (previous or {}).get("load") or {}
    lines = [
        "## Capacity: open-loop load against gunicorn",
        "",
        load["setup"],
        "",
        f"**Highest rate with p95 ≤ {load['p95_goal_ms']} ms and 0 errors: "
        f"{load['capacity_rps']} requests/s**"
        + (f" (previous run: {before.get('capacity_rps')})." if before else "."),
        "",
    ]
    headers = [
        "offered req/s",
        "achieved req/s",
        "requests",
        "errors",
        "p50 ms",
        "p95 ms",
        "p99 ms",
        "CPU ms/req web",
        "CPU ms/req db",
        "CPU ms/req total",
    ]
    rows = [
        [
            s["rate"],
            s["achieved_rps"],
            s["requests"],
            s["errors"],
            s["p50_ms"],
            s["p95_ms"],
            s["p99_ms"],
            s["cpu_web_ms"],
            s["cpu_db_ms"],
            s["cpu_total_ms"],
        ]
        for s in load["steps"]
    ]
    lines += _table(headers, rows)
    lines += ["Per page type, at the highest rate that met the goal (or the first step):", ""]
    lines += _table(
        ["page type", "requests", "p50 ms", "p95 ms"],
        [[k, v["requests"], v["p50_ms"], v["p95_ms"]] for k, v in load["per_page"].items()],
    )
    lines += ["Memory (resident, MiB) after the last step:", ""]
    lines += _table(["process", "RSS MiB"], [[k, v] for k, v in load["memory_mb"].items()])
    return lines


def render(data: dict, previous: dict | None) -> str:
    lines = _header(data, previous)
    lines += _pages(data, previous)
    lines += _timed("Annual report and charts (computed in the database)", "report", data, previous)
    lines += _timed("PDFs", "pdf", data, previous)
    if data.get("scan"):
        lines += _scan(data["scan"])
    if data.get("load"):
        lines += _load(data["load"], previous)
    return "\n".join(lines)
