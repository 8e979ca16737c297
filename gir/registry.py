"""Plug-in points of the core. Each domain app registers in its ``plugins.register()``, called
from its ``AppConfig.ready()``; every entry is a small frozen dataclass defined here.

The core never imports a domain app (DESIGN.md "Dependencies run one way"); it asks these
registries instead. No app changes another app's entry: where an app needs to add to what
another app registered (letters fulfil the incidents' 48-hour reaction), the registry has an
entry of its own for that (``FulfilmentPage``). docs/architecture.md lists every plug-in point.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.urls import NoReverseMatch

from gir import events


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    permission: str | None = None
    order: int = 50
    # One of gir.navigation.GROUPS: the menu shows a handful of groups, not every page.
    group: str = "werk"


@dataclass(frozen=True)
class StartPanel:
    """A block on a user's start page; shown when the user has ``permission``."""

    template: str
    permission: str | None
    context: Callable | None = None  # (request) -> dict
    order: int = 50


def _object_reference(deadline, loaded) -> str:
    return f"#{deadline.object_id}"


@dataclass(frozen=True)
class DeadlineKind:
    """How the engine speaks about one kind of deadline.

    ``url`` gives the page where the owner fulfils it, ``reference`` the words that name its
    subject; both get the deadline and what ``load`` found for it. Texts carry no personal data:
    only references.
    """

    code: str
    label: str
    url: Callable[[Any, Any], str]  # (deadline, loaded) -> str
    reference: Callable[[Any, Any], str] = _object_reference  # (deadline, loaded) -> str
    # Loads in bulk what url() and reference() need for a list of deadlines of this kind and
    # returns it by deadline id, so a page of tasks costs one query per kind, not one per row.
    load: Callable[[list], Mapping[int, Any]] | None = None
    # An announcement rather than a task (a ban has ended): at due, also tell these users, use
    # this subject ("%(label)s"/"%(ref)s" allowed) and close the deadline, so it is never
    # escalated as missed.
    notify_at_due: Callable | None = None  # (deadline) -> iterable of users
    due_subject: str | None = None
    close_at_due: bool = False
    # Owned by a person the app assigns (the aftercare worker, the mandated manager a ban request
    # is addressed to) instead of the incident's handler: see gir.deadlines.owners.
    own_owner: bool = False


@dataclass(frozen=True)
class FulfilmentPage:
    """The page where another app fulfils a deadline kind it does not own.

    ``incidents`` opens the 48-hour reaction deadline but a letter fulfils it: ``letters``
    registers the page of the incident's letters for that kind. At most one per kind.
    """

    kind: str
    url: Callable[[Any, Any], str]  # (deadline, loaded) -> str


@dataclass(frozen=True)
class DeadlineText:
    """What a task list or a reminder says about one deadline."""

    label: str
    reference: str
    url: str


@dataclass(frozen=True)
class DossierSection:
    """Timeline entries an app adds to an incident's dossier without ``incidents`` importing it.

    ``entries(incident, user)`` returns dicts (at, title, text, url, kind).
    """

    entries: Callable[[Any, Any], Iterable[dict]]
    order: int = 50


@dataclass(frozen=True)
class PersonSection:
    """Entries an app adds to an aggressor's person page (recidivism, an active ban).

    ``entries(aggressor, user)`` returns dicts (at, title, text, url, kind); ``kind="alert"``
    is shown highlighted.
    """

    entries: Callable[[Any, Any], Iterable[dict]]
    order: int = 50
    # The ``kind="alert"`` entries of many people at once (the dossier's aggressors):
    # ``alerts(aggressors, user)`` returns {aggressor pk: [entries]} in a fixed number of
    # queries. Without it each person's ``entries`` are asked and filtered.
    alerts: Callable[[list, Any], Mapping[int, list[dict]]] | None = None


@dataclass(frozen=True)
class DossierAction:
    """Next steps an app offers on an incident's dossier: ``links(incident, user)`` returns dicts
    (label, url)."""

    links: Callable[[Any, Any], Iterable[dict]]
    order: int = 50


@dataclass(frozen=True)
class MeasureAction:
    """Next steps another app offers on a measure's page (the ban's decision letter) without
    ``sanctions`` importing it: ``links(measure, user)`` returns dicts (label, url)."""

    links: Callable[[Any, Any], Iterable[dict]]
    order: int = 50


