"""What the incident registration plugs into the core (gir.registry): navigation, start-page
panels, the deadline kinds it opens, demo data."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from gir.formatting import pk_url
from gir.registry import (
    DeadlineKind,
    DemoStep,
    NavItem,
    PersonalCases,
    StartPanel,
    register_deadline_kind,
    register_demo_step,
    register_nav,
    register_panel,
    register_personal_cases,
)
from incidents import demo, panels, scoping
from incidents.constants import DEADLINE_INSPECTORATE, DEADLINE_POLICE, DEADLINE_REACTION
from incidents.models import Incident

REPORT, MANAGE, SEARCH = (
    "incidents.report_incident",
    "incidents.manage_incidents",
    "incidents.search_aggressors",
)


def _incident_pk(deadline) -> int:
    return deadline.incident_id or deadline.object_id


def load_references(deadlines) -> dict[int, str]:
    """{deadline id: reference of its incident}, in one query."""
    references = Incident.objects.references(_incident_pk(d) for d in deadlines)
    return {d.pk: references.get(_incident_pk(d), "") for d in deadlines}


def incident_reference(deadline, reference: str | None) -> str:
    return reference or f"#{_incident_pk(deadline)}"


def _incident_url(deadline, _reference) -> str:
    return pk_url("incidents:detail", _incident_pk(deadline))


DEADLINE_KINDS = [
    (DEADLINE_REACTION, _("Reactie naar de dader (48 uur)")),
    (DEADLINE_POLICE, _("Melding of aangifte bij de politie")),
    (DEADLINE_INSPECTORATE, _("Melding bij de Arbeidsinspectie")),
]


def register() -> None:
    register_personal_cases(PersonalCases(scoping.involved_incident_ids))
    register_nav(NavItem(_("Melden"), "incidents:report", REPORT, order=10, group="melden"))
    register_nav(NavItem(_("Inbox"), "incidents:inbox", MANAGE, order=15, group="werk"))
    register_nav(NavItem(_("Termijnen"), "incidents:deadlines", MANAGE, order=16, group="werk"))
    register_nav(NavItem(_("Incidenten"), "incidents:list", REPORT, order=20, group="dossiers"))
    register_nav(NavItem(_("Daders"), "incidents:aggressor-search", SEARCH, order=30, group="dossiers"))
    register_panel(StartPanel("incidents/panels/report.html", REPORT, panels.reporter_context, 10))
    register_panel(StartPanel("incidents/panels/inbox.html", MANAGE, panels.manager_context, 20))
    for code, label in DEADLINE_KINDS:
        register_deadline_kind(
            DeadlineKind(code, label, url=_incident_url, reference=incident_reference, load=load_references)
        )
    register_demo_step(DemoStep(demo.seed_incidents, order=10))
