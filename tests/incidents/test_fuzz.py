"""The short report and the full registration fuzzed: any input gives a page, never a 500."""

from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from incidents.constants import AggressionForm, LocationType
from incidents.forms import IncidentForm, ShortReportForm
from tests.conftest import build_world
from tests.incidents.factories import file_incident

text = st.text(max_size=300)
maybe = st.one_of(st.none(), text, st.integers(-(10**12), 10**12).map(str))
dates = st.one_of(
    text,
    st.datetimes().map(lambda d: d.strftime("%Y-%m-%dT%H:%M")),
    st.sampled_from(["", "2026-13-40T25:61", "0001-01-01T00:00", "9999-12-31T23:59", "31-12-2025 10:00"]),
)
form_codes = st.lists(st.one_of(st.sampled_from(AggressionForm.values), text), max_size=4)

SHORT = st.fixed_dictionaries(
    {
        "occurred_at": dates,
        "location_type": st.one_of(st.sampled_from(LocationType.values), text),
        "location": maybe,
        "place": text,
        "forms": form_codes,
        "description": text,
        "target": st.one_of(st.sampled_from(["mij", "collega", "bestuurder"]), text),
        "colleague": maybe,
        "reporter_role": maybe,
        "office_holder_name": text,
        "office_holder_function": text,
        "department": maybe,
        "pending": maybe,
        "submission_token": st.text(max_size=80),
    }
)
FULL = st.fixed_dictionaries(
    {
        "occurred_at": dates,
        "department": maybe,
        "location_type": st.one_of(st.sampled_from(LocationType.values), text),
        "description": text,
        "forms": form_codes,
        "version": maybe,
        "absence_days": maybe,
        "personal_damage_amount": maybe,
        "municipal_damage_amount": maybe,
        "injury": st.sampled_from(["", "on", "true", "x"]),
        "inspectorate_reported_at": dates,
        "means": text,
    }
)


PERSON = st.fixed_dictionaries(
    {
        "last_name": text,
        "initials": st.text(max_size=30),
        "date_of_birth": st.one_of(text, st.dates().map(str)),
        "postal_code": st.text(max_size=20),
        "description": text,
    }
)
OTHER = st.fixed_dictionaries(
    {
        "at": dates,
        "summary": text,
        "police_plan": maybe,
        "reason": text,
        "role": maybe,
        "user": maybe,
        "name": text,
        "victim_kind": maybe,
        "department": maybe,
    }
)


def _clean(data: dict) -> dict:
    # The test client cannot send None or NUL bytes in form fields; browsers cannot either.
    out = {}
    for key, value in data.items():
        if value is None:
            continue
        out[key] = (
            [v.replace("\x00", "") for v in value] if isinstance(value, list) else value.replace("\x00", "")
        )
    return out


class FuzzTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.world = build_world()
        cls.incident = file_incident(cls.world.employee, hours_ago=3)

    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(SHORT)
    def test_short_report_form_never_crashes(self, data):
        form = ShortReportForm(data=_clean(data), user=self.world.employee)
        if form.is_valid():
            assert form.cleaned_data["occurred_at"] <= timezone.now()
            assert form.cleaned_data["forms"]

    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(SHORT)
    def test_short_report_post_never_gives_a_server_error(self, data):
        self.client.force_login(self.world.employee)
        response = self.client.post(reverse("incidents:report"), _clean(data))
        assert response.status_code in (200, 302)

    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(FULL)
    def test_full_registration_post_never_gives_a_server_error(self, data):
        self.client.force_login(self.world.manager)
        response = self.client.post(reverse("incidents:edit", args=[self.incident.pk]), _clean(data))
        assert response.status_code in (200, 302)

    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(FULL)
    def test_full_registration_form_accepts_only_sane_values(self, data):
        form = IncidentForm(data=_clean(data), instance=self.incident, manager=True)
        if form.is_valid():
            assert form.cleaned_data["occurred_at"] <= self.incident.reported_at
            for name in ["personal_damage_amount", "municipal_damage_amount"]:
                assert form.cleaned_data[name] is None or form.cleaned_data[name] >= 0

    @settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(
        st.dictionaries(
            st.sampled_from(
                [
                    "status",
                    "department",
                    "form",
                    "overdue",
                    "aggressor",
                    "page",
                    "occurred_from",
                    "occurred_until",
                    "location_type",
                ]
            ),
            text,
        )
    )
    def test_list_filters_never_crash_or_widen(self, params):
        self.client.force_login(self.world.colleague)
        response = self.client.get(reverse("incidents:list"), _clean(params))
        assert response.status_code == 200
        assert self.incident not in list(response.context["page_obj"].object_list)

    @settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(PERSON)
    def test_aggressor_form_never_gives_a_server_error(self, data):
        self.client.force_login(self.world.manager)
        response = self.client.post(reverse("incidents:aggressor-new", args=[self.incident.pk]), _clean(data))
        assert response.status_code in (200, 302)

    @settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(OTHER, st.sampled_from(["first-talk", "waive-reaction", "involvement-add"]))
    def test_dossier_action_forms_never_give_a_server_error(self, data, name):
        self.client.force_login(self.world.manager)
        response = self.client.post(reverse(f"incidents:{name}", args=[self.incident.pk]), _clean(data))
        assert response.status_code in (200, 302)
