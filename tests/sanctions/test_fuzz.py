"""Form fuzzing (QUALITY.md): any input gives a page (with errors) or a redirect, never a 500."""

from datetime import date, timedelta

from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from sanctions.forms import BanDecisionForm
from sanctions.models import Ban
from tests.conftest import build_world
from tests.sanctions.helpers import make_aggressor, make_ban, make_incident

text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60)
day = st.one_of(st.dates().map(date.isoformat), text, st.just(""))
amount = st.one_of(st.decimals(allow_nan=True, allow_infinity=True).map(str), text)
FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


class SanctionFormFuzz(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.world = build_world()
        cls.incident = make_incident(cls.world)
        cls.aggressor = make_aggressor(cls.incident)
        today = date.today()
        cls.ban = make_ban(
            cls.world, cls.aggressor, cls.incident, starts_on=today, ends_on=today + timedelta(days=100)
        )
        from django.utils import timezone

        from sanctions.services import measure_decide

        cls.talk = measure_decide(
            by=cls.world.manager,
            aggressor=cls.aggressor,
            incidents=[cls.incident],
            reason="x",
            measure_type="ordegesprek",
            details={
                "planned_at": timezone.now() + timedelta(days=2),
                "place": "Stadhuis",
                "attendees": "Wij",
            },
        )

    def _post(self, user, url, data):
        self.client.force_login(user)
        response = self.client.post(url, data)
        self.assertIn(response.status_code, (200, 302), response.content[:500])
        return response

    def _decide_url(self, measure_type):
        return reverse(
            "sanctions:decide-type", kwargs={"aggressor_pk": self.aggressor.pk, "measure_type": measure_type}
        )

    @FUZZ
    @given(
        reason=text,
        starts_on=day,
        ends_on=day,
        scope=st.sampled_from(["alle", "keuze", "", "x"]),
        instruction=st.one_of(st.sampled_from(["niet_helpen", "politie"]), text),
        motivation=text,
        incidents=st.lists(st.one_of(st.integers(-5, 10**6).map(str), text), max_size=3),
    )
    def test_ban_form(self, reason, starts_on, ends_on, scope, instruction, motivation, incidents):
        before = Ban.objects.count()
        data = {
            "incidents": incidents or [str(self.incident.pk)],
            "reason": reason,
            "starts_on": starts_on,
            "ends_on": ends_on,
            "scope": scope,
            "locations": [str(self.world.building.pk)],
            "instruction": instruction,
            "shorter_motivation": motivation,
        }
        response = self._post(self.world.mandated, self._decide_url("toegangsverbod"), data)
        if response.status_code == 200:
            self.assertEqual(Ban.objects.count(), before)

    @FUZZ
    @given(
        measure_type=st.sampled_from(
            [
                "mondelinge_waarschuwing",
                "ordegesprek",
                "contact_op_voorwaarden",
                "aangifte",
                "schadeverhaal",
                "overig",
            ]
        ),
        values=st.dictionaries(
            st.sampled_from(
                [
                    "reason",
                    "description",
                    "starts_on",
                    "ends_on",
                    "planned_date",
                    "planned_time",
                    "place",
                    "attendees",
                    "no_phone",
                    "representative",
                    "reported_by",
                    "reported_on",
                    "claim_date",
                    "item_1_description",
                    "item_1_amount",
                    "item_2_amount",
                ]
            ),
            st.one_of(text, day, amount),
        ),
    )
    def test_measure_forms(self, measure_type, values):
        data = {"incidents": [str(self.incident.pk)], **values}
        self._post(self.world.manager, self._decide_url(measure_type), data)

    @FUZZ
    @given(
        name=st.sampled_from(["ban-serve", "ban-extend", "ban-review", "breach", "revoke"]),
        values=st.dictionaries(
            st.sampled_from(
                [
                    "method",
                    "served_on",
                    "receipt",
                    "tracking_number",
                    "new_end",
                    "reason",
                    "note",
                    "occurred_date",
                    "occurred_time",
                    "location",
                    "description",
                    "aggression_forms",
                ]
            ),
            st.one_of(text, day),
        ),
    )
    def test_ban_action_forms(self, name, values):
        self._post(self.world.mandated, reverse(f"sanctions:{name}", kwargs={"pk": self.ban.pk}), values)

    @FUZZ
    @given(
        police_number=text,
        outcome=st.one_of(st.sampled_from(["sepot", "veroordeling"]), text),
        outcome_on=day,
        paid_on=day,
        amount=amount,
    )
    def test_police_and_payment_forms(self, police_number, outcome, outcome_on, paid_on, amount):
        from sanctions.services import measure_decide

        common = {
            "by": self.world.manager,
            "aggressor": self.aggressor,
            "incidents": [self.incident],
            "reason": "x",
        }
        report = measure_decide(
            measure_type="aangifte",
            details={"reported_by": "werkgever", "reported_on": date.today()},
            **common,
        )
        claim = measure_decide(
            measure_type="schadeverhaal",
            details={"claim_date": date.today(), "items": [("Glas", 10)]},
            **common,
        )
        self._post(
            self.world.manager,
            reverse("sanctions:police-outcome", kwargs={"pk": report.pk}),
            {"police_number": police_number, "outcome": outcome, "outcome_on": outcome_on},
        )
        self._post(
            self.world.manager,
            reverse("sanctions:claim-payment", kwargs={"pk": claim.pk}),
            {"paid_on": paid_on, "amount": amount},
        )
        self._post(
            self.world.manager,
            reverse("sanctions:claim-uncollectable", kwargs={"pk": claim.pk}),
            {"reason": police_number},
        )

    @FUZZ
    @given(query=st.dictionaries(st.sampled_from(["phase", "location", "name", "ends_after", "page"]), text))
    def test_register_filters_with_crafted_parameters(self, query):
        self.client.force_login(self.world.coordinator)
        for name in ("sanctions:register", "sanctions:register-export"):
            response = self.client.get(reverse(name), query)
            self.assertEqual(response.status_code, 200)

    @FUZZ
    @given(
        name=st.sampled_from(["ordegesprek-record", "ordegesprek-replan", "revoke"]),
        values=st.dictionaries(
            st.sampled_from(
                [
                    "attendance",
                    "outcome",
                    "agreements",
                    "planned_date",
                    "planned_time",
                    "place",
                    "attendees",
                    "reason",
                ]
            ),
            st.one_of(text, day, st.sampled_from(["verschenen", "niet_verschenen"])),
        ),
    )
    def test_ordegesprek_forms(self, name, values):
        self._post(self.world.manager, reverse(f"sanctions:{name}", kwargs={"pk": self.talk.pk}), values)

    @FUZZ
    @given(name=text)
    def test_breach_find(self, name):
        self.client.force_login(self.world.reception)
        self.assertEqual(self.client.get(reverse("sanctions:breach-find"), {"name": name}).status_code, 200)


def test_the_ban_form_never_raises_on_odd_dates(db):
    world = build_world()
    incident = make_incident(world)
    aggressor = make_aggressor(incident)
    from incidents.models import Incident

    form = BanDecisionForm(
        {
            "incidents": [incident.pk],
            "reason": "x",
            "starts_on": "9999-12-31",
            "ends_on": "9999-12-31",
            "scope": "alle",
            "instruction": "politie",
        },
        measure_type="toegangsverbod",
        incident_queryset=Incident.objects.all(),
        aggressor=aggressor,
    )
    assert not form.is_valid()
    assert "starts_on" in form.errors
