"""The ban page (a measure's page) offers the letter the ban asks for next, through the
``MeasureAction`` plug-in point: "Besluitbrief maken" for a decided ban, the breach letter after a
breach, only to people who may make letters for the case. And the audit log names letter kinds in
words, not by their stored code."""

from __future__ import annotations

from datetime import timedelta
from html import unescape

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from gir import roles
from gir.audit_texts import LETTER_CREATED, describe
from gir.models import AuditEntry
from letters.constants import LetterKind
from sanctions.services import breach_register
from tests.factories import UserFactory
from tests.letters.helpers import concept, signatory
from tests.sanctions.helpers import make_aggressor, make_ban, make_incident

pytestmark = pytest.mark.django_db

DECISION_LINK = "Besluitbrief maken"
BREACH_LINK = "Brief na overtreding maken"


@pytest.fixture
def ban(world):
    """A ban the world's mandated manager decided for an incident of the other department: they
    reach its case only through the ban they decided (the sanctions scope), as in practice."""
    incident = make_incident(world, department=world.dept_b, reporter=world.colleague)
    aggressor = make_aggressor(incident)
    today = timezone.localdate()
    return make_ban(world, aggressor, incident, starts_on=today, ends_on=today + timedelta(days=120))


def _page(client, ban) -> str:
    response = client.get(reverse("sanctions:detail", args=[ban.measure_id]))
    assert response.status_code == 200
    return unescape(response.content.decode())


def _create_url(ban, kind) -> str:
    incident = ban.measure.incidents.get()
    url = reverse("letters:create", kwargs={"incident_pk": incident.pk, "kind": kind})
    return f"{url}?maatregel={ban.measure_id}"


def test_the_deciding_mandated_manager_gets_the_decision_letter_prefilled(world, login, ban):
    signatory()
    client = login(world.mandated)
    page = _page(client, ban)
    assert DECISION_LINK in page
    link = _create_url(ban, LetterKind.BAN_DECISION)
    assert f'href="{link}"' in page
    form = client.get(link)
    assert form.status_code == 200
    html = form.content.decode()
    assert "Besluit toegangsverbod" in html  # the letter kind the form makes
    measure = ban.measure
    assert f'value="{measure.starts_on:%d-%m-%Y}"' in html and f'value="{measure.ends_on:%d-%m-%Y}"' in html


@pytest.mark.parametrize("persona", ["manager_of_the_case", "coordinator"])
def test_others_who_make_letters_for_the_case_get_it_too(world, login, ban, persona):
    user = world.other_manager if persona == "manager_of_the_case" else world.coordinator
    assert DECISION_LINK in _page(login(user), ban)


def test_no_link_for_who_may_see_the_ban_but_not_make_its_letters(world, login, ban):
    # Another mandated manager sees every ban, but this case's letters are not theirs to make.
    other_mandated = UserFactory(
        username="mandated_b",
        department=world.dept_a,
        roles=[roles.MEDEWERKER, roles.GEMANDATEERDE],
    )
    page = _page(login(other_mandated), ban)
    assert DECISION_LINK not in page and "/brieven/" not in page
    assert login(other_mandated).get(_create_url(ban, LetterKind.BAN_DECISION)).status_code == 404
    # Someone who reads all measures but makes no letters.
    reader = UserFactory(username="reader", department=world.dept_a)
    reader.user_permissions.add(Permission.objects.get(codename="view_all_measures"))
    page = _page(login(reader), ban)
    assert DECISION_LINK not in page and "/brieven/" not in page


def test_once_made_the_letter_is_linked_and_a_breach_asks_for_the_next(world, login, ban):
    measure = ban.measure
    incident = measure.incidents.get()
    letter = concept(
        incident,
        measure.aggressor,
        world.mandated,
        kind=LetterKind.BAN_DECISION,
        measure=measure,
        details={
            "incident.samenvatting": "U bedreigde een medewerker.",
            "verbod.begindatum": measure.starts_on,
            "verbod.einddatum": measure.ends_on,
            "verbod.locaties": "Stadhuis",
        },
    )
    client = login(world.mandated)
    page = _page(client, ban)
    assert DECISION_LINK not in page and BREACH_LINK not in page
    assert f"Brief bekijken: Besluit toegangsverbod ({letter.reference})" in page
    assert reverse("letters:detail", args=[letter.pk]) in page
    breach_register(
        ban=ban, by=world.reception, occurred_at=timezone.now() - timedelta(minutes=30), description="Binnen"
    )
    page = _page(client, ban)
    assert BREACH_LINK in page
    assert _create_url(ban, LetterKind.BAN_BREACH) in page


def test_a_revoked_ban_offers_no_letter(world, login, ban):
    from sanctions.services import measure_revoke

    measure_revoke(measure=ban.measure, by=world.mandated, reason="Vergissing")
    assert DECISION_LINK not in _page(login(world.mandated), ban)


def test_the_audit_log_names_the_letter_kind_in_words(world, login):
    assert describe(LETTER_CREATED(kind="besluit_toegangsverbod")) == "brief gemaakt (Besluit toegangsverbod)"
    assert (
        describe("letter uitnodiging_ordegesprek") == "brief gemaakt (Uitnodiging ordegesprek)"
    )  # older rows
    assert describe("brief gemaakt (iets_onbekends)") == "brief gemaakt (iets_onbekends)"  # kept as stored
    assert describe("letter pdf") == "brief als PDF"  # the most specific text still wins

    AuditEntry.objects.create(
        actor=world.manager,
        action=AuditEntry.Action.CREATE,
        description=LETTER_CREATED(kind="verklaring_bezoek"),
    )
    page = login(world.privacy).get(reverse("privacy:auditlog")).content.decode()
    assert "brief gemaakt (Verklaring voor een noodzakelijk bezoek)" in unescape(page)
    assert "verklaring_bezoek" not in page
