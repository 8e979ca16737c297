"""The dossier as a workplace: blocks from other apps, next steps, plain timeline, thumbnails."""

from datetime import timedelta

from django.utils import timezone

from incidents.constants import EventKind
from incidents.services.common import add_event
from tests.incidents.factories import add_evidence
from tests.sanctions.helpers import make_aggressor, make_ban, make_incident


def _case(world):
    incident = make_incident(world)
    aggressor = make_aggressor(incident)
    today = timezone.localdate()
    ban = make_ban(
        world, aggressor, incident, starts_on=today, ends_on=today + timedelta(days=100), serve=False
    )
    return incident, ban


def test_the_manager_sees_the_measure_with_its_next_step_and_brief_maken(world, login):
    incident, ban = _case(world)
    page = login(world.manager).get(f"/incidenten/{incident.pk}/")
    measures = page.context["blocks"]["measures"]
    assert [row["measure_id"] for row in measures] == [ban.pk]
    labels = [step["label"] for step in measures[0]["next"]]
    assert "Uitreiking vastleggen" in labels
    assert any(step["url"].endswith(f"?maatregel={ban.pk}") for step in measures[0]["next"])
    html = page.content.decode()
    assert 'href="#h-measures"' in html and 'id="h-measures"' in html  # table of contents


def test_the_aggressor_block_shows_a_ban_in_force(world, login):
    incident, _ban = _case(world)
    today = timezone.localdate()
    make_ban(
        world,
        make_aggressor(incident, last_name="Tweede"),
        incident,
        starts_on=today,
        ends_on=today + timedelta(days=95),
    )
    people = login(world.manager).get(f"/incidenten/{incident.pk}/").context["aggressors"]
    assert any(person["alerts"] for person in people)


def test_the_employee_sees_no_deadlines_and_no_repeated_rows(world, login):
    incident, _ban = _case(world)
    page = login(world.employee).get(f"/incidenten/{incident.pk}/")
    timeline = page.context["timeline"]
    assert not [entry for entry in timeline if entry["kind"] == "deadline"]
    keys = [(entry["at"].replace(second=0, microsecond=0), str(entry["title"])) for entry in timeline]
    assert len(keys) == len(set(keys))
    assert page.context["next_deadline"] is None


def test_the_timeline_names_each_event_and_drops_a_text_that_only_repeats_it(world, login):
    incident, _ban = _case(world)
    later = timezone.now() + timedelta(minutes=5)
    add_event(incident, world.manager, EventKind.UPDATED, "Gegevens aangevuld")
    add_event(incident, world.manager, EventKind.UPDATED, "Plek gewijzigd", at=later)
    timeline = login(world.manager).get(f"/incidenten/{incident.pk}/").context["timeline"]
    title = "Gegevens aangevuld"
    updates = [(entry["title"], entry["text"]) for entry in timeline if entry["title"] == title]
    assert updates == [(title, ""), (title, "Plek gewijzigd")]


def test_an_image_has_a_thumbnail_behind_the_same_check(world, login):
    incident = make_incident(world)
    evidence = add_evidence(incident, world.employee)
    response = login(world.employee).get(f"/incidenten/bewijs/{evidence.pk}/miniatuur/")
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    assert response["Cache-Control"] == "private, no-store"
    assert login(world.colleague).get(f"/incidenten/bewijs/{evidence.pk}/miniatuur/").status_code == 404


def test_the_handler_reference_and_department_are_shown_once(world, login):
    incident, _ban = _case(world)
    html = login(world.manager).get(f"/incidenten/{incident.pk}/").content.decode()
    # once as a row of the summary; the timeline may still tell when the handler changed
    assert html.count('key">Behandelaar</dt>') == 1 and 'id="h-handler"' not in html
    assert html.count(">Kenmerk</dt>") == 1 and html.count(">Afdeling</dt>") == 1
    assert "Overdragen aan een andere leidinggevende" in html
