"""Every case has one handler (DESIGN.md invariant; ADR 0010): routing, hand-over, deputies."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from gir.deadlines.owners import own_owner_kinds
from gir.deadlines.scan import scan
from gir.deputies import deputy_period_add
from gir.errors import RuleViolation
from gir.models import Deadline, Notification
from incidents.constants import EventKind, InvolvementRole, ReporterRole, VictimKind
from incidents.models import Incident
from incidents.services import Target, involvement_add
from incidents.services.handlers import incident_hand_over
from tests.incidents.factories import file_incident

pytestmark = pytest.mark.django_db


def _handler_owners(incident) -> set[int]:
    """Owners of the incident's open deadlines that follow the handler (not the aftercare talks)."""
    rows = Deadline.objects.open().filter(incident_id=incident.pk).exclude(kind__in=own_owner_kinds())
    return set(rows.values_list("owner", flat=True))


def _report_post(**extra) -> dict:
    data = {
        "occurred_at": (timezone.localtime() - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
        "location_type": "balie",
        "description": "Een klant schold mijn collega uit.",
        "forms": ["schelden"],
        "target": "collega",
        "reporter_role": ReporterRole.WITNESS,
    }
    return {**data, **extra}


def test_an_on_behalf_report_lands_with_the_victims_department_and_manager(world, login):
    client = login(world.employee)  # works in department A
    response = client.post(reverse("incidents:report"), _report_post(colleague=world.colleague.pk))
    assert response.status_code == 302
    incident = Incident.objects.get()
    assert incident.department == world.dept_b
    assert incident.handler == world.other_manager
    assert Notification.objects.filter(
        recipient=world.other_manager, url__contains=f"/{incident.pk}/"
    ).exists()
    assert not Notification.objects.filter(recipient=world.manager).exists()
    assert _handler_owners(incident) == {world.other_manager.pk}
    assert login(world.other_manager).get(reverse("incidents:detail", args=[incident.pk])).status_code == 200
    inbox = login(world.other_manager).get(reverse("incidents:inbox")).content.decode()
    assert incident.reference in inbox


def test_choosing_another_department_than_the_colleagues_must_be_confirmed(world, login):
    client = login(world.employee)
    data = _report_post(colleague=world.colleague.pk, department=world.dept_a.pk)
    page = client.post(reverse("incidents:report"), data)
    assert page.status_code == 200
    assert "werkt bij Werk en Inkomen" in page.content.decode()
    assert "Een klant schold mijn collega uit." in page.content.decode()  # nothing typed is lost
    assert not Incident.objects.exists()
    client.post(reverse("incidents:report"), {**data, "department_confirmed": "on"})
    assert Incident.objects.get().department == world.dept_a


def test_an_office_holder_as_victim_goes_to_the_coordinator(world):
    incident = file_incident(
        world.employee,
        reporter_role=ReporterRole.WITNESS,
        target=Target(name="J. de Wethouder", victim_kind=VictimKind.OFFICE_HOLDER, function="wethouder"),
    )
    assert incident.handler == world.coordinator


def test_a_handler_who_is_the_victim_never_owns_their_own_case(world):
    incident = file_incident(world.manager)  # the department's first manager reports for themselves
    assert incident.handler == world.coordinator
    assert _handler_owners(incident) == {world.coordinator.pk}
    with pytest.raises(RuleViolation):
        incident_hand_over(incident=incident, to=world.manager, by=world.coordinator, reason="terug")


def test_a_manager_who_is_the_victim_does_not_choose_who_handles_their_case(world, login):
    incident = file_incident(world.manager)
    client = login(world.manager)
    assert client.get(reverse("incidents:detail", args=[incident.pk])).status_code == 200
    dossier = client.get(reverse("incidents:detail", args=[incident.pk])).content.decode()
    assert "Overdragen aan een andere leidinggevende" not in dossier
    assert client.get(reverse("incidents:hand-over", args=[incident.pk])).status_code == 403
    with pytest.raises(RuleViolation):
        incident_hand_over(incident=incident, to=world.other_manager, by=world.manager, reason="vriend")
    coordinator_page = login(world.coordinator).get(reverse("incidents:detail", args=[incident.pk]))
    assert "Overdragen aan een andere leidinggevende" in coordinator_page.content.decode()
    incident_hand_over(incident=incident, to=world.other_manager, by=world.coordinator, reason="Neutraal")
    incident.refresh_from_db()
    assert incident.handler == world.other_manager


def test_a_handler_added_later_as_witness_loses_the_case(world):
    incident = file_incident(world.employee)
    assert incident.handler == world.manager
    involvement_add(incident=incident, by=world.employee, role=InvolvementRole.WITNESS, user=world.manager)
    incident.refresh_from_db()
    assert incident.handler == world.coordinator
    assert Deadline.objects.open().filter(incident_id=incident.pk, owner=world.manager).count() == 0


def test_a_hand_over_is_recorded_and_gives_the_case_to_the_new_manager(world, login):
    incident = file_incident(world.employee)
    client = login(world.manager)
    url = reverse("incidents:hand-over", args=[incident.pk])
    refused = client.post(url, {"to": world.other_manager.pk, "reason": ""})
    assert refused.status_code == 200 and "waarom" in refused.content.decode().lower()
    client.post(url, {"to": world.other_manager.pk, "reason": "Collega kent de klant"})
    incident.refresh_from_db()
    assert incident.handler == world.other_manager
    event = incident.events.get(kind=EventKind.HANDLER, text__contains="Overgedragen")
    assert "Collega kent de klant" in event.text and event.by == world.manager
    assert login(world.other_manager).get(reverse("incidents:detail", args=[incident.pk])).status_code == 200


@pytest.mark.parametrize("persona", ["employee", "colleague", "other_manager", "aftercare", "reception"])
def test_only_managers_of_the_case_or_the_coordinator_hand_it_over(world, login, persona):
    incident = file_incident(world.employee)
    response = login(getattr(world, persona)).get(reverse("incidents:hand-over", args=[incident.pk]))
    assert response.status_code in (403, 404)


def test_during_a_deputy_period_the_deputy_sees_the_case_and_gets_the_tasks(world, login):
    incident = file_incident(world.employee, hours_ago=47)  # reaction due in an hour: a reminder
    outsider = file_incident(world.employee)
    today = timezone.localdate()
    assert not Incident.objects.visible_to(world.other_manager).filter(pk=incident.pk).exists()
    deputy_period_add(
        manager=world.manager, deputy=world.other_manager, starts_on=today, ends_on=today, by=world.manager
    )
    other = type(world.other_manager).objects.get(pk=world.other_manager.pk)  # fresh per-request caches
    assert Incident.objects.visible_to(other).filter(pk__in=[incident.pk, outsider.pk]).count() == 2
    tasks = login(other).get(reverse("tasks")).content.decode()
    assert incident.reference in tasks and "u vervangt" in tasks
    scan()
    reminded = Notification.objects.filter(subject__contains=incident.reference)
    assert reminded.filter(recipient=world.other_manager, subject__startswith="Herinnering").exists()
    assert not reminded.filter(recipient=world.manager, subject__startswith="Herinnering").exists()


def test_a_deputy_period_ends_by_itself(world):
    incident = file_incident(world.employee)
    yesterday = timezone.localdate() - timedelta(days=1)
    period = deputy_period_add(
        manager=world.manager,
        deputy=world.other_manager,
        starts_on=yesterday,
        ends_on=timezone.localdate(),
        by=world.manager,
    )
    period.ends_on = yesterday
    period.save()
    assert not Incident.objects.visible_to(world.other_manager).filter(pk=incident.pk).exists()


def test_a_manager_names_a_deputy_on_the_form_with_dutch_dates_and_ends_it_early(world, login):
    from gir.deputies import DeputyPeriod

    incident = file_incident(world.employee)

    def deputy_sees() -> bool:
        fresh = type(world.other_manager).objects.get(pk=world.other_manager.pk)  # no cached scope
        return Incident.objects.visible_to(fresh).filter(pk=incident.pk).exists()

    client = login(world.manager)
    page = client.get(reverse("deputies")).content.decode()
    assert 'type="date"' not in page and "Kies een leidinggevende" in page
    today = timezone.localdate()
    data = {
        "deputy": world.other_manager.pk,
        "starts_on": today.strftime("%d-%m-%Y"),
        "ends_on": (today + timedelta(days=7)).strftime("%d-%m-%Y"),
        "reason": "Vakantie",
    }
    assert client.post(reverse("deputies"), data).status_code == 302
    period = DeputyPeriod.objects.get()
    assert (period.deputy, period.starts_on, period.reason) == (world.other_manager, today, "Vakantie")
    assert deputy_sees()
    again = client.post(reverse("deputies"), data)
    assert again.status_code == 200 and "al een vervanger" in again.content.decode()
    assert DeputyPeriod.objects.count() == 1
    client.post(reverse("deputy-end", args=[period.pk]))
    period.refresh_from_db()
    assert period.revoked_at is not None
    assert not deputy_sees()


def test_a_deputy_never_gets_the_tasks_of_a_case_they_are_part_of(world, login):
    """The deputy reported this one themselves: its tasks stay with the manager on leave (and
    escalate to the coordinator as usual); the department's other cases go to the deputy."""
    own = file_incident(world.other_manager, world.employee.department, hours_ago=47)
    theirs = file_incident(world.employee, hours_ago=47)
    today = timezone.localdate()
    deputy_period_add(
        manager=world.manager, deputy=world.other_manager, starts_on=today, ends_on=today, by=world.manager
    )
    assert own.handler == world.manager and theirs.handler == world.manager
    deputy = type(world.other_manager).objects.get(pk=world.other_manager.pk)  # fresh per-request caches
    tasks = set(Deadline.objects.owned_by(deputy).values_list("incident_id", flat=True))
    assert theirs.pk in tasks and own.pk not in tasks
    scan()
    reminders = Notification.objects.filter(subject__startswith="Herinnering")
    assert reminders.filter(recipient=world.manager, subject__contains=own.reference).exists()
    assert not reminders.filter(recipient=world.other_manager, subject__contains=own.reference).exists()
    assert reminders.filter(recipient=world.other_manager, subject__contains=theirs.reference).exists()
    dossier = login(world.coordinator).get(reverse("incidents:detail", args=[own.pk]))
    assert dossier.context["handler_now"] == world.manager
