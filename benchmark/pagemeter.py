"""A quick in-process meter of the main pages beside their peers, on an existing seed.

For work on a page's cost between benchmark runs: queries, and CPU per request of this process
and of its PostgreSQL backend (from /proc), warm, the peer right after its page. Run it with
DATABASE_URL pointing at a seeded benchmark database (``python -m benchmark --seed-only``)::

    DATABASE_URL=postgres://.../gir_bench .venv/bin/python -m benchmark.pagemeter "start page" --repeat 20

Positional arguments keep only the pages whose "role: label" contains one of them; ``--queries``
prints each page's SQL. Only comparisons made in the same conditions mean something.
"""

from __future__ import annotations

import argparse
import os
import sys
import time


def _cpu(backend: int) -> tuple[float, float]:
    from benchmark import procstat

    return time.process_time() * 1000, procstat.cpu_ms_precise(backend)


def _measure(client, url: str, repeat: int, backend: int) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(2):  # templates compiled, caches filled
        client.get(url)
    web, db = _cpu(backend)
    for _ in range(repeat):
        client.get(url)
    web_after, db_after = _cpu(backend)
    with CaptureQueriesContext(connection) as queries:
        status = client.get(url).status_code
    return {
        "status": status,
        "queries": len(queries),
        "sql": [q["sql"] for q in queries],
        "web_ms": round((web_after - web) / repeat, 1),
        "db_ms": round((db_after - db) / repeat, 1),
    }


def measure(seeded, only: list[str] | None = None, repeat: int = 10) -> list[dict]:
    """One row per main page (and its peer), warm."""
    from django.db import connection
    from django.test import Client

    from benchmark import procstat
    from benchmark.scenarios import main_pages, page_url
    from benchmark.twofactor import verified_login

    connection.ensure_connection()
    backend = procstat.backend_pid(connection)
    client, rows = Client(HTTP_HOST="127.0.0.1"), []
    for page in main_pages(seeded):
        label = f"{page.role}: {page.label}"
        if only and not any(word in label for word in only):
            continue
        verified_login(client, page.user)
        row = {"label": label, **_measure(client, page_url(client, page), repeat, backend)}
        if page.peer_url:
            row["peer"] = _measure(client, page.peer_url, repeat, backend)
        rows.append(row)
    return rows


def _line(row: dict) -> str:
    cpu = row["web_ms"] + row["db_ms"]
    text = f"{row['label']:52s} {row['status']} q={row['queries']:3d}"
    text += f" cpu={row['web_ms']:6.1f}+{row['db_ms']:5.1f}"
    if "peer" in row:
        peer = row["peer"]["web_ms"] + row["peer"]["db_ms"]
        text += f"  peer={peer:6.1f} (q={row['peer']['queries']}) ratio={cpu / peer if peer else 0:.2f}"
    return text


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmark.pagemeter", description=__doc__)
    parser.add_argument("only", nargs="*", help="keep pages whose 'role: label' contains one of these")
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--queries", action="store_true", help="print each page's SQL")
    options = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchmark.settings")
    import django

    django.setup()
    from benchmark import seed

    for row in measure(seed.load_existing(0.0), options.only, options.repeat):
        print(_line(row), flush=True)
        if options.queries:
            print("\n".join(f"    {sql[:200]}" for sql in row["sql"]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
