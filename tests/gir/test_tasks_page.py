"""Mijn taken costs one query per kind of deadline, however many tasks there are."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from gir.models import Deadline
from tests.incidents.factories import file_incident


def _queries(client) -> tuple[int, str]:
    client.get("/mijn-taken/")  # steady state: session renewal and the organisation cached
    with CaptureQueriesContext(connection) as ctx:
        response = client.get("/mijn-taken/")
    assert response.status_code == 200
    return len(ctx.captured_queries), response.content.decode()


def test_the_task_list_does_not_query_per_row(world, login):
    first = file_incident(world.employee)
    file_incident(world.employee)
    manager = login(world.manager)
    few, html = _queries(manager)
    assert first.reference in html
    for _i in range(6):
        file_incident(world.employee)
    many, html = _queries(manager)
    assert Deadline.objects.open().filter(owner=world.manager).count() >= 8
    assert many == few
    owners = set(Deadline.objects.filter(kind__startswith="aftercare_talk").values_list("owner", flat=True))
    assert world.aftercare.pk in owners  # the talks are assigned to the aftercare worker
    client = login(world.aftercare)
    talks_before, html = _queries(client)
    assert "nazorgdossier" in html
    file_incident(world.employee)
    file_incident(world.employee)
    talks_after, _html = _queries(client)
    assert talks_after == talks_before


def test_messages_show_on_my_tasks_and_are_marked_read_by_post_only(world, login):
    from gir.models import Notification
    from gir.notifications import notify

    notify(
        recipients=[world.employee], subject="Uw melding GIR-2026-0001 is afgehandeld", url="/incidenten/1/"
    )
    notify(recipients=[world.colleague], subject="Bericht voor een ander")
    client = login(world.employee)
    html = client.get("/mijn-taken/").content.decode()
    assert "Uw melding GIR-2026-0001 is afgehandeld" in html
    assert "Bericht voor een ander" not in html
    assert 'class="gir-unread"' in html
    assert Notification.objects.filter(recipient=world.employee, read_at__isnull=True).count() == 1
    assert client.get("/mijn-taken/berichten-gelezen/").status_code == 405
    assert client.post("/mijn-taken/berichten-gelezen/").status_code == 302
    assert Notification.objects.filter(recipient=world.employee, read_at__isnull=True).count() == 0
    assert Notification.objects.filter(recipient=world.colleague, read_at__isnull=True).count() == 1
    assert 'class="gir-unread"' not in client.get("/mijn-taken/").content.decode()


def test_the_role_choices_explain_each_role(world, login):
    html = login(world.admin).get(f"/beheer/gebruikers/{world.employee.pk}/").content.decode()
    assert "Mag namens de burgemeester een toegangsverbod opleggen." in html
