"""Services: reference numbers, deadlines, history, hooks, locking and idempotent filing."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone

from gir import events, registry
from gir.models import Deadline, Notification
from incidents.constants import (
    DEADLINE_INSPECTORATE,
    DEADLINE_POLICE,
    DEADLINE_REACTION,
    AggressionForm,
    InvolvementRole,
    PolicePlan,
    ReporterRole,
    Status,
)
from incidents.models import Incident, IncidentEvent, StatusChange
from incidents.services import (
    IncidentChangeError,
    StaleEdit,
    Target,
    incident_record_first_talk,
    incident_time_correct,
    incident_transition,
    incident_update,
    incident_waive_reaction,
    involvement_add,
)
from tests.incidents.factories import file_incident

AMS = ZoneInfo("Europe/Amsterdam")
pytestmark = pytest.mark.django_db


@pytest.fixture
def hook_calls():
    """Every hook the incident services run, in order, while the test runs."""
    calls = []
    saved = list(registry.registry.hooks)
    for event in sorted(events.EVENTS):

        def record(event=event, **kwargs):
            calls.append((event, kwargs))

        registry.register_hook(registry.Hook(event, record))
    yield calls
    registry.registry.hooks[:] = saved


def _deadline(incident, kind):
    return Deadline.objects.for_object(incident).filter(kind=kind).first()


def test_reference_numbers_count_up_per_year(world):
    with time_machine.travel(datetime(2026, 12, 31, 22, 0, tzinfo=AMS), tick=False):
        first = file_incident(world.employee)
        second = file_incident(world.employee)
    with time_machine.travel(datetime(2027, 1, 1, 0, 30, tzinfo=AMS), tick=False):
        third = file_incident(world.employee, hours_ago=0.1)
    assert [first.reference, second.reference, third.reference] == [
        "GIR-2026-0001",
        "GIR-2026-0002",
        "GIR-2027-0001",
    ]


def test_registering_writes_history_and_makes_the_reporter_the_victim(world, hook_calls):
    incident = file_incident(world.employee)
    assert incident.status == Status.REPORTED
    assert list(StatusChange.objects.filter(incident=incident).values_list("to_status", flat=True)) == [
        "gemeld"
    ]
    assert IncidentEvent.objects.filter(incident=incident, kind="gemeld").count() == 1
    victim = incident.involvements.get()
    assert (victim.user, victim.role) == (world.employee, InvolvementRole.VICTIM)
    assert hook_calls == [("incident_registered", {"incident": incident, "by": world.employee})]


def test_reporting_on_behalf_of_a_colleague_as_witness(world):
    incident = file_incident(
        world.manager, world.dept_a, reporter_role=ReporterRole.WITNESS, target=Target(user=world.employee)
    )
    roles = {(i.user, i.role) for i in incident.involvements.all()}
    assert roles == {(world.employee, InvolvementRole.VICTIM), (world.manager, InvolvementRole.WITNESS)}


def test_reaction_deadline_opens_at_the_incident_time_for_the_first_manager(world):
    incident = file_incident(world.employee, hours_ago=2)
    deadline = _deadline(incident, DEADLINE_REACTION)
    assert deadline.due_at == incident.occurred_at + timedelta(hours=48)
    assert deadline.owner == world.manager  # first manager of dept_a (mandated was added later)
    assert deadline.incident_id == incident.pk
    assert not deadline.is_overdue()


def test_a_late_report_starts_overdue(world):
    incident = file_incident(world.employee, hours_ago=72)
    assert _deadline(incident, DEADLINE_REACTION).is_overdue()
    assert Incident.objects.overdue(timezone.now()).filter(pk=incident.pk).exists()


def test_police_and_inspectorate_deadlines_open_only_when_they_apply(world):
    insult = file_incident(world.employee, forms=[AggressionForm.INSULT])
    threat = file_incident(world.employee, forms=[AggressionForm.THREAT])
    hospital = file_incident(world.employee, forms=[AggressionForm.PHYSICAL], hospital_admission=True)
    assert _deadline(insult, DEADLINE_POLICE) is None
    assert _deadline(threat, DEADLINE_POLICE).due_at == threat.occurred_at + timedelta(hours=24)
    assert _deadline(threat, DEADLINE_INSPECTORATE) is None
    assert _deadline(hospital, DEADLINE_INSPECTORATE) is not None


def _new_incident_recipients():
    # Other apps may notify too (aftercare); this is the incidents app's own message.
    notes = Notification.objects.filter(subject__startswith="Nieuwe melding")
    return set(notes.values_list("recipient__username", flat=True))


def test_managers_are_notified_and_the_coordinator_for_serious_forms(world):
    file_incident(world.employee, forms=[AggressionForm.INSULT])
    assert _new_incident_recipients() == {"manager", "mandated"}
    Notification.objects.all().delete()
    incident = file_incident(world.employee, forms=[AggressionForm.PHYSICAL])
    assert _new_incident_recipients() == {"manager", "mandated", "coordinator"}
    note = Notification.objects.filter(subject__startswith="Nieuwe melding").first()
    assert note.subject == f"Nieuwe melding {incident.reference}"
    assert world.employee.last_name not in note.body


def test_the_same_submission_token_files_one_incident(world):
    first = file_incident(world.employee, submission_token="token-1")
    from incidents.services import incident_register

    again, created = incident_register(
        reporter=world.employee,
        occurred_at=timezone.now() - timedelta(hours=1),
        department=world.dept_a,
        location_type="balie",
        description="dubbel",
        forms=["schelden"],
        submission_token="token-1",
    )
    assert (again, created) == (first, False)
    assert Incident.objects.count() == 1


def test_status_transitions_follow_the_table_and_reopen(world, hook_calls):
    incident = file_incident(world.employee)
    incident_transition(incident=incident, to_status=Status.IN_PROGRESS, by=world.manager)
    incident_transition(incident=incident, to_status=Status.CLOSED, by=world.manager)
    incident_transition(incident=incident, to_status=Status.IN_PROGRESS, by=world.manager, note="nieuw feit")
    history = list(incident.status_changes.values_list("from_status", "to_status"))
    assert history == [
        ("", "gemeld"),
        ("gemeld", "in_behandeling"),
        ("in_behandeling", "afgehandeld"),
        ("afgehandeld", "in_behandeling"),
    ]
    assert [c[0] for c in hook_calls if c[0] != events.INCIDENT_REGISTERED] == []
    with pytest.raises(IncidentChangeError):
        incident_transition(incident=incident, to_status=Status.REPORTED, by=world.manager)
    assert incident.status_changes.count() == 4


def test_a_second_save_with_an_old_version_is_refused(world):
    incident = file_incident(world.employee)
    incident_update(incident=incident, by=world.manager, version=1, changes={"means": "een stoel"})
    with pytest.raises(StaleEdit) as refused:
        incident_update(incident=incident, by=world.mandated, version=1, changes={"means": "een tas"})
    incident.refresh_from_db()
    assert (incident.means, incident.version, refused.value.current_version) == ("een stoel", 2, 2)


def test_correcting_the_time_moves_open_deadlines_and_tells_other_apps(world, hook_calls):
    incident = file_incident(world.employee, hours_ago=1, forms=[AggressionForm.THREAT])
    earlier = incident.occurred_at - timedelta(hours=5)
    incident_time_correct(incident=incident, by=world.manager, occurred_at=earlier)
    assert _deadline(incident, DEADLINE_REACTION).due_at == earlier + timedelta(hours=48)
    assert _deadline(incident, DEADLINE_POLICE).due_at == earlier + timedelta(hours=24)
    assert "incident_time_changed" in [c[0] for c in hook_calls]
    with pytest.raises(IncidentChangeError):
        incident_time_correct(
            incident=incident, by=world.manager, occurred_at=timezone.now() + timedelta(hours=1)
        )


def test_update_opens_inspectorate_norm_and_closes_it_when_reported(world):
    incident = file_incident(world.employee, forms=[AggressionForm.PHYSICAL])
    incident = incident_update(
        incident=incident, by=world.manager, version=1, changes={"hospital_admission": True}
    )
    assert _deadline(incident, DEADLINE_INSPECTORATE).is_open
    incident_update(
        incident=incident,
        by=world.manager,
        version=2,
        changes={"inspectorate_reported_at": timezone.now(), "inspectorate_reference": "NLA-1"},
    )
    assert not _deadline(incident, DEADLINE_INSPECTORATE).is_open


def test_first_talk_without_police_closes_the_police_norm_and_starts_handling(world):
    incident = file_incident(world.employee, forms=[AggressionForm.THREAT])
    incident_record_first_talk(
        incident=incident,
        by=world.manager,
        at=timezone.now(),
        summary="Gesproken.",
        police_plan=PolicePlan.NONE,
    )
    incident.refresh_from_db()
    assert incident.status == Status.IN_PROGRESS
    assert incident.first_talk_by == world.manager
    assert not _deadline(incident, DEADLINE_POLICE).is_open


def test_first_talk_with_aangifte_keeps_the_police_norm_open(world):
    incident = file_incident(world.employee, forms=[AggressionForm.THREAT])
    incident_record_first_talk(
        incident=incident, by=world.manager, at=timezone.now(), summary="x", police_plan=PolicePlan.AANGIFTE
    )
    assert _deadline(incident, DEADLINE_POLICE).is_open


def test_waiving_the_reaction_closes_the_48_hour_norm(world):
    incident = file_incident(world.employee)
    incident_waive_reaction(incident=incident, by=world.manager, reason="Dader onbekend en niet te vinden.")
    deadline = _deadline(incident, DEADLINE_REACTION)
    assert deadline.closed_by == world.manager and not deadline.is_open
    assert incident.events.filter(kind="geen_reactie").exists()


def test_adding_a_witness_later_runs_the_hook(world, hook_calls):
    incident = file_incident(world.employee)
    involvement = involvement_add(
        incident=incident, by=world.manager, role=InvolvementRole.WITNESS, user=world.mandated
    )
    assert ("involvement_added", {"involvement": involvement, "by": world.manager}) in hook_calls
    with pytest.raises(IncidentChangeError):
        involvement_add(
            incident=incident, by=world.manager, role=InvolvementRole.WITNESS, user=world.mandated
        )


def test_the_48_hours_are_real_hours_across_the_autumn_clock_change(world):
    with time_machine.travel(datetime(2026, 10, 24, 13, 0, tzinfo=AMS), tick=False):
        incident = file_incident(world.employee, occurred_at=datetime(2026, 10, 24, 12, 0, tzinfo=AMS))
    due = _deadline(incident, DEADLINE_REACTION).due_at
    assert due - incident.occurred_at == timedelta(hours=48)
    assert due.astimezone(AMS).hour == 11  # the clocks went back an hour on 25 October


def test_the_victim_hears_of_a_report_made_for_them_and_the_reporter_of_its_closing(world):
    incident = file_incident(
        world.manager, world.dept_a, reporter_role=ReporterRole.MANAGER, target=Target(user=world.employee)
    )
    told = Notification.objects.filter(recipient=world.employee, subject__contains=incident.reference)
    assert told.count() == 1
    incident_transition(incident=incident, to_status=Status.CLOSED, by=world.mandated)
    closed = Notification.objects.filter(recipient=world.manager, subject__contains="afgehandeld")
    assert closed.count() == 1


def test_moving_an_incident_to_another_department_hands_its_open_norms_to_that_manager(world):
    incident = file_incident(world.employee, world.dept_a, forms=[AggressionForm.THREAT])
    incident_waive_reaction(incident=incident, by=world.manager, reason="Dader onbekend en niet te vinden.")
    incident_update(incident=incident, by=world.manager, version=2, changes={"department": world.dept_b})
    # The old manager no longer sees the incident, so reminders of its open norms must not go to them.
    assert _deadline(incident, DEADLINE_POLICE).owner == world.other_manager
    # A norm already fulfilled keeps the manager who fulfilled it.
    assert _deadline(incident, DEADLINE_REACTION).owner == world.manager
