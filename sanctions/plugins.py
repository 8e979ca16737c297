"""What the measures plug into the core (gir.registry): navigation, panels, deadline kinds,
dossier and person sections, demo data; and for routing work to someone who can act (ADR 0010)
the ban request as a task, what a mandated manager may read because of it, and the dossier
banners of a ban breach."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gir.notifications import users_with_perm
from gir.registry import (
    DeadlineKind,
    DemoStep,
    DossierAlert,
    DossierSection,
    NavItem,
    PersonSection,
    Scope,
    StartPanel,
    register_deadline_kind,
    register_demo_step,
    register_dossier_alert,
    register_dossier_section,
    register_nav,
    register_panel,
    register_person_section,
    register_scope,
)
from sanctions import breaches, panels, scoping, sections
from sanctions.constants import (
    DEADLINE_BAN_END,
    DEADLINE_BAN_REQUEST,
    DEADLINE_BAN_REVIEW,
    DEADLINE_BAN_SERVE,
    DEADLINE_BREACH_AANGIFTE,
    DEADLINE_ORDEGESPREK,
    MeasureType,
)
from sanctions.deadline_tasks import LoadedTask, load_tasks, task_reference
from sanctions.demo import seed_demo
from sanctions.demo_routing import seed_routing
from sanctions.models import BanBreach


def _measure_url(deadline, _loaded) -> str:
    return reverse("sanctions:detail", kwargs={"pk": deadline.object_id})


def _measure_ref(deadline, _loaded) -> str:
    return f"M-{deadline.object_id:05d}"


def _load_breaches(deadlines) -> dict[int, LoadedTask]:
    return load_tasks(BanBreach.objects.select_related("ban__measure"), deadlines)


def _breach_url(deadline, loaded: LoadedTask | None) -> str:
    breach = loaded.obj if loaded else None
    if breach is None:
        return ""
    url = reverse(
        "sanctions:decide-type",
        kwargs={"aggressor_pk": breach.ban.measure.aggressor_id, "measure_type": MeasureType.AANGIFTE},
    )
    return f"{url}?incident={breach.incident_id}" if breach.incident_id else url


def _load_requests(deadlines) -> dict[int, LoadedTask]:
    from sanctions.models import BanRequest

    return load_tasks(BanRequest.objects.prefetch_related("incidents"), deadlines)


def _request_url(deadline, loaded: LoadedTask | None) -> str:
    from sanctions.services.requests import request_url

    return request_url(loaded.obj) if loaded and loaded.obj else ""


def _ban_register_keepers(deadline):
    # The deciding manager owns the end notice; the ban register's keeper hears it at the same moment.
    return users_with_perm("sanctions.view_ban_register")


DEADLINE_KINDS = [
    DeadlineKind(DEADLINE_ORDEGESPREK, _("Ordegesprek houden"), url=_measure_url, reference=_measure_ref),
    DeadlineKind(DEADLINE_BAN_SERVE, _("Toegangsverbod uitreiken"), url=_measure_url, reference=_measure_ref),
    DeadlineKind(
        DEADLINE_BAN_REVIEW,
        _("Toegangsverbod beoordelen: verlengen of laten aflopen"),
        url=_measure_url,
        reference=_measure_ref,
    ),
    DeadlineKind(
        DEADLINE_BAN_END,
        _("Toegangsverbod afgelopen"),
        url=_measure_url,
        reference=_measure_ref,
        notify_at_due=_ban_register_keepers,
        due_subject=_("Toegangsverbod afgelopen: %(ref)s"),
        close_at_due=True,
    ),
    DeadlineKind(
        DEADLINE_BREACH_AANGIFTE,
        _("Aangifte doen na overtreding toegangsverbod"),
        url=_breach_url,
        reference=task_reference,
        load=_load_breaches,
    ),
]


def register() -> None:
    register_nav(
        NavItem(_("Maatregelen"), "sanctions:list", "sanctions.decide_measure", order=30, group="dossiers")
    )
    register_nav(
        NavItem(
            _("Toegangsverboden"),
            "sanctions:reception",
            "sanctions.view_reception_list",
            order=35,
            group="register",
        )
    )
    register_nav(
        NavItem(
            _("Verbodenregister"),
            "sanctions:register",
            "sanctions.view_ban_register",
            order=36,
            group="register",
        )
    )
    _register_panels()
    for kind in DEADLINE_KINDS:
        register_deadline_kind(kind)
    register_dossier_section(DossierSection(sections.dossier_section, order=30))
    register_person_section(PersonSection(sections.person_section, order=30, alerts=sections.person_alerts))
    register_demo_step(DemoStep(seed_demo, order=20))
    _register_routing()


def _register_panels() -> None:
    """The start-page panels: reception, ban requests, breach search and the ban register."""
    register_panel(
        StartPanel(
            "sanctions/panels/reception.html",
            "sanctions.view_reception_list",
            panels.reception_panel,
            order=15,
        )
    )
    register_panel(
        StartPanel(
            "sanctions/panels/ban_requests.html", "sanctions.impose_ban", panels.ban_requests_panel, order=12
        )
    )
    # Shown only to those without the reception list (the template checks): they find the
    # ban by name instead.
    register_panel(StartPanel("sanctions/panels/breach.html", "sanctions.register_breach", None, order=85))
    register_panel(
        StartPanel(
            "sanctions/panels/register.html",
            "sanctions.view_ban_register",
            panels.register_panel_context,
            order=40,
        )
    )


def _register_routing() -> None:
    """The ban request as a task, the mandated manager's wider reading, the breach banners."""
    register_deadline_kind(
        DeadlineKind(
            DEADLINE_BAN_REQUEST,
            _("Beslissen over een toegangsverbod (verzoek)"),
            url=_request_url,
            reference=task_reference,
            load=_load_requests,
            own_owner=True,  # the mandated manager it is addressed to, not the incident's handler
        )
    )
    register_scope(Scope("incidents.Incident", scoping.requested_incidents))
    register_scope(Scope("incidents.Incident", scoping.decided_ban_incidents))
    register_scope(Scope("incidents.Aggressor", scoping.requested_persons))
    register_scope(Scope("incidents.Aggressor", scoping.decided_ban_persons))
    register_dossier_alert(DossierAlert(breaches.dossier_alerts, order=10))
    # After the measures (20), before letters and aftercare.
    register_demo_step(DemoStep(seed_routing, order=25))
