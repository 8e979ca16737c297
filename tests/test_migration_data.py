"""The suite's own promise: a transactional test does not take the migrations' rows with it."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from gir import roles
from letters.models import LetterTemplate
from privacy.models import RetentionPolicy
from tests import migration_data


def _migration_rows() -> dict:
    return {
        "grants": sorted(
            Group.objects.filter(permissions__isnull=False).values_list("name", "permissions__codename")
        ),
        "policies": sorted(RetentionPolicy.objects.values_list("data_class", "days")),
        "templates": sorted(LetterTemplate.objects.values_list("code", "versions__number")),
    }


@pytest.mark.django_db(transaction=True)
def test_the_rows_the_migrations_created_come_back_after_a_flush():
    before = _migration_rows()
    assert before["policies"] and before["templates"]
    assert {name for name, _codename in before["grants"]} == set(roles.ROLES)
    call_command("flush", interactive=False, verbosity=0)
    assert not RetentionPolicy.objects.exists()
    migration_data.restore()
    assert _migration_rows() == before
    assert Group.objects.create(name="Nieuw").pk  # the sequences moved past the restored ids
