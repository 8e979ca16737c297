"""What this app plugs into the core (gir.registry): navigation, panels, deadline kinds,
dossier and person sections, demo data."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gir.notifications import users_with_perm
from gir.registry import (
    DeadlineKind,
    NavItem,
    StartPanel,
    register_deadline_kind,
    register_demo_step,
    register_dossier_section,
    register_nav,
    register_panel,
    register_person_section,
)
from sanctions.constants import (
    DEADLINE_BAN_END,
    DEADLINE_BAN_REVIEW,
    DEADLINE_BAN_SERVE,
    DEADLINE_BREACH_AANGIFTE,
    DEADLINE_ORDEGESPREK,
    MeasureType,
)


def _measure_url(deadline) -> str:
    return reverse("sanctions:detail", kwargs={"pk": deadline.object_id})


def _measure_ref(deadline) -> str:
    return f"M-{deadline.object_id:05d}"


def _prefetch_breaches(deadlines) -> None:
    from incidents.models import Incident
    from sanctions.models import BanBreach

    breaches = BanBreach.objects.select_related("ban__measure").in_bulk({d.object_id for d in deadlines})
    references = Incident.objects.references(d.incident_id for d in deadlines if d.incident_id)
    for deadline in deadlines:
        deadline.breach = breaches.get(deadline.object_id)
        deadline.incident_reference = references.get(deadline.incident_id, "")


def _breach_url(deadline) -> str:
    if not hasattr(deadline, "breach"):
        _prefetch_breaches([deadline])
    breach = deadline.breach
    if breach is None:
        return ""
    url = reverse(
        "sanctions:decide-type",
        kwargs={"aggressor_pk": breach.ban.measure.aggressor_id, "measure_type": MeasureType.AANGIFTE},
    )
    return f"{url}?incident={breach.incident_id}" if breach.incident_id else url


def _breach_ref(deadline) -> str:
    if not hasattr(deadline, "incident_reference"):
        _prefetch_breaches([deadline])
    return deadline.incident_reference or f"#{deadline.object_id}"


def reception_panel(request) -> dict:
    from gir.audit import audit_log
    from gir.models import AuditEntry
    from sanctions.reception import reception_count, reception_rows

    count = reception_count()
    audit_log(
        request=request,
        action=AuditEntry.Action.VIEW,
        description=f"Startpagina: toegangsverboden ({count} personen)",
    )
    return {"rows": reception_rows(limit=10) if count else [], "count": count}


def register_panel_context(request) -> dict:
    from datetime import timedelta

    from sanctions.constants import MeasureStatus
    from sanctions.models import Ban

    now = timezone.now()
    unserved = Ban.objects.filter(served_on__isnull=True).exclude(measure__status=MeasureStatus.REVOKED)
    return {
        "in_force": Ban.objects.in_force(now).count(),
        "ending_soon": Ban.objects.ending_within(now, timedelta(days=14)).count(),
        "not_served": unserved.count(),
    }


def register() -> None:
    from sanctions import routing, sections
    from sanctions.demo import seed_demo

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
    register_panel(
        StartPanel(
            "sanctions/panels/reception.html", "sanctions.view_reception_list", reception_panel, order=15
        )
    )
    # Shown only to those without the reception list (the template checks): they find the
    # ban by name instead.
    register_panel(StartPanel("sanctions/panels/breach.html", "sanctions.register_breach", None, order=85))
    register_panel(
        StartPanel(
            "sanctions/panels/register.html", "sanctions.view_ban_register", register_panel_context, order=40
        )
    )
    register_deadline_kind(
        DeadlineKind(DEADLINE_ORDEGESPREK, _("Ordegesprek houden"), url=_measure_url, reference=_measure_ref)
    )
    register_deadline_kind(
        DeadlineKind(
            DEADLINE_BAN_SERVE, _("Toegangsverbod uitreiken"), url=_measure_url, reference=_measure_ref
        )
    )
    register_deadline_kind(
        DeadlineKind(
            DEADLINE_BAN_REVIEW,
            _("Toegangsverbod beoordelen: verlengen of laten aflopen"),
            url=_measure_url,
            reference=_measure_ref,
        )
    )
    register_deadline_kind(
        DeadlineKind(
            DEADLINE_BAN_END,
            _("Toegangsverbod afgelopen"),
            url=_measure_url,
            reference=_measure_ref,
            # The deciding manager owns it; the ban register's keeper hears it at the same moment.
            notify_at_due=lambda deadline: users_with_perm("sanctions.view_ban_register"),
            due_subject=_("Toegangsverbod afgelopen: %(ref)s"),
            close_at_due=True,
        )
    )
    register_deadline_kind(
        DeadlineKind(
            DEADLINE_BREACH_AANGIFTE,
            _("Aangifte doen na overtreding toegangsverbod"),
            url=_breach_url,
            reference=_breach_ref,
            prefetch=_prefetch_breaches,
        )
    )
    register_dossier_section(30, sections.dossier_section)
    register_person_section(30, sections.person_section)
    register_demo_step(20, seed_demo)
    routing.register()
