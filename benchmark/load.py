"""Open-loop load against gunicorn with the project's own settings, stepping the request rate.

Starts gunicorn with the shipped ``gunicorn.conf.py`` (2 workers x 4 threads unless the
environment says otherwise) on a free 127.0.0.1 port, logs sessions in through the real login
form, and sends the requests of ``mix.schedule`` at their scheduled times, whether or not
earlier ones have been answered. Latency counts from the scheduled time (a late send is the
server's delay too). Per step: percentiles, errors, CPU milliseconds per request of the
gunicorn processes and of the database's backends (from /proc), and memory per process.
Stops the gunicorn it started, by its process id. Loopback only; every loop is bounded.
"""

from __future__ import annotations

import http.client
import http.cookiejar
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from benchmark import mix, procstat, twofactor
from benchmark.sessions import Session, sessions_for

REQUEST_TIMEOUT = 30
P95_GOAL_MS = 300
BASE = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_gunicorn(port: int, env: dict, workers: int | None = None, threads: int | None = None):
    """gunicorn with the project's gunicorn.conf.py; workers/threads only to override it."""
    env = {
        **env,
        "GIR_BIND": f"127.0.0.1:{port}",
        "DJANGO_SETTINGS_MODULE": env.get("DJANGO_SETTINGS_MODULE", "gir.settings"),
    }
    if env["DJANGO_SETTINGS_MODULE"] == "benchmark.settings":
        env["DJANGO_SETTINGS_MODULE"] = "gir.settings"  # the product as shipped, without the peers
    if workers:
        env["GIR_WEB_WORKERS"] = str(workers)
    if threads:
        env["GIR_WEB_THREADS"] = str(threads)
    command = [
        str(Path(sys.executable).parent / "gunicorn"),
        "-c",
        str(BASE / "gunicorn.conf.py"),
        "gir.wsgi",
    ]
    # The log goes to a file, not a pipe: a pipe nobody reads fills up and blocks the workers.
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(command, cwd=BASE, env=env, stdout=subprocess.DEVNULL, stderr=log)  # noqa: S603
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and process.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/account/inloggen/", timeout=2):
                    return process
            except OSError:
                time.sleep(0.5)
        # Say which way it failed: a process that exited was noticed at once, not waited on.
        code = process.poll()
        reason = (
            f"gunicorn exited with code {code}" if code is not None else "gunicorn did not answer in 60 s"
        )
        stop(process)
        log.seek(0)
        tail = log.read()[-2000:].decode(errors="replace")
    raise RuntimeError(f"{reason}; its last output:\n{tail}")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def login(port: int, username: str, password: str) -> str:
    """Log in through the form; the Cookie header of the session."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    url = f"http://127.0.0.1:{port}/account/inloggen/"
    page = opener.open(url, timeout=REQUEST_TIMEOUT).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    data = urllib.parse.urlencode(
        {"username": username, "password": password, "csrfmiddlewaretoken": token.group(1) if token else ""}
    ).encode()
    response = opener.open(
        urllib.request.Request(url, data=data, headers={"Referer": url}), timeout=REQUEST_TIMEOUT
    )
    if response.geturl().endswith("/account/inloggen/"):
        raise RuntimeError(f"login of {username} failed")
    if "/tweede-stap/" in response.geturl():  # roles with personal data: the TOTP code
        page = response.read().decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        data = urllib.parse.urlencode(
            {"code": twofactor.code(), "csrfmiddlewaretoken": token.group(1) if token else ""}
        ).encode()
        here = response.geturl()  # our own loopback server
        second = urllib.request.Request(here, data=data, headers={"Referer": here})  # noqa: S310
        if "/tweede-stap/" in opener.open(second, timeout=REQUEST_TIMEOUT).geturl():
            raise RuntimeError(f"second factor of {username} failed")
    return "; ".join(f"{c.name}={c.value}" for c in jar)


def fetch(port: int, path: str, cookie: str) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=REQUEST_TIMEOUT)
    try:
        connection.request("GET", path, headers={"Cookie": cookie, "Host": "127.0.0.1"})
        response = connection.getresponse()
        response.read()
        return response.status
    except OSError:
        return -1
    finally:
        connection.close()


class BackendSampler:
    """CPU of the database's backends while a step runs: polled, since they come and go."""

    def __init__(self, database: str):
        self.database, self.first, self.last = database, {}, {}
        self._initial = True  # backends present at the start count from their value then
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _pids(self, cursor, own: int) -> list[int]:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> %s", [self.database, own]
        )
        return [row[0] for row in cursor.fetchall()]

    def _run(self) -> None:
        from django.db import connection

        own = procstat.backend_pid(connection)
        with connection.cursor() as cursor:
            while True:
                for pid in self._pids(cursor, own):
                    value = procstat.cpu_ms(pid)
                    self.first.setdefault(pid, value if self._initial else 0.0)
                    self.last[pid] = value or self.last.get(pid, 0.0)
                self._initial = False
                if self._stop.wait(0.5):
                    break
        connection.close()

    def start(self) -> None:
        self._thread.start()
        time.sleep(0.2)

    def stop(self) -> float:
        self._stop.set()
        self._thread.join(10)
        return sum(self.last[pid] - self.first.get(pid, 0.0) for pid in self.last)