@dataclass(frozen=True)
class DemoStep:
    """``run(context)`` adds an app's demo data; ``context`` is a dict shared between steps."""

    run: Callable[[dict], None]
    order: int = 50


@dataclass(frozen=True)
class Hook:
    """``function(**kwargs)`` runs when a service announces ``event`` (a name in gir.events)."""

    event: str
    function: Callable[..., None]


@dataclass(frozen=True)
class DossierAlert:
    """Banners an app puts at the top of an incident's dossier without ``incidents`` importing it.

    ``alerts(incident, user)`` returns dicts (level "warning"/"error"/"info", title, text, links:
    [(label, url)]): e.g. a ban breach whose aangifte is still open, or a possible breach.
    """

    alerts: Callable[[Any, Any], Iterable[dict]]
    order: int = 50


@dataclass(frozen=True)
class Scope:
    """Widens a model's ``visible_to`` from a later app without the model's app importing it.

    ``pks(user)`` returns a values queryset of one column (the pks that user may also read) or
    None: e.g. the incidents of the ban requests addressed to a mandated manager (sanctions).
    """

    model: str  # "app_label.Model"
    pks: Callable[[Any], Any]


@dataclass(frozen=True)
class PersonalCases:
    """``incident_ids(user)``: ids of incidents a user is part of (reporter, victim, witness);
    a deputy never acts on those (``gir.deputies.stand_in_for_case``, ``owned_by``)."""

    incident_ids: Callable[[Any], set[int]]


@dataclass(frozen=True)
class AuditLabel:
    """How the audit log shows a code an app writes into its descriptions (``gir.audit_texts``):
    a letter kind ``besluit_toegangsverbod`` as "Besluit toegangsverbod". ``label(code)`` returns
    the words in the reader's language, or None for a code it does not know (shown as stored)."""

    name: str  # the name an AuditText's ``labels`` gives a placeholder
    label: Callable[[str], str | None]


@dataclass
class Registry:
    nav: list[NavItem] = field(default_factory=list)
    panels: list[StartPanel] = field(default_factory=list)
    deadline_kinds: dict[str, DeadlineKind] = field(default_factory=dict)
    fulfilment_pages: dict[str, FulfilmentPage] = field(default_factory=dict)
    demo_steps: list[DemoStep] = field(default_factory=list)
    dossier_sections: list[DossierSection] = field(default_factory=list)
    person_sections: list[PersonSection] = field(default_factory=list)
    dossier_actions: list[DossierAction] = field(default_factory=list)
    measure_actions: list[MeasureAction] = field(default_factory=list)
    hooks: list[Hook] = field(default_factory=list)
    dossier_alerts: list[DossierAlert] = field(default_factory=list)
    scopes: list[Scope] = field(default_factory=list)
    personal_cases: list[PersonalCases] = field(default_factory=list)
    audit_labels: dict[str, AuditLabel] = field(default_factory=dict)


registry = Registry()


class UnknownEvent(LookupError):
    """A hook was registered for, or run with, a name that gir.events does not list."""


class ConflictingRegistration(ValueError):
    """Two registrations claim the same deadline kind or fulfilment page."""


def _add_ordered(entries: list, entry) -> None:
    # ready() may run more than once (tests): registering the same entry again changes nothing.
    if entry not in entries:
        entries.append(entry)
        entries.sort(key=lambda e: e.order)


def register_nav(item: NavItem) -> None:
    _add_ordered(registry.nav, item)


def register_panel(panel: StartPanel) -> None:
    _add_ordered(registry.panels, panel)


def register_dossier_section(section: DossierSection) -> None:
    _add_ordered(registry.dossier_sections, section)


def register_person_section(section: PersonSection) -> None:
    _add_ordered(registry.person_sections, section)


def register_dossier_action(action: DossierAction) -> None:
    _add_ordered(registry.dossier_actions, action)


def register_measure_action(action: MeasureAction) -> None:
    _add_ordered(registry.measure_actions, action)


def register_dossier_alert(alert: DossierAlert) -> None:
    _add_ordered(registry.dossier_alerts, alert)


def register_demo_step(step: DemoStep) -> None:
    _add_ordered(registry.demo_steps, step)


def _add_unique(entries: dict, code: str, entry) -> None:
    if entries.get(code, entry) != entry:
        raise ConflictingRegistration(f"{code!r} is already registered as {entries[code]!r}")
    entries[code] = entry


def register_deadline_kind(kind: DeadlineKind) -> None:
    _add_unique(registry.deadline_kinds, kind.code, kind)


