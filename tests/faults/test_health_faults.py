"""Readiness tells the truth about the broker (issue 15): our own Redis on a free port,
stopped and started again, and a Redis that accepts connections but never answers."""

import pytest
from django.utils import timezone

from gir.celery import app
from gir.models import SystemStatus
from tests.faults.conftest import Redis

pytestmark = [pytest.mark.faults, pytest.mark.django_db]

REDIS_OPTIONS = {"socket_timeout": 1, "socket_connect_timeout": 1, "max_retries": 0}


@pytest.fixture
def own_redis(tmp_path, monkeypatch):
    redis = Redis(tmp_path)
    redis.start()
    monkeypatch.setitem(app.conf, "broker_url", redis.url)
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
    monkeypatch.setitem(app.conf, "broker_url", f"redis://127.0.0.1:{silent_server.port}/0")
    # It answers at all: the socket timeouts bound the probe (a default client would hang).
    status, broker = _broker(client)
    assert status == 503 and broker["status"] == "fail"
