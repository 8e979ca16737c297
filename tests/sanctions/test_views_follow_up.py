"""Sanctions pages after a decision: the ordegesprek planned, moved and recorded, the police
report and its outcome, damage claims and payments, extending, reviewing and revoking."""

import re
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse

from gir.models import Deadline, Organisation
from incidents.models import Incident
from sanctions.constants import ClaimStatus, MeasureType
from sanctions.models import Ban, Measure
from tests.sanctions.helpers import make_aggressor, make_incident

pytestmark = pytest.mark.django_db


def test_an_ordegesprek_is_planned_and_a_no_show_recorded(world, login):
    incident = make_incident(world)
    aggressor = make_aggressor(incident)
    client = login(world.manager)
    url = reverse(
        "sanctions:decide-type", kwargs={"aggressor_pk": aggressor.pk, "measure_type": "ordegesprek"}
    )
    response = client.post(
        url,
        {
            "incidents": [incident.pk],
            "reason": "Herhaling",
            "planned_date": (date.today() + timedelta(days=2)).isoformat(),
            "planned_time": "10:30",
            "place": "Stadhuis",
            "attendees": "Leidinggevende en medewerker",
        },
    )
    assert response.status_code == 302
    measure = Measure.objects.get()
    record = reverse("sanctions:ordegesprek-record", kwargs={"pk": measure.pk})
    response = client.post(record, {"attendance": "niet_verschenen"}, follow=True)
    assert "volgende maatregel" in response.content.decode()
    measure.ordegesprek.refresh_from_db()
    assert measure.ordegesprek.attendance == "niet_verschenen"


def test_the_police_report_uses_the_municipal_address(world, login, setup):
    incident, aggressor, _ban = setup
    org = Organisation.get()
    org.name, org.po_box, org.postal_code, org.city = "Gemeente Proef", "Postbus 7", "1000 AA", "Proefstad"
    org.save()
    url = reverse(
        "sanctions:decide-type", kwargs={"aggressor_pk": aggressor.pk, "measure_type": "melding_politie"}
    )
    client = login(world.manager)
    assert "Postbus 7" in client.get(url).content.decode()
    client.post(
        url,
        {
            "incidents": [incident.pk],
            "reason": "Melding",
            "reported_by": "beide",
            "reported_on": date.today().isoformat(),
        },
    )
    report = Measure.objects.get(type=MeasureType.POLICE_NOTICE).policereport
    assert report.address_used == "Gemeente Proef\nPostbus 7\n1000 AA Proefstad"
    assert "Geheimstraat" not in report.address_used


def test_a_damage_claim_is_partly_paid_then_paid(world, login, setup):
    incident, aggressor, _ban = setup
    client = login(world.manager)
    url = reverse(
        "sanctions:decide-type", kwargs={"aggressor_pk": aggressor.pk, "measure_type": "schadeverhaal"}
    )
    response = client.post(
        url,
        {
            "incidents": [incident.pk],
            "reason": "Schade",
            "claim_date": date.today().isoformat(),
            "item_1_description": "Glas",
            "item_1_amount": "100.00",
            "item_2_description": "Stoel",
            "item_2_amount": "50.50",
        },
    )
    assert response.status_code == 302
    measure = Measure.objects.get(type=MeasureType.DAMAGE_CLAIM)
    pay = reverse("sanctions:claim-payment", kwargs={"pk": measure.pk})
    client.post(pay, {"paid_on": date.today().isoformat(), "amount": "60"})
    claim = measure.damageclaim
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.PARTLY_PAID
    assert claim.outstanding == Decimal("90.50")
    client.post(pay, {"paid_on": date.today().isoformat(), "amount": "90.50"})
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.PAID


def test_the_claim_form_starts_with_the_damage_recorded_on_the_incident(world, login):
    incident = make_incident(world)
    Incident.objects.filter(pk=incident.pk).update(
        municipal_damage=True, municipal_damage_amount=Decimal("412.50")
    )
    aggressor = make_aggressor(incident)
    url = reverse(
        "sanctions:decide-type", kwargs={"aggressor_pk": aggressor.pk, "measure_type": "schadeverhaal"}
    )
    html = login(world.manager).get(f"{url}?incident={incident.pk}").content.decode()
    assert 'value="412.50"' in html
    assert f"Schade aan spullen van de gemeente ({incident.reference})" in html


