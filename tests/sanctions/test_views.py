"""Sanctions pages that show measures: the ban register and its export, contact conditions
wherever the person appears, the dossier section, the coordinator's panel."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from gir.models import AuditEntry
from tests.sanctions.helpers import make_aggressor, make_ban, make_incident

pytestmark = pytest.mark.django_db


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
    from gir.registry import registry

    entries = [e for s in registry.person_sections for e in s.entries(aggressor, world.manager)]
    assert any("Contact op voorwaarden" in str(e["title"]) for e in entries)


def test_the_dossier_section_lists_measures_without_links_for_the_reporter(world, setup):
    incident, _aggressor, ban = setup
    from gir.registry import registry

    for_reporter = [
        e
        for s in registry.dossier_sections
        for e in s.entries(incident, world.employee)
        if e["kind"] == "measure" and not e.get("row")
    ]
    for_manager = [
        e
        for s in registry.dossier_sections
        for e in s.entries(incident, world.manager)
        if e["kind"] == "measure" and not e.get("row")
    ]
    assert len(for_reporter) == len(for_manager) == 1
    assert for_reporter[0]["url"] == ""
    assert for_manager[0]["url"] == reverse("sanctions:detail", kwargs={"pk": ban.pk})


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


def test_an_employee_reports_a_breach_as_an_incident_and_cannot_find_banned_names(world, login, setup):
    _incident, _aggressor, ban = setup
    client = login(world.employee)
    start = client.get(reverse("start")).content.decode()
    assert reverse("sanctions:breach-find") not in start
    assert client.get(reverse("sanctions:breach-find"), {"name": "verbodenberg"}).status_code == 404
    assert client.get(reverse("sanctions:breach", kwargs={"pk": ban.pk})).status_code == 404


def test_reception_finds_a_ban_by_name_and_every_search_is_logged(world, login, setup):
    _incident, _aggressor, ban = setup
    client = login(world.reception)
    assert "Karel Verbodenberg" not in client.get(reverse("sanctions:breach-find")).content.decode()
    too_short = client.post(reverse("sanctions:breach-find"), {"name": "Ve"}).content.decode()
    assert "Karel Verbodenberg" not in too_short
    found = client.post(reverse("sanctions:breach-find"), {"name": "verbodenberg"}).content.decode()
    assert reverse("sanctions:breach", kwargs={"pk": ban.pk}) in found
    assert "1979" not in found and "Geheimstraat" not in found
    nothing = client.post(reverse("sanctions:breach-find"), {"name": "Jansen"}).content.decode()
    assert reverse("sanctions:breach", kwargs={"pk": ban.pk}) not in nothing
    assert (
        AuditEntry.objects.filter(
            actor=world.reception, description__startswith="toegangsverbod gezocht"
        ).count()
        == 2
    )


def test_the_register_counts_match_the_ban_querysets(world, setup):
    from django.utils import timezone

    from sanctions.constants import MeasureStatus
    from sanctions.models import Ban

    REVOKED = MeasureStatus.REVOKED
    incident, _aggressor, _ban = setup
    today = date.today()
    second, third = make_aggressor(incident, last_name="Twee"), make_aggressor(incident, last_name="Drie")
    make_ban(world, second, incident, starts_on=today, ends_on=today + timedelta(days=150))
    make_ban(world, third, incident, starts_on=today, ends_on=today + timedelta(days=120), serve=False)
    now, within = timezone.now(), timedelta(days=100)  # the setup's ban ends within 95 days
    counts = Ban.objects.register_counts(now, within)
    assert counts == {
        "in_force": Ban.objects.in_force(now).count(),
        "ending_soon": Ban.objects.ending_within(now, within).count(),
        "not_served": Ban.objects.filter(served_on__isnull=True).exclude(measure__status=REVOKED).count(),
    }
    assert counts == {"in_force": 2, "ending_soon": 1, "not_served": 1}
