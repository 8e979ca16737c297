"""Dispatching a letter meets the 48-hour norm: it closes the incident's reaction deadline.
The countdown, the managers' start-page panel and the dossier section."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.template import Context, Template
from django.urls import reverse

from gir.models import Deadline
from gir.registry import DossierSection, registry
from letters.constants import REACTION_DEADLINE, DispatchMethod
from letters.panels import dossier_section, reaction_context
from letters.templatetags.letters_tags import duration_text
from tests.letters.helpers import concept, dispatched, final, incident_with_aggressor

AMS = ZoneInfo("Europe/Amsterdam")


def _reaction(incident):
    return Deadline.objects.for_object(incident).get(kind=REACTION_DEADLINE)


def test_filing_an_incident_opens_the_reaction_deadline_48_hours_out(world):
    incident, _aggressor = incident_with_aggressor(world.employee, world.manager, hours_ago=2)
    deadline = _reaction(incident)
    assert deadline.closed_at is None
    assert deadline.due_at - incident.occurred_at == dt.timedelta(hours=48)


def test_dispatching_a_letter_closes_the_48_hour_deadline(world):
    incident, aggressor = incident_with_aggressor(world.employee, world.manager)
    letter = final(incident, aggressor, world.manager)
    assert _reaction(incident).closed_at is None  # final is not enough: it must go out
    dispatched(letter, world.manager, method=DispatchMethod.REGISTERED, tracking_number="3SABC123")
    deadline = _reaction(incident)
    assert deadline.closed_at is not None
    assert deadline.closed_by == world.manager
    assert letter.reference in deadline.close_note


def test_a_second_dispatch_does_not_fail_and_keeps_the_first_closing(world):
    incident, aggressor = incident_with_aggressor(world.employee, world.manager)
    letter = final(incident, aggressor, world.manager)
    dispatched(letter, world.manager)
    closed_at = _reaction(incident).closed_at
    dispatched(letter, world.manager, method=DispatchMethod.HANDED_REFUSED, note="Wilde niet tekenen")
    assert _reaction(incident).closed_at == closed_at
    assert letter.dispatches.count() == 2


def test_a_dispatch_of_another_incidents_letter_leaves_this_deadline_open(world):
    incident, _aggressor = incident_with_aggressor(world.employee, world.manager)
    other, other_aggressor = incident_with_aggressor(world.employee, world.manager)
    dispatched(final(other, other_aggressor, world.manager), world.manager)
    assert _reaction(incident).closed_at is None


def test_the_dispatch_view_closes_the_deadline(world, login):
    incident, aggressor = incident_with_aggressor(world.employee, world.manager)
    letter = final(incident, aggressor, world.manager)
    from django.utils import timezone

    response = login(world.manager).post(
        reverse("letters:dispatch", args=[letter.pk]),
        {
            "method": DispatchMethod.REGISTERED,
            "dispatched_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
            "tracking_number": "",
        },
    )
    assert response.status_code == 200
    assert "Vul het zendingnummer" in response.content.decode()
    assert _reaction(incident).closed_at is None
    response = login(world.manager).post(
        reverse("letters:dispatch", args=[letter.pk]),
        {
            "method": DispatchMethod.REGISTERED,
            "dispatched_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
            "tracking_number": "3SXYZ987",
        },
    )
    assert response.status_code == 302
    assert _reaction(incident).closed_at is not None


def test_duration_text_in_dutch():
    assert duration_text(dt.timedelta(hours=5, minutes=12)) == "5 uur 12 minuten"
    assert duration_text(dt.timedelta(days=1, hours=3, minutes=59)) == "1 dag 3 uur"
    assert duration_text(dt.timedelta(minutes=1)) == "1 minuut"
    assert duration_text(dt.timedelta(seconds=20)) == "minder dan een minuut"


def test_the_countdown_include_shows_time_left_then_overdue(world):
    start = dt.datetime(2026, 3, 10, 9, 0, tzinfo=AMS)
    with time_machine.travel(start, tick=False):
        incident, _aggressor = incident_with_aggressor(world.employee, world.manager, hours_ago=1)
    template = Template('{% include "letters/includes/reaction_countdown.html" with incident=incident %}')
    with time_machine.travel(start + dt.timedelta(hours=40), tick=False):
        html = template.render(Context({"incident": incident}))
        assert "nog 7 uur" in html and "gir-overdue" not in html
    with time_machine.travel(start + dt.timedelta(hours=50), tick=False):
        html = template.render(Context({"incident": incident}))
        assert "3 uur te laat" in html and "gir-overdue" in html


def test_the_countdown_says_when_the_reaction_was_done(world):
    incident, aggressor = incident_with_aggressor(world.employee, world.manager)
    dispatched(final(incident, aggressor, world.manager), world.manager)
    html = Template('{% include "letters/includes/reaction_countdown.html" with incident=incident %}').render(
        Context({"incident": incident})
    )
    assert "afgerond op" in html


class _Request:
    def __init__(self, user):
        self.user = user


def test_the_start_panel_lists_the_managers_incidents_soonest_first(world):
    later, _a = incident_with_aggressor(world.employee, world.manager, hours_ago=1)
    sooner, _b = incident_with_aggressor(world.employee, world.manager, hours_ago=30)
    elsewhere, _c = incident_with_aggressor(world.colleague, world.other_manager, hours_ago=40)

    def listed(user):
        return [(row["incident_pk"], row["reference"]) for row in reaction_context(_Request(user))["rows"]]

    assert listed(world.manager) == [(i.pk, i.reference) for i in (sooner, later)]
    assert listed(world.other_manager) == [(elsewhere.pk, elsewhere.reference)]
    assert listed(world.coordinator) == [(i.pk, i.reference) for i in (elsewhere, sooner, later)]
    assert reaction_context(_Request(world.coordinator))["total"] == 3


def test_the_start_page_shows_the_panel_to_managers_only(world, login):
    incident, _aggressor = incident_with_aggressor(world.employee, world.manager, hours_ago=1)
    assert incident.reference in login(world.manager).get(reverse("start")).content.decode()
    assert "Reactie naar de dader" not in login(world.employee).get(reverse("start")).content.decode()


def test_the_dossier_section_lists_letters_for_those_who_may_see_them(world):
    incident, aggressor = incident_with_aggressor(world.employee, world.manager)
    letter = final(incident, aggressor, world.manager)
    dispatched(letter, world.manager, method=DispatchMethod.REGISTERED, tracking_number="3SABC")
    concept_letter = concept(incident, aggressor, world.manager)
    assert DossierSection(dossier_section, order=40) in registry.dossier_sections
    entries = dossier_section(incident, world.manager)
    titles = [e["title"] for e in entries if not e.get("row")]
    assert len(titles) == 4 and any("verzonden" in t for t in titles)
    assert [e["text"] for e in entries if e.get("kind") == "letter" and e.get("row")] == [
        letter.reference,
        concept_letter.reference,
    ]
    assert dossier_section(incident, world.employee) == []
    assert dossier_section(incident, world.other_manager) == []


@pytest.mark.parametrize("method", [DispatchMethod.EMAIL])
def test_email_dispatch_needs_an_address(world, login, method):
    incident, aggressor = incident_with_aggressor(world.employee, world.manager)
    letter = final(incident, aggressor, world.manager)
    from django.utils import timezone

    response = login(world.manager).post(
        reverse("letters:dispatch", args=[letter.pk]),
        {
            "method": method,
            "dispatched_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
            "note": "bewaard",
        },
    )
    body = response.content.decode()
    assert response.status_code == 200 and "Vul het e-mailadres in" in body
    assert "bewaard" in body  # what was typed is kept


def test_a_double_submitted_dispatch_is_recorded_once(world):
    from django.utils import timezone

    incident, aggressor = incident_with_aggressor(world.employee, world.manager)
    letter = final(incident, aggressor, world.manager)
    at = timezone.now()
    from letters.services import dispatch_record

    first = dispatch_record(letter=letter, method=DispatchMethod.POST, dispatched_at=at, by=world.manager)
    second = dispatch_record(letter=letter, method=DispatchMethod.POST, dispatched_at=at, by=world.manager)
    assert first == second and letter.dispatches.count() == 1


def test_the_start_panel_counts_down_from_the_panels_own_moment(world):
    """The overdue mark and the countdown text use the same clock reading (panel.now)."""
    from django.template.loader import render_to_string

    incident, _aggressor = incident_with_aggressor(world.employee, world.manager, hours_ago=1)
    deadline = _reaction(incident)
    later = deadline.due_at + dt.timedelta(hours=3)
    panel = {
        "rows": [
            {
                "deadline": deadline,
                "incident_pk": incident.pk,
                "reference": incident.reference,
                "overdue": True,
            }
        ],
        "total": 1,
        "now": later,
    }
    html = render_to_string("letters/panels/reaction.html", {"panel": panel})
    assert "3 uur te laat" in html