def test_an_ordegesprek_is_moved_with_a_reason_in_the_history(world, login):
    from sanctions.services import measure_decide

    incident = make_incident(world)
    aggressor = make_aggressor(incident)
    measure = measure_decide(
        by=world.manager,
        aggressor=aggressor,
        measure_type="ordegesprek",
        incidents=[incident],
        reason="Herhaling",
        details={
            "planned_at": datetime(2030, 1, 7, 9, 0, tzinfo=UTC),
            "place": "Stadhuis",
            "attendees": "Wij",
        },
    )
    client = login(world.manager)
    url = reverse("sanctions:ordegesprek-replan", kwargs={"pk": measure.pk})
    new_day = date.today() + timedelta(days=3)
    response = client.post(
        url,
        {
            "planned_date": new_day.isoformat(),
            "planned_time": "14:00",
            "place": "KCC",
            "attendees": "Wij",
            "reason": "Ziek",
        },
    )
    assert response.status_code == 302
    measure.ordegesprek.refresh_from_db()
    assert measure.ordegesprek.place == "KCC"
    event = measure.events.get(kind="verplaatst")
    assert "07-01-2030 10:00" in event.note and "Ziek" in event.note
    from sanctions.services import ordegesprek_record

    ordegesprek_record(measure=measure, by=world.manager, attendance="verschenen", outcome="Goed gesprek")
    response = client.post(
        url,
        {
            "planned_date": new_day.isoformat(),
            "planned_time": "15:00",
            "place": "KCC",
            "attendees": "Wij",
            "reason": "x",
        },
    )
    assert "al vastgelegd" in response.content.decode()


def test_extend_review_and_revoke_through_the_pages(world, login, setup):
    _incident, _aggressor, ban = setup
    client = login(world.mandated)
    new_end = ban.measure.ends_on + timedelta(days=30)
    response = client.post(
        reverse("sanctions:ban-extend", kwargs={"pk": ban.pk}),
        {"new_end": new_end.isoformat(), "reason": "Opnieuw"},
    )
    assert response.status_code == 302
    ban.measure.refresh_from_db()
    assert ban.measure.ends_on == new_end
    response = client.post(
        reverse("sanctions:ban-extend", kwargs={"pk": ban.pk}), {"new_end": "2026-01-01", "reason": "x"}
    )
    assert "na de huidige einddatum" in response.content.decode()
    client.post(reverse("sanctions:ban-review", kwargs={"pk": ban.pk}), {"note": "Loopt af zoals gepland"})
    assert not Deadline.objects.open().filter(kind="ban_review").exists()
    client.post(reverse("sanctions:revoke", kwargs={"pk": ban.pk}), {"reason": "Bezwaar gegrond"})
    assert not Ban.objects.in_force().exists()
    detail = client.get(reverse("sanctions:detail", kwargs={"pk": ban.pk})).content.decode()
    assert "Deze maatregel is ingetrokken." in detail
    assert "Bezwaar gegrond" in detail and "Opnieuw" in detail


def test_revoking_an_ordegesprek_closes_its_deadline_and_the_claim_can_be_written_off(world, login):
    from sanctions.services import measure_decide

    incident = make_incident(world)
    aggressor = make_aggressor(incident)
    common = {"by": world.manager, "aggressor": aggressor, "incidents": [incident], "reason": "x"}
    talk = measure_decide(
        measure_type="ordegesprek",
        details={"planned_at": datetime(2030, 1, 7, 9, tzinfo=UTC), "place": "Stadhuis", "attendees": "Wij"},
        **common,
    )
    claim = measure_decide(
        measure_type="schadeverhaal", details={"claim_date": date.today(), "items": [("Glas", 10)]}, **common
    )
    client = login(world.manager)
    listing = client.get(reverse("sanctions:list")).content.decode()
    assert talk.reference in listing and claim.reference in listing
    client.post(reverse("sanctions:revoke", kwargs={"pk": talk.pk}), {"reason": "Persoon verhuisd"})
    assert Deadline.objects.get(kind="ordegesprek").closed_at is not None
    client.post(reverse("sanctions:claim-uncollectable", kwargs={"pk": claim.pk}), {"reason": "Geen verhaal"})
    claim.damageclaim.refresh_from_db()
    assert claim.damageclaim.status == ClaimStatus.UNCOLLECTABLE


