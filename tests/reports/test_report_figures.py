"""Every figure of the report against counts computed independently from the data set's specs."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from decimal import Decimal

import pytest
import time_machine

from incidents.constants import AggressionForm, AggressionKind, LocationType
from reports.services.params import ReportParams
from reports.services.report import build_report
from reports.services.tables import HIDDEN, SMALL, Amount, Change, Share
from tests.reports import dataset
from tests.reports.dataset import AMS, SPECS

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 11, 20, 12, tzinfo=AMS)
WEEKDAYS = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"]


@pytest.fixture
def data():
    return dataset.build()


@pytest.fixture
def report(data):
    with time_machine.travel(NOW, tick=False):
        return build_report(data.coordinator, ReportParams.for_year(2025), now=NOW)


def rows(report, key) -> dict:
    return {row[0]: row[1:] for row in report.table(key).rows}


def test_total_and_previous_year(report):
    key = rows(report, "key_figures")
    assert key["Incidenten in deze periode"] == [len(SPECS)]
    assert key["Incidenten in dezelfde periode een jaar eerder"] == [dataset.PREVIOUS_YEARS[2024]]
    assert key["Verschil"] == [Change(len(SPECS), dataset.PREVIOUS_YEARS[2024])]


def test_local_year_boundaries(report):
    # Incident 0 happened on 31 Dec 2024 in UTC but on 1 January 2025 in Amsterdam: it counts;
    # the one at 1 January 2026 00:30 local (31 Dec 2025 UTC) does not.
    january = rows(report, "per_month")["januari 2025"][0]
    assert january == sum(1 for s in SPECS if s["occurred_at"].astimezone(AMS).month == 1)


def test_per_month(report):
    expected = Counter(s["occurred_at"].astimezone(AMS).month for s in SPECS)
    months = rows(report, "per_month")
    for month, name in enumerate(
        [
            "januari",
            "februari",
            "maart",
            "april",
            "mei",
            "juni",
            "juli",
            "augustus",
            "september",
            "oktober",
            "november",
            "december",
        ],
        start=1,
    ):
        assert months[f"{name} 2025"][0] == expected[month]
    prev = Counter(k % 12 + 1 for k in range(dataset.PREVIOUS_YEARS[2024]))
    assert months["maart 2025"][1] == prev[3]
    assert report.table("per_month").total == ["Totaal", len(SPECS), dataset.PREVIOUS_YEARS[2024]]


def test_trend_over_earlier_years(report):
    trend = rows(report, "trend")
    assert trend["2025"] == [len(SPECS)]
    for year in (2024, 2023, 2022, 2021):
        assert trend[str(year)] == [dataset.PREVIOUS_YEARS[year]]


def test_per_form(report):
    expected = Counter(f for s in SPECS for f in s["forms"])
    forms = rows(report, "per_form")
    for form in AggressionForm:
        assert forms[str(form.label)] == [expected[form]]


def test_per_location_type(report):
    expected = Counter(s["location_type"] for s in SPECS)
    places = rows(report, "per_location_type")
    for place in LocationType:
        assert places[str(place.label)] == [expected[place.value]]


def test_per_department_with_suppression(report):
    expected = Counter(s["department"] for s in SPECS)
    assert expected["small"] == 3
    departments = rows(report, "per_department")
    assert departments["Kleine Afdeling"] == [SMALL]
    # Secondary suppression: with one hidden cell the next smallest is hidden too ("×"), so
    # total minus the rest does not give the hidden count away.
    assert departments["Werk en Inkomen"] == [HIDDEN]
    assert departments["Publiekszaken"] == [expected["a"]]


def test_heat_map_in_local_time(report):
    expected = Counter(
        (s["occurred_at"].astimezone(AMS).isoweekday(), s["occurred_at"].astimezone(AMS).hour) for s in SPECS
    )
    heat = rows(report, "heat_map")
    for wd in range(1, 8):
        for hour in range(24):
            assert heat[WEEKDAYS[wd - 1]][hour] == expected[(wd, hour)], (wd, hour)
    # The DST-morning incident (01:30 UTC on 30 March 2025) is at 03:00 local on a Sunday.
    assert heat["zondag"][3] >= 1


def test_triggers(report):
    total = len(SPECS)
    t = rows(report, "triggers")
    assert t["Aanleiding beschreven"] == [Share(sum(1 for s in SPECS if s["trigger"]), total)]
    for kind in AggressionKind:
        assert t[str(kind.label)] == [Share(sum(1 for s in SPECS if s["aggression_kind"] == kind), total)]
    assert t["Soort agressie niet beoordeeld"] == [
        Share(sum(1 for s in SPECS if not s["aggression_kind"]), total)
    ]


def test_consequences(report):
    c = rows(report, "consequences")
    assert c["Lichamelijk letsel"] == [sum(s["injury"] for s in SPECS)]
    assert c["Bezoek aan huisarts of ziekenhuis"] == [sum(s["doctor_visit"] for s in SPECS)]
    assert c["Opname in ziekenhuis of blijvend letsel"] == [1]
    assert c["Verzuim"] == [sum(s["absence"] for s in SPECS)]
    absence = [s["absence_days"] for s in SPECS if s["absence"]]
    assert c["Dagen verzuim (samen)"] == [Amount(sum(absence), len(absence), "dagen")]
    personal = [s["personal_damage_amount"] for s in SPECS if s["personal_damage"]]
    assert len(personal) == 5
    assert c["Bedrag schade eigen spullen"] == [Amount(sum(personal, Decimal(0)), 5)]
    municipal = [s for s in SPECS if s["municipal_damage"]]
    assert len(municipal) == 4
    # Four incidents: an amount over fewer than 5 incidents is hidden, also organisation-wide.
    assert c["Bedrag schade gemeente"] == [SMALL]
    assert c["Schade aan spullen van de gemeente"] == [4]
    assert c["Politie ter plaatse geroepen"] == [sum(s["police_called"] for s in SPECS)]


def test_aggressors(report, data):
    a = rows(report, "aggressors")
    with_aggressor = [s for s in SPECS if s["aggressor"] is not None]
    assert a["Incidenten met een bekende of beschreven dader"] == [len(with_aggressor)]
    assert a["Incidenten zonder vastgelegde dader"] == [len(SPECS) - len(with_aggressor)]
    per_aggressor = Counter(s["aggressor"] for s in with_aggressor)
    assert a["Verschillende daders"] == [len(per_aggressor)]
    history = Counter(
        k for inc, k in data.history_links if inc.occurred_at < dt.datetime(2026, 1, 1, tzinfo=AMS)
    )
    repeat = {k for k in per_aggressor if per_aggressor[k] + history[k] > 1}
    assert a["Daders met meer dan één incident (herhaling)"] == [len(repeat)]


def test_measures_per_type(report, data):
    m = rows(report, "measures")
    by_type = Counter(x["type"] for x in data.measure_specs)
    revoked = Counter(x["type"] for x in data.measure_specs if x["revoked"])
    from sanctions.constants import MeasureType

    for kind in MeasureType:
        assert m[str(kind.label)] == [by_type[kind], revoked[kind]]
    assert report.table("measures").total[1] == len(data.measure_specs)


def test_police(report, data):
    p = rows(report, "police")
    total = len(SPECS)
    aangifte = {x["i"] for x in data.measure_specs if x["type"] == "aangifte"}
    assert p["Aangifte bij de politie gedaan"] == [Share(len(aangifte), total)]
    assert p["Melding of aangifte gedaan"] == [Share(len(aangifte), total)]
    assert p["Besluit bij eerste opvang: melding bij de politie"] == [
        Share(sum(1 for s in SPECS if s["police_report_planned"] == "melding"), total)
    ]


def test_bans(report):
    b = rows(report, "bans")
    assert b["Toegangsverboden opgelegd in deze periode"] == [2]
    assert b["Waarvan ingetrokken"] == [1]
    assert b["Van kracht op 31-12-2025"] == [1]


def test_deadlines_on_time(report):
    d = rows(report, "deadlines")
    reaction = Counter(s["reaction"] for s in SPECS)
    on_time, late, still_open = reaction["on_time"], reaction["late"], reaction["open"]
    assert d["Reactie naar de dader binnen 48 uur"] == [
        len(SPECS),
        on_time,
        late,
        still_open,
        0,
        Share(on_time, on_time + late + still_open),
    ]
    talks = Counter(s["talk1"] for s in SPECS if s["talk1"])
    total = sum(talks.values())
    assert d["Eerste nazorggesprek"] == [
        total,
        talks["on_time"],
        talks["late"],
        0,
        0,
        Share(talks["on_time"], total),
    ]
    assert d["Derde nazorggesprek"][0] == 0


def test_summary_is_made_from_the_numbers(report):
    text = " ".join(report.summary)
    assert f"In 2025 zijn {len(SPECS)} incidenten gemeld" in text
    assert f"{len(SPECS) - dataset.PREVIOUS_YEARS[2024]} meer dan een jaar eerder" in text
    top_form = Counter(f for s in SPECS for f in s["forms"]).most_common(1)[0]
    assert f"({top_form[1]} keer)" in text


def test_report_for_one_department_hides_every_small_count(data):
    params = ReportParams.for_year(2025, data.departments["small"].pk)
    report = build_report(data.coordinator, params, now=NOW)
    assert rows(report, "key_figures")["Incidenten in deze periode"] == [SMALL]
    for table in report.tables:
        for row in table.all_rows():
            for cell in row[1:]:
                assert not (isinstance(cell, int) and 0 < cell < 5), (table.key, row)
    assert "minder dan 5" in report.summary[0]


def test_manager_report_counts_only_their_departments(data):
    report = build_report(data.manager, ReportParams.for_year(2025), now=NOW)
    expected = sum(1 for s in SPECS if s["department"] == "b")
    assert rows(report, "key_figures")["Incidenten in deze periode"] == [expected]
    assert set(rows(report, "per_department")) == {"Werk en Inkomen"}


def test_manager_cannot_pick_another_department(data):
    from django.http import Http404

    with pytest.raises(Http404):
        build_report(data.manager, ReportParams.for_year(2025, data.departments["a"].pk), now=NOW)


def test_query_count_does_not_grow_with_the_data(data, django_assert_max_num_queries):
    params = ReportParams.for_year(2025)
    # ~28 for the tables, plus per kind of measure one aggregate and one median read (effect).
    with django_assert_max_num_queries(45) as small:
        build_report(data.coordinator, params, now=NOW)
    dataset_more = [s for s in SPECS]
    from incidents.models import Incident

    extra = Incident.objects.bulk_create(
        [
            dataset._incident(f"GIR-2025-9{k:03d}", s["occurred_at"], data.departments["a"], data.people[0])
            for k, s in enumerate(dataset_more * 3)
        ]
    )
    assert len(extra) == 3 * len(SPECS)
    with django_assert_max_num_queries(len(small.captured_queries)):
        build_report(data.coordinator, params, now=NOW)


def test_letters_per_kind(report, data):
    from letters.constants import LetterKind

    letters = rows(report, "letters")
    for kind in LetterKind:
        final = [x for x in data.letter_specs if x["kind"] == kind and x["final"]]
        assert letters[str(kind.label)] == [len(final), sum(x["sent"] for x in final)]


def test_summary_mentions_measures_bans_and_aftercare(report, data):
    text = " ".join(report.summary)
    assert f"Er zijn {len(data.measure_specs)} maatregelen tegen daders genomen" in text
    assert "Er zijn minder dan 5 toegangsverboden opgelegd." not in text  # not sensitive organisation-wide
    assert "Er zijn 2 toegangsverboden opgelegd." in text
    talks = Counter(s["talk1"] for s in SPECS if s["talk1"])
    assert f"{round(100 * talks['on_time'] / sum(talks.values()))}% van de eerste nazorggesprekken" in text
