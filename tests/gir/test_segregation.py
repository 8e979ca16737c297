"""Segregation of duties (issue 12, finding 1): the beheerder manages accounts, not its own power."""

import re

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse

from gir import roles
from gir.models import AuditEntry, Department, Organisation, User
from gir.security.models import RoleGrant
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def _user_data(user, role_names, **extra):
    return {
        "username": user.username if user else "nieuw",
        "first_name": "Nieuwe",
        "last_name": "Collega",
        "email": user.email if user else "nieuw@example.test",
        "is_active": "on",
        "roles": [Group.objects.get(name=name).pk for name in role_names],
        **extra,
    }


def _edit(client, user, role_names, **extra):
    return client.post(reverse("users-edit", args=[user.pk]), _user_data(user, role_names, **extra))


def test_the_beheerder_cannot_give_itself_a_role(world, login):
    client = login(world.admin)
    _edit(client, world.admin, [roles.BEHEERDER, roles.COORDINATOR, roles.BEDRIJFSOPVANG])
    names = set(world.admin.groups.values_list("name", flat=True))
    assert names == {roles.MEDEWERKER, roles.BEHEERDER}
    assert not RoleGrant.objects.filter(user=world.admin).exists()


def test_a_role_that_sees_personal_data_waits_for_the_coordinator(world, login):
    client = login(world.admin)
    _edit(client, world.employee, [roles.MEDEWERKER, roles.COORDINATOR])
    assert not world.employee.has_perm("gir.view_auditlog")
    grant = RoleGrant.objects.get(user=world.employee, status=RoleGrant.Status.PENDING)
    assert grant.role.name == roles.COORDINATOR
    assert world.coordinator.notifications.filter(url=reverse("role-grants")).exists()

    client = login(world.coordinator)
    assert world.employee.email in client.get(reverse("role-grants")).content.decode()
    client.post(reverse("role-grant-decide", args=[grant.pk]), {"decision": "confirm"})
    employee = User.objects.get(pk=world.employee.pk)
    assert roles.COORDINATOR in set(employee.groups.values_list("name", flat=True))
    entry = AuditEntry.objects.filter(action=AuditEntry.Action.GRANT, actor=world.coordinator).get()
    before, after = entry.changes["roles"]
    assert roles.COORDINATOR not in before and roles.COORDINATOR in after


def test_a_direct_role_and_a_removal_need_no_second_person(world, login):
    world.employee.groups.add(Group.objects.get(name=roles.RECEPTIE))
    _edit(login(world.admin), world.employee, [roles.MEDEWERKER, roles.BEHEERDER])
    names = set(world.employee.groups.values_list("name", flat=True))
    assert names == {roles.MEDEWERKER, roles.BEHEERDER}
    entry = AuditEntry.objects.get(
        action=AuditEntry.Action.UPDATE, object_id=str(world.employee.pk), changes__has_key="roles"
    )
    assert entry.changes["roles"] == [[roles.MEDEWERKER, roles.RECEPTIE], [roles.BEHEERDER, roles.MEDEWERKER]]


def test_nobody_confirms_their_own_request_or_their_own_role(world, login):
    coordinator_role = Group.objects.get(name=roles.COORDINATOR)
    for_self = RoleGrant.objects.create(
        user=world.coordinator, role=coordinator_role, requested_by=world.admin
    )
    by_self = RoleGrant.objects.create(
        user=world.employee, role=coordinator_role, requested_by=world.coordinator
    )
    client = login(world.coordinator)
    for grant in (for_self, by_self):
        response = client.post(
            reverse("role-grant-decide", args=[grant.pk]), {"decision": "confirm"}, follow=True
        )
        assert "Een ander moet deze aanvraag beoordelen" in response.content.decode()
        grant.refresh_from_db()
        assert grant.status == RoleGrant.Status.PENDING


def test_a_refused_request_gives_nothing(world, login):
    grant = RoleGrant.objects.create(
        user=world.employee, role=Group.objects.get(name=roles.BEDRIJFSOPVANG), requested_by=world.admin
    )
    login(world.coordinator).post(reverse("role-grant-decide", args=[grant.pk]), {"decision": "refuse"})
    grant.refresh_from_db()
    assert grant.status == RoleGrant.Status.REFUSED
    assert not world.employee.groups.filter(name=roles.BEDRIJFSOPVANG).exists()


def test_the_beheerder_never_sets_a_password_but_sends_a_link(world, login, client):
    response = login(world.admin).post(
        reverse("users-create"), _user_data(None, [roles.MEDEWERKER], password="beheerder-kent-dit-1")
    )
    new = User.objects.get(username="nieuw")
    assert response.status_code == 302
    assert not new.has_usable_password()
    assert not new.check_password("beheerder-kent-dit-1")
    assert AuditEntry.objects.filter(action=AuditEntry.Action.CREATE, object_id=str(new.pk)).exists()
    (message,) = mail.outbox
    assert message.to == ["nieuw@example.test"]
    link = re.search(r"https?://[^/]+(/account/wachtwoord-herstellen/\S+)", message.body).group(1)
    client.logout()
    form_page = client.get(link, follow=True)
    new_password = "zelf-gekozen-wachtwoord-42"
    client.post(
        form_page.redirect_chain[-1][0], {"new_password1": new_password, "new_password2": new_password}
    )
    new.refresh_from_db()
    assert new.check_password(new_password)


