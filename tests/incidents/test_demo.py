"""The demo step: varied incidents for later apps, and safe to run twice."""

import pytest
from django.utils import timezone

from gir import demo as core_demo
from gir.models import Deadline
from incidents.constants import DEADLINE_REACTION
from incidents.demo import seed_incidents
from incidents.models import Evidence, Incident, Involvement

pytestmark = pytest.mark.django_db


def _context():
    context = {"organisation": core_demo._organisation(), "locations": core_demo._locations()}
    context["users"] = core_demo._users()
    return context


def test_the_demo_step_seeds_varied_incidents_once():
    context = _context()
    seed_incidents(context)
    assert len(context["incidents"]) == Incident.objects.count() == 15
    assert set(context["aggressors"]) == {"recidivist", "caller", "unknown", "online"}
    assert context["aggressors"]["recidivist"].incident_links.count() == 3
    assert Involvement.objects.filter(victim_kind="bestuurder").count() == 2
    assert Involvement.objects.filter(role="getuige").exists()
    assert Incident.objects.filter(status="afgehandeld").count() >= 3
    assert Incident.objects.values("department").distinct().count() >= 4
    assert Incident.objects.values("location_type").distinct().count() >= 6
    evidence = Evidence.objects.get()
    assert evidence.size > 0 and len(evidence.sha256) == 64
    old = [i.pk for i in context["incidents"] if (timezone.now() - i.occurred_at).days >= 30]
    reactions = Deadline.objects.filter(kind=DEADLINE_REACTION, incident_id__in=old)
    assert old and reactions.count() == len(old) and not reactions.open().exists()

    again = _context()
    seed_incidents(again)
    assert Incident.objects.count() == 15 and len(again["incidents"]) == 15
    assert again["aggressors"]["recidivist"] == context["aggressors"]["recidivist"]
