"""The pages as a person uses them: short report, draft, double submit, editing at the same
time, start-page panels (the aggressor pages: test_views_aggressors.py)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from incidents.models import Incident, ReportDraft
from tests.incidents.factories import file_incident, png_upload

pytestmark = pytest.mark.django_db
REPORT = reverse("incidents:report")


def _report_data(world, **overrides):
    when = timezone.localtime() - timedelta(minutes=30)
    data = {
        "occurred_at": when.strftime("%Y-%m-%dT%H:%M"),
        "location_type": "balie",
        "place": "Balie 3",
        "forms": ["schelden", "bedreiging"],
        "description": "Klant werd boos en dreigde terug te komen.",
        "target": "mij",
        "department": world.dept_a.pk,
        "submit": "1",
    }
    data.update(overrides)
    return data


def _token(client):
    return client.get(REPORT).context["form"].initial["submission_token"]


def test_an_employee_files_a_short_report(world, login):
    client = login(world.employee)
    page = client.get(REPORT)
    assert "Bel 112" in page.content.decode()
    response = client.post(REPORT, _report_data(world, submission_token=_token(client)))
    incident = Incident.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "incidents:detail", args=[incident.pk]
    )
    assert set(incident.form_codes) == {"schelden", "bedreiging"}
    assert not ReportDraft.objects.filter(user=world.employee).exists()


def test_a_double_clicked_submit_creates_one_incident(world, login):
    client = login(world.employee)
    data = _report_data(world, submission_token=_token(client))
    first = client.post(REPORT, data)
    second = client.post(REPORT, data)
    assert Incident.objects.count() == 1
    assert first["Location"] == second["Location"]
    # The next report gets a fresh token and is a new incident.
    client.post(REPORT, _report_data(world, submission_token=_token(client)))
    assert Incident.objects.count() == 2


def test_an_invalid_report_keeps_every_value_and_the_file(world, login):
    client = login(world.employee)
    data = _report_data(world, forms=[], submission_token=_token(client), files=png_upload())
    response = client.post(REPORT, data)
    assert response.status_code == 200 and Incident.objects.count() == 0
    html = response.content.decode()
    assert "Klant werd boos en dreigde terug te komen." in html
    assert 'value="Balie 3"' in html
    assert 'value="balie" selected' in html or 'value="balie" selected' in html.replace("\n", "")
    pending = response.context["form"].data["pending"]
    assert pending
    # The draft holds the typed data too, so a closed tab loses nothing.
    draft = ReportDraft.objects.get(user=world.employee)
    assert draft.data["fields"]["description"] == [data["description"]]
    data.pop("files")
    response = client.post(REPORT, {**data, "forms": ["schelden"], "pending": pending})
    incident = Incident.objects.get()
    assert incident.evidence.count() == 1


def test_a_saved_draft_is_restored_later(world, login):
    client = login(world.employee)
    client.post(REPORT, {"description": "Half af verhaal", "place": "Markt", "save_draft": "1"})
    assert Incident.objects.count() == 0
    assert set(ReportDraft.objects.get(user=world.employee).data["fields"]) == {
        "description",
        "place",
        "pending",
    }
    client.logout()
    client = login(world.employee)
    response = client.get(REPORT)
    html = response.content.decode()
    assert "Half af verhaal" in html and 'value="Markt"' in html
    assert "concept" in html.lower()


def test_reporting_for_a_colleague_requires_picking_one(world, login):
    client = login(world.manager)
    data = _report_data(world, target="collega", submission_token=_token(client))
    response = client.post(REPORT, data)
    assert "Kies de collega" in response.content.decode()
    response = client.post(
        REPORT, {**data, "colleague": world.employee.pk, "reporter_role": "leidinggevende"}
    )
    incident = Incident.objects.get()
    assert incident.involvements.get(role="slachtoffer").user == world.employee


def test_a_report_in_the_future_is_refused(world, login):
    client = login(world.employee)
    future = (timezone.localtime() + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(REPORT, _report_data(world, occurred_at=future, submission_token=_token(client)))
    assert response.status_code == 200 and "toekomst" in response.content.decode()


def _edit_data(incident, **overrides):
    data = {
        "occurred_at": timezone.localtime(incident.occurred_at).strftime("%Y-%m-%dT%H:%M"),
        "department": incident.department_id,
        "location_type": incident.location_type,
        "description": incident.description,
        "forms": incident.form_codes,
        "version": incident.version,
    }
    data.update(overrides)
    return data


def test_two_managers_saving_at_once_the_second_is_refused_and_keeps_input(world, login, client):
    incident = file_incident(world.employee)
    stale = _edit_data(incident, means="een tas")
    login(world.manager).post(
        reverse("incidents:edit", args=[incident.pk]), _edit_data(incident, means="een stoel")
    )
    client.logout()
    client = login(world.mandated)
    response = client.post(reverse("incidents:edit", args=[incident.pk]), stale)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Iemand anders heeft dit incident net opgeslagen" in html
    assert 'value="een tas"' in html
    incident.refresh_from_db()
    assert incident.means == "een stoel"
    # A deliberate second save keeps this manager's version.
    response = client.post(reverse("incidents:edit", args=[incident.pk]), {**stale, "version": 2})
    incident.refresh_from_db()
    assert response.status_code == 302 and incident.means == "een tas"


def test_the_reporter_may_add_details_only_while_reported(world, login):
    incident = file_incident(world.employee)
    client = login(world.employee)
    url = reverse("incidents:edit", args=[incident.pk])
    form = client.get(url).context["form"]
    assert "department" not in form.fields and "aggression_kind" not in form.fields
    assert client.post(url, _edit_data(incident, trigger="Wachttijd")).status_code == 302
    Incident.objects.filter(pk=incident.pk).update(status="in_behandeling")
    assert client.get(url).status_code == 403


def test_status_buttons_post_and_the_dossier_shows_the_history(world, login):
    incident = file_incident(world.employee)
    client = login(world.manager)
    client.post(reverse("incidents:status", args=[incident.pk]), {"to_status": "afgehandeld"})
    assert "Waarom heropenen?" in client.get(reverse("incidents:detail", args=[incident.pk])).content.decode()
    client.post(
        reverse("incidents:status", args=[incident.pk]), {"to_status": "in_behandeling", "note": "Nieuw feit"}
    )
    html = client.get(reverse("incidents:detail", args=[incident.pk])).content.decode()
    assert "Status: Afgehandeld" in html and "Heropenen" not in html
    incident.refresh_from_db()
    assert incident.status == "in_behandeling" and incident.status_changes.count() == 3
    assert incident.status_changes.last().note == "Nieuw feit"
    assert client.get(reverse("incidents:status", args=[incident.pk])).status_code == 405


def test_first_talk_is_recorded_from_the_dossier(world, login):
    incident = file_incident(world.employee, forms=["bedreiging"])
    client = login(world.manager)
    now = timezone.localtime().strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        reverse("incidents:first-talk", args=[incident.pk]),
        {"at": now, "summary": "Samen gesproken.", "police_plan": "aangifte"},
    )
    assert response.status_code == 302
    incident.refresh_from_db()
    assert incident.police_report_planned == "aangifte" and incident.first_talk_by == world.manager
    html = client.get(reverse("incidents:detail", args=[incident.pk])).content.decode()
    assert "Aangifte bij de politie" in html


def test_start_page_panels_per_role(world, login):
    file_incident(world.employee)
    employee_page = login(world.employee).get(reverse("start")).content.decode()
    assert "Incident melden" in employee_page and "GIR-" in employee_page
    manager_page = login(world.manager).get(reverse("start")).content.decode()
    assert "1 nieuwe melding" in manager_page
    nav = login(world.reception).get(reverse("start")).content.decode()
    assert reverse("incidents:aggressor-search") not in nav and reverse("incidents:inbox") not in nav


def test_the_report_panel_links_to_all_reports_only_past_five(world, login):
    client = login(world.employee)
    incidents = [file_incident(world.employee, hours_ago=hours + 1) for hours in range(6)]
    panel = client.get(reverse("start")).content.decode()
    assert [i.reference in panel for i in incidents] == [False] + [True] * 5  # latest reported first
    assert "Alle meldingen" in panel
    Incident.objects.filter(pk=incidents[0].pk).update(reporter=world.colleague)
    assert "Alle meldingen" not in client.get(reverse("start")).content.decode()


def test_a_draft_can_be_discarded(world, login):
    client = login(world.employee)
    client.post(REPORT, {"description": "Weg ermee", "save_draft": "1"})
    assert "Concept weggooien" in client.get(REPORT).content.decode()
    client.post(REPORT, {"description": "Weg ermee", "discard_draft": "1"})
    html = client.get(REPORT).content.decode()
    assert "Weg ermee" not in html and Incident.objects.count() == 0


def test_filing_succeeds_when_the_broker_is_down(
    world, login, monkeypatch, django_capture_on_commit_callbacks
):
    from gir import tasks

    def broker_down(*args, **kwargs):
        raise ConnectionError("broker unreachable")

    monkeypatch.setattr(tasks.deliver_notifications, "delay", broker_down)
    client = login(world.employee)
    token = _token(client)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(REPORT, _report_data(world, submission_token=token))
    assert callbacks, "the e-mail hand-over runs after commit"
    assert response.status_code == 302 and Incident.objects.count() == 1
    from gir.models import Notification

    # The rows are there; the sweep sends the e-mails when the broker is back.
    assert (
        Notification.objects.filter(subject__startswith="Nieuwe melding", emailed_at__isnull=True).count()
        == 2
    )


def test_typing_is_saved_in_the_background_without_validation(world, login):
    client = login(world.employee)
    response = client.post(REPORT, {"autosave": "1", "description": "Bezig met typen", "forms": ["schelden"]})
    assert response.status_code == 204 and Incident.objects.count() == 0
    fields = ReportDraft.objects.get(user=world.employee).data["fields"]
    assert fields["description"] == ["Bezig met typen"] and "autosave" not in fields
    assert "Bezig met typen" in client.get(REPORT).content.decode()


def test_moving_an_incident_to_another_department_hands_it_over(world, login):
    incident = file_incident(world.employee, world.dept_a)
    client = login(world.manager)
    response = client.post(
        reverse("incidents:edit", args=[incident.pk]), _edit_data(incident, department=world.dept_b.pk)
    )
    assert response["Location"] == reverse("incidents:list")
    assert login(world.other_manager).get(reverse("incidents:detail", args=[incident.pk])).status_code == 200


def test_a_manager_records_why_no_reaction_to_the_aggressor_is_possible(world, login):
    incident = file_incident(world.employee)
    client = login(world.manager)
    url = reverse("incidents:waive-reaction", args=[incident.pk])
    assert "Waarom kan er geen reactie" in client.get(url).content.decode()
    assert client.post(url, {"reason": "kort"}).status_code == 200  # too short to explain anything
    response = client.post(url, {"reason": "De dader is onbekend en niet te vinden."})
    assert response.status_code == 302
    incident.refresh_from_db()
    assert incident.reaction_waived_by == world.manager
    assert login(world.employee).get(url).status_code == 403


def test_a_witness_is_added_from_the_dossier(world, login):
    incident = file_incident(world.employee)
    client = login(world.manager)
    url = reverse("incidents:involvement-add", args=[incident.pk])
    response = client.post(url, {"role": "getuige", "victim_kind": "medewerker"})
    assert "Kies een medewerker of vul een naam in." in response.content.decode()
    client.post(url, {"role": "getuige", "victim_kind": "medewerker", "user": world.mandated.pk})
    witness = incident.involvements.get(role="getuige")
    assert (witness.user, witness.department) == (world.mandated, world.mandated.department)
    again = client.post(url, {"role": "getuige", "victim_kind": "medewerker", "user": world.mandated.pk})
    assert "staat al met deze rol" in again.content.decode()


def test_a_status_change_that_is_no_longer_allowed_says_what_to_do(world, login):
    incident = file_incident(world.employee)
    client = login(world.manager)
    url = reverse("incidents:status", args=[incident.pk])
    client.post(url, {"to_status": "afgehandeld"})
    response = client.post(url, {"to_status": "afgehandeld"}, follow=True)  # a second tab, still open
    html = response.content.decode()
    assert "kan niet naar Afgehandeld" in html and "kies opnieuw" in html
    assert incident.status_changes.count() == 2