def test_the_user_form_has_no_password_field(world, login):
    page = login(world.admin).get(reverse("users-edit", args=[world.employee.pk])).content.decode()
    assert 'type="password"' not in page
    assert "Stuur een link om een wachtwoord te kiezen" in page


def test_the_email_of_an_account_with_personal_data_cannot_be_redirected(world, login):
    _edit(
        login(world.admin), world.coordinator, [roles.MEDEWERKER, roles.COORDINATOR], email="admin@evil.test"
    )
    world.coordinator.refresh_from_db()
    assert world.coordinator.email != "admin@evil.test"


def test_configuration_changes_are_logged_with_before_and_after(world, login):
    client = login(world.admin)
    client.post(
        reverse("departments-edit", args=[world.dept_a.pk]), {"name": "Burgerzaken", "is_active": "on"}
    )
    entry = AuditEntry.objects.get(
        action=AuditEntry.Action.UPDATE, object_id=str(world.dept_a.pk), changes__has_key="name"
    )
    assert entry.changes["name"] == ["Publiekszaken", "Burgerzaken"]
    assert Department.objects.get(pk=world.dept_a.pk).name == "Burgerzaken"

    org = Organisation.get()
    page = client.get(reverse("organisation-edit"))
    data = {k: v for k, v in page.context["form"].initial.items() if v is not None and k != "logo"}
    data.update(
        {name: page.context["form"][name].value() for name in page.context["form"].fields if name != "logo"}
    )
    data = {k: v for k, v in data.items() if v is not None}
    data["reaction_norm"] = "72"
    client.post(reverse("organisation-edit"), data)
    entry = AuditEntry.objects.get(object_id=str(org.pk), changes__has_key="reaction_norm")
    assert entry.changes["reaction_norm"] == ["2 days, 0:00:00", "3 days, 0:00:00"]


def test_retention_changes_are_logged(world, login):
    from privacy.constants import DataClass

    coordinator = world.coordinator
    client = login(world.admin if world.admin.has_perm("privacy.manage_retention") else coordinator)
    data = {dc.value: 400 for dc in DataClass}
    client.post(reverse("privacy:retention"), data)
    entry = AuditEntry.objects.get(description="bewaartermijnen")
    assert entry.changes[DataClass.AGGRESSOR.value][1] == 400


def test_role_changes_need_a_recent_login(world, client):
    with time_machine.travel("2026-11-23 09:00Z", tick=False) as traveller:
        client.post("/account/inloggen/", {"username": "admin", "password": PASSWORD})
        url = reverse("users-edit", args=[world.employee.pk])
        assert client.get(url).status_code == 200
        traveller.shift(16 * 60)
        response = client.get(url)
        assert response.status_code == 302 and reverse("reauthenticate") in response["Location"]
        wrong = client.post(response["Location"], {"password": "fout-wachtwoord-1"})
        assert "Dit wachtwoord klopt niet" in wrong.content.decode()
        ok = client.post(response["Location"], {"password": PASSWORD})
        assert ok["Location"] == url
        assert client.get(url).status_code == 200


def test_saving_again_keeps_a_pending_request_and_unticking_withdraws_it(world, login):
    client = login(world.admin)
    _edit(client, world.employee, [roles.MEDEWERKER, roles.COORDINATOR])
    page = client.get(reverse("users-edit", args=[world.employee.pk]))
    ticked = {g.name for g in page.context["form"]["roles"].initial}
    assert roles.COORDINATOR in ticked
    _edit(client, world.employee, sorted(ticked))
    assert RoleGrant.objects.filter(user=world.employee, status=RoleGrant.Status.PENDING).count() == 1
    _edit(client, world.employee, [roles.MEDEWERKER])
    assert not RoleGrant.objects.filter(user=world.employee, status=RoleGrant.Status.PENDING).exists()


def test_signatory_and_template_changes_are_logged_with_before_and_after(world, login):
    from gir.models import Signatory
    from letters.constants import LetterKind
    from letters.models import LetterTemplate
    from letters.services import template_defaults_install

    signatory = Signatory.objects.create(name="M. van den Berg", function="Burgemeester", is_mayor=True)
    login(world.admin).post(
        reverse("signatories-edit", args=[signatory.pk]),
        {"name": "M. van den Berg", "function": "Locoburgemeester", "is_active": "on"},
    )
    entry = AuditEntry.objects.get(object_id=str(signatory.pk), changes__has_key="function")
    assert entry.actor == world.admin and entry.action == AuditEntry.Action.UPDATE
    assert entry.changes["function"] == ["Burgemeester", "Locoburgemeester"]
    assert entry.changes["is_mayor"] == [True, False]

    template_defaults_install()
    template = LetterTemplate.objects.get(code=LetterKind.WARNING)
    old_subject = template.current_version.subject
    login(world.coordinator).post(
        reverse("letters:template-edit", args=[template.pk]),
        {"subject": "Let op", "body": "<p>Beste {{ dader.naam }},</p>", "note": "korter", "save": "1"},
    )
    entry = AuditEntry.objects.get(object_id=str(template.pk), changes__has_key="subject")
    assert entry.actor == world.coordinator
    assert entry.changes["subject"] == [old_subject, "Let op"]
    assert entry.description == f"sjabloon {template.pk} versie {template.current_version.number}"
