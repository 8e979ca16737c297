"""50 concurrent users against gunicorn on loopback: bounded, stops by itself.

Starts its own gunicorn on 127.0.0.1 (an unusual free port), logs every simulated user in
through the real login form, has each user make a fixed number of requests over the main
page types, and stops the gunicorn process it started (by its process id). Only loopback
traffic; every loop is bounded in count and time.
"""

from __future__ import annotations

import http.cookiejar
import random
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

REQUEST_TIMEOUT = 30
TOTAL_TIMEOUT = 600


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_gunicorn(port: int, env: dict, workers: int = 2, threads: int = 8) -> subprocess.Popen:
    base = Path(__file__).resolve().parent.parent
    command = [
        str(Path(sys.executable).parent / "gunicorn"),
        "gir.wsgi",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--threads",
        str(threads),
        "--timeout",
        "60",
        "--log-level",
        "warning",
    ]
    # gunicorn's log goes to a file, not a pipe: a pipe nobody reads fills up after 64 KiB of
    # warnings and then blocks the workers mid-request.
    with tempfile.TemporaryFile() as log:  # gunicorn keeps its own handle to it
        process = subprocess.Popen(command, cwd=base, env=env, stdout=subprocess.DEVNULL, stderr=log)  # noqa: S603
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and process.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/account/inloggen/", timeout=2):
                    return process
            except OSError:
                time.sleep(0.5)
        stop(process)
        log.seek(0)
        tail = log.read()[-2000:].decode(errors="replace")
    raise RuntimeError(f"gunicorn did not start; its last output:\n{tail}")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


class User:
    def __init__(self, base: str, username: str, password: str, urls: list[tuple[str, str]]):
        self.base, self.username, self.password, self.urls = base, username, password, urls
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def _csrf(self) -> str:
        return next((c.value for c in self.jar if c.name == "csrftoken"), "")

    def login(self) -> bool:
        page = self.opener.open(self.base + "/account/inloggen/", timeout=REQUEST_TIMEOUT).read().decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        data = urllib.parse.urlencode(
            {
                "username": self.username,
                "password": self.password,
                "csrfmiddlewaretoken": token.group(1) if token else "",
            }
        ).encode()
        request = urllib.request.Request(  # noqa: S310 - loopback http only
            self.base + "/account/inloggen/", data=data, headers={"Referer": self.base + "/account/inloggen/"}
        )
        response = self.opener.open(request, timeout=REQUEST_TIMEOUT)
        return not response.geturl().endswith("/account/inloggen/")

    def run(self, requests: int, results: list, rng: random.Random, stop_at: float) -> None:
        for _ in range(requests):
            if time.monotonic() > stop_at:
                return
            kind, path = rng.choice(self.urls)
            start = time.perf_counter()
            status = 0
            try:
                with self.opener.open(self.base + path, timeout=REQUEST_TIMEOUT) as response:
                    response.read()
                    status = response.status
            except urllib.error.HTTPError as error:
                status = error.code
            except OSError:
                status = -1
            results.append((kind, status, time.perf_counter() - start))


def _urls_for(role: str, sample_ids: list[int], year: int) -> list[tuple[str, str]]:
    urls = [("start page", "/"), ("my tasks", "/mijn-taken/"), ("incident list", "/incidenten/overzicht/")]
    if role in ("manager", "coordinator"):
        urls += [("incident detail", f"/incidenten/{pk}/") for pk in sample_ids]
        urls += [
            ("reports dashboard", "/rapportages/"),
            ("incident list filtered", "/incidenten/overzicht/?form=bedreiging"),
        ]
    if role == "coordinator":
        urls += [("annual report page", f"/rapportages/jaarverslag/?year={year}")]
    return urls


def run_load(seeded, env: dict, users: int = 50, requests_per_user: int = 20, password: str = "") -> dict:
    from incidents.models import Incident

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    process = start_gunicorn(port, env)
    try:
        year = seeded.years[1]
        people = []
        coordinators = seeded.coordinators[: max(1, users // 10)]
        managers = seeded.managers[: max(1, users * 3 // 10)]
        employees = seeded.employees[: users - len(coordinators) - len(managers)]
        for role, accounts in [("coordinator", coordinators), ("manager", managers), ("employee", employees)]:
            for account in accounts:
                scope = Incident.objects.filter(reference__startswith="B-")
                if role == "manager":
                    scope = scope.filter(department__managers=account)
                ids = list(scope.order_by("-occurred_at").values_list("pk", flat=True)[:20])
                people.append(User(base, account.username, password, _urls_for(role, ids, year)))
        logged_in = sum(1 for person in people if person.login())
        results: list = []
        stop_at = time.monotonic() + TOTAL_TIMEOUT
        threads = [
            threading.Thread(target=p.run, args=(requests_per_user, results, random.Random(k), stop_at))  # noqa: S311
            for k, p in enumerate(people)
        ]
        start = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(TOTAL_TIMEOUT)
        wall = time.perf_counter() - start
    finally:
        stop(process)
    return _summary(results, len(people), logged_in, wall)


def _summary(results: list, users: int, logged_in: int, wall: float) -> dict:
    by_kind: dict[str, list] = {}
    errors = 0
    for kind, status, seconds in results:
        by_kind.setdefault(kind, []).append(seconds)
        if status != 200:
            errors += 1
    rows = []
    for kind, times in sorted(by_kind.items()):
        times.sort()
        p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
        rows.append(
            {
                "kind": kind,
                "requests": len(times),
                "median_ms": round(statistics.median(times) * 1000),
                "p95_ms": round(p95 * 1000),
            }
        )
    return {
        "users": users,
        "logged_in": logged_in,
        "requests": len(results),
        "errors": errors,
        "wall_s": round(wall, 1),
        "throughput_rps": round(len(results) / wall, 1) if wall else 0,
        "pages": rows,
    }
