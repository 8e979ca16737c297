"""Plug-in points of the core. Domain apps register in their ``AppConfig.ready()``.

The core never imports a domain app (DESIGN.md "Dependencies run one way"); it asks these
registries instead.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    permission: str | None = None
    order: int = 50


@dataclass(frozen=True)
class StartPanel:
    """A block on a user's start page; shown when the user has ``permission``."""

    template: str
    permission: str | None
    context: Callable | None = None  # (request) -> dict
    order: int = 50


@dataclass(frozen=True)
class DeadlineKind:
    """How the engine speaks about one kind of deadline.

    ``url`` gives the page where the owner fulfils it; ``escalate_to`` the users warned when
    it is missed (the coordinator by default). Texts carry no personal data: only references.
    """

    code: str
    label: str
    url: Callable  # (deadline) -> str
    reference: Callable = field(default=lambda deadline: f"#{deadline.object_id}")
    # An announcement rather than a task (a ban has ended): at due, also tell these users, use
    # this subject ("%(label)s"/"%(ref)s" allowed) and close the deadline, so it is never
    # escalated as missed.
    notify_at_due: Callable | None = None  # (deadline) -> iterable of users
    due_subject: str | None = None
    close_at_due: bool = False
    # Loads in bulk what url() and reference() need for a list of deadlines of this kind (sets
    # attributes on them), so a page of tasks costs one query per kind, not one per row.
    prefetch: Callable | None = None  # (list of deadlines) -> None
    # Owned by a person the app assigns (the aftercare worker, the mandated manager a ban request
    # is addressed to) instead of the incident's handler: see gir.deadlines.owners.
    own_owner: bool = False


@dataclass
class Registry:
    nav: list[NavItem] = field(default_factory=list)
    panels: list[StartPanel] = field(default_factory=list)
    deadline_kinds: dict[str, DeadlineKind] = field(default_factory=dict)
    demo_steps: list[tuple[int, Callable]] = field(default_factory=list)
    dossier_sections: list[tuple[int, Callable]] = field(default_factory=list)
    person_sections: list[tuple[int, Callable]] = field(default_factory=list)
    dossier_actions: list[tuple[int, Callable]] = field(default_factory=list)
    dossier_alerts: list[tuple[int, Callable]] = field(default_factory=list)
    # "app_label.Model" -> functions (user) -> a values queryset of extra pks that user may read
    scopes: dict[str, list[Callable]] = field(default_factory=dict)


registry = Registry()


def register_nav(item: NavItem) -> None:
    if item not in registry.nav:
        registry.nav.append(item)
        registry.nav.sort(key=lambda i: i.order)


def register_panel(panel: StartPanel) -> None:
    if panel not in registry.panels:
        registry.panels.append(panel)
        registry.panels.sort(key=lambda p: p.order)


def register_deadline_kind(kind: DeadlineKind) -> None:
    registry.deadline_kinds[kind.code] = kind


def register_scope(model: str, function: Callable) -> None:
    """Widen a model's ``visible_to`` from a later app without the model's app importing it:
    ``function(user)`` returns a values queryset of one column (the pks that user may also read)
    or None,
    e.g. the incidents of the ban requests addressed to a mandated manager (sanctions)."""
    functions = registry.scopes.setdefault(model, [])
    if function not in functions:
        functions.append(function)


def extra_scopes(model: str, user) -> list:
    """The registered extra pks for ``user`` (a function returns None when it does not apply)."""
    parts = (function(user) for function in registry.scopes.get(model, []))
    return [part for part in parts if part is not None]


def prefetch_deadlines(deadlines) -> None:
    """Let each kind load what it needs for these deadlines at once (see ``DeadlineKind.prefetch``)."""
    by_kind: dict[str, list] = {}
    for deadline in deadlines:
        by_kind.setdefault(deadline.kind, []).append(deadline)
    for code, rows in by_kind.items():
        kind = registry.deadline_kinds.get(code)
        if kind is not None and kind.prefetch is not None:
            kind.prefetch(rows)


def register_demo_step(order: int, step: Callable) -> None:
    """``step(context)`` adds an app's demo data; ``context`` is a dict shared between steps."""
    if (order, step) not in registry.demo_steps:
        registry.demo_steps.append((order, step))
        registry.demo_steps.sort(key=lambda s: s[0])


def register_dossier_section(order: int, section: Callable) -> None:
    """``section(incident, user)`` returns timeline entries for an incident's dossier.

    Lets ``sanctions``, ``letters`` and ``aftercare`` show their records on the dossier
    without ``incidents`` importing them. Each entry: dict(at, title, text, url, kind).
    """
    if (order, section) not in registry.dossier_sections:
        registry.dossier_sections.append((order, section))
        registry.dossier_sections.sort(key=lambda s: s[0])


def register_dossier_action(order: int, action: Callable) -> None:
    """``action(incident, user)`` returns links (dict(label, url)) offered on an incident's dossier,
    so later apps (measures, letters) can offer their next step without ``incidents`` knowing them."""
    if (order, action) not in registry.dossier_actions:
        registry.dossier_actions.append((order, action))
        registry.dossier_actions.sort(key=lambda a: a[0])


def register_dossier_alert(order: int, alert: Callable) -> None:
    """``alert(incident, user)`` returns banners for the top of an incident's dossier, each a
    dict(level ("warning"/"error"/"info"), title, text, links: [(label, url)]): e.g. a ban breach whose
    aangifte is still open, or a possible breach (sanctions), without ``incidents`` importing it."""
    if (order, alert) not in registry.dossier_alerts:
        registry.dossier_alerts.append((order, alert))
        registry.dossier_alerts.sort(key=lambda a: a[0])


def register_person_section(order: int, section: Callable) -> None:
    """``section(aggressor, user)`` returns entries for an aggressor's person page.

    Lets ``sanctions`` show measures, contact conditions and an active ban on the person
    page (recidivism) without ``incidents`` importing it. Each entry: dict(at, title, text,
    url, kind); ``kind="alert"`` is shown highlighted (an active ban).
    """
    if (order, section) not in registry.person_sections:
        registry.person_sections.append((order, section))
        registry.person_sections.sort(key=lambda s: s[0])


# --- Hooks ------------------------------------------------------------------------------------
# Explicit, named extension points called by services (not Django signals): e.g. ``incidents``
# calls ``run_hooks("incident_registered", incident=..., by=...)`` and ``aftercare`` registers
# the function that opens the aftercare cases. Hooks run inside the caller's transaction.
#
# Known events:
#   incident_registered(incident, by)      a new incident was filed
#   incident_time_changed(incident, by)    occurred_at was corrected: recompute deadlines
#   involvement_added(involvement, by)     a victim or witness was added later
#   incident_closed(incident, by) / incident_reopened(incident, by)
#   measure_decided(measure, by)           a measure against an aggressor was decided (sanctions)
#   ban_breached(breach, by)               a banned person came in anyway (sanctions)

_hooks: dict[str, list[Callable]] = {}


def register_hook(event: str, function: Callable) -> None:
    functions = _hooks.setdefault(event, [])
    if function not in functions:
        functions.append(function)


def run_hooks(event: str, **kwargs) -> None:
    for function in _hooks.get(event, []):
        function(**kwargs)