def test_a_second_manager_saving_a_stale_police_outcome_is_refused_and_keeps_input(world, login, setup):
    from sanctions.services import measure_decide

    incident, aggressor, _ban = setup
    measure = measure_decide(
        by=world.manager,
        aggressor=aggressor,
        measure_type="aangifte",
        incidents=[incident],
        reason="x",
        details={"reported_by": "werkgever", "reported_on": date.today()},
    )
    url = reverse("sanctions:police-outcome", kwargs={"pk": measure.pk})
    first = login(world.manager).get(url).content.decode()
    seen = re.search(r'name="seen" value="(\d+)"', first).group(1)
    coordinator = login(world.coordinator)
    assert (
        coordinator.post(url, {"seen": seen, "outcome": "sepot", "police_number": "PL1"}).status_code == 302
    )
    response = login(world.manager).post(
        url, {"seen": seen, "outcome": "veroordeling", "police_number": "PL2-mijn"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Iemand anders heeft deze gegevens intussen gewijzigd" in html
    assert "PL2-mijn" in html
    measure.policereport.refresh_from_db()
    assert (measure.policereport.outcome, measure.policereport.police_number) == ("sepot", "PL1")


def test_an_ordegesprek_is_planned_within_the_norm(world, login):
    incident = make_incident(world)
    aggressor = make_aggressor(incident)
    url = reverse(
        "sanctions:decide-type", kwargs={"aggressor_pk": aggressor.pk, "measure_type": "ordegesprek"}
    )
    data = {
        "incidents": [incident.pk],
        "reason": "Herhaling",
        "planned_time": "10:00",
        "place": "Stadhuis",
        "attendees": "Wij",
    }
    client = login(world.manager)
    late = client.post(url, {**data, "planned_date": (date.today() + timedelta(days=9)).isoformat()})
    assert "Plan het gesprek binnen 7 dagen" in late.content.decode()
    assert not Measure.objects.exists()
    ok = client.post(url, {**data, "planned_date": (date.today() + timedelta(days=6)).isoformat()})
    assert ok.status_code == 302


def _open_claim(world):
    """A damage claim of EUR 10 decided by the manager today, still open."""
    from sanctions.services import measure_decide

    incident = make_incident(world)
    return measure_decide(
        by=world.manager,
        aggressor=make_aggressor(incident),
        measure_type="schadeverhaal",
        incidents=[incident],
        reason="Schade",
        details={"claim_date": date.today(), "items": [("Glas", 10)]},
    )


def test_writing_off_a_revoked_claim_shows_an_error_instead_of_failing(world, login):
    from sanctions.services import measure_revoke

    claim = _open_claim(world)
    measure_revoke(measure=claim, by=world.manager, reason="Ten onrechte")
    client = login(world.manager)
    response = client.post(
        reverse("sanctions:claim-uncollectable", kwargs={"pk": claim.pk}), {"reason": "Geen verhaal"}
    )
    assert response.status_code == 200
    assert "Deze maatregel is ingetrokken." in response.content.decode()
    claim.damageclaim.refresh_from_db()
    assert claim.damageclaim.status == ClaimStatus.OPEN


def test_a_revoked_ban_cannot_be_reviewed(world, login, setup):
    from sanctions.models import MeasureEvent
    from sanctions.services import measure_revoke

    _incident, _aggressor, ban = setup
    measure_revoke(measure=ban.measure, by=world.mandated, reason="Bezwaar gegrond")
    client = login(world.mandated)
    response = client.post(reverse("sanctions:ban-review", kwargs={"pk": ban.pk}), {"note": "Loopt af"})
    assert response.status_code == 200
    assert "Dit toegangsverbod is ingetrokken." in response.content.decode()
    assert not MeasureEvent.objects.filter(measure=ban.measure, kind="beoordeeld").exists()


def test_a_payment_dated_in_the_future_says_which_date_to_fill_in(world, login):
    claim = _open_claim(world)
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    response = login(world.manager).post(
        reverse("sanctions:claim-payment", kwargs={"pk": claim.pk}), {"paid_on": tomorrow, "amount": "7.25"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Vul de datum in waarop het geld binnenkwam." in html
    assert 'value="7.25"' in html
    assert not claim.damageclaim.payments.exists()


def test_a_reason_form_asks_its_own_question_and_keeps_a_too_long_text():
    from sanctions.forms import ReasonForm

    form = ReasonForm(
        {"reason": "x" * 301},
        label="Waarom komt er geen aangifte?",
        required_message="Schrijf waarom er geen aangifte komt.",
        max_length=300,
    )
    assert not form.is_valid()
    assert "300" in form.errors["reason"][0]
    assert form["reason"].value() == "x" * 301  # what was typed comes back
    assert 'maxlength="300"' in str(form["reason"])
    empty = ReasonForm({"reason": ""}, required_message="Schrijf waarom er geen aangifte komt.")
    assert empty.errors["reason"] == ["Schrijf waarom er geen aangifte komt."]
    assert ReasonForm({"reason": "x" * 5000}).is_valid()  # the default limit is unchanged
