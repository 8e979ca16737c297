"""The aftercare worker's flow through the pages; bad input keeps what was typed."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from aftercare.constants import TalkStatus
from aftercare.models import AftercareCase, AftercareNote
from tests.aftercare.helpers import file_incident

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(world):
    return AftercareCase.objects.get(incident=file_incident(world))


def test_worker_plans_and_records_a_talk(world, case, client):
    client.force_login(world.aftercare)
    talk = case.talks.get(number=1)
    day = timezone.localdate() + timedelta(days=1)
    response = client.post(
        reverse("aftercare:talk-plan", kwargs={"pk": talk.pk}),
        {"date": day.isoformat(), "time": "09:30", "minutes": "45", "place": "Spreekkamer 4"},
    )
    assert response.status_code == 302
    talk.refresh_from_db()
    assert talk.status == TalkStatus.PLANNED and timezone.localtime(talk.planned_start).hour == 9
    page = client.get(reverse("aftercare:case", kwargs={"pk": case.pk})).content.decode()
    assert "Spreekkamer 4" in page and "uitnodiging.ics" in page
    now = timezone.localtime()
    response = client.post(
        reverse("aftercare:talk-outcome", kwargs={"pk": talk.pk}),
        {
            "outcome": "gehouden",
            "held_date": now.date().isoformat(),
            "held_time": now.strftime("%H:%M"),
            "note": "Gaat redelijk.",
        },
    )
    assert response.status_code == 302
    talk.refresh_from_db()
    assert talk.status == TalkStatus.HELD
    assert AftercareNote.objects.get(talk=talk).text == "Gaat redelijk."


def test_invalid_plan_shows_errors_and_keeps_input(world, case, client):
    client.force_login(world.aftercare)
    talk = case.talks.get(number=1)
    response = client.post(
        reverse("aftercare:talk-plan", kwargs={"pk": talk.pk}),
        {"date": "2001-01-01", "time": "09:30", "minutes": "45", "place": "Kamer met uitzicht"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "voor het incident" in page
    assert 'value="Kamer met uitzicht"' in page and 'value="09:30"' in page


def test_held_needs_a_date(world, case, client):
    client.force_login(world.aftercare)
    talk = case.talks.get(number=1)
    response = client.post(
        reverse("aftercare:talk-outcome", kwargs={"pk": talk.pk}),
        {"outcome": "gehouden", "note": "mijn tekst"},
    )
    assert response.status_code == 200
    assert "Vul de datum in" in response.content.decode() and "mijn tekst" in response.content.decode()


def test_recording_a_final_talk_again_gives_a_clear_error(world, case, client):
    client.force_login(world.aftercare)
    talk = case.talks.get(number=2)
    url = reverse("aftercare:talk-outcome", kwargs={"pk": talk.pk})
    assert client.post(url, {"outcome": "niet_nodig"}).status_code == 302
    response = client.post(url, {"outcome": "afgeslagen"})
    assert (
        response.status_code == 200 and "Gesprek 2 is al afgerond (niet nodig)" in response.content.decode()
    )


def test_worker_panel_lists_the_next_talk_and_tasks_show_it(world, case, client):
    client.force_login(world.aftercare)
    start = client.get(reverse("start")).content.decode()
    assert "Mijn nazorgdossiers" in start and case.incident.reference in start
    tasks = client.get(reverse("tasks")).content.decode()
    assert "Eerste nazorggesprek" in tasks and reverse("aftercare:case", kwargs={"pk": case.pk}) in tasks


def test_get_never_changes_anything(world, case, client):
    client.force_login(world.aftercare)
    for name in (
        "aftercare:case-close",
        "aftercare:note-add",
        "aftercare:referral-add",
        "aftercare:case-assign",
    ):
        client.get(reverse(name, kwargs={"pk": case.pk}))
    talk = case.talks.get(number=1)
    for name in ("aftercare:talk-plan", "aftercare:talk-outcome"):
        client.get(reverse(name, kwargs={"pk": talk.pk}))
    case.refresh_from_db()
    assert case.is_open and case.assigned_to == world.aftercare
    assert not case.referrals.exists()
    assert set(case.talks.values_list("status", flat=True)) == {TalkStatus.TO_PLAN}
    assert not case.events.exclude(text="Nazorgdossier geopend").exists()


def test_assigning_a_colleague_returns_to_the_list_and_keeping_it_returns_to_the_case(world, case, client):
    from gir import roles
    from tests.factories import UserFactory

    second = UserFactory(username="aftercare2", roles=[roles.MEDEWERKER, roles.BEDRIJFSOPVANG])
    client.force_login(world.aftercare)
    url = reverse("aftercare:case-assign", kwargs={"pk": case.pk})
    response = client.post(url, {"worker": world.aftercare.pk})
    assert response.status_code == 302 and response.url == reverse("aftercare:case", kwargs={"pk": case.pk})
    response = client.post(url, {"worker": second.pk})
    assert response.status_code == 302 and response.url == reverse("aftercare:cases")
    case.refresh_from_db()
    assert case.assigned_to == second


def test_the_talk_pages_say_when_the_talk_is_due(world, case, client):
    client.force_login(world.aftercare)
    talk = case.talks.get(number=1)
    due = timezone.localtime(talk.due_at).strftime("%H:%M")
    for name in ("aftercare:talk-plan", "aftercare:talk-outcome"):
        page = client.get(reverse(name, kwargs={"pk": talk.pk})).content.decode()
        assert "moet uiterlijk" in page and due in page


def test_the_assign_form_never_offers_the_person_the_case_is_about(world, client):
    from gir import roles
    from tests.factories import UserFactory

    second = UserFactory(username="aftercare2", roles=[roles.MEDEWERKER, roles.BEDRIJFSOPVANG])
    own = AftercareCase.objects.get(incident=file_incident(world, victim=world.aftercare))
    client.force_login(second)
    page = client.get(reverse("aftercare:case-assign", kwargs={"pk": own.pk})).content.decode()
    assert f'value="{second.pk}"' in page and f'value="{world.aftercare.pk}"' not in page
    response = client.post(
        reverse("aftercare:case-assign", kwargs={"pk": own.pk}), {"worker": world.aftercare.pk}
    )
    assert response.status_code == 200
    own.refresh_from_db()
    assert own.assigned_to == second


def test_a_closed_case_refuses_talks_and_referrals_with_a_clear_error(world, case, client):
    from aftercare import services
    from aftercare.constants import CloseReason

    talk = case.talks.get(number=1)
    client.force_login(world.aftercare)
    services.case_close(case=case, reason=CloseReason.COMPLETED, by=world.aftercare)
    response = client.post(
        reverse("aftercare:talk-outcome", kwargs={"pk": talk.pk}), {"outcome": "afgeslagen"}
    )
    assert response.status_code == 200
    assert "Gesprek 1 is al afgerond (niet nodig)" in response.content.decode()
    response = client.post(reverse("aftercare:referral-add", kwargs={"pk": case.pk}), {"kind": "huisarts"})
    assert response.status_code == 200
    assert "U kunt geen doorverwijzing meer vastleggen" in response.content.decode()
    assert not case.referrals.exists()


def test_the_case_list_pages_instead_of_dropping_cases(world, client, monkeypatch):
    from aftercare import views

    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    refs = [file_incident(world, hours_ago=h).reference for h in (3, 2, 1)]
    client.force_login(world.coordinator)
    first = client.get(reverse("aftercare:cases")).content.decode()
    second = client.get(reverse("aftercare:cases") + "?page=2").content.decode()
    assert "Pagina 1 van 2" in first and "Pagina 2 van 2" in second
    assert sorted(ref for ref in refs if ref in first) == sorted(refs[1:])  # newest first
    assert [ref for ref in refs if ref in second] == refs[:1]


def test_running_cases_come_before_closed_ones_on_the_worklist(world, client, monkeypatch):
    """A team with a history of closed cases still sees its running ones, a new one included,
    on the first page."""
    from aftercare import services, views
    from aftercare.constants import CloseReason

    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    old, new = (file_incident(world, hours_ago=h) for h in (5, 1))
    for incident in (file_incident(world, hours_ago=3), file_incident(world, hours_ago=2)):
        for case in AftercareCase.objects.filter(incident=incident):
            services.case_close(case=case, reason=CloseReason.COMPLETED, by=world.aftercare)
    client.force_login(world.aftercare)
    first = client.get(reverse("aftercare:cases")).content.decode()
    assert new.reference in first and old.reference in first
    assert first.index(new.reference) < first.index(old.reference)  # newest running case on top
