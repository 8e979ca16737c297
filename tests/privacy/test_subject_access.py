"""Subject-access export: everything about one aggressor, nothing about anyone else."""

import json

from gir.models import AuditEntry
from incidents.services import aggressor_link
from tests.incidents.factories import file_incident, make_aggressor


def test_export_holds_the_persons_data_and_no_one_elses(world, login):
    incident = file_incident(
        world.employee,
        description=f"Meneer Kramer schreeuwde tegen {world.employee.first_name} {world.employee.last_name}.",
    )
    subject = make_aggressor(world.manager, incident, last_name="Kramer", first_name="Peter")
    other = make_aggressor(world.manager, incident, last_name="Zwaans", first_name="Otto")
    unrelated = file_incident(world.colleague, description="Iets heel anders.")
    make_aggressor(world.other_manager, unrelated, last_name="Derde")
    response = login(world.coordinator).get(f"/privacy/inzage/{subject.pk}/export/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)
    text = json.dumps(data, ensure_ascii=False)
    assert data["persoon"]["achternaam"] == "Kramer"
    assert data["incidenten"][0]["kenmerk"] == incident.reference
    assert "Meneer Kramer schreeuwde" in data["incidenten"][0]["wat_er_gebeurde"]
    for name in [
        world.employee.first_name,
        world.employee.last_name,
        world.employee.username,
        world.manager.last_name,
        other.last_name,
        "Derde",
        unrelated.reference,
    ]:
        assert name not in text, f"{name!r} leaked into the export"
    assert AuditEntry.objects.filter(action="export", object_id=str(subject.pk)).count() == 1


def test_export_includes_later_incidents_of_the_same_person(world, login):
    first = file_incident(world.employee)
    subject = make_aggressor(world.manager, first)
    second = file_incident(world.employee, hours_ago=0.5)
    aggressor_link(incident=second, aggressor=subject, by=world.manager)
    data = json.loads(login(world.coordinator).get(f"/privacy/inzage/{subject.pk}/export/").content)
    assert [row["kenmerk"] for row in data["incidenten"]] == [first.reference, second.reference]


def test_managers_cannot_export(world, login):
    incident = file_incident(world.employee)
    subject = make_aggressor(world.manager, incident)
    assert login(world.manager).get(f"/privacy/inzage/{subject.pk}/export/").status_code == 403


def test_search_finds_by_name_and_birth_date(world, login):
    incident = file_incident(world.employee)
    make_aggressor(world.manager, incident, last_name="Vindbaar", date_of_birth="1980-02-03")
    client = login(world.coordinator)
    assert "Vindbaar" in client.post("/privacy/inzage/", {"q": "vindbaar"}).content.decode()
    assert "Vindbaar" in client.post("/privacy/inzage/", {"date_of_birth": "1980-02-03"}).content.decode()
    assert "Vindbaar" not in client.post("/privacy/inzage/", {"q": "iemand-anders"}).content.decode()


def test_names_of_the_deciding_manager_and_of_the_breach_registrar_are_redacted(world, login):
    from datetime import date

    from sanctions.models import BanBreach
    from tests.sanctions.helpers import make_ban

    incident = file_incident(world.employee)
    subject = make_aggressor(world.manager, incident, last_name="Kramer", first_name="Peter")
    ban = make_ban(world, subject, incident, starts_on=date.today(), ends_on=date(2099, 1, 1))
    ban.measure.__class__.objects.filter(pk=ban.measure.pk).update(
        reason=f"Besloten door {world.mandated.get_full_name()} na overleg."
    )
    BanBreach.objects.create(
        ban=ban,
        occurred_at=incident.occurred_at,
        description=f"Gezien door {world.reception.last_name} bij de ingang.",
        registered_by=world.reception,
    )
    data = json.loads(login(world.coordinator).get(f"/privacy/inzage/{subject.pk}/export/").content)
    text = json.dumps(data, ensure_ascii=False)
    measure = next(m for m in data["maatregelen"] if "toegangsverbod" in m)
    assert measure["reden"] == "Besloten door [naam] na overleg."
    assert measure["toegangsverbod"]["overtredingen"][0]["wat"] == "Gezien door [naam] bij de ingang."
    for name in [world.mandated.first_name, world.mandated.last_name, world.reception.last_name]:
        assert name not in text, f"{name!r} leaked into the export"
