"""Cases open with the incident; talk deadlines follow the norms and the incident time."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from aftercare import services
from aftercare.constants import (
    REOFFER_DEADLINE_KIND,
    TALK_DEADLINE_KINDS,
    CaseStatus,
    CloseReason,
    TalkStatus,
)
from aftercare.models import AftercareCase, AftercareTalk
from gir import roles
from gir.models import Deadline, Organisation
from incidents.constants import InvolvementRole
from incidents.services import incident_time_correct
from tests.aftercare.helpers import file_incident, witness_user
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _deadline(talk, kind):
    return Deadline.objects.open().for_object(talk).filter(kind=kind).first()


def test_registration_opens_a_case_for_the_victim_and_a_later_witness(world):
    witness = witness_user(world)
    incident = file_incident(world, witness=witness)
    cases = {c.person: c for c in AftercareCase.objects.filter(incident=incident)}
    assert set(cases) == {world.employee, witness}
    assert cases[world.employee].role == InvolvementRole.VICTIM
    assert cases[witness].role == InvolvementRole.WITNESS
    assert all(c.assigned_to == world.aftercare for c in cases.values())


def test_a_named_person_without_account_gets_a_case_too(world):
    from incidents.services import involvement_add

    incident = file_incident(world)
    involvement = involvement_add(
        incident=incident, by=world.manager, role=InvolvementRole.WITNESS, name="Wethouder K."
    )
    case = AftercareCase.objects.get(involvement=involvement)
    assert case.person is None and case.person_name == "Wethouder K."


def test_opening_twice_is_idempotent(world):
    incident = file_incident(world)
    involvement = incident.involvements.get()
    assert services.case_open(involvement=involvement) == AftercareCase.objects.get(incident=incident)
    assert AftercareTalk.objects.filter(case__incident=incident).count() == 3


def test_talk_deadlines_follow_the_organisation_norms(world):
    org = Organisation.get()
    org.aftercare_talk1_norm = timedelta(hours=48)
    org.save()
    incident = file_incident(world)
    case = AftercareCase.objects.get(incident=incident)
    talks = {t.number: t for t in case.talks.all()}
    for number, norm in [(1, timedelta(hours=48)), (2, timedelta(days=5)), (3, timedelta(weeks=6))]:
        deadline = _deadline(talks[number], TALK_DEADLINE_KINDS[number])
        assert talks[number].due_at == incident.occurred_at + norm
        assert deadline.due_at == talks[number].due_at
        assert deadline.owner == world.aftercare
        assert deadline.incident_id == incident.pk


def test_correcting_the_incident_time_moves_the_talk_deadlines(world):
    incident = file_incident(world, hours_ago=2)
    earlier = incident.occurred_at - timedelta(days=1)
    incident_time_correct(incident=incident, by=world.manager, occurred_at=earlier)
    for talk in AftercareTalk.objects.filter(case__incident=incident):
        deadline = _deadline(talk, TALK_DEADLINE_KINDS[talk.number])
        norm = getattr(Organisation.get(), f"aftercare_talk{talk.number}_norm")
        assert talk.due_at == earlier + norm == deadline.due_at


def test_held_talk_keeps_its_closed_deadline_when_time_changes(world):
    incident = file_incident(world)
    talk = AftercareTalk.objects.get(case__incident=incident, number=1)
    services.talk_hold(talk=talk, held_at=timezone.now(), note="", by=world.aftercare)
    incident_time_correct(
        incident=incident, by=world.manager, occurred_at=incident.occurred_at - timedelta(hours=3)
    )
    assert _deadline(talk, TALK_DEADLINE_KINDS[1]) is None


def test_decline_opens_a_new_offer_after_two_weeks_and_planning_accepts_it(world):
    incident = file_incident(world)
    talk = AftercareTalk.objects.get(case__incident=incident, number=1)
    now = timezone.now()
    services.talk_decline(talk=talk, by=world.aftercare, at=now)
    assert _deadline(talk, TALK_DEADLINE_KINDS[1]) is None
    reoffer = _deadline(talk, REOFFER_DEADLINE_KIND)
    assert reoffer.due_at == now + timedelta(weeks=2)
    assert reoffer.owner == world.aftercare
    start = now + timedelta(weeks=2, days=1)
    services.talk_plan(talk=talk, start=start, minutes=60, place="Kamer 1", by=world.aftercare)
    assert _deadline(talk, REOFFER_DEADLINE_KIND) is None
    assert _deadline(talk, TALK_DEADLINE_KINDS[1]).due_at == start
    talk.refresh_from_db()
    assert talk.status == TalkStatus.PLANNED


def test_a_second_decline_is_final(world):
    talk = AftercareTalk.objects.get(case__incident=file_incident(world), number=2)
    services.talk_decline(talk=talk, by=world.aftercare)
    services.talk_decline(talk=talk, by=world.aftercare)
    assert Deadline.objects.open().for_object(talk).count() == 0


def test_held_and_not_needed_close_the_deadline_and_are_final(world):
    incident = file_incident(world)
    t1, t2 = (AftercareTalk.objects.get(case__incident=incident, number=n) for n in (1, 2))
    services.talk_hold(talk=t1, held_at=timezone.now(), note="kort", by=world.aftercare)
    services.talk_not_needed(talk=t2, by=world.aftercare)
    assert Deadline.objects.open().for_object(t1).count() == 0
    assert Deadline.objects.open().for_object(t2).count() == 0
    with pytest.raises(services.TransitionError):
        services.talk_plan(talk=t1, start=timezone.now(), minutes=30, place="x", by=world.aftercare)


def test_closing_the_case_closes_every_open_talk_deadline(world):
    incident = file_incident(world)
    case = AftercareCase.objects.get(incident=incident)
    services.referral_add(case=case, kind="slachtofferhulp", other="", by=world.aftercare)
    services.case_close(case=case, reason=CloseReason.REFERRED, by=world.aftercare)
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED
    assert Deadline.objects.open().filter(incident_id=incident.pk, kind__startswith="aftercare").count() == 0
    assert set(case.talks.values_list("status", flat=True)) == {TalkStatus.NOT_NEEDED}


def test_cases_go_to_the_least_loaded_worker_never_to_the_person_themselves(world):
    second = UserFactory(username="aftercare2", roles=[roles.MEDEWERKER, roles.BEDRIJFSOPVANG])
    file_incident(world)  # → one of the two workers
    file_incident(world, victim=world.colleague)
    loads = sorted(AftercareCase.objects.values_list("assigned_to__username", flat=True))
    assert loads == sorted(["aftercare", "aftercare2"])
    own = file_incident(world, victim=world.aftercare)
    assert AftercareCase.objects.get(incident=own).assigned_to == second


def test_reassigning_moves_the_open_deadlines(world):
    second = UserFactory(username="aftercare2", roles=[roles.MEDEWERKER, roles.BEDRIJFSOPVANG])
    case = AftercareCase.objects.get(incident=file_incident(world))
    services.case_assign(case=case, to=second, by=world.aftercare)
    owners = set(Deadline.objects.open().filter(kind__startswith="aftercare").values_list("owner", flat=True))
    assert owners == {second.pk}


def test_talk_reminders_reach_the_worker_through_the_engine(world):
    from gir.deadlines.scan import scan
    from gir.models import Notification

    incident = file_incident(world, hours_ago=1)
    talk1 = AftercareTalk.objects.get(case__incident=incident, number=1)
    with time_machine.travel(talk1.due_at + timedelta(minutes=1), tick=False):
        scan()
    subjects = list(Notification.objects.filter(recipient=world.aftercare).values_list("subject", flat=True))
    assert any(s.startswith("Termijn verlopen: Eerste nazorggesprek") for s in subjects)
    assert any(s.startswith("Herinnering: Eerste nazorggesprek") for s in subjects) is False  # superseded
