"""The audit-log viewer and the log's own retention (issue 12, findings 1 and 10)."""

import csv
import io
from datetime import timedelta

import pytest
import time_machine
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone

from aftercare.models import AftercareCase
from gir.audit import audit_log, purge_audit_before
from gir.models import AuditEntry
from privacy.retention import sweep
from tests.incidents.factories import file_incident, make_aggressor

pytestmark = pytest.mark.django_db
URL = reverse("privacy:auditlog")


def _rows(response):
    return [entry for entry, _cells, _changes in response.context["rows"]]


@pytest.fixture
def logged(world):
    incident = file_incident(world.employee, world.dept_a)
    other_incident = file_incident(world.colleague, world.dept_b)
    world.subject = make_aggressor(world.manager, incident, last_name="Subject")
    world.other = make_aggressor(world.manager, other_incident, last_name="Ander")
    world.seen_subject = audit_log(actor=world.manager, action=AuditEntry.Action.VIEW, obj=world.subject)
    world.seen_incident = audit_log(actor=world.coordinator, action=AuditEntry.Action.VIEW, obj=incident)
    world.seen_other = audit_log(actor=world.manager, action=AuditEntry.Action.VIEW, obj=world.other)
    case = AftercareCase.objects.filter(incident=incident).first()
    target = case or incident
    world.seen_aftercare = audit_log(actor=world.aftercare, action=AuditEntry.Action.VIEW, obj=target)
    world.aftercare_is_real = case is not None
    return world


def test_it_filters_on_the_person_concerned(logged, login):
    rows = _rows(login(logged.privacy).get(URL, {"persoon": logged.subject.pk}))
    assert logged.seen_subject in rows and logged.seen_incident in rows
    assert logged.seen_other not in rows


def test_it_filters_on_user_action_and_period(logged, login):
    client = login(logged.coordinator)
    rows = _rows(client.get(URL, {"gebruiker": logged.manager.pk}))
    assert {e.actor_id for e in rows} == {logged.manager.pk}
    rows = _rows(client.get(URL, {"actie": "view", "gebruiker": logged.coordinator.pk}))
    assert rows == [logged.seen_incident]
    today = timezone.localdate()
    assert (
        _rows(
            client.get(
                URL, {"van": today.replace(year=today.year - 1), "tot": today.replace(year=today.year - 1)}
            )
        )
        == []
    )
    bad = client.get(URL, {"van": "2026-05-01", "tot": "2026-04-01"})
    assert "Deze datum ligt voor" in bad.content.decode()


def test_aftercare_reads_are_shown_to_the_aftercare_lead_only(logged, login):
    if not logged.aftercare_is_real:
        pytest.skip("no aftercare case created for the incident")
    assert logged.seen_aftercare not in _rows(login(logged.coordinator).get(URL))
    assert logged.seen_aftercare not in _rows(login(logged.privacy).get(URL))
    rows = _rows(login(logged.aftercare).get(URL))
    assert logged.seen_aftercare in rows
    assert logged.seen_subject not in rows


def test_the_privacy_officer_reads_but_changes_nothing(logged, login):
    client = login(logged.privacy)
    page = client.get(URL)
    assert page.status_code == 200
    assert "Alle gebruikers" in page.content.decode() and "---------" not in page.content.decode()
    assert client.get(reverse("incidents:aggressor-detail", args=[logged.subject.pk])).status_code in (
        403,
        404,
    )
    assert not logged.privacy.has_perm("privacy.manage_retention")


def test_the_export_is_formula_safe_and_logged(logged, login):
    audit_log(
        actor=logged.manager, action=AuditEntry.Action.VIEW, obj=logged.subject, description="=HYPERLINK(1)"
    )
    response = login(logged.privacy).get(
        reverse("privacy:auditlog-export", args=["csv"]), {"persoon": logged.subject.pk}
    )
    assert response["Content-Disposition"].startswith("attachment")
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert any("'=HYPERLINK(1)" in row for row in rows)
    assert not any(str(logged.other.pk) == row[3].split()[-1] and "Ander" in row[3] for row in rows[1:])
    assert AuditEntry.objects.filter(actor=logged.privacy, action=AuditEntry.Action.EXPORT).exists()
    xlsx = login(logged.privacy).get(reverse("privacy:auditlog-export", args=["xlsx"]))
    assert xlsx.content[:2] == b"PK"


def test_the_log_is_kept_for_its_retention_period_only(world):
    with time_machine.travel("2022-01-10 10:00Z", tick=False):
        old = audit_log(actor=world.manager, action=AuditEntry.Action.VIEW, description="oud")
    recent = audit_log(actor=world.manager, action=AuditEntry.Action.VIEW, description="recent")
    counts = sweep(timezone.now())
    assert counts["audit_log"] == 1
    assert not AuditEntry.objects.filter(pk=old.pk).exists()
    assert AuditEntry.objects.filter(pk=recent.pk).exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger is PostgreSQL's")
def test_the_database_refuses_to_edit_or_delete_a_recent_entry(world):
    from django.db.utils import InternalError

    entry = audit_log(actor=world.manager, action=AuditEntry.Action.VIEW, description="x")
    for sql in (
        "UPDATE gir_auditentry SET description = 'y' WHERE id = %s",
        "DELETE FROM gir_auditentry WHERE id = %s",
    ):
        with pytest.raises(InternalError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [entry.pk])
    with time_machine.travel("2020-01-10 10:00Z", tick=False):
        old = audit_log(actor=world.manager, action=AuditEntry.Action.VIEW, description="oud")
    with pytest.raises(InternalError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE gir_auditentry SET description = 'y' WHERE id = %s", [old.pk])
    assert purge_audit_before(timezone.now() - timedelta(days=400)) == 1
    with pytest.raises(ValueError, match="at least a year"):
        purge_audit_before(timezone.now() - timedelta(days=30))


def test_before_and_after_are_shown_in_words_people_use(world, login):
    from gir.audit import log_change
    from gir.models import Organisation
    from privacy.constants import DataClass

    org = Organisation.get()
    log_change(
        actor=world.admin,
        obj=org,
        before={"reaction_norm": "2 days, 0:00:00", "escalation_after": "12:00:00"},
        after={"reaction_norm": "3 days, 0:00:00", "escalation_after": "1 day, 12:00:00"},
    )
    log_change(actor=world.admin, obj=world.employee, before={"is_active": True}, after={"is_active": False})
    log_change(actor=world.admin, obj=None, before={DataClass.AGGRESSOR.value: 365}, after={"aggressor": 400})
    client = login(world.coordinator)
    page = client.get(URL).content.decode()
    assert "Reactie op de dader binnen</dt><dd>was: 2 dagen · nu: 3 dagen" in page
    assert "was: 12 uur · nu: 36 uur" in page
    assert "was: ja · nu: nee" in page
    assert f"{DataClass.AGGRESSOR.label}</dt><dd>was: 365 · nu: 400" in page
    assert "days" not in page and "reaction_norm" not in page
    export = client.get(reverse("privacy:auditlog-export", args=["csv"])).content.decode("utf-8-sig")
    assert "Reactie op de dader binnen: 2 dagen → 3 dagen" in export
