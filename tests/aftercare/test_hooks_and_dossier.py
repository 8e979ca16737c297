"""Hooks from the incidents app, the dossier section, and the demo step."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from aftercare import services
from aftercare.models import AftercareCase
from aftercare.plugins import dossier_section
from incidents.constants import InvolvementRole, LocationType, ReporterRole
from incidents.services import Target, incident_register
from tests.aftercare.helpers import NOTE_TEXT, file_incident, witness_user

pytestmark = pytest.mark.django_db


def test_a_witness_reporting_for_a_colleague_gets_a_case_as_witness(world):
    incident, _created = incident_register(
        reporter=world.manager,
        occurred_at=world.employee.date_joined,
        department=world.dept_a,
        location_type=LocationType.COUNTER,
        description="Klant werd boos.",
        forms=["verbaal"],
        reporter_role=ReporterRole.WITNESS,
        target=Target(user=world.employee),
    )
    roles = dict(AftercareCase.objects.filter(incident=incident).values_list("person__username", "role"))
    assert roles == {"employee": InvolvementRole.VICTIM, "manager": InvolvementRole.WITNESS}


def test_dossier_section_shows_talk_status_to_who_may_see_the_case_never_notes(world):
    incident = file_incident(world)
    case = AftercareCase.objects.get(incident=incident)
    services.talk_hold(
        talk=case.talks.get(number=1), held_at=incident.occurred_at, note=NOTE_TEXT, by=world.aftercare
    )
    for user in (world.aftercare, world.manager, world.coordinator, world.employee):
        entries = dossier_section(incident, user)
        assert len(entries) == 3
        assert any(e["text"] == "gehouden" for e in entries)
        assert all(NOTE_TEXT not in str(e) for e in entries)
        assert {e["url"] for e in entries} == {reverse("aftercare:case", kwargs={"pk": case.pk})}
    assert dossier_section(incident, world.colleague) == []
    assert dossier_section(incident, world.other_manager) == []


def test_dossier_section_asks_the_same_queries_for_one_case_or_two(world):
    """The person each line names comes with the case: it was a query per case."""
    alone = file_incident(world)
    with_witness = file_incident(world, witness=witness_user(world))
    dossier_section(alone, world.coordinator)  # the coordinator's permissions loaded
    counts = []
    for incident in (alone, with_witness):
        with CaptureQueriesContext(connection) as queries:
            entries = dossier_section(incident, world.coordinator)
        counts.append((len(queries), len({e["title"].split(":")[0] for e in entries})))
    assert counts[0][0] == counts[1][0]
    assert [people for _queries, people in counts] == [1, 2]


def test_incident_dossier_page_shows_aftercare_without_notes(world, client):
    incident = file_incident(world)
    case = AftercareCase.objects.get(incident=incident)
    services.note_add(case=case, text=NOTE_TEXT, by=world.aftercare)
    client.force_login(world.manager)
    page = client.get(reverse("incidents:detail", kwargs={"pk": incident.pk})).content.decode()
    assert "Eerste nazorggesprek" in page
    assert NOTE_TEXT not in page


def test_demo_step_is_idempotent_and_covers_every_state(world):
    from aftercare.demo import demo_step

    incidents = [
        file_incident(world, victim=u)
        for u in (world.employee, world.colleague, world.manager, world.mandated)
    ]
    context = {"incidents": incidents, "users": {"bedrijfsopvang": world.aftercare}}
    demo_step(context)
    snapshot = sorted(AftercareCase.objects.values_list("pk", "status", "talks__status"))
    demo_step(context)
    assert sorted(AftercareCase.objects.values_list("pk", "status", "talks__status")) == snapshot
    statuses = {s for _pk, _c, s in snapshot}
    assert statuses == {"te_plannen", "gepland", "gehouden", "afgeslagen", "niet_nodig"}
    assert AftercareCase.objects.filter(status="afgesloten").count() == 1
    assert AftercareCase.objects.filter(referrals__isnull=False).exists()
