"""Technical logs: readable text by default, JSON lines with ``GIR_LOG_FORMAT=json``, each line
with the request id of the web request it belongs to, also in the Celery tasks that request
enqueued. Optional error tracking (Sentry or a self-hosted GlitchTip) with personal data scrubbed.

Logs hold ids and counts only, never personal data (QUALITY.md): the request id is taken from
``X-Request-ID`` only when it looks like an id, so a crafted header cannot smuggle text in.
"""

from __future__ import annotations

import contextvars
import json
import logging
import re
import uuid
from datetime import UTC, datetime

from celery.signals import before_task_publish, task_postrun, task_prerun
from django.core.exceptions import ImproperlyConfigured

HEADER = "gir_request_id"
_VALID = re.compile(r"^[A-Za-z0-9._:-]{1,64}$")
_request_id: contextvars.ContextVar[str] = contextvars.ContextVar("gir_request_id", default="-")


def current_request_id() -> str:
    return _request_id.get()


def _new_id() -> str:
    return uuid.uuid4().hex


class RequestIdMiddleware:
    """Takes the proxy's ``X-Request-ID`` (or makes one), for the logs and the response."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        offered = request.headers.get("X-Request-ID", "")
        token = _request_id.set(offered if _VALID.match(offered) else _new_id())
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = current_request_id()
            return response
        finally:
            _request_id.reset(token)


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = current_request_id()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object a line: time (UTC), level, logger, request id, message, exception."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "request_id": getattr(record, "request_id", "-"),
            "message": record.getMessage(),
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


@before_task_publish.connect
def _carry_request_id(headers=None, **kwargs) -> None:
    if headers is not None and current_request_id() != "-":
        headers[HEADER] = current_request_id()


def _carried(task) -> str | None:
    # A worker puts custom message headers on the request; an eager apply() under .headers.
    if task is None:
        return None
    return getattr(task.request, HEADER, None) or (getattr(task.request, "headers", None) or {}).get(HEADER)


@task_prerun.connect
def _adopt_request_id(task=None, **kwargs) -> None:
    carried = _carried(task)
    _request_id.set(carried if carried and _VALID.match(str(carried)) else f"task-{_new_id()}")


@task_postrun.connect
def _drop_request_id(**kwargs) -> None:
    _request_id.set("-")


# --- Error tracking ----------------------------------------------------------------------------
FILTERED = "[weggelaten]"


def scrub_event(event: dict, hint: dict | None = None) -> dict:
    """Sentry ``before_send``: no request body, query string, cookies, headers with secrets or
    user names leave the building; the user is reduced to the database id. An exception keeps
    its type and stack trace but not its message, which can quote the data it failed on
    (``invalid literal for int(): 'Jan de Vries'``, PostgreSQL's ``DETAIL: Key (email)=(...)``)."""
    for exception in (event.get("exception") or {}).get("values", []):
        if exception.get("value"):
            exception["value"] = FILTERED
    request = event.get("request") or {}
    for key in ("data", "query_string", "cookies", "env"):
        if key in request:
            request[key] = FILTERED
    headers = request.get("headers") or {}
    for name in list(headers):
        if name.lower() in {"cookie", "authorization", "x-csrftoken", "referer", "x-forwarded-for"}:
            headers[name] = FILTERED
    user = event.get("user")
    if user:
        event["user"] = {"id": user["id"]} if "id" in user else {}
    for crumb in (event.get("breadcrumbs") or {}).get("values", []):
        crumb.pop("data", None)
    return event


def init_error_tracking(dsn: str, *, release: str, environment: str) -> None:
    import sentry_sdk
    from sentry_sdk.integrations.celery import CeleryIntegration
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=dsn,
        release=release,
        environment=environment,
        integrations=[DjangoIntegration(), CeleryIntegration()],
        send_default_pii=False,
        include_local_variables=False,  # frame locals would carry names and descriptions
        max_request_body_size="never",
        before_send=scrub_event,
        traces_sample_rate=0.0,
    )


def logging_config(fmt: str, *, level: str) -> dict:
    """The ``LOGGING`` setting: one console handler in ``fmt`` (text or json), request ids on every line."""
    if fmt not in ("text", "json"):
        raise ImproperlyConfigured("GIR_LOG_FORMAT must be text or json")
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_id": {"()": "gir.logs.RequestIdFilter"}},
        "formatters": {
            "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
            "json": {"()": "gir.logs.JsonFormatter"},
        },
        "handlers": {
            "console": {"class": "logging.StreamHandler", "formatter": fmt, "filters": ["request_id"]}
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            "axes": {"level": "WARNING"},
            "weasyprint": {"level": "WARNING"},
            "fontTools": {"level": "WARNING"},
        },
    }