def register_fulfilment_page(page: FulfilmentPage) -> None:
    _add_unique(registry.fulfilment_pages, page.kind, page)


def register_audit_label(label: AuditLabel) -> None:
    _add_unique(registry.audit_labels, label.name, label)


def audit_label(name: str, code: str) -> str:
    """A code in an audit description as the reader sees it; the code itself when unknown."""
    entry = registry.audit_labels.get(name)
    shown = entry.label(code) if entry is not None else None
    return code if shown is None else str(shown)


def register_scope(scope: Scope) -> None:
    if scope not in registry.scopes:
        registry.scopes.append(scope)


def register_personal_cases(entry: PersonalCases) -> None:
    if entry not in registry.personal_cases:
        registry.personal_cases.append(entry)


def personal_case_ids(user) -> set[int]:
    """Ids of the incidents ``user`` is part of (asked only during a deputy period)."""
    return set().union(*(entry.incident_ids(user) for entry in registry.personal_cases))


def extra_scopes(model: str, user) -> list:
    """The registered extra pks for ``user`` (a scope returns None when it does not apply)."""
    parts = (scope.pks(user) for scope in registry.scopes if scope.model == model)
    return [part for part in parts if part is not None]


def _check_event(event: str) -> None:
    if event not in events.EVENTS:
        raise UnknownEvent(f"{event!r} is not an event in gir.events")


def register_hook(hook: Hook) -> None:
    _check_event(hook.event)
    if hook not in registry.hooks:
        registry.hooks.append(hook)


def run_hooks(event: str, **kwargs) -> None:
    """Call every function registered for ``event``, in the caller's transaction."""
    _check_event(event)
    for hook in registry.hooks:
        if hook.event == event:
            hook.function(**kwargs)


# --- Reading the registry -------------------------------------------------------------------


def dossier_entries(incident, user) -> list[dict]:
    return [entry for section in registry.dossier_sections for entry in section.entries(incident, user) or []]


def person_entries(aggressor, user) -> list[dict]:
    return [entry for section in registry.person_sections for entry in section.entries(aggressor, user) or []]


def person_alerts(aggressors: list, user) -> dict[int, list[dict]]:
    """The highlighted person entries of each of ``aggressors``, by pk, every section in bulk."""
    found: dict[int, list[dict]] = {person.pk: [] for person in aggressors}
    for section in registry.person_sections if found else []:  # nobody: not even empty queries
        if section.alerts is not None:
            loaded = section.alerts(aggressors, user)
        else:
            loaded = {
                person.pk: [e for e in section.entries(person, user) or [] if e.get("kind") == "alert"]
                for person in aggressors
            }
        for pk, entries in loaded.items():
            found[pk] += entries
    return found


def dossier_alerts(incident, user) -> list[dict]:
    return [alert for entry in registry.dossier_alerts for alert in entry.alerts(incident, user) or []]


def dossier_links(incident, user) -> list[dict]:
    return [link for action in registry.dossier_actions for link in action.links(incident, user) or []]


def measure_links(measure, user) -> list[dict]:
    return [link for action in registry.measure_actions for link in action.links(measure, user) or []]


def run_demo_steps(context: dict) -> None:
    for step in registry.demo_steps:
        step.run(context)


def _url(url: Callable, deadline, loaded) -> str:
    try:
        return url(deadline, loaded)
    except NoReverseMatch:  # a kind whose page is gone must not stop a scan or a task list
        return ""


def describe_deadlines(deadlines: Iterable) -> dict[int, DeadlineText]:
    """Label, reference and link of each deadline, by id; each kind loads its rows in one go."""
    by_kind: dict[str, list] = {}
    for deadline in deadlines:
        by_kind.setdefault(deadline.kind, []).append(deadline)
    texts = {}
    for code, rows in by_kind.items():
        kind = registry.deadline_kinds.get(code)
        if kind is None:
            texts.update({d.pk: DeadlineText(code, f"#{d.object_id}", "") for d in rows})
            continue
        loaded = kind.load(rows) if kind.load is not None else {}
        url = registry.fulfilment_pages[code].url if code in registry.fulfilment_pages else kind.url
        for d in rows:
            value = loaded.get(d.pk)
            texts[d.pk] = DeadlineText(str(kind.label), kind.reference(d, value), _url(url, d, value))
    return texts


def describe_deadline(deadline) -> DeadlineText:
    return describe_deadlines([deadline])[deadline.pk]
