from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _incident_url(deadline) -> str:
    from django.urls import reverse

    return reverse("incidents:detail", args=[_incident_pk(deadline)])


def _incident_pk(deadline) -> int:
    return deadline.incident_id or deadline.object_id


def _prefetch_references(deadlines) -> None:
    from incidents.models import Incident

    references = Incident.objects.references(_incident_pk(d) for d in deadlines)
    for deadline in deadlines:
        deadline.incident_reference = references.get(_incident_pk(deadline), "")


def _incident_reference(deadline) -> str:
    if not hasattr(deadline, "incident_reference"):
        _prefetch_references([deadline])
    return deadline.incident_reference or f"#{_incident_pk(deadline)}"


class IncidentsConfig(AppConfig):
    name = "incidents"
    verbose_name = _("Incidenten")

    def ready(self):
        from gir.registry import (
            DeadlineKind,
            NavItem,
            StartPanel,
            register_deadline_kind,
            register_demo_step,
            register_nav,
            register_panel,
        )
        from incidents import demo, panels
        from incidents.constants import DEADLINE_INSPECTORATE, DEADLINE_POLICE, DEADLINE_REACTION

        report, manage, search = (
            "incidents.report_incident",
            "incidents.manage_incidents",
            "incidents.search_aggressors",
        )
        register_nav(NavItem(_("Melden"), "incidents:report", report, order=10, group="melden"))
        register_nav(NavItem(_("Inbox"), "incidents:inbox", manage, order=15, group="werk"))
        register_nav(NavItem(_("Termijnen"), "incidents:deadlines", manage, order=16, group="werk"))
        register_nav(NavItem(_("Incidenten"), "incidents:list", report, order=20, group="dossiers"))
        register_nav(NavItem(_("Daders"), "incidents:aggressor-search", search, order=30, group="dossiers"))
        register_panel(StartPanel("incidents/panels/report.html", report, panels.reporter_context, 10))
        register_panel(StartPanel("incidents/panels/inbox.html", manage, panels.manager_context, 20))
        kinds = [
            (DEADLINE_REACTION, _("Reactie naar de dader (48 uur)")),
            (DEADLINE_POLICE, _("Melding of aangifte bij de politie")),
            (DEADLINE_INSPECTORATE, _("Melding bij de Arbeidsinspectie")),
        ]
        for code, label in kinds:
            register_deadline_kind(
                DeadlineKind(
                    code,
                    label,
                    url=_incident_url,
                    reference=_incident_reference,
                    prefetch=_prefetch_references,
                )
            )
        register_demo_step(10, demo.seed_incidents)
