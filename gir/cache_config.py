"""The CACHES setting, built apart from settings.py (which stays a list of values).

One cache for every web and worker process (reports, charts, the organisation): Redis when
GIR_CACHE_URL (or a Redis broker) is given, else files under GIR_VAR_DIR that web and worker on
one machine share. gir/cache.py explains the backends and single-flight computation.
"""

from pathlib import Path
from urllib.parse import urlparse, urlunparse


def cache_url(configured: str, broker_url: str) -> str:
    """The Redis URL of the cache, or "" for the file cache."""
    if configured or not broker_url.startswith(("redis://", "rediss://")):
        return configured
    # The broker's Redis, one database number up: the cache's keys stay apart from the queues.
    broker = urlparse(broker_url)
    db = int(broker.path.strip("/") or 0)
    return urlunparse(broker._replace(path=f"/{db + 1}"))


def cache_config(configured: str, broker_url: str, var_dir: Path) -> dict:
    url = cache_url(configured, broker_url)
    if url:
        default = {
            "BACKEND": "gir.cache.ResilientRedisCache",
            "LOCATION": url,
            "KEY_PREFIX": "gir",
            "OPTIONS": {"socket_timeout": 1, "socket_connect_timeout": 1},
        }
    else:
        default = {
            "BACKEND": "gir.cache.FileCache",
            "LOCATION": str(var_dir / "cache"),
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    return {"default": default}
