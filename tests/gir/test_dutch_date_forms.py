"""Every form with a date, a date and time, or the time half of one uses the shared Dutch text
boxes of gir.dateinput: no ``<input type="date">`` (mm/dd/yyyy in an English browser), a typed
30-11-2026 is accepted, and a bad date gets a Dutch example while the box keeps what was typed.

Per form: the box is text and refuses a bad date in Dutch (``FIELDS``), and a whole submission
with Dutch dates is accepted (the tests below it)."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from aftercare.constants import TalkOutcome
from aftercare.forms import TalkOutcomeForm, TalkPlanForm
from gir.deadlines.arithmetic import LOCAL_TZ
from incidents.forms.aggressors import AggressorForm, AggressorSearchForm
from incidents.models import Aggressor, Incident
from letters.constants import DispatchMethod, LetterKind
from letters.forms import DispatchForm, LetterCreateForm
from letters.models import Letter
from sanctions.constants import PoliceOutcome, Receipt, ServiceMethod
from sanctions.forms import actions, decisions
from sanctions.models import Ban, Measure
from tests.letters.helpers import organisation, signatory
from tests.sanctions.helpers import make_aggressor, make_ban, make_incident

pytestmark = pytest.mark.django_db

DATE_ERROR = "Vul een datum in zoals 30-11-2026."
DATETIME_ERROR = "Vul datum en tijd in zoals 30-11-2026 14:30."
TIME_ERROR = "Vul een tijd in zoals 14:30."
# What an English browser or an American habit would give: refused, and shown again as typed.
BAD = {"date": ("11/30/2026", DATE_ERROR), "datetime": ("11/30/2026 2:30 PM", DATETIME_ERROR)}
BAD["time"] = ("2:30 PM", TIME_ERROR)


@pytest.fixture
def setup(world):
    incident = make_incident(world)
    aggressor = make_aggressor(incident)
    today = timezone.localdate()
    ban = make_ban(
        world, aggressor, incident, starts_on=today - timedelta(days=3), ends_on=today + timedelta(days=95)
    )
    return incident, aggressor, ban


def dutch(day: date) -> str:
    return day.strftime("%d-%m-%Y")


def _decision(form_class, measure_type):
    return lambda data: form_class(
        data, measure_type=measure_type, incident_queryset=Incident.objects.none(), aggressor=None
    )


def _talk(form_class):
    return lambda data: form_class(data, occurred_at=timezone.now() - timedelta(days=2))


def _letter(kind):
    return lambda data: LetterCreateForm(data, kind=kind, aggressors=Aggressor.objects.none())


# form (built from its data), field, what the field holds
FIELDS = [
    (lambda data: actions.ServeForm(data), "served_on", "date"),
    (lambda data: actions.ExtendForm(data, ban=None), "new_end", "date"),
    (actions.BreachForm, "occurred_date", "date"),
    (actions.BreachForm, "occurred_time", "time"),
    (actions.PoliceOutcomeForm, "outcome_on", "date"),
    (actions.PaymentForm, "paid_on", "date"),
    (actions.OrdegesprekPlanForm, "planned_date", "date"),
    (actions.OrdegesprekPlanForm, "planned_time", "time"),
    (_decision(decisions.BanDecisionForm, "toegangsverbod"), "starts_on", "date"),
    (_decision(decisions.BanDecisionForm, "toegangsverbod"), "ends_on", "date"),
    (_decision(decisions.ContactDecisionForm, "contact_op_voorwaarden"), "ends_on", "date"),
    (_decision(decisions.OrdegesprekDecisionForm, "ordegesprek"), "planned_date", "date"),
    (_decision(decisions.OrdegesprekDecisionForm, "ordegesprek"), "planned_time", "time"),
    (_decision(decisions.PoliceDecisionForm, "aangifte"), "reported_on", "date"),
    (_decision(decisions.ClaimDecisionForm, "schadeverhaal"), "claim_date", "date"),
    (_talk(TalkPlanForm), "date", "date"),
    (_talk(TalkPlanForm), "time", "time"),
    (_talk(TalkOutcomeForm), "held_date", "date"),
    (_talk(TalkOutcomeForm), "held_time", "time"),
    (_letter(LetterKind.BAN_DECISION), "verbod__begindatum", "date"),
    (_letter(LetterKind.ORDEGESPREK_INVITATION), "ordegesprek__tijd", "time"),
    (DispatchForm, "dispatched_at", "datetime"),
    (AggressorForm, "date_of_birth", "date"),
    (AggressorSearchForm, "date_of_birth", "date"),
]
IDS = [f"{name}-{index}" for index, (_form, name, _kind) in enumerate(FIELDS)]


@pytest.mark.parametrize(("build", "name", "kind"), FIELDS, ids=IDS)
def test_the_box_is_dutch_text_with_an_example(world, build, name, kind):
    form = build(None)
    html = str(form[name])
    assert 'type="text"' in html, html
    assert not any(native in html for native in ('type="date"', 'type="time"', "datetime-local"))
    assert f"gir-{kind}" in html  # sized to what is typed in it (static/gir/css/app.css)
    example = "14:30" if kind == "time" else "30-11-2026"
    assert example in str(form.fields[name].help_text)


@pytest.mark.parametrize(("build", "name", "kind"), FIELDS, ids=IDS)
def test_a_bad_date_gets_a_dutch_example_and_keeps_the_text(world, build, name, kind):
    typed, message = BAD[kind]
    form = build({name: typed, "outcome": TalkOutcome.HELD})
    assert not form.is_valid()
    assert message in form.errors[name]
    assert f'value="{typed}"' in str(form[name])


# --- Whole submissions with Dutch dates are accepted ------------------------------------------


def test_serving_extending_and_paying_accept_dutch_dates(world, setup):
    _incident, _aggressor, ban = setup
    today = timezone.localdate()
    serve = actions.ServeForm(
        {"method": ServiceMethod.IN_PERSON, "served_on": dutch(today), "receipt": Receipt.SIGNED}, ban=ban
    )
    assert serve.is_valid(), serve.errors
    assert serve.cleaned_data["served_on"] == today
    new_end = ban.measure.ends_on + timedelta(days=30)
    extend = actions.ExtendForm({"new_end": dutch(new_end), "reason": "Opnieuw"}, ban=ban)
    assert extend.is_valid(), extend.errors
    assert extend.cleaned_data["new_end"] == new_end
    paid = actions.PaymentForm({"paid_on": today.strftime("%d/%m/%Y"), "amount": "12.50"})
    assert paid.is_valid(), paid.errors
    assert paid.cleaned_data["paid_on"] == today
    outcome = actions.PoliceOutcomeForm({"outcome": PoliceOutcome.SEPOT, "outcome_on": dutch(today)})
    assert outcome.is_valid(), outcome.errors


def test_a_breach_and_a_moved_talk_accept_dutch_dates_and_times(world):
    yesterday = timezone.localdate() - timedelta(days=1)
    breach = actions.BreachForm(
        {"occurred_date": dutch(yesterday), "occurred_time": "14.30", "description": "Toch binnen"}
    )
    assert breach.is_valid(), breach.errors
    assert (breach.cleaned_data["occurred_date"], breach.cleaned_data["occurred_time"]) == (
        yesterday,
        time(14, 30),
    )
    later = timezone.localdate() + timedelta(days=3)
    moved = actions.OrdegesprekPlanForm(
        {
            "planned_date": dutch(later),
            "planned_time": "10:00",
            "place": "Stadhuis",
            "attendees": "Leidinggevende",
            "reason": "Ziek",
        }
    )
    assert moved.is_valid(), moved.errors
    assert moved.cleaned_data["planned_at"] == datetime.combine(later, time(10), tzinfo=LOCAL_TZ)


def test_a_ban_is_decided_with_dutch_dates(world, login):
    incident = make_incident(world)
    aggressor = make_aggressor(incident)
    start = timezone.localdate()
    end = start + timedelta(days=120)
    url = reverse(
        "sanctions:decide-type", kwargs={"aggressor_pk": aggressor.pk, "measure_type": "toegangsverbod"}
    )
    data = {
        "incidents": [incident.pk],
        "reason": "Bedreiging",
        "starts_on": dutch(start),
        "ends_on": dutch(end),
        "scope": "alle",
        "instruction": "beveiliging",
    }
    response = login(world.mandated).post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    measure = Ban.objects.get().measure
    assert (measure.starts_on, measure.ends_on) == (start, end)


def test_a_police_report_is_decided_with_a_dutch_date(world, login):
    incident = make_incident(world)
    aggressor = make_aggressor(incident)
    url = reverse(
        "sanctions:decide-type", kwargs={"aggressor_pk": aggressor.pk, "measure_type": "melding_politie"}
    )
    today = timezone.localdate()
    data = {"incidents": [incident.pk], "reason": "Bedreiging", "reported_by": "werkgever"}
    response = login(world.manager).post(url, {**data, "reported_on": dutch(today)})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Measure.objects.get(aggressor=aggressor).policereport.reported_on == today


def test_aftercare_talks_are_planned_and_recorded_with_dutch_dates(world):
    tomorrow = timezone.localdate() + timedelta(days=1)
    plan = _talk(TalkPlanForm)(
        {"date": dutch(tomorrow), "time": "09:30", "minutes": "45", "place": "Kamer 4"}
    )
    assert plan.is_valid(), plan.errors
    assert plan.cleaned_data["start"] == datetime.combine(tomorrow, time(9, 30), tzinfo=LOCAL_TZ)
    yesterday = timezone.localdate() - timedelta(days=1)
    held = _talk(TalkOutcomeForm)(
        {"outcome": TalkOutcome.HELD, "held_date": dutch(yesterday), "held_time": "11:00"}
    )
    assert held.is_valid(), held.errors
    assert held.cleaned_data["held_at"] == datetime.combine(yesterday, time(11), tzinfo=LOCAL_TZ)


def test_a_letter_is_made_and_dispatched_with_dutch_dates(world, login, setup):
    incident, aggressor, _ban = setup
    organisation()
    sig = signatory()
    start, end = timezone.localdate(), timezone.localdate() + timedelta(days=100)
    url = reverse("letters:create", args=[incident.pk, LetterKind.BAN_DECISION])
    data = {
        "aggressor": aggressor.pk,
        "signatory": sig.pk,
        "incident__samenvatting": "U bedreigde een medewerker.",
        "verbod__begindatum": dutch(start),
        "verbod__einddatum": dutch(end),
        "verbod__locaties": "Stadhuis",
    }
    response = login(world.manager).post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    letter = Letter.objects.get()
    assert letter.details["verbod.begindatum"] == start.isoformat()
    assert letter.details["verbod.einddatum"] == end.isoformat()
    sent = timezone.localtime().replace(second=0, microsecond=0) - timedelta(hours=1)
    form = DispatchForm({"method": DispatchMethod.POST, "dispatched_at": sent.strftime("%d-%m-%Y %H:%M")})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["dispatched_at"] == sent


def test_the_dispatch_form_shows_now_as_dutch_text():
    html = str(DispatchForm()["dispatched_at"])
    assert f'value="{timezone.localtime():%d-%m-%Y}' in html


def test_a_date_of_birth_is_typed_the_dutch_way(world):
    person = AggressorForm({"last_name": "Jansen", "date_of_birth": "03-02-1995"})
    assert person.is_valid(), person.errors
    assert person.data_fields()["date_of_birth"] == date(1995, 2, 3)
    search = AggressorSearchForm({"name": "Jansen", "date_of_birth": "3-2-1995"})
    assert search.is_valid(), search.errors
    assert search.cleaned_data["date_of_birth"] == date(1995, 2, 3)
    shown = AggressorForm(instance=Aggressor(last_name="Jansen", date_of_birth=date(1995, 2, 3)))
    assert 'value="03-02-1995"' in str(shown["date_of_birth"])


def test_no_form_asks_for_the_browsers_own_date_or_time_box():
    """A new form gets the Dutch boxes too: no native date, time or datetime-local input anywhere
    in GIR's code or templates (gir/dateinput.py is the one place dates are typed)."""
    from pathlib import Path

    from django.conf import settings

    native = re.compile(r"""(input_type\s*=|["']type["']\s*:|\btype=)\s*["']?(date|time|datetime-local)\b""")
    from django.apps import apps

    base = Path(settings.BASE_DIR)
    # Every app of the project itself (a new one is covered too), plus the shared templates and JS.
    own = [
        Path(config.path)
        for config in apps.get_app_configs()
        if base in Path(config.path).parents and "site-packages" not in Path(config.path).parts
    ]
    assert {path.name for path in own} >= {"gir", "incidents", "sanctions", "letters", "reports"}
    roots = [*own, base / "templates", base / "static" / "gir"]
    found = [
        f"{path.relative_to(settings.BASE_DIR)}:{number}"
        for root in roots
        for path in root.rglob("*")
        if path.suffix in {".py", ".html", ".js"}
        and "migrations" not in path.parts
        and path.name != "dateinput.py"  # its docstring says why there are none
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if native.search(line)
    ]
    assert not found, found
