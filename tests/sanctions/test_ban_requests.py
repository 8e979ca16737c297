"""The mandated manager works from a task: a ban request in their inbox opens exactly the
incidents and the person it concerns (ADR 0010)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from gir.models import AuditEntry, Deadline
from incidents.models import Aggressor, Incident
from letters.constants import LetterKind
from sanctions.constants import DEADLINE_BAN_REQUEST, Instruction, MeasureType
from sanctions.models import BanRequest
from sanctions.services import measure_decide
from tests.sanctions.helpers import make_aggressor, make_incident

pytestmark = pytest.mark.django_db


@pytest.fixture
def requested(world, login):
    """Department B's manager asks for a ban after an incident in department B."""
    world.incident_b = make_incident(world, department=world.dept_b, reporter=world.colleague)
    world.person = make_aggressor(world.incident_b)
    world.other_b = make_incident(world, department=world.dept_b, reporter=world.colleague)
    world.other_person = make_aggressor(world.other_b, last_name="Anderman")
    url = reverse("sanctions:ban-request", kwargs={"aggressor_pk": world.person.pk})
    response = login(world.other_manager).post(f"{url}?incident={world.incident_b.pk}")
    assert response.status_code == 302
    return world


def test_a_ban_request_is_a_task_with_its_due_time_in_the_mandated_managers_inbox(requested, login):
    w = requested
    request = BanRequest.objects.get()
    assert request.addressed_to == w.mandated and request.requested_by == w.other_manager
    task = Deadline.objects.open().get(kind=DEADLINE_BAN_REQUEST)
    assert task.owner == w.mandated and task.due_at > timezone.now()
    page = login(w.mandated).get(reverse("tasks")).content.decode()
    assert "Beslissen over een toegangsverbod" in page and w.incident_b.reference in page
    start = login(w.mandated).get(reverse("start")).content.decode()
    assert f"Beslissen over {w.incident_b.reference}" in start
    assert w.person.last_name not in start  # the name is on the logged pages, not the start page
    assert (
        "Verzoeken om een toegangsverbod" not in login(w.other_manager).get(reverse("start")).content.decode()
    )


def test_the_mandated_manager_reaches_exactly_the_requested_incident_and_person(requested, login):
    w = requested
    client = login(w.mandated)
    assert client.get(reverse("incidents:detail", args=[w.incident_b.pk])).status_code == 200
    assert client.get(reverse("incidents:aggressor-detail", args=[w.person.pk])).status_code == 200
    assert AuditEntry.objects.filter(actor=w.mandated, object_id=str(w.person.pk)).exists()
    assert client.get(reverse("letters:incident", args=[w.incident_b.pk])).status_code == 200
    ban_form = reverse(
        "sanctions:decide-type", kwargs={"aggressor_pk": w.person.pk, "measure_type": "toegangsverbod"}
    )
    assert client.get(f"{ban_form}?incident={w.incident_b.pk}").status_code == 200
    # Nothing else of department B.
    assert client.get(reverse("incidents:detail", args=[w.other_b.pk])).status_code == 404
    assert client.get(reverse("incidents:aggressor-detail", args=[w.other_person.pk])).status_code == 404
    assert client.get(reverse("letters:incident", args=[w.other_b.pk])).status_code == 404
    other_form = reverse(
        "sanctions:decide-type", kwargs={"aggressor_pk": w.other_person.pk, "measure_type": "toegangsverbod"}
    )
    assert client.get(other_form).status_code == 404


def test_another_mandated_manager_does_not_reach_a_request_addressed_to_someone_else(requested):
    from gir import roles
    from tests.factories import UserFactory

    w = requested
    second = UserFactory(
        username="second_mandated", roles=[roles.MEDEWERKER, roles.LEIDINGGEVENDE, roles.GEMANDATEERDE]
    )
    assert not Incident.objects.visible_to(second).filter(pk=w.incident_b.pk).exists()
    assert not Aggressor.objects.visible_to(second).filter(pk=w.person.pk).exists()


def test_deciding_the_ban_answers_the_request_and_keeps_the_case_readable_while_the_ban_runs(
    requested, login
):
    w = requested
    today = timezone.localdate()
    measure = measure_decide(
        by=w.mandated,
        aggressor=w.person,
        measure_type=MeasureType.BAN,
        incidents=[w.incident_b],
        reason="Ernstige bedreiging",
        starts_on=today,
        ends_on=today + timedelta(days=120),
        details={"all_locations": True, "instruction": Instruction.CALL_SECURITY},
    )
    request = BanRequest.objects.get()
    assert request.closed_at is not None and request.measure == measure
    assert not Deadline.objects.open().filter(kind=DEADLINE_BAN_REQUEST).exists()
    client = login(w.mandated)
    assert client.get(reverse("incidents:detail", args=[w.incident_b.pk])).status_code == 200
    create = reverse("letters:create", args=[w.incident_b.pk, LetterKind.BAN_DECISION])
    assert client.get(f"{create}?maatregel={measure.pk}").status_code == 200


def test_the_mandated_manager_can_decline_with_a_reason_and_the_requester_hears_it(requested, login):
    from gir.models import Notification

    w = requested
    request = BanRequest.objects.get()
    url = reverse("sanctions:ban-request-decline", args=[request.pk])
    assert login(w.other_manager).get(url).status_code == 403
    client = login(w.mandated)
    refused = client.post(url, {"reason": ""})
    assert refused.status_code == 200 and "Schrijf waarom" in refused.content.decode()
    client.post(url, {"reason": "Eerst een ordegesprek; geen eerdere maatregel."})
    request.refresh_from_db()
    assert request.closed_at is not None and "ordegesprek" in request.decline_reason
    assert not Deadline.objects.open().filter(kind=DEADLINE_BAN_REQUEST).exists()
    assert Notification.objects.filter(recipient=w.other_manager, body__contains="ordegesprek").exists()
    # The task is done: the incident of department B is out of reach again.
    assert client.get(reverse("incidents:detail", args=[w.incident_b.pk])).status_code == 404


def test_a_deputy_of_the_mandated_manager_on_leave_gets_the_request_and_can_answer_it(requested, login):
    from gir import roles
    from gir.deputies import deputy_period_add
    from tests.factories import UserFactory

    w = requested
    deputy = UserFactory(
        username="deputy_mandated", roles=[roles.MEDEWERKER, roles.LEIDINGGEVENDE, roles.GEMANDATEERDE]
    )
    client = login(deputy)
    assert client.get(reverse("incidents:detail", args=[w.incident_b.pk])).status_code == 404
    today = timezone.localdate()
    deputy_period_add(manager=w.mandated, deputy=deputy, starts_on=today, ends_on=today, by=w.mandated)
    assert "Beslissen over een toegangsverbod" in client.get(reverse("tasks")).content.decode()
    assert client.get(reverse("incidents:detail", args=[w.incident_b.pk])).status_code == 200
    assert client.get(reverse("incidents:aggressor-detail", args=[w.person.pk])).status_code == 200
    assert client.get(reverse("incidents:detail", args=[w.other_b.pk])).status_code == 404
    decline = reverse("sanctions:ban-request-decline", args=[BanRequest.objects.get().pk])
    client.post(decline, {"reason": "Eerst een ordegesprek."})
    assert BanRequest.objects.get().closed_by == deputy
