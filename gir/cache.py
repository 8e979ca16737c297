"""The one shared cache: backends, single-flight computation, and invalidation by version.

Every web and worker process uses the same cache (``CACHES`` in settings: Redis in
production, files under GIR_VAR_DIR in the embedded setup), so a report computed by one
gunicorn worker serves them all. ``single_flight`` computes a missing value once per key: the
first caller takes a lock key (``cache.add`` is atomic in both backends), the others get the
previous value at once or wait briefly for the new one. Values derived from data are keyed
with a *version* (``versioned_key``) that the data's changes bump (``bump``), so a change is
visible at the next request without deleting keys one by one.

The cache is never the source of truth: when Redis is away, a read is a miss and a write is
skipped, and every page still works (DESIGN.md: nothing depends on Redis being up).
"""

from __future__ import annotations

import logging
import os
import tempfile
import time
from collections.abc import Callable

from django.core.cache import cache
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.filebased import FileBasedCache
from django.core.cache.backends.redis import RedisCache, RedisCacheClient

logger = logging.getLogger(__name__)

LOCK_SECONDS = 60  # longer than any computation behind a lock; a crashed holder frees it then
WAIT_SECONDS = 15  # how long a second caller waits for the first one's value
POLL_SECONDS = 0.05


class FileCache(FileBasedCache):
    """Django's file cache with an atomic ``add`` (a hard link fails when the file exists), so
    the single-flight lock holds across the processes of one machine."""

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        if self.has_key(key, version):  # also removes an expired file
            return False
        self._createdir()
        fd, tmp_path = tempfile.mkstemp(dir=self._dir)
        try:
            with open(fd, "wb") as handle:
                self._write_content(handle, timeout, value)
            os.link(tmp_path, self._key_to_file(key, version))
        except FileExistsError:
            return False
        finally:
            os.remove(tmp_path)
        return True


def _redis_errors() -> tuple[type[Exception], ...]:
    from redis.exceptions import ConnectionError as RedisConnectionError
    from redis.exceptions import TimeoutError as RedisTimeoutError

    return (RedisConnectionError, RedisTimeoutError, OSError)


# What each operation answers while Redis is away: a miss, a skipped write, a free lock.
_FALLBACKS: dict[str, Callable] = {
    "get": lambda key, default=None, version=None: default,
    "get_many": lambda *a, **k: {},
    "has_key": lambda *a, **k: False,
    "add": lambda *a, **k: True,
    "set": lambda *a, **k: None,
    "set_many": lambda *a, **k: [],
    "touch": lambda *a, **k: False,
    "delete": lambda *a, **k: False,
    "delete_many": lambda *a, **k: None,
    "incr": lambda key, delta=1, version=None: delta,
    "clear": lambda *a, **k: None,
}


DOWN_SECONDS = 30  # after a failure, this process leaves Redis alone for a while


def _tolerant(name: str):
    method, fallback = getattr(RedisCache, name), _FALLBACKS[name]

    def call(self, *args, **kwargs):
        if time.monotonic() < self.down_until:  # a hanging Redis costs one timeout, not one per call
            return fallback(*args, **kwargs)
        try:
            return method(self, *args, **kwargs)
        except _redis_errors():
            logger.warning("Cache unavailable (%s); carrying on without it", name)
            self.down_until = time.monotonic() + DOWN_SECONDS
            return fallback(*args, **kwargs)

    call.__name__ = name
    return call


class ReusedClientRedis(RedisCacheClient):
    """Django's Redis client, keeping one ``redis.Redis`` per connection pool.

    Django builds a new ``redis.Redis`` for every cache call; building one (it registers its
    ~170 response callbacks) cost ~80 µs of CPU, most of a cache read, and a page makes several
    (session, permissions, second factor, organisation). A ``redis.Redis`` is safe to share
    between threads: each command takes its own connection from the pool.
    """

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        clients = self.__dict__.setdefault("_gir_clients", {})
        client = clients.get(id(pool))
        if client is None:
            client = clients[id(pool)] = self._client(connection_pool=pool)
        return client


class ResilientRedisCache(RedisCache):
    """Django's Redis cache that treats an unreachable or hanging Redis as an empty cache."""

    down_until = 0.0

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClientRedis


for _name in _FALLBACKS:
    setattr(ResilientRedisCache, _name, _tolerant(_name))


def version(namespace: str) -> str:
    """The current version of a namespace of derived values ("0" until first bumped)."""
    return str(cache.get(f"version:{namespace}", "0"))


def bump(namespace: str) -> None:
    """Invalidate every value of the namespace: later keys carry a new version.

    A fresh token rather than ``incr``: two processes bumping at once still change it.
    """
    cache.set(f"version:{namespace}", time.time_ns(), None)


def versioned_key(namespace: str, identity: str) -> str:
    return f"{namespace}:{version(namespace)}:{identity}"


def single_flight(key: str, compute: Callable[[], object], timeout: int, *, stale_key: str | None = None):
    """The cached value of ``key``, computed by exactly one caller when it is missing.

    The caller that takes the lock computes and stores; the others return the last value
    stored under ``stale_key`` (the previous version's) when there is one, or wait up to
    ``WAIT_SECONDS`` for the new value. A caller whose wait runs out computes itself, so a
    crashed holder costs time, never an answer.
    """
    value = cache.get(key)
    if value is not None:
        return value
    lock = f"lock:{key}"
    if cache.add(lock, os.getpid(), LOCK_SECONDS):
        try:
            value = compute()
            cache.set(key, value, timeout)
            if stale_key:
                cache.set(stale_key, value, timeout * 4)
        finally:
            cache.delete(lock)
        return value
    if stale_key and (stale := cache.get(stale_key)) is not None:
        return stale
    return _wait_for(key, lock) or compute()


def _wait_for(key: str, lock: str):
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        time.sleep(POLL_SECONDS)
        value = cache.get(key)
        if value is not None:
            return value
        if not cache.has_key(lock):  # the holder gave up (an error): compute ourselves
            return cache.get(key)
    return None


ORGANISATION_KEY = "organisation"
ORGANISATION_SECONDS = 3600


def organisation():
    """The organisation row for the page header, from the cache (dropped when it is saved)."""
    from gir.models import Organisation

    org = cache.get(ORGANISATION_KEY)
    if org is None:
        org = Organisation.get()
        cache.set(ORGANISATION_KEY, org, ORGANISATION_SECONDS)
    return org


def _organisation_changed(**kwargs) -> None:
    cache.delete(ORGANISATION_KEY)


def connect() -> None:
    """Called once from ``GirConfig.ready``."""
    from django.db.models.signals import post_delete, post_save

    from gir.security import otp_cache, perm_cache

    perm_cache.connect()
    otp_cache.connect()
    for signal in (post_save, post_delete):
        signal.connect(
            _organisation_changed, sender="gir.Organisation", dispatch_uid="gir-organisation-cache"
        )
