"""Dates typed as Dutch text (dd-mm-jjjj) in every filter, whatever the browser's language."""

from datetime import date, timedelta

import pytest
from django import forms
from django.urls import reverse
from django.utils import timezone

from gir.dateinput import dutch_date_kwargs
from incidents.filters import IncidentFilter
from incidents.models import Incident
from letters.filters import DispatchFilter
from letters.models import Dispatch
from privacy.auditlog import AuditFilterForm
from reports.forms import ReportForm
from sanctions.filters import BanRegisterFilter
from sanctions.models import Ban
from tests.incidents.factories import file_incident


class _Form(forms.Form):
    day = forms.DateField(required=False, **dutch_date_kwargs())


@pytest.mark.parametrize("typed", ["30-11-2026", "30/11/2026", "30.11.2026", "30-11-26", "2026-11-30"])
def test_a_dutch_date_is_read_in_every_common_way_and_iso_still_works(typed):
    form = _Form({"day": typed})
    assert form.is_valid() and form.cleaned_data["day"] == date(2026, 11, 30)


def test_a_wrong_date_gets_a_dutch_example_and_keeps_the_text():
    form = _Form({"day": "11/30/2026"})  # the American order
    assert form.errors["day"] == ["Vul een datum in zoals 30-11-2026."]
    assert 'value="11/30/2026"' in str(form["day"])


def test_the_box_is_text_showing_day_month_year():
    html = str(_Form(initial={"day": date(2026, 3, 4)})["day"])
    assert 'type="text"' in html and 'value="04-03-2026"' in html and 'type="date"' not in html


@pytest.mark.parametrize(
    ("form_class", "model", "names"),
    [
        (IncidentFilter, Incident, ["occurred_from", "occurred_until"]),
        (DispatchFilter, Dispatch, ["sent_from", "sent_until"]),
        (BanRegisterFilter, Ban, ["ends_after"]),
    ],
)
def test_every_date_filter_is_a_dutch_text_box(form_class, model, names):
    form = form_class(data={}, queryset=model.objects.none()).form
    for name in names:
        html = str(form[name])
        assert 'type="text"' in html, (form_class, name)
        assert "30-11-2026" in str(form.fields[name].help_text)


@pytest.mark.django_db
def test_report_and_audit_dates_are_dutch_text_boxes(world):
    report, audit = ReportForm(user=world.coordinator), AuditFilterForm()
    for field in (report["date_from"], report["date_to"], audit["van"], audit["tot"]):
        assert 'type="text"' in str(field)


@pytest.mark.django_db
def test_the_deadline_overview_filters_on_a_dutch_due_date(world, login):
    file_incident(world.employee)  # its 48-hour reaction deadline is due in two days
    client = login(world.coordinator)
    url = reverse("incidents:deadlines")
    today = timezone.localdate()
    assert not client.get(url, {"due_until": today.strftime("%d-%m-%Y")}).context["rows"]
    later = (today + timedelta(days=7)).strftime("%d-%m-%Y")
    page = client.get(url, {"due_until": later})
    assert page.context["rows"] and Incident.objects.count() == 1
    assert f'value="{later}"' in page.content.decode()


def test_a_date_that_parses_but_nobody_means_is_refused_in_dutch():
    """ "1-1-1" and "0001-01-01" parse as the year 1; later arithmetic (a year earlier) fails."""
    from django import forms as django_forms

    from gir.dateinput import DutchDateField, DutchDateTimeField, dutch_date_kwargs

    class Form(django_forms.Form):
        day = DutchDateField()
        moment = DutchDateTimeField(required=False)
        filter_day = django_forms.DateField(required=False, **dutch_date_kwargs())

    form = Form({"day": "0001-01-01", "moment": "01-01-0001 10:00", "filter_day": "0001-01-01"})
    assert not form.is_valid()
    for field in ("day", "moment", "filter_day"):
        assert form.errors[field] == ["Kies een datum tussen 1900 en 2100."], field
    assert Form({"day": "30-11-2026", "moment": "30-11-2026 14:30", "filter_day": "1-1-26"}).is_valid()
