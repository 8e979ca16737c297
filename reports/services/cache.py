"""The annual report in the shared cache: computed once per scope, period and language.

Yearly figures need not be live to the second, but they must follow the data: every save or
delete of an incident, a measure, a department or the organisation bumps the ``reports``
version, so the next request computes afresh (bulk updates that send no signal are covered by
the five-minute lifetime). The computation is single-flight: under load one request computes
and the others get the previous figures at once or wait for the new ones (``gir.cache``).
"""

from __future__ import annotations

import hashlib

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.translation import get_language

from gir.cache import bump, single_flight, versioned_key
from reports.services.params import ReportParams

NAMESPACE = "reports"
REPORT_CACHE_SECONDS = 300
# The figures come from these apps' tables, plus departments, the organisation's norms and the
# imported comparison sets.
SOURCE_APPS = {"incidents", "sanctions", "aftercare"}
SOURCE_MODELS = {
    ("gir", "department"),
    ("gir", "organisation"),
    ("reports", "comparisonset"),
    ("reports", "headcount"),
}


def _scope_key(user) -> str:
    if user.has_perm("reports.view_reports"):
        return "org"
    return "d" + "-".join(str(pk) for pk in sorted(user.managed_department_ids()))


def build_report_cached(user, params: ReportParams):
    """The report as computed at most five minutes ago for the same scope, period and language,
    and not before the last change to the data behind it. PDF runs always compute afresh."""
    from reports.services.report import build_report

    identity = repr((_scope_key(user), params, get_language()))
    digest = hashlib.sha256(identity.encode()).hexdigest()
    return single_flight(
        versioned_key(NAMESPACE, digest),
        lambda: build_report(user, params),
        REPORT_CACHE_SECONDS,
        stale_key=f"{NAMESPACE}:last:{digest}",
    )


DASHBOARD_SECONDS = 60


def dashboard_figures_cached(user) -> dict:
    """The start page's dashboard counts, at most a minute old (and not older than a change)."""
    from reports.services.dashboard import dashboard_figures

    key = versioned_key(NAMESPACE, f"dashboard-v3:{_scope_key(user)}:{get_language()}")
    return single_flight(key, lambda: dashboard_figures(user), DASHBOARD_SECONDS)


def _changed(sender, **kwargs) -> None:
    meta = sender._meta
    if meta.app_label in SOURCE_APPS or (meta.app_label, meta.model_name) in SOURCE_MODELS:
        bump(NAMESPACE)


def connect() -> None:
    """Called once from ``ReportsConfig.ready``."""
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(_changed, dispatch_uid=f"reports-cache-{signal!r}")
