"""The demo step builds every kind of measure once; running it again changes nothing."""

import pytest

from gir import demo as core_demo
from sanctions.constants import BanPhase, ClaimStatus, MeasureType, PoliceOutcome
from sanctions.demo import seed_demo
from sanctions.models import Ban, BanBreach, ContactCondition, Measure, Ordegesprek, PoliceReport


def _context():
    context = {"organisation": core_demo._organisation(), "locations": core_demo._locations()}
    context["users"] = core_demo._users()
    return context


@pytest.mark.django_db
def test_the_demo_has_every_kind_of_measure_and_is_idempotent():
    from incidents.demo import seed_incidents

    context = _context()
    seed_incidents(context)
    seed_demo(context)
    count = Measure.objects.count()
    seed_demo(context)
    assert Measure.objects.count() == count
    phases = [ban.phase() for ban in Ban.objects.select_related("measure")]
    assert phases.count(BanPhase.IN_FORCE) == 2
    assert phases.count(BanPhase.ENDED) == 1
    assert all(ban.photo for ban in Ban.objects.in_force())
    assert BanBreach.objects.filter(incident__isnull=False).count() == 1
    assert PoliceReport.objects.filter(outcome=PoliceOutcome.PROSECUTION).exists()
    assert Measure.objects.get(type=MeasureType.DAMAGE_CLAIM).damageclaim.status == ClaimStatus.PARTLY_PAID
    assert Ordegesprek.objects.filter(attendance="").count() == 1
    assert Ordegesprek.objects.exclude(attendance="").count() == 1
    assert ContactCondition.objects.count() == 1
    assert (
        Measure.objects.filter(type__in=[MeasureType.VERBAL_WARNING, MeasureType.WRITTEN_WARNING]).count()
        == 2
    )


@pytest.mark.django_db
def test_the_demo_makes_its_own_persons_without_the_incidents_demo():
    context = _context()
    seed_demo(context)
    assert Ban.objects.in_force().count() == 2


@pytest.mark.django_db
def test_no_demo_decision_comes_before_its_incident():
    from django.db.models import Min

    from incidents.demo import seed_incidents

    context = _context()
    seed_incidents(context)
    seed_demo(context)
    early = [
        m.get_type_display()
        for m in Measure.objects.annotate(first=Min("incidents__occurred_at"))
        if m.decided_at < m.first
    ]
    assert early == []
    assert all(a.last_name not in ("Demo", "Test") for a in context.get("aggressors", {}).values())


@pytest.mark.django_db
def test_the_demo_shows_a_reassigned_case_a_deputy_on_leave_and_an_open_ban_request():
    from gir.deputies import DeputyPeriod
    from incidents.constants import EventKind
    from incidents.demo import seed_incidents
    from incidents.models import IncidentEvent
    from sanctions.demo_routing import seed_routing
    from sanctions.models import BanRequest

    context = _context()
    seed_incidents(context)
    seed_demo(context)
    seed_routing(context)
    seed_routing(context)  # idempotent
    users = context["users"]
    handed = IncidentEvent.objects.get(kind=EventKind.HANDLER, text__startswith="Overgedragen")
    assert handed.incident.handler == users["leidinggevende2"]
    on_leave = DeputyPeriod.objects.current().get()
    assert (on_leave.manager, on_leave.deputy) == (users["leidinggevende2"], users["leidinggevende"])
    request = BanRequest.objects.open().get()
    assert request.addressed_to == users["gemandateerde"]
    assert not Ban.objects.filter(measure__aggressor=request.aggressor).exists()
