"""Copy and dispatch defaults follow the case: a police copy when an aangifte was made, registered
mail for a ban decision; the person can still choose otherwise, and their choice is what counts."""

import pytest
from django.urls import reverse
from django.utils import timezone

from letters.models import Dispatch
from sanctions.constants import MeasureType
from sanctions.services import measure_decide
from tests.letters.helpers import concept, final, incident_with_aggressor

pytestmark = pytest.mark.django_db


def _aangifte(world, incident, aggressor):
    return measure_decide(
        by=world.manager,
        aggressor=aggressor,
        measure_type=MeasureType.AANGIFTE,
        incidents=[incident],
        reason="Bedreiging",
        details={"reported_by": "werkgever", "reported_on": timezone.localdate(), "vpt": True},
    )


def _ticked(client, letter) -> list[str]:
    form = client.get(reverse("letters:detail", args=[letter.pk])).context["finalise_form"]
    return list(form.initial["copies"])


def test_a_warning_without_aangifte_gets_the_usual_copies(world, login):
    incident, aggressor = incident_with_aggressor(world.employee, world.manager)
    letter = concept(incident, aggressor, world.manager)
    assert _ticked(login(world.manager), letter) == ["ontvanger", "dossier", "register"]


def test_an_aangifte_adds_the_police_copy_and_says_why(world, login):
    incident, aggressor = incident_with_aggressor(world.employee, world.manager)
    _aangifte(world, incident, aggressor)
    letter = concept(incident, aggressor, world.manager)
    client = login(world.manager)
    assert _ticked(client, letter) == ["ontvanger", "dossier", "politie", "register"]
    html = client.get(reverse("letters:detail", args=[letter.pk])).content.decode()
    assert "Er is aangifte gedaan, dus de politie krijgt een exemplaar." in html


def test_a_ban_decision_ticks_the_registered_copy_and_chooses_registered_mail(world, login):
    incident, aggressor = incident_with_aggressor(world.employee, world.manager)
    letter = concept(incident, aggressor, world.mandated, kind="besluit_toegangsverbod")
    client = login(world.mandated)
    assert "aangetekend" in _ticked(client, letter)
    final_letter = final(incident, aggressor, world.mandated, kind="besluit_toegangsverbod")
    form = client.get(reverse("letters:dispatch", args=[final_letter.pk])).context["form"]
    assert form.initial["method"] == "aangetekend"


def test_other_letters_choose_no_dispatch_method_in_advance(world, login):
    incident, aggressor = incident_with_aggressor(world.employee, world.manager)
    letter = final(incident, aggressor, world.manager)
    form = login(world.manager).get(reverse("letters:dispatch", args=[letter.pk])).context["form"]
    assert form.initial.get("method") is None


def test_the_persons_own_choice_of_copies_and_dispatch_sticks(world, login):
    incident, aggressor = incident_with_aggressor(world.employee, world.manager)
    _aangifte(world, incident, aggressor)
    letter = concept(incident, aggressor, world.mandated, kind="besluit_toegangsverbod")
    client = login(world.mandated)
    response = client.post(
        reverse("letters:finalise", args=[letter.pk]), {"copies": ["ontvanger", "dossier"], "confirm": "on"}
    )
    assert response.status_code == 302
    letter.refresh_from_db()
    assert letter.copies == ["ontvanger", "dossier"]  # no police copy, no registered copy
    detail = client.get(reverse("letters:detail", args=[letter.pk]))
    assert detail.context["copies_form"].initial["copies"] == ["ontvanger", "dossier"]
    response = client.post(
        reverse("letters:dispatch", args=[letter.pk]),
        {"method": "overhandigd", "dispatched_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M")},
    )
    assert response.status_code == 302
    assert Dispatch.objects.get(letter=letter).method == "overhandigd"
