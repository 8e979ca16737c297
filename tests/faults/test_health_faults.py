"""Readiness tells the truth (issue 15): about the broker, with our own Redis on a free port
stopped and started again and a Redis that accepts connections but never answers; about the
database, whose dropped connection is replaced before the next request (CONN_HEALTH_CHECKS); and
the worker's compose health check pings a real worker through the broker."""

import json
import signal
import subprocess

import psycopg2
import pytest
import yaml
from django.core.handlers.wsgi import WSGIHandler
from django.db import connection
from django.test.client import RequestFactory
from django.utils import timezone

from gir.celery import app
from gir.models import SystemStatus
from tests.faults.conftest import CELERY, ROOT, Redis, wait_for

pytestmark = [pytest.mark.faults, pytest.mark.django_db]

REDIS_OPTIONS = {"socket_timeout": 1, "socket_connect_timeout": 1, "max_retries": 0}


def _use_broker(monkeypatch, url: str) -> None:
    # Celery copies the broker URL into broker_read_url/broker_write_url when it reads its
    # configuration (as CI's CELERY_BROKER_URL does): the probe writes, so patch all three.
    for key in ("broker_url", "broker_read_url", "broker_write_url"):
        monkeypatch.setitem(app.conf, key, url)


@pytest.fixture
def own_redis(tmp_path, monkeypatch):
    redis = Redis(tmp_path)
    redis.start()
    _use_broker(monkeypatch, redis.url)
    monkeypatch.setitem(app.conf, "broker_transport_options", REDIS_OPTIONS)
    SystemStatus.objects.create(name="deadline_scan", last_run_at=timezone.now())
    try:
        yield redis
    finally:
        redis.stop()


def _broker(client):
    response = client.get("/health/ready/")
    return response.status_code, response.json()["checks"]["broker"]


def test_readiness_follows_the_broker_going_down_and_coming_back(own_redis, client):
    assert _broker(client) == (200, {"status": "ok", "seconds": None, "limit": None, "error": ""})
    own_redis.stop()
    status, broker = _broker(client)
    assert status == 503 and broker["status"] == "fail" and broker["error"]
    assert client.get("/health/live/").status_code == 200
    own_redis.start()
    assert _broker(client)[0] == 200


def test_a_frozen_broker_is_reported_within_seconds(own_redis, client, silent_server, monkeypatch):
    _use_broker(monkeypatch, f"redis://127.0.0.1:{silent_server.port}/0")
    # It answers at all: the socket timeouts bound the probe (a default client would hang).
    status, broker = _broker(client)
    assert status == 503 and broker["status"] == "fail"


def _ready_through_wsgi() -> dict:
    """One request through Django's real WSGI handler, with the request_started/finished
    signals that open, check and keep connections (the test client switches those off)."""
    environ = RequestFactory()._base_environ(PATH_INFO="/health/ready/", REQUEST_METHOD="GET")
    body = b"".join(WSGIHandler()(environ, lambda status, headers: None))
    return json.loads(body)["checks"]["database"]


@pytest.mark.django_db(transaction=True)
def test_a_dropped_database_connection_is_replaced_before_the_next_request():
    """CONN_HEALTH_CHECKS: after a database restart the first request on an idle thread works."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL to drop the connection")
    assert _ready_through_wsgi()["status"] == "ok"
    assert connection.connection is not None  # kept for reuse (CONN_MAX_AGE)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    killer = psycopg2.connect(**connection.get_connection_params())
    killer.autocommit = True
    with killer.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(%s)", [pid])  # as a database restart would
    killer.close()
    assert _ready_through_wsgi() == {"status": "ok", "seconds": None, "limit": None, "error": ""}


def _compose_check(service: str, cluster, hostname: str) -> subprocess.CompletedProcess:
    """Run a service's health check command from docker-compose.yml as Docker would (CMD-SHELL,
    ``$$`` is compose's escape for ``$``), in an environment like the container's."""
    test = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"][service]["healthcheck"][
        "test"
    ]
    assert test[0] == "CMD-SHELL"
    command = test[1].replace("$$", "$").replace("celery ", f"{CELERY} ", 1)
    env = {**cluster.env(), "HOSTNAME": hostname}
    return subprocess.run(
        ["sh", "-c", command], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )


def test_the_worker_health_check_pings_the_worker_through_the_broker(cluster):
    """The compose check of ``worker``: healthy while it answers through Redis, unhealthy once
    the worker or the broker is gone."""
    worker = cluster.worker("celery")  # node name celery@fault, as celery@<container hostname>
    wait_for(lambda: _compose_check("worker", cluster, "fault").returncode == 0, 60, interval=1, what="pong")
    assert _compose_check("worker", cluster, "elsewhere").returncode != 0  # another node does not count
    cluster.redis.stop()
    assert _compose_check("worker", cluster, "fault").returncode != 0
    cluster.redis.start()
    wait_for(
        lambda: _compose_check("worker", cluster, "fault").returncode == 0, 60, interval=1, what="pong again"
    )
    cluster.kill(worker, signal.SIGTERM)
    assert _compose_check("worker", cluster, "fault").returncode != 0
