"""Sanctions pages for deciding a measure: the mandate, the ban form's rules, scope, the ladder
proposal, requests to the mandated managers, double submits."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from gir.models import AuditEntry, Deadline, Notification
from incidents.models import Incident
from sanctions.models import Ban, BanBreach, Measure
from tests.sanctions.helpers import make_aggressor, make_incident, png_upload

pytestmark = pytest.mark.django_db


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


def test_a_mandated_manager_decides_a_ban_for_another_departments_incident(world, login):
    incident = make_incident(world, department=world.dept_b, reporter=world.colleague)
    aggressor = make_aggressor(incident, last_name="Elders")
    client = login(world.mandated)
    decide = reverse("sanctions:decide", kwargs={"aggressor_pk": aggressor.pk})
    assert client.get(decide).status_code == 404  # not before the department asks for it
    request_url = reverse("sanctions:ban-request", kwargs={"aggressor_pk": aggressor.pk})
    login(world.other_manager).post(f"{request_url}?incident={incident.pk}")
    client = login(world.mandated)
    page = client.get(decide).content.decode()
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
    reception = login(world.reception)
    reception.post(breach_url, data)
    reception.post(breach_url, data)
    client = login(world.manager)
    assert BanBreach.objects.count() == 1
    # The same decision typed again in a fresh form (a new token) is a new decision.
    client.post(url, {"incidents": [incident.pk], "reason": "Aangesproken", "token": "c" * 32})
    assert Measure.objects.filter(type="mondelinge_waarschuwing").count() == 2
    assert Incident.objects.count() == 2  # the original and the one breach


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
