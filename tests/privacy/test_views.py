"""The beheerder's retention page and the coordinator's subject-access search."""

from datetime import date

from privacy.models import RetentionPolicy, RetentionRun


def test_retention_page_saves_every_period_and_who_changed_it(world, login):
    data = {
        "incident_details": 400,
        "aggressor": 500,
        "aftercare_notes": 60,
        "notifications": 90,
        "audit_log": 800,
    }
    response = login(world.admin).post("/privacy/bewaartermijnen/", data)
    assert response.status_code == 302
    assert dict(RetentionPolicy.objects.values_list("data_class", "days")) == data
    assert set(RetentionPolicy.objects.values_list("updated_by", flat=True)) == {world.admin.pk}


def test_retention_page_refuses_a_period_under_30_days_and_keeps_the_old_one(world, login):
    before = dict(RetentionPolicy.objects.values_list("data_class", "days"))
    data = {"incident_details": 10, "aggressor": 500, "aftercare_notes": 60, "notifications": 90}
    response = login(world.admin).post("/privacy/bewaartermijnen/", data)
    assert response.status_code == 200
    assert 'value="500"' in response.content.decode()
    assert dict(RetentionPolicy.objects.values_list("data_class", "days")) == before


def test_retention_page_names_what_each_sweep_erased_in_dutch(world, login):
    RetentionRun.objects.create(
        local_date=date(2026, 3, 2),
        counts={"pending_uploads": 2, "aggressor": 0, "notifications": 0, "incident_details": 3},
    )
    RetentionRun.objects.create(
        local_date=date(2026, 3, 1),
        counts={"incident_details": 0, "aggressor": 0, "notifications": 0, "pending_uploads": 0},
    )
    html = login(world.admin).get("/privacy/bewaartermijnen/").content.decode()
    assert "3 × Beschrijvingen en bewijs van afgehandelde incidenten; " in html
    assert "2 × Bijlagen van formulieren die nooit zijn verstuurd</td>" in html
    assert "pending_uploads" not in html and "None" not in html
    assert '<td class="utrecht-table__cell">niets</td>' in html  # a sweep that erased nothing


def test_subject_search_logs_each_person_it_shows(world, login):
    from gir.models import AuditEntry
    from tests.incidents.factories import file_incident, make_aggressor

    incident = file_incident(world.employee)
    shown = make_aggressor(world.manager, incident, last_name="Vindbaar", first_name="Vera")
    make_aggressor(world.manager, incident, last_name="Anders", first_name="Arie")
    before = set(AuditEntry.objects.values_list("pk", flat=True))
    html = login(world.coordinator).post("/privacy/inzage/", {"q": "vera vindbaar"}).content.decode()
    assert "Vindbaar" in html and "Anders" not in html
    logged = AuditEntry.objects.exclude(pk__in=before)
    assert [(e.action, e.object_id) for e in logged] == [(AuditEntry.Action.VIEW, str(shown.pk))]


def test_the_audit_log_period_cannot_go_below_a_year(world, login):
    data = {
        "incident_details": 400,
        "aggressor": 500,
        "aftercare_notes": 60,
        "notifications": 90,
        "audit_log": 200,
    }
    response = login(world.admin).post("/privacy/bewaartermijnen/", data)
    assert response.status_code == 200
    assert not RetentionPolicy.objects.filter(data_class="audit_log").exists()
