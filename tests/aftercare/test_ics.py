"""The .ics invitation: valid RFC 5545, and nothing confidential in it."""

from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse

from aftercare import services
from aftercare.ics import _fold, talk_invitation
from aftercare.models import AftercareCase
from tests.aftercare.helpers import NOTE_TEXT, file_incident

pytestmark = pytest.mark.django_db


@pytest.fixture
def planned(world):
    case = AftercareCase.objects.get(incident=file_incident(world))
    talk = case.talks.get(number=1)
    services.note_add(case=case, talk=talk, text=NOTE_TEXT, by=world.aftercare)
    services.referral_add(case=case, kind="psycholoog", other="", by=world.aftercare)
    start = datetime(2026, 10, 25, 1, 30, tzinfo=UTC)  # 02:30 or 03:30 local? UTC keeps it unambiguous
    return services.talk_plan(
        talk=talk, start=start, minutes=45, place="Kamer 2; naast de lift, 1e etage", by=world.aftercare
    )


def test_invitation_is_rfc5545(planned):
    text = talk_invitation(planned, datetime(2026, 10, 20, 8, 0, tzinfo=UTC))
    assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:")
    assert text.endswith("END:VEVENT\r\nEND:VCALENDAR\r\n")
    assert "\n" not in text.replace("\r\n", "")  # only CRLF line breaks
    lines = text.split("\r\n")
    assert all(len(line.encode()) <= 75 for line in lines)
    unfolded = text.replace("\r\n ", "")
    assert "DTSTART:20261025T013000Z" in unfolded
    assert "DTEND:20261025T021500Z" in unfolded
    assert "DTSTAMP:20261020T080000Z" in unfolded
    assert f"UID:aftercare-talk-{planned.pk}@" in unfolded
    assert "LOCATION:Kamer 2\\; naast de lift\\, 1e etage" in unfolded
    assert "SEQUENCE:1" in unfolded


def test_invitation_holds_no_confidential_data(planned):
    text = talk_invitation(planned, datetime(2026, 10, 20, tzinfo=UTC)).replace("\r\n ", "")
    assert NOTE_TEXT not in text
    assert "sychoLoog".lower() not in text.lower()
    assert planned.case.incident.description not in text
    assert planned.case.incident.reference not in text


def test_folding_splits_long_multibyte_lines_at_character_boundaries():
    line = "DESCRIPTION:" + "é" * 80
    folded = _fold(line)
    assert all(len(part.encode()) <= 75 for part in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == line


def test_download_for_the_employee_is_logged_and_an_attachment(planned, world, client):
    client.force_login(world.employee)
    response = client.get(reverse("aftercare:talk-ics", kwargs={"pk": planned.pk}))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert response["Content-Disposition"].startswith("attachment;")
    from gir.models import AuditEntry

    assert AuditEntry.objects.filter(
        action="download", actor=world.employee, object_id=str(planned.pk)
    ).exists()


def test_unplanned_talk_has_no_invitation(planned, world, client):
    client.force_login(world.aftercare)
    talk2 = planned.case.talks.get(number=2)
    assert client.get(reverse("aftercare:talk-ics", kwargs={"pk": talk2.pk})).status_code == 404


def test_replanning_bumps_the_sequence(planned, world):
    again = services.talk_plan(
        talk=planned,
        start=planned.planned_start + timedelta(days=1),
        minutes=30,
        place="Kamer 3",
        by=world.aftercare,
    )
    assert "SEQUENCE:2" in talk_invitation(again, datetime(2026, 10, 20, tzinfo=UTC))
