"""Write the benchmark's results as Markdown (benchmark/RESULTS.md)."""

from __future__ import annotations

import os
import platform

from django.db import connection
from django.utils import timezone


def _table(headers: list[str], rows: list[list]) -> list[str]:
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join("" if v is None else str(v) for v in row) + " |" for row in rows]
    return [*lines, ""]


def _machine() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        version = cursor.fetchone()[0]
    python = platform.python_version()
    return f"{platform.machine()}, {os.cpu_count()} cores, Python {python}, PostgreSQL {version}"


def write(path, *, scale, seeded, seed_seconds, pages, report, scan, letter, load, command) -> str:
    lines = [
        "# GIR benchmark results",
        "",
        f"Run on {timezone.localtime():%Y-%m-%d %H:%M} Europe/Amsterdam ({_machine()}), `{command}`.",
        f"Scale **{scale}** (1.0 = the QUALITY.md municipality). "
        + ("This is a reduced run; see the README of the benchmark for the full one." if scale < 1 else ""),
        "",
        "## Data",
        "",
        *_table(["what", "rows"], [[k, f"{v:,}"] for k, v in seeded.counts.items()]),
        f"Seeding took {seed_seconds:.0f} s." if seed_seconds else "Data of an earlier seed was reused.",
        "",
        "## Pages: queries, server time and the raw SQL the page needs",
        "",
        "Server time is the median of 5 requests through Django's test client (middleware, view, "
        "templates; no network). Raw SQL is the same SELECT statements executed on a plain cursor. "
        "Ratio = server / raw SQL.",
        "",
        *_table(
            ["page", "status", "queries", "server ms", "raw SQL ms", "ratio"],
            [
                [p["label"], p["status"], p["queries"], p["server_ms"], p["raw_sql_ms"], p["ratio"]]
                for p in pages
            ],
        ),
        "## Annual report (computed in the database)",
        "",
        *_table(
            ["what", "incidents", "queries", "ms", "raw SQL ms", "ratio"],
            [
                [
                    r["label"],
                    r.get("incidents", ""),
                    r["queries"],
                    r["server_ms"],
                    r.get("raw_sql_ms", ""),
                    r.get("ratio", ""),
                ]
                for r in report
            ],
        ),
        "## Deadline scan",
        "",
        f"{scan['rows']:,} deadline rows, {scan['open_rows']:,} open. One scan took {scan['scan_ms']} ms "
        f"({scan['scan_queries']} queries, {scan['handled']} notices sent).",
        "",
        *_table(
            ["stage", "index used", "seq scan on gir_deadline"],
            [[name, p["index"], p["seq_scan"]] for name, p in scan["plans"].items()],
        ),
    ]
    for name, p in scan["plans"].items():
        lines += [f"EXPLAIN ANALYZE, {name} stage:", "", "```", p["plan"], "```", ""]
    lines += [
        "## Letter PDF",
        "",
        f"{letter['label']}: {letter['ms']} ms",
        "",
        "## 50 concurrent users (gunicorn on loopback)",
        "",
        f"{load['users']} users ({load['logged_in']} logged in through the login form), "
        f"{load['requests']} requests in {load['wall_s']} s ({load['throughput_rps']} requests/s), "
        f"**{load['errors']} errors**. gunicorn with 2 workers × 8 threads on the same 2-core machine "
        "as PostgreSQL and the load generator.",
        "",
        *_table(
            ["page type", "requests", "median ms", "p95 ms"],
            [[r["kind"], r["requests"], r["median_ms"], r["p95_ms"]] for r in load["pages"]],
        ),
    ]
    text = "\n".join(lines)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)
    return text
