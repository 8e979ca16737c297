"""``manage.py benchmark``: seed a realistic municipality in its own PostgreSQL database and
measure pages, the annual report, the deadline scan, a letter PDF and 50 concurrent users.

The command never touches the database it was started with: it creates (or reuses, with
``--reuse``) a database named ``--database`` (default ``h_bench``) on the same server and
runs itself again with DATABASE_URL pointing there. Results go to ``benchmark/RESULTS.md``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlparse, urlunparse

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

CHILD = "GIR_BENCHMARK_CHILD"


class Command(BaseCommand):
    help = "Seed a benchmark municipality in its own PostgreSQL database and write benchmark/RESULTS.md."

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale", type=float, default=1.0, help="1.0 = 100,000 incidents; 0.1 for a quick run."
        )
        parser.add_argument(
            "--database", default="h_bench", help="Benchmark database name (must contain 'bench')."
        )
        parser.add_argument("--reuse", action="store_true", help="Keep the data of an earlier seed.")
        parser.add_argument("--users", type=int, default=50)
        parser.add_argument("--requests", type=int, default=20, help="Requests per simulated user.")
        parser.add_argument("--output", default=str(Path(settings.BASE_DIR) / "benchmark" / "RESULTS.md"))

    def handle(self, *args, **options):
        if connection.vendor != "postgresql":
            raise CommandError("The benchmark runs on PostgreSQL: set DATABASE_URL=postgres://.../anything.")
        if "bench" not in options["database"]:
            raise CommandError(
                "The benchmark database name must contain 'bench' (it is dropped and recreated)."
            )
        if os.environ.get(CHILD) != "1":
            return self._relaunch(options)
        return self._run(options)

    def _relaunch(self, options):
        """Create the benchmark database and run this command again inside it."""
        name = options["database"]
        if connection.settings_dict["NAME"] == name:
            raise CommandError("Start the benchmark from another database; it manages its own.")
        connection.ensure_connection()
        connection.connection.autocommit = True
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            exists = cursor.fetchone() is not None
            if exists and not options["reuse"]:
                cursor.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
                exists = False
            if not exists:
                cursor.execute(f'CREATE DATABASE "{name}"')
        url = urlparse(os.environ["DATABASE_URL"])
        env = {
            **os.environ,
            CHILD: "1",
            "DATABASE_URL": urlunparse(url._replace(path=f"/{name}")),
            "GIR_VAR_DIR": os.environ.get(
                "GIR_BENCH_VAR_DIR", str(Path(settings.BASE_DIR) / "var" / "bench")
            ),
            "DJANGO_DEBUG": "false",
        }
        argv = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py"), "benchmark", *sys.argv[2:]]
        self.stdout.write(f"Benchmark database {name}; running the benchmark there.")
        completed = subprocess.run(argv, env=env, check=False)  # noqa: S603 - our own manage.py
        if completed.returncode:
            raise CommandError("The benchmark failed.")

    def _step(self, text: str) -> None:
        self.stdout.write(f"[{time.strftime('%H:%M:%S')}] {text}")
        self.stdout.flush()

    def _run(self, options):
        from benchmark import load, measure, results, seed
        from incidents.models import Incident

        scale = options["scale"]
        self._step("migrate and collect static files")
        call_command("migrate", verbosity=0)
        call_command("collectstatic", verbosity=0, interactive=False)
        seed_seconds = 0.0
        if options["reuse"] and Incident.objects.filter(reference__startswith="B-").exists():
            seeded = seed.load_existing(scale)
        else:
            self._step(f"seed at scale {scale}")
            start = time.perf_counter()
            seeded = seed.seed(scale)
            seed_seconds = time.perf_counter() - start
        self._step(f"data: {seeded.counts}")
        self._step("pages")
        pages = measure.pages(seeded)
        self._step("annual report")
        report = measure.annual_report(seeded)
        self._step("deadline scan")
        scan = measure.deadline_scan(seeded)
        self._step("letter PDF")
        letter = measure.letter_pdf(seeded)
        self._step(f"{options['users']} concurrent users against gunicorn")
        connection.close()  # gunicorn's workers get their own connections
        loaded = load.run_load(
            seeded,
            dict(os.environ),
            users=options["users"],
            requests_per_user=options["requests"],
            password=seed.PASSWORD,
        )
        command = "manage.py benchmark " + " ".join(sys.argv[2:])
        results.write(
            options["output"],
            scale=scale,
            seeded=seeded,
            seed_seconds=seed_seconds,
            pages=pages,
            report=report,
            scan=scan,
            letter=letter,
            load=loaded,
            command=command.strip(),
        )
        self._step(f"results written to {options['output']}")
