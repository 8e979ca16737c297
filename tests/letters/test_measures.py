"""Letters made from a measure: the form is pre-filled from the ordegesprek or the ban, the
letter records the measure, and a measure outside the user's scope is a 404."""

import datetime as dt
from zoneinfo import ZoneInfo

import time_machine
from django.urls import reverse
from django.utils import timezone

from letters.constants import LetterKind
from letters.models import Letter
from letters.prefill import measure_details, suggested_kinds
from sanctions.constants import MeasureType
from sanctions.services import measure_decide
from tests.letters.helpers import flat_text, incident_with_aggressor, organisation, signatory
from tests.sanctions.helpers import make_ban

AMS = ZoneInfo("Europe/Amsterdam")


def _ordegesprek(world, incident, aggressor):
    return measure_decide(
        by=world.manager,
        aggressor=aggressor,
        measure_type=MeasureType.ORDEGESPREK,
        incidents=[incident],
        reason="Schelden aan de balie.",
        details={
            "planned_at": dt.datetime(2026, 12, 3, 14, 30, tzinfo=AMS),
            "place": "Stadhuis, spreekkamer 4",
            "attendees": "Teamleider en medewerker",
        },
    )


@time_machine.travel(dt.datetime(2026, 11, 23, 12, 0, tzinfo=AMS))
def test_an_ordegesprek_prefills_the_invitation(world, login):
    organisation()
    sig = signatory()
    incident, aggressor = incident_with_aggressor(world.employee, world.manager)
    measure = _ordegesprek(world, incident, aggressor)
    assert LetterKind.ORDEGESPREK_INVITATION in suggested_kinds(measure)
    details = measure_details(measure)
    assert details["ordegesprek.datum"] == dt.date(2026, 12, 3)
    assert details["ordegesprek.tijd"] == dt.time(14, 30)

    client = login(world.manager)
    url = reverse("letters:create", args=[incident.pk, LetterKind.ORDEGESPREK_INVITATION])
    page = client.get(url, {"maatregel": measure.pk}).content.decode()
    assert 'value="03-12-2026"' in page and 'value="14:30"' in page and "Stadhuis, spreekkamer 4" in page
    response = client.post(
        f"{url}?maatregel={measure.pk}",
        {
            "aggressor": aggressor.pk,
            "signatory": sig.pk,
            "incident__samenvatting": "U schold de medewerker uit.",
            "ordegesprek__datum": "2026-12-03",
            "ordegesprek__tijd": "14:30",
            "ordegesprek__plaats": "Stadhuis, spreekkamer 4",
        },
    )
    letter = Letter.objects.get()
    assert response.status_code == 302
    assert letter.measure == measure
    assert letter.details["maatregel.soort"] == "Ordegesprek"
    pdf = client.get(reverse("letters:pdf", args=[letter.pk])).content
    assert "donderdag 3 december 2026" in flat_text(pdf)


def test_a_ban_prefills_period_and_locations(world):
    incident, aggressor = incident_with_aggressor(world.employee, world.manager)
    today = timezone.localdate()
    ban = make_ban(
        world, aggressor, incident, starts_on=today, ends_on=today + dt.timedelta(days=100), photo=False
    )
    details = measure_details(ban.measure)
    assert details["verbod.begindatum"] == today
    assert details["verbod.einddatum"] == today + dt.timedelta(days=100)
    assert details["verbod.locaties"] == "Alle gebouwen van de gemeente"
    assert suggested_kinds(ban.measure)[0] == LetterKind.BAN_DECISION


def test_a_measure_of_another_incident_or_department_is_404(world, login):
    incident, _aggressor = incident_with_aggressor(world.employee, world.manager)
    other, other_aggressor = incident_with_aggressor(world.colleague, world.other_manager)
    foreign = measure_decide(
        by=world.other_manager,
        aggressor=other_aggressor,
        measure_type=MeasureType.WRITTEN_WARNING,
        incidents=[other],
        reason="Schelden.",
    )
    url = reverse("letters:create", args=[incident.pk, LetterKind.WARNING])
    client = login(world.manager)
    assert client.get(url, {"maatregel": foreign.pk}).status_code == 404
    assert client.get(url, {"maatregel": "abc"}).status_code == 404
    assert client.get(url).status_code == 200


