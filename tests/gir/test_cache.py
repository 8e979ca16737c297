"""The shared cache: one computation per key under concurrency, invalidation when the data
changes, and pages that keep working when Redis is away."""

from __future__ import annotations

import socket
import threading
import time

import pytest
import time_machine
from django.core.cache import cache, caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gir import cache as shared
from gir.models import Organisation


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _redis_or_skip(db: int = 7):
    from gir.cache import ResilientRedisCache

    backend = ResilientRedisCache(f"redis://127.0.0.1:6379/{db}", {"KEY_PREFIX": f"gir-test-{_free_port()}"})
    try:
        import redis

        redis.Redis(host="127.0.0.1", port=6379, socket_connect_timeout=0.5).ping()
    except Exception:
        pytest.skip("no Redis on 127.0.0.1:6379")
    return backend


def _race(compute, key: str, threads: int = 8) -> list:
    start, answers = threading.Barrier(threads), []

    def one():
        start.wait()
        answers.append(shared.single_flight(key, compute, 60))

    workers = [threading.Thread(target=one) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(30)
    return answers


def test_a_missing_value_is_computed_once_however_many_ask_at_once():
    calls = []

    def compute():
        calls.append(1)
        time.sleep(0.3)
        return {"figures": 42}

    answers = _race(compute, "race-test")
    assert len(calls) == 1
    assert answers == [{"figures": 42}] * 8


def test_the_file_cache_lock_is_taken_by_exactly_one_caller():
    key, won = "lock:add-test", []
    start = threading.Barrier(8)

    def one():
        start.wait()
        won.append(cache.add(key, 1, 30))

    workers = [threading.Thread(target=one) for _ in range(8)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(10)
    assert won.count(True) == 1


def test_others_get_the_previous_value_while_one_computes_the_new():
    cache.set("last:report", "old figures", 60)
    cache.add("lock:report:v2", 1, 60)  # someone is computing the new version
    value = shared.single_flight("report:v2", lambda: "new figures", 60, stale_key="last:report")
    assert value == "old figures"


def test_redis_shares_the_single_flight_lock_between_callers():
    redis_cache = _redis_or_skip()
    assert redis_cache.add("lock", 1, 30) is True
    assert redis_cache.add("lock", 1, 30) is False
    redis_cache.delete("lock")


def test_an_unreachable_redis_is_an_empty_cache_not_an_error():
    from gir.cache import ResilientRedisCache

    away = ResilientRedisCache(
        f"redis://127.0.0.1:{_free_port()}/0", {"OPTIONS": {"socket_connect_timeout": 0.5}}
    )
    assert away.get("anything", "default") == "default"
    away.set("anything", 1)
    assert away.add("lock", 1) is True, "without a lock everyone computes: slower, never stuck"
    assert away.get_many(["a", "b"]) == {}


@pytest.mark.django_db(transaction=True)
@time_machine.travel("2026-11-23 10:00Z")
def test_the_report_cache_computes_once_under_concurrent_requests(world, monkeypatch):
    from reports.services import report as report_module
    from reports.services.cache import build_report_cached
    from reports.services.params import ReportParams
    from tests.incidents.factories import file_incident

    file_incident(world.employee)
    real, calls = report_module.build_report, []

    def counted(user, params):
        calls.append(1)
        return real(user, params)

    monkeypatch.setattr(report_module, "build_report", counted)
    params = ReportParams.for_year(2026)
    answers = _race(lambda: build_report_cached(world.coordinator, params), "outer-race", threads=6)
    connection.close()
    assert len(calls) == 1
    assert len({id(a) for a in answers}) >= 1 and all(a.title == answers[0].title for a in answers)


@time_machine.travel("2026-11-23 10:00Z")
def test_a_change_to_the_data_invalidates_the_cached_report(world):
    from reports.services.cache import build_report_cached
    from reports.services.params import ReportParams
    from tests.incidents.factories import file_incident

    params = ReportParams.for_year(2026)
    file_incident(world.employee)
    first = build_report_cached(world.coordinator, params)
    assert build_report_cached(world.coordinator, params) is not None
    with CaptureQueriesContext(connection) as hit:
        build_report_cached(world.coordinator, params)
    assert len(hit.captured_queries) <= 2, "a cache hit asks the database nothing but permissions"
    file_incident(world.employee)
    second = build_report_cached(world.coordinator, params)
    assert second.generated_at >= first.generated_at
    assert second.table("key_figures").rows[0][1] != first.table("key_figures").rows[0][1]


def test_the_header_reads_the_organisation_from_the_cache_until_it_is_saved(world, client):
    client.force_login(world.employee)
    client.get("/")
    with CaptureQueriesContext(connection) as ctx:
        client.get("/")
    assert not any("gir_organisation" in q["sql"] for q in ctx.captured_queries)
    org = Organisation.get()
    org.name = "Gemeente Nieuwdorp"
    org.save()
    assert "Gemeente Nieuwdorp" in client.get("/").content.decode()


def test_the_configured_cache_is_the_shared_one():
    assert caches["default"].__class__.__name__ in {"FileCache", "ResilientRedisCache"}


def test_redis_client_is_built_once_per_connection_pool():
    """Django builds a redis.Redis per call (~80 µs of CPU each); ours keeps one per pool."""
    redis_cache = _redis_or_skip()
    redis_cache.set("key", "value", 30)
    client = redis_cache._cache.get_client(write=True)
    assert redis_cache._cache.get_client(write=False) is client
    assert redis_cache.get("key") == "value"
    redis_cache.delete("key")
