"""A task travels web → broker → a real worker process: on the embedded filesystem broker,
and on Redis when it is reachable (always in CI)."""

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from gir.models import SystemStatus

ROOT = Path(__file__).resolve().parents[2]


def _redis_url() -> str | None:
    url = os.environ.get("CELERY_BROKER_URL", "")
    if url.startswith("redis://"):
        return url
    try:
        import redis

        redis.Redis(host="127.0.0.1", port=6379, socket_connect_timeout=0.5).ping()
        return "redis://127.0.0.1:6379/15"
    except Exception:
        return None


def _database_url() -> str:
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    return f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def _start_worker(broker_url: str, var_dir: Path) -> subprocess.Popen:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "gir.settings_test",
        "DATABASE_URL": _database_url(),
        "CELERY_BROKER_URL": broker_url,
        "GIR_VAR_DIR": str(var_dir),
    }
    queue = f"q-{uuid.uuid4().hex[:8]}"
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "gir",
            "worker",
            "--pool=solo",
            "-Q",
            queue,
            "--loglevel=WARNING",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    process.queue = queue
    return process


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


def _send_and_wait(broker_url: str, var_dir: Path) -> bool:
    """Send the real heartbeat task to a worker of its own and wait (generously) for its row."""
    from gir.celery import app
    from gir.tasks import heartbeat

    assert not SystemStatus.objects.filter(name="heartbeat").exists()
    worker = _start_worker(broker_url, var_dir)
    try:
        with app.connection_for_write(broker_url) as conn:
            heartbeat.apply_async(queue=worker.queue, connection=conn)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if SystemStatus.objects.filter(name="heartbeat").exists():
                return True
            if worker.poll() is not None:
                raise AssertionError(worker.stderr.read().decode()[-2000:])
            time.sleep(0.3)
        return False
    finally:
        _stop(worker)


@pytest.mark.django_db(transaction=True)
def test_a_task_travels_through_the_embedded_filesystem_broker(tmp_path):
    var_dir = tmp_path
    for sub in ("out", "processed", "control"):
        (var_dir / "broker" / sub).mkdir(parents=True)
    from gir.celery import app

    app.conf.broker_transport_options = {
        "data_folder_in": str(var_dir / "broker" / "out"),
        "data_folder_out": str(var_dir / "broker" / "out"),
        "processed_folder": str(var_dir / "broker" / "processed"),
        "control_folder": str(var_dir / "broker" / "control"),
    }
    try:
        assert _send_and_wait("filesystem://", var_dir)
    finally:
        app.conf.broker_transport_options = settings.CELERY_BROKER_TRANSPORT_OPTIONS


@pytest.mark.django_db(transaction=True)
def test_a_task_travels_through_redis(tmp_path):
    url = _redis_url()
    if url is None:
        pytest.skip("no Redis reachable on 127.0.0.1:6379 and CELERY_BROKER_URL is not Redis")
    from gir.celery import app

    saved = app.conf.broker_transport_options
    app.conf.broker_transport_options = {"socket_timeout": 2, "socket_connect_timeout": 2}
    try:
        assert _send_and_wait(url, tmp_path)
    finally:
        app.conf.broker_transport_options = saved


@pytest.mark.django_db
def test_heartbeat_records_its_run_for_the_beheerder(client):
    from gir.tasks import heartbeat

    heartbeat()
    assert SystemStatus.objects.get(name="heartbeat").last_run_at is not None


def test_celery_is_configured_for_safe_redelivery():
    from gir.celery import app

    assert app.conf.task_acks_late is True
    assert app.conf.task_reject_on_worker_lost is True
    assert app.conf.worker_prefetch_multiplier == 1
    assert app.conf.task_ignore_result is True
    assert app.conf.task_time_limit and app.conf.task_soft_time_limit
    schedule = settings.CELERY_BEAT_SCHEDULE
    assert schedule["heartbeat"]["schedule"] <= 60 and schedule["deadline-scan"]["schedule"] <= 60