def _web_pids(process) -> list[int]:
    return [process.pid, *procstat.children(process.pid)]


def run_step(port: int, process, sessions: list[Session], rate: float, seconds: float, database: str) -> dict:
    """One rate for ``seconds``: every scheduled request sent on time from a large thread pool."""
    by_role: dict[str, list[int]] = {}
    for index, session in enumerate(sessions):
        by_role.setdefault(session.role, []).append(index)
    plan = mix.schedule(
        rate, seconds, by_role, lambda s, kind, rng: sessions[s].path(kind, rng), seed=int(rate)
    )
    results: list[tuple[str, int, float]] = []
    web_before = {pid: procstat.cpu_ms(pid) for pid in _web_pids(process)}
    sampler = BackendSampler(database)
    sampler.start()

    def send(request: mix.Request, due: float) -> None:
        status = fetch(port, request.path, sessions[request.session].cookie)
        results.append((request.kind, status, time.perf_counter() - due))

    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=160) as pool:
        for request in plan:
            due = start + request.at
            time.sleep(max(0.0, due - time.perf_counter()))
            pool.submit(send, request, due)
    wall = time.perf_counter() - start
    db_ms = sampler.stop()
    web_ms = sum(procstat.cpu_ms(pid) - web_before.get(pid, 0.0) for pid in _web_pids(process))
    summary = mix.summarise(results)
    n = max(1, summary["requests"])
    summary.update(
        rate=rate,
        achieved_rps=round(summary["requests"] / wall, 1),
        cpu_web_ms=round(web_ms / n, 1),
        cpu_db_ms=round(db_ms / n, 1),
        cpu_total_ms=round((web_ms + db_ms) / n, 1),
    )
    return summary


def _memory(process, database: str) -> dict:
    from django.db import connection

    memory = {"gunicorn master": procstat.rss_mb(process.pid)}
    for k, pid in enumerate(procstat.children(process.pid)):
        memory[f"gunicorn worker {k + 1}"] = procstat.rss_mb(pid)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pid FROM pg_stat_activity WHERE datname = %s", [database])
        backends = [procstat.rss_mb(row[0]) for row in cursor.fetchall()]
    if backends:
        memory[f"postgres backend (mean of {len(backends)}; shared buffers counted in each)"] = round(
            sum(backends) / len(backends), 1
        )
    return memory


def _capacity(steps: list[dict]) -> float:
    good = [s["rate"] for s in steps if s["p95_ms"] <= P95_GOAL_MS and s["errors"] == 0]
    return max(good) if good else 0.0


def run_load(seeded, env: dict, rates: list[float], step_seconds: float = 30.0) -> dict:
    from django.db import connection

    database = connection.settings_dict["NAME"]
    port = free_port()
    process = start_gunicorn(port, env)
    try:
        from benchmark.seed import PASSWORD

        sessions = sessions_for(seeded, lambda user: login(port, user.username, PASSWORD))
        for session in sessions[:10]:  # templates compiled, connections opened: not part of a step
            fetch(port, session.path("start page", None), session.cookie)
        steps = []
        for rate in rates:
            steps.append(run_step(port, process, sessions, rate, step_seconds, database))
            last = steps[-1]
            if last["p95_ms"] > 3 * P95_GOAL_MS or last["errors"] > 0.05 * max(1, last["requests"]):
                break  # saturated: higher rates only queue longer
        memory = _memory(process, database)
    finally:
        stop(process)
    best = next((s for s in steps if s["rate"] == _capacity(steps)), steps[0])
    return {
        "setup": _setup(env, step_seconds, len(sessions)),
        "p95_goal_ms": P95_GOAL_MS,
        "capacity_rps": _capacity(steps),
        "steps": [{k: v for k, v in s.items() if k != "per_page"} for s in steps],
        "per_page": best["per_page"],
        "memory_mb": memory,
    }


def _setup(env: dict, step_seconds: float, sessions: int) -> str:
    workers, threads = env.get("GIR_WEB_WORKERS", "2"), env.get("GIR_WEB_THREADS", "4")
    return (
        f"gunicorn with the shipped gunicorn.conf.py ({workers} workers x {threads} threads), PostgreSQL and "
        f"the load generator on the same machine. {sessions} logged-in sessions; visits arrive as a Poisson "
        f"process, each a start page and then pages of its role's mix with a mean think time of "
        f"{mix.THINK_SECONDS:.0f} s (benchmark/mix.py). Each step runs {step_seconds:.0f} s; latency counts "
        "from the scheduled send time. CPU per request: gunicorn master and workers plus the database's "
        "backends, from /proc."
    )
