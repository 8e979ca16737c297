"""Pages that show an aggressor's name log the read per person (issue 12, finding 8)."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from gir.models import AuditEntry
from incidents.models import Aggressor
from tests.matrix import load_cases

pytestmark = pytest.mark.django_db
_ROUTES, BUILDERS = load_cases()


@pytest.fixture
def full_world(world):
    for build in BUILDERS:
        build(world)
    return world


def _reads(user, aggressor) -> int:
    return AuditEntry.objects.filter(
        actor=user,
        action=AuditEntry.Action.VIEW,
        content_type=ContentType.objects.get_for_model(Aggressor),
        object_id=str(aggressor.pk),
    ).count()


@pytest.mark.parametrize(
    ("name", "kwargs", "who", "whose"),
    [
        ("letters:list", None, "manager", "aggressor"),
        ("letters:incident", lambda w: {"incident_pk": w.incident.pk}, "manager", "aggressor"),
        (
            "letters:create",
            lambda w: {"incident_pk": w.incident.pk, "kind": "schriftelijke_waarschuwing"},
            "manager",
            "aggressor",
        ),
        ("sanctions:ordegesprek-record", lambda w: {"pk": w.s_talk.pk}, "manager", "s_aggressor"),
        ("sanctions:claim-payment", lambda w: {"pk": w.s_claim.pk}, "manager", "s_aggressor"),
    ],
)
def test_a_page_naming_an_aggressor_logs_the_read(full_world, login, name, kwargs, who, whose):
    user, aggressor = getattr(full_world, who), getattr(full_world, whose)
    before = _reads(user, aggressor)
    response = login(user).get(reverse(name, kwargs=kwargs(full_world) if kwargs else None))
    assert response.status_code == 200
    assert aggressor.last_name in response.content.decode()
    assert _reads(user, aggressor) == before + 1


def test_the_dispatch_register_export_logs_each_person_it_names(full_world, login):
    before = _reads(full_world.coordinator, full_world.aggressor)
    response = login(full_world.coordinator).get(reverse("letters:register-export"), {"formaat": "csv"})
    assert full_world.aggressor.last_name in response.content.decode("utf-8-sig")
    assert _reads(full_world.coordinator, full_world.aggressor) == before + 1