def test_the_incident_page_offers_letters_per_measure(world, login):
    incident, aggressor = incident_with_aggressor(world.employee, world.manager)
    measure = _ordegesprek(world, incident, aggressor)
    page = login(world.manager).get(reverse("letters:incident", args=[incident.pk])).content.decode()
    assert f'?maatregel={measure.pk}">Uitnodiging ordegesprek</a>' in page
    assert f'?maatregel={measure.pk}">Bevestiging gemaakte afspraken</a>' in page


def test_the_mandated_manager_sees_ban_letters_of_other_departments_only(world, login):
    from tests.letters.helpers import final

    incident, aggressor = incident_with_aggressor(world.colleague, world.other_manager)
    today = timezone.localdate()
    ban = make_ban(
        world, aggressor, incident, starts_on=today, ends_on=today + dt.timedelta(days=100), photo=False
    )
    ban_letter = final(incident, aggressor, world.other_manager, LetterKind.BAN_DECISION, measure=ban.measure)
    plain_letter = final(incident, aggressor, world.other_manager, LetterKind.WARNING)
    client = login(world.mandated)
    assert client.get(reverse("letters:detail", args=[ban_letter.pk])).status_code == 200
    assert client.get(reverse("letters:detail", args=[plain_letter.pk])).status_code == 404
    assert login(world.manager).get(reverse("letters:detail", args=[ban_letter.pk])).status_code == 404


def test_dispatching_a_measure_letter_closes_the_deadline_of_each_of_its_incidents(world):
    from gir.models import Deadline
    from letters.constants import REACTION_DEADLINE
    from tests.letters.helpers import dispatched, final
    from tests.sanctions.helpers import make_incident

    first, aggressor = incident_with_aggressor(world.employee, world.manager)
    second = make_incident(world)
    from incidents.models import IncidentAggressor

    IncidentAggressor.objects.create(incident=second, aggressor=aggressor)
    unrelated, _other = incident_with_aggressor(world.employee, world.manager)
    measure = measure_decide(
        by=world.manager,
        aggressor=aggressor,
        measure_type=MeasureType.WRITTEN_WARNING,
        incidents=[first, second],
        reason="Twee keer schelden.",
    )
    dispatched(final(first, aggressor, world.manager, measure=measure), world.manager)
    for incident, closed in [(first, True), (second, True), (unrelated, False)]:
        deadline = Deadline.objects.for_object(incident).get(kind=REACTION_DEADLINE)
        assert (deadline.closed_at is not None) is closed, incident


def test_a_letter_from_a_measure_fills_the_measures_period_fields(world):
    """``maatregel.begindatum`` and ``maatregel.einddatum`` are offered in the template editor;
    a letter made from a measure fills them from that measure (they used to stay empty)."""
    from letters.models import LetterTemplate
    from letters.services import template_version_create
    from tests.letters.helpers import concept

    incident, aggressor = incident_with_aggressor(world.employee, world.manager)
    ban = make_ban(
        world,
        aggressor,
        incident,
        starts_on=dt.date(2026, 12, 1),
        ends_on=dt.date(2027, 3, 31),
        photo=False,
    )
    template_version_create(
        template=LetterTemplate.objects.get(code=LetterKind.WARNING),
        subject="Maatregel",
        body='<p>Van {{ maatregel.begindatum|date:"j F Y" }} tot {{ maatregel.einddatum|date:"j F Y" }}.</p>',
    )
    letter = concept(incident, aggressor, world.manager, measure=ban.measure)
    assert letter.details["maatregel.begindatum"] == "2026-12-01"
    assert letter.details["maatregel.einddatum"] == "2027-03-31"
    assert letter.body_html == "<p>Van 1 december 2026 tot 31 maart 2027.</p>"


def test_the_dossier_offers_the_decision_letter_for_a_decided_ban(world, login):
    """The mandated manager decides the ban; the next letter is the decision, not the intent."""
    incident, aggressor = incident_with_aggressor(world.employee, world.manager)
    today = timezone.localdate()
    end = today + dt.timedelta(days=100)
    make_ban(world, aggressor, incident, starts_on=today, ends_on=end, serve=False)
    page = login(world.manager).get(reverse("incidents:detail", args=[incident.pk]))
    assert "Brief maken: Besluit toegangsverbod" in page.content.decode()
    assert "Brief maken: Voornemen tot toegangsverbod" not in page.content.decode()
