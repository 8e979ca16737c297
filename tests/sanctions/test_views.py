"""Pages of the sanctions app: reception list, decisions, mandate, scope, breach, register."""

import re
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from gir.models import AuditEntry, Deadline, Notification, Organisation
from incidents.models import Incident, IncidentAggressor
from sanctions.constants import DEADLINE_BREACH_AANGIFTE, ClaimStatus, MeasureType
from sanctions.models import Ban, BanBreach, Measure
from tests.sanctions.helpers import make_aggressor, make_ban, make_incident, png_upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(world):
    incident = make_incident(world)
    aggressor = make_aggressor(incident)
    today = date.today()
    ban = make_ban(
        world, aggressor, incident, starts_on=today - timedelta(days=3), ends_on=today + timedelta(days=95)
    )
    return incident, aggressor, ban


def test_reception_sees_name_photo_period_locations_instruction_and_nothing_else(world, login, setup):
    incident, _aggressor, ban = setup
    response = login(world.reception).get(reverse("sanctions:reception"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Karel Verbodenberg" in html
    assert reverse("sanctions:ban-photo", kwargs={"pk": ban.pk}) in html
    assert "Alle gebouwen van de gemeente" in html
    assert "Beveiliging waarschuwen" in html and "Bel 3333" in html
    forbidden = [
        "1979",
        "17-04",
        "17 april",
        "Geheimstraat",
        "9999 ZZ",
        "Nergenshuizen",
        "KL-778899",
        "rode jas",
        incident.reference,
        "reden-test",
        "Schold de medewerker",
        "Publiekszaken",
        ban.measure.reference,
    ]
    for text in forbidden:
        assert text not in html, text


def test_every_view_of_the_reception_list_and_each_photo_is_logged(world, login, setup):
    _incident, _aggressor, ban = setup
    client = login(world.reception)
    client.get(reverse("sanctions:reception"))
    client.get(reverse("sanctions:reception"))
    photo = client.get(reverse("sanctions:ban-photo", kwargs={"pk": ban.pk}))
    assert photo.status_code == 200
    assert photo["X-Content-Type-Options"] == "nosniff"
    assert photo["Content-Disposition"].startswith("attachment")
    assert b"".join(photo.streaming_content)[:8] == b"\x89PNG\r\n\x1a\n"
    lists = AuditEntry.objects.filter(actor=world.reception, description__startswith="Receptielijst")
    photos = AuditEntry.objects.filter(
        actor=world.reception, object_id=str(ban.pk), description__contains="Foto"
    )
    assert lists.count() == 2
    assert photos.count() == 1


def test_reception_cannot_see_the_photo_of_a_ban_not_in_force(world, login):
    incident = make_incident(world)
    aggressor = make_aggressor(incident)
    today = date.today()
    ban = make_ban(
        world, aggressor, incident, starts_on=today, ends_on=today + timedelta(days=95), serve=False
    )
    assert (
        login(world.reception).get(reverse("sanctions:ban-photo", kwargs={"pk": ban.pk})).status_code == 404
    )


def test_the_reception_list_changes_exactly_at_local_midnight_on_the_last_sunday_of_october(world, login):
    with time_machine.travel(datetime(2026, 7, 20, 8, 0, tzinfo=UTC), tick=False):
        incident = make_incident(world)
        aggressor = make_aggressor(incident)
        make_ban(world, aggressor, incident, starts_on=date(2026, 7, 20), ends_on=date(2026, 10, 25))
    url = reverse("sanctions:reception")
    # Before the clocks go back (01:00 UTC); 22:59:59 local, where a fixed +02:00 bug would
    # already drop it; 23:59:59 CET; 00:00 CET on 26 October; the next morning.
    moments = [
        (datetime(2026, 10, 25, 0, 30, tzinfo=UTC), True),
        (datetime(2026, 10, 25, 21, 59, 59, tzinfo=UTC), True),
        (datetime(2026, 10, 25, 22, 59, 59, tzinfo=UTC), True),
        (datetime(2026, 10, 25, 23, 0, 0, tzinfo=UTC), False),
        (datetime(2026, 10, 26, 9, 0, tzinfo=UTC), False),
    ]
    for moment, expected in moments:
        with time_machine.travel(moment, tick=False):
            # A fresh session each time: the idle timeout would otherwise log us out.
            html = login(world.reception).get(url).content.decode()
        assert ("Karel Verbodenberg" in html) is expected, moment


def test_a_manager_without_the_mandate_cannot_impose_a_ban(world, login, setup):
    incident, aggressor, _ban = setup
    url = reverse(
        "sanctions:decide-type", kwargs={"aggressor_pk": aggressor.pk, "measure_type": "toegangsverbod"}
    )
    client = login(world.manager)
    assert client.get(url).status_code == 403
    warning = reverse(
        "sanctions:decide-type", kwargs={"aggressor_pk": aggressor.pk, "measure_type": "overig"}
    )
    assert 'type="hidden" name="token"' in client.get(warning).content.decode()
    before = Ban.objects.count()
    response = client.post(url, _ban_post(incident, start=date.today() + timedelta(days=200)))
    assert response.status_code == 403
    assert Ban.objects.count() == before
    page = client.get(reverse("sanctions:decide", kwargs={"aggressor_pk": aggressor.pk})).content.decode()
    assert "Alleen een gemandateerde legt een toegangsverbod op" in page


def _ban_post(incident, *, start, days=95, motivation="", scope="alle", photo=None):
    data = {
        "incidents": [incident.pk],
        "reason": "Bedreiging",
        "starts_on": start.isoformat(),
        "ends_on": (start + timedelta(days=days - 1)).isoformat(),
        "scope": scope,
        "instruction": "beveiliging",
        "shorter_motivation": motivation,
    }
    if photo:
        data["photo"] = photo
    return data


def test_a_mandated_manager_imposes_a_ban_with_a_photo(world, login):
    incident = make_incident(world)
    aggressor = make_aggressor(incident)
    url = reverse(
        "sanctions:decide-type", kwargs={"aggressor_pk": aggressor.pk, "measure_type": "toegangsverbod"}
    )
    response = login(world.mandated).post(url, _ban_post(incident, start=date.today(), photo=png_upload()))
    assert response.status_code == 302, response.content.decode()[:2000]
    ban = Ban.objects.get()
    assert ban.photo.name.endswith(".png") and "foto" not in ban.photo.name
    assert ban.measure.decided_by == world.mandated
    assert ban.measure.proposal  # the ladder's advice was recorded next to the decision


def test_the_form_refuses_a_short_ban_without_motivation_and_keeps_the_input(world, login):
    incident = make_incident(world)
    aggressor = make_aggressor(incident)
    url = reverse(
        "sanctions:decide-type", kwargs={"aggressor_pk": aggressor.pk, "measure_type": "toegangsverbod"}
    )
    client = login(world.mandated)
    response = client.post(url, _ban_post(incident, start=date.today(), days=60))
    html = response.content.decode()
    assert response.status_code == 200
    assert "korter dan 91 dagen" in html
    assert "Bedreiging" in html  # what was typed is still there
    assert not Ban.objects.exists()
    response = client.post(url, _ban_post(incident, start=date.today(), days=60, motivation="Spijt getoond"))
    assert response.status_code == 302
    assert Ban.objects.get().shorter_motivation == "Spijt getoond"


def test_the_form_refuses_an_overlapping_ban(world, login, setup):
    incident, aggressor, ban = setup
    url = reverse(
        "sanctions:decide-type", kwargs={"aggressor_pk": aggressor.pk, "measure_type": "toegangsverbod"}
    )
    response = login(world.mandated).post(url, _ban_post(incident, start=date.today() + timedelta(days=30)))
    assert response.status_code == 200
    assert f"overlapt met toegangsverbod {ban.measure.reference}" in response.content.decode()
    assert Ban.objects.count() == 1


def test_other_departments_get_404(world, login, setup):
    _incident, aggressor, ban = setup
    client = login(world.other_manager)
    assert client.get(reverse("sanctions:decide", kwargs={"aggressor_pk": aggressor.pk})).status_code == 404
    assert client.get(reverse("sanctions:detail", kwargs={"pk": ban.pk})).status_code == 404
    assert client.get(reverse("sanctions:ban-serve", kwargs={"pk": ban.pk})).status_code == 404
    listing = client.get(reverse("sanctions:list")).content.decode()
    assert ban.measure.reference not in listing


def test_the_decision_page_shows_history_and_the_ladder_proposal(world, login, setup):
    incident, aggressor, ban = setup
    page = login(world.manager).get(
        reverse("sanctions:decide", kwargs={"aggressor_pk": aggressor.pk}) + f"?incident={incident.pk}"
    )
    html = page.content.decode()
    assert "Voorstel van GIR" in html
    assert incident.reference in html
    assert "Toegangsverbod " + ban.measure.reference + " is van kracht" in html
    assert AuditEntry.objects.filter(actor=world.manager, object_id=str(aggressor.pk)).exists()


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


def test_a_breach_becomes_an_incident_and_prompts_aangifte(world, login, setup):
    _incident, aggressor, ban = setup
    client = login(world.employee)
    response = client.post(
        reverse("sanctions:breach", kwargs={"pk": ban.pk}),
        {
            "occurred_date": date.today().isoformat(),
            "occurred_time": "00:01",
            "location": world.building.pk,
            "place": "Hal",
            "description": "Kwam toch binnen en wilde niet weg.",
            "aggression_forms": ["weigeren_vertrek"],
        },
    )
    assert response.status_code == 302
    breach = BanBreach.objects.get()
    new = breach.incident
    assert new.reference.startswith("GIR-")
    assert IncidentAggressor.objects.filter(incident=new, aggressor=aggressor).exists()
    assert new.reporter == world.employee
    for user in (world.mandated, world.coordinator):
        assert Notification.objects.filter(recipient=user, subject__contains="overtreden").exists()
    deadline = Deadline.objects.open().get(kind=DEADLINE_BREACH_AANGIFTE)
    assert deadline.owner == world.mandated
    # The aangifte for the new incident closes the prompt.
    aangifte_url = reverse(
        "sanctions:decide-type", kwargs={"aggressor_pk": aggressor.pk, "measure_type": "aangifte"}
    )
    response = login(world.manager).post(
        aangifte_url,
        {
            "incidents": [new.pk],
            "reason": "Art. 138 Sr",
            "reported_by": "werkgever",
            "reported_on": date.today().isoformat(),
            "vpt": "on",
        },
    )
    assert response.status_code == 302
    deadline.refresh_from_db()
    assert deadline.closed_at is not None


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


def test_the_register_export_escapes_formulas_and_is_logged(world, login):
    incident = make_incident(world)
    aggressor = make_aggressor(incident, last_name="=HYPERLINK(1)", first_name="")
    today = date.today()
    make_ban(world, aggressor, incident, starts_on=today, ends_on=today + timedelta(days=95))
    client = login(world.coordinator)
    response = client.get(reverse("sanctions:register-export") + "?phase=van_kracht")
    body = response.content.decode()
    assert "'=HYPERLINK(1)" in body
    assert ";=HYPERLINK" not in body
    assert AuditEntry.objects.filter(actor=world.coordinator, action="export").count() == 1


def test_the_register_filters_by_phase(world, login, setup):
    _incident, _aggressor, ban = setup
    client = login(world.coordinator)
    in_force = client.get(reverse("sanctions:register") + "?phase=van_kracht").content.decode()
    ended = client.get(reverse("sanctions:register") + "?phase=afgelopen").content.decode()
    assert ban.measure.reference in in_force
    assert ban.measure.reference not in ended


def test_contact_conditions_show_wherever_the_person_appears(world, login):
    incident = make_incident(world)
    aggressor = make_aggressor(incident)
    client = login(world.manager)
    url = reverse(
        "sanctions:decide-type",
        kwargs={"aggressor_pk": aggressor.pk, "measure_type": "contact_op_voorwaarden"},
    )
    response = client.post(
        url,
        {
            "incidents": [incident.pk],
            "reason": "Belt steeds",
            "starts_on": date.today().isoformat(),
            "ends_on": (date.today() + timedelta(days=90)).isoformat(),
            "no_phone": "on",
            "representative": "Mr. Jansen",
        },
    )
    assert response.status_code == 302
    from django.template import Context, Template

    html = Template("{% load sanctions_tags %}{% contact_conditions person %}").render(
        Context({"person": aggressor})
    )
    assert "Geen telefonisch contact" in html and "Mr. Jansen" in html
    from gir.registry import person_entries

    entries = person_entries(aggressor, world.manager)
    assert any("Contact op voorwaarden" in str(e["title"]) for e in entries)


def test_the_dossier_section_lists_measures_without_links_for_the_reporter(world, setup):
    incident, _aggressor, ban = setup
    from gir.registry import dossier_entries

    for_reporter = [e for e in dossier_entries(incident, world.employee) if e["kind"] == "measure"]
    for_manager = [e for e in dossier_entries(incident, world.manager) if e["kind"] == "measure"]
    assert len(for_reporter) == len(for_manager) == 1
    assert for_reporter[0]["url"] == ""
    assert for_manager[0]["url"] == reverse("sanctions:detail", kwargs={"pk": ban.pk})


def test_the_reception_start_panel_lists_the_bans_and_is_logged(world, login, setup):
    html = login(world.reception).get(reverse("start")).content.decode()
    assert "Karel Verbodenberg" in html
    assert AuditEntry.objects.filter(actor=world.reception, description__startswith="Startpagina").exists()
    assert "Karel Verbodenberg" not in login(world.employee).get(reverse("start")).content.decode()


def test_get_requests_change_nothing(world, login, setup):
    _incident, _aggressor, ban = setup
    client = login(world.mandated)
    events = ban.measure.events.count()
    for name in ("revoke", "ban-extend", "ban-review", "ban-serve"):
        assert client.get(reverse(f"sanctions:{name}", kwargs={"pk": ban.pk})).status_code == 200
    ban.refresh_from_db()
    assert ban.measure.status == "uitgevoerd"
    assert ban.measure.events.count() == events
    assert Incident.objects.count() == 1


def test_a_mandated_manager_decides_a_ban_for_another_departments_incident(world, login):
    incident = make_incident(world, department=world.dept_b, reporter=world.colleague)
    aggressor = make_aggressor(incident, last_name="Elders")
    client = login(world.mandated)
    page = client.get(reverse("sanctions:decide", kwargs={"aggressor_pk": aggressor.pk})).content.decode()
    assert "Besluit de leidinggevende van de afdeling" in page
    ban_url = reverse(
        "sanctions:decide-type", kwargs={"aggressor_pk": aggressor.pk, "measure_type": "toegangsverbod"}
    )
    warning_url = reverse(
        "sanctions:decide-type",
        kwargs={"aggressor_pk": aggressor.pk, "measure_type": "schriftelijke_waarschuwing"},
    )
    assert client.get(warning_url).status_code == 404
    assert client.post(ban_url, _ban_post(incident, start=date.today())).status_code == 302
    assert Ban.objects.get().measure.incidents.get() == incident
    # The department's own manager sees the ban; a manager of another department does not.
    assert (
        login(world.other_manager)
        .get(reverse("sanctions:detail", kwargs={"pk": Ban.objects.get().pk}))
        .status_code
        == 200
    )
    assert (
        login(world.manager).get(reverse("sanctions:detail", kwargs={"pk": Ban.objects.get().pk})).status_code
        == 404
    )


def test_a_manager_puts_a_ban_before_the_mandated_managers(world, login):
    incident = make_incident(world, forms=["fysiek"])
    aggressor = make_aggressor(incident)
    client = login(world.manager)
    page = client.get(reverse("sanctions:decide", kwargs={"aggressor_pk": aggressor.pk})).content.decode()
    assert "Voorleggen aan gemandateerde" in page
    response = client.post(
        reverse("sanctions:ban-request", kwargs={"aggressor_pk": aggressor.pk}) + f"?incident={incident.pk}"
    )
    assert response.status_code == 302
    note = Notification.objects.get(
        recipient=world.mandated, subject__startswith="Verzoek om een toegangsverbod"
    )
    assert incident.reference in note.subject
    assert "Verbodenberg" not in note.subject + note.body
    assert note.url.endswith(f"?incident={incident.pk}")
    assert login(world.mandated).get(note.url).status_code == 200


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


def test_the_coordinator_start_panel_counts_the_register(world, login, setup):
    incident, aggressor, _ban = setup
    today = date.today()
    make_ban(
        world,
        aggressor,
        incident,
        starts_on=today + timedelta(days=200),
        ends_on=today + timedelta(days=300),
        serve=False,
    )
    html = login(world.coordinator).get(reverse("start")).content.decode()
    assert "1 verbod van kracht" in html
    assert "1 nog niet uitgereikt" in html
    assert "Karel Verbodenberg" in html  # the coordinator also sees the reception panel


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


def test_the_measure_list_offers_incidents_still_waiting_for_a_decision(world, login):
    incident = make_incident(world)
    aggressor = make_aggressor(incident)
    html = login(world.manager).get(reverse("sanctions:list")).content.decode()
    assert (
        reverse("sanctions:decide", kwargs={"aggressor_pk": aggressor.pk}) + f"?incident={incident.pk}"
        in html
    )
    assert (
        "Karel Verbodenberg" not in login(world.other_manager).get(reverse("sanctions:list")).content.decode()
    )


def test_an_employee_finds_a_ban_by_name_to_register_a_breach_without_seeing_the_list(world, login, setup):
    _incident, _aggressor, ban = setup
    client = login(world.employee)
    start = client.get(reverse("start")).content.decode()
    assert reverse("sanctions:breach-find") in start
    assert "Karel Verbodenberg" not in client.get(reverse("sanctions:breach-find")).content.decode()
    too_short = client.get(reverse("sanctions:breach-find"), {"name": "Ve"}).content.decode()
    assert "Karel Verbodenberg" not in too_short
    found = client.get(reverse("sanctions:breach-find"), {"name": "verbodenberg"}).content.decode()
    assert reverse("sanctions:breach", kwargs={"pk": ban.pk}) in found
    assert "1979" not in found and "Geheimstraat" not in found
    nothing = client.get(reverse("sanctions:breach-find"), {"name": "Jansen"}).content.decode()
    assert reverse("sanctions:breach", kwargs={"pk": ban.pk}) not in nothing
    assert (
        AuditEntry.objects.filter(
            actor=world.employee, description__startswith="Toegangsverbod gezocht"
        ).count()
        == 2
    )


def test_a_vague_name_search_does_not_reveal_the_list(world, login):
    today = date.today()
    for n in range(6):
        incident = make_incident(world)
        aggressor = make_aggressor(incident, last_name=f"Bakker{n}")
        make_ban(world, aggressor, incident, starts_on=today, ends_on=today + timedelta(days=95), photo=False)
    html = login(world.employee).get(reverse("sanctions:breach-find"), {"name": "Bakker"}).content.decode()
    assert "Bakker0" not in html
    assert "meer dan 5 personen" in html


def test_a_police_report_fulfils_the_incidents_police_deadline(world, login):
    incident = make_incident(world, forms=["bedreiging"])
    aggressor = make_aggressor(incident)
    police = Deadline.objects.open().filter(kind="incident_police_report", object_id=incident.pk)
    assert police.exists()
    url = reverse(
        "sanctions:decide-type", kwargs={"aggressor_pk": aggressor.pk, "measure_type": "melding_politie"}
    )
    login(world.manager).post(
        url,
        {
            "incidents": [incident.pk],
            "reason": "Bedreiging",
            "reported_by": "werkgever",
            "reported_on": date.today().isoformat(),
        },
    )
    assert not police.exists()
    assert Measure.objects.get(aggressor=aggressor).type == "melding_politie"


def test_a_double_submitted_decision_or_breach_is_recorded_once(world, login, setup):
    incident, aggressor, ban = setup
    client = login(world.manager)
    url = reverse(
        "sanctions:decide-type",
        kwargs={"aggressor_pk": aggressor.pk, "measure_type": "mondelinge_waarschuwing"},
    )
    data = {"incidents": [incident.pk], "reason": "Aangesproken", "token": "a" * 32}
    first, second = client.post(url, data), client.post(url, data)
    assert first["Location"] == second["Location"]
    assert Measure.objects.filter(type="mondelinge_waarschuwing").count() == 1
    breach_url = reverse("sanctions:breach", kwargs={"pk": ban.pk})
    data = {
        "occurred_date": date.today().isoformat(),
        "occurred_time": "00:02",
        "description": "Toch binnen",
        "token": "b" * 32,
    }
    client.post(breach_url, data)
    client.post(breach_url, data)
    assert BanBreach.objects.count() == 1
    # The same decision typed again in a fresh form (a new token) is a new decision.
    client.post(url, {"incidents": [incident.pk], "reason": "Aangesproken", "token": "c" * 32})
    assert Measure.objects.filter(type="mondelinge_waarschuwing").count() == 2
    assert Incident.objects.count() == 2  # the original and the one breach


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


def test_writing_off_a_revoked_claim_shows_an_error_instead_of_failing(world, login):
    from sanctions.services import measure_decide, measure_revoke

    incident = make_incident(world)
    aggressor = make_aggressor(incident)
    claim = measure_decide(
        by=world.manager,
        aggressor=aggressor,
        measure_type="schadeverhaal",
        incidents=[incident],
        reason="Schade",
        details={"claim_date": date.today(), "items": [("Glas", 10)]},
    )
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
    from sanctions.services import measure_decide

    incident = make_incident(world)
    aggressor = make_aggressor(incident)
    claim = measure_decide(
        by=world.manager,
        aggressor=aggressor,
        measure_type="schadeverhaal",
        incidents=[incident],
        reason="Schade",
        details={"claim_date": date.today(), "items": [("Glas", 10)]},
    )
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    response = login(world.manager).post(
        reverse("sanctions:claim-payment", kwargs={"pk": claim.pk}), {"paid_on": tomorrow, "amount": "7.25"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Vul de datum in waarop het geld binnenkwam." in html
    assert 'value="7.25"' in html
    assert not claim.damageclaim.payments.exists()
