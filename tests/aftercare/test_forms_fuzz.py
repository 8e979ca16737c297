"""Hypothesis fuzz of the talk forms: any input gives a page (with errors), never a 500."""

from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from aftercare.models import AftercareCase
from tests.aftercare.helpers import file_incident
from tests.conftest import build_world

text = st.text(max_size=300)
dates = st.one_of(st.dates().map(str), text)
times = st.one_of(st.times().map(lambda t: t.strftime("%H:%M")), text)


class TalkFormFuzz(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.world = build_world()
        cls.case = AftercareCase.objects.get(incident=file_incident(cls.world))

    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(date=dates, time=times, minutes=st.one_of(st.integers(-5, 500).map(str), text), place=text)
    def test_plan_form(self, date, time, minutes, place):
        self.client.force_login(self.world.aftercare)
        talk = self.case.talks.get(number=3)
        url = reverse("aftercare:talk-plan", kwargs={"pk": talk.pk})
        response = self.client.post(url, {"date": date, "time": time, "minutes": minutes, "place": place})
        assert response.status_code in (200, 302)

    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(
        outcome=st.one_of(st.sampled_from(["gehouden", "afgeslagen", "niet_nodig"]), text),
        date=dates,
        time=times,
        note=st.text(max_size=2500),
    )
    def test_outcome_form(self, outcome, date, time, note):
        self.client.force_login(self.world.aftercare)
        talk = self.case.talks.get(number=1)
        url = reverse("aftercare:talk-outcome", kwargs={"pk": talk.pk})
        data = {"outcome": outcome, "held_date": date, "held_time": time, "note": note}
        response = self.client.post(url, data)
        assert response.status_code in (200, 302)

    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(kind=st.one_of(st.sampled_from(["huisarts", "anders", "psycholoog"]), text), other=text)
    def test_referral_form(self, kind, other):
        self.client.force_login(self.world.aftercare)
        url = reverse("aftercare:referral-add", kwargs={"pk": self.case.pk})
        response = self.client.post(url, {"kind": kind, "other": other})
        assert response.status_code in (200, 302)
