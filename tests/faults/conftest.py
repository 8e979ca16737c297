"""Real processes on 127.0.0.1: our own Redis, Celery workers and beats.

Each process is started here and stopped here by its own process id (never by name).
They share the PostgreSQL test database with the test (``transaction=True`` so rows are
committed and visible to them).
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
CELERY = ROOT / ".venv" / "bin" / "celery"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(predicate, timeout: float, interval: float = 0.25, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")


def _database_url() -> str:
    s = connection.settings_dict
    auth = s["USER"] + (f":{s['PASSWORD']}" if s.get("PASSWORD") else "")
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


class Redis:
    def __init__(self, workdir: Path):
        self.port = free_port()
        self.workdir = workdir
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                shutil.which("redis-server") or "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.workdir),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for(self.ping, 10, what="redis to answer")

    def ping(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as sock:
                sock.sendall(b"PING\r\n")
                return sock.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
        self.process = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"


class Cluster:
    """Our processes: Redis plus any number of workers and beats, all on one test database."""

    def __init__(self, tmp: Path):
        self.tmp = tmp
        self.mail_dir = tmp / "mail"
        self.mail_dir.mkdir()
        self.redis = Redis(tmp)
        self.processes: list[subprocess.Popen] = []
        self.mail_delay = 0.0
        self.broker_url: str | None = None  # default: our Redis

    def env(self) -> dict:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("CELERY_", "PYTEST_"))}
        env.update(
            DJANGO_SETTINGS_MODULE="tests.faults.settings_faults",
            DJANGO_SECRET_KEY="tests-only-not-secret",
            GIR_HTTPS="false",
            DATABASE_URL=_database_url(),
            CELERY_BROKER_URL=self.broker_url or self.redis.url,
            GIR_VAR_DIR=str(self.tmp / "var"),
            GIR_FAULT_MAIL_DIR=str(self.mail_dir),
            GIR_FAULT_MAIL_DELAY=str(self.mail_delay),
            GIR_LOG_LEVEL="WARNING",
            PYTHONPATH=str(ROOT),
        )
        return env

    def _spawn(self, args: list[str], name: str) -> subprocess.Popen:
        log = open(self.tmp / f"{name}.log", "ab")  # noqa: SIM115 - closed with the process
        process = subprocess.Popen(args, cwd=ROOT, env=self.env(), stdout=log, stderr=subprocess.STDOUT)
        self.processes.append(process)
        return process

    def worker(self, name: str) -> subprocess.Popen:
        # A solo pool: the worker is one process, so SIGKILL on its pid kills the running task.
        return self._spawn(
            [
                str(CELERY),
                "-A",
                "gir",
                "worker",
                "--pool=solo",
                "-n",
                f"{name}@fault",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                "-l",
                "warning",
            ],
            name,
        )

    def beat(self, name: str) -> subprocess.Popen:
        return self._spawn(
            [
                str(CELERY),
                "-A",
                "gir",
                "beat",
                "-s",
                str(self.tmp / f"{name}-schedule"),
                "--pidfile=",
                "-l",
                "warning",
            ],
            name,
        )

    def run_python(self, module: str, *args, timeout: float = 240) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", module, *map(str, args)],
            cwd=ROOT,
            env=self.env(),
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )

    def kill(self, process: subprocess.Popen, sig=signal.SIGKILL) -> None:
        if process.poll() is None:
            os.kill(process.pid, sig)
            process.wait(10)

    def stop_all(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                process.terminate()
        for process in self.processes:
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(5)
        self.redis.stop()

    def logs(self) -> str:
        return "\n".join(
            f"--- {p.name}\n{p.read_text(errors='replace')[-3000:]}" for p in self.tmp.glob("*.log")
        )


class SilentServer:
    """Accepts TCP connections and never answers: a hanging Redis."""

    def __init__(self):
        import threading

        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.port = self.sock.getsockname()[1]
        self.held: list[socket.socket] = []
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _addr = self.sock.accept()
            except OSError:
                return
            self.held.append(conn)

    def close(self) -> None:
        self.sock.close()
        for conn in self.held:
            conn.close()


@pytest.fixture
def silent_server():
    server = SilentServer()
    try:
        yield server
    finally:
        server.close()


@pytest.fixture
def cluster(transactional_db, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("fault tests run real worker and beat processes: they need PostgreSQL (production setup)")
    if not CELERY.exists() or shutil.which("redis-server") is None:
        pytest.skip("celery or redis-server not installed")
    c = Cluster(tmp_path)
    c.redis.start()
    try:
        yield c
    finally:
        c.stop_all()
