"""The benchmark run: seed a municipality in its own PostgreSQL database, then measure.

The run never touches the database it was started with: it creates (or reuses, with
``--reuse``) a database named ``--database`` on the same server and runs itself again with
DATABASE_URL pointing there. Results go to ``benchmark/results.json`` and ``RESULTS.md``.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlparse, urlunparse

from django.conf import settings
from django.core.management import call_command
from django.db import connection

CHILD = "GIR_BENCHMARK_CHILD"
HERE = Path(__file__).resolve().parent


class BenchmarkError(Exception):
    pass


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m benchmark", description=__doc__)
    p.add_argument("--scale", type=float, default=1.0, help="1.0 = 100,000 incidents; 0.1 for a quick run.")
    p.add_argument("--database", default="gir_bench", help="Benchmark database (name must contain 'bench').")
    p.add_argument("--reuse", action="store_true", help="Keep the data of an earlier seed.")
    p.add_argument("--output", default=str(HERE), help="Folder for results.json and RESULTS.md.")
    p.add_argument("--rates", default="5,10,20,30,40,50,60", help="Request rates (per second) to step.")
    p.add_argument("--step-seconds", type=float, default=30.0, help="Duration of each load step.")
    p.add_argument("--no-load", action="store_true", help="Skip the load test.")
    p.add_argument(
        "--seed-only", action="store_true", help="Seed (or check an earlier seed with --reuse) and stop."
    )
    p.add_argument("--note", default="", help="Conditions of this run (other load on the machine).")
    return p


def main(argv: list[str]) -> int:
    options = parser().parse_args(argv)
    try:
        if connection.vendor != "postgresql":
            raise BenchmarkError("The benchmark runs on PostgreSQL: set DATABASE_URL=postgres://.../any.")
        if "bench" not in options.database:
            raise BenchmarkError("The benchmark database name must contain 'bench' (it is recreated).")
        if os.environ.get(CHILD) != "1":
            return relaunch(options, argv)
        run(options, argv)
    except BenchmarkError as error:
        print(f"benchmark: {error}", file=sys.stderr)
        return 1
    return 0


def _create_database(name: str, reuse: bool) -> None:
    # Through the server's maintenance database, as Django's test runner does: the database in
    # DATABASE_URL need not exist on a fresh machine, and is never touched.
    with connection._nodb_cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        exists = cursor.fetchone() is not None
        if exists and not reuse:
            cursor.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
            exists = False
        if not exists:
            cursor.execute(f'CREATE DATABASE "{name}"')


def relaunch(options, argv: list[str]) -> int:
    """Create the benchmark database and run this command again inside it."""
    name = options.database
    if connection.settings_dict["NAME"] == name:
        raise BenchmarkError("Start the benchmark from another database; it manages its own.")
    _create_database(name, options.reuse)
    url = urlparse(os.environ["DATABASE_URL"])
    env = {
        **os.environ,
        CHILD: "1",
        "DATABASE_URL": urlunparse(url._replace(path=f"/{name}")),
        "GIR_VAR_DIR": os.environ.get("GIR_BENCH_VAR_DIR", str(Path(settings.BASE_DIR) / "var" / "bench")),
        "DJANGO_DEBUG": "false",
    }
    print(f"Benchmark database {name}; running the benchmark there.", flush=True)
    completed = subprocess.run([sys.executable, "-m", "benchmark", *argv], env=env, check=False)  # noqa: S603
    return completed.returncode


def step(text: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {text}", flush=True)


def _seed(options):
    from benchmark import seed
    from incidents.models import Incident

    if options.reuse and Incident.objects.filter(reference__startswith="B-").exists():
        return seed.load_existing(options.scale), 0.0
    step(f"seed at scale {options.scale}")
    start = time.perf_counter()
    seeded = seed.seed(options.scale)
    return seeded, time.perf_counter() - start


def run(options, argv: list[str]) -> dict:
    from benchmark import load, measure, mix_cpu, pdfs, results

    step("migrate and collect static files")
    call_command("migrate", verbosity=0)
    call_command("collectstatic", verbosity=0, interactive=False)
    seeded, seed_seconds = _seed(options)
    step(f"data: {seeded.counts}")
    if options.seed_only:
        step(f"seeded in {seed_seconds:.0f} s; measure later with --reuse")
        return {}
    data = results.start(options, argv, seeded, seed_seconds)
    step("pages beside their peers")
    data["pages"] = measure.pages(seeded)
    step("annual report, cold and warm")
    data["report"] = measure.annual_report(seeded)
    data["mix_cpu"] = mix_cpu.summary(data)
    step("PDFs")
    data["pdf"] = pdfs.measure(seeded)
    step("deadline scan")
    data["scan"] = measure.deadline_scan(seeded)
    if not options.no_load:
        rates = [float(r) for r in options.rates.split(",") if r.strip()]
        step(f"open-loop load at {rates} requests/s, {options.step_seconds:.0f} s each")
        connection.close()  # gunicorn's workers get their own connections
        data["load"] = load.run_load(seeded, dict(os.environ), rates=rates, step_seconds=options.step_seconds)
    path = results.write(Path(options.output), data)
    step(f"results written to {path}")
    return data
