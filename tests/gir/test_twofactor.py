"""Two-factor login (issue 12, finding 10): enforced at login for roles that see personal data."""

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from gir.models import AuditEntry
from tests.factories import PASSWORD
from tests.twofactor import code, enrol

pytestmark = pytest.mark.django_db
LOGIN = "/account/inloggen/"


def _password(client, user):
    return client.post(LOGIN, {"username": user.username, "password": PASSWORD})


def test_a_coordinator_with_only_a_password_sees_nothing(world, client):
    _password(client, world.coordinator)
    for url in [reverse("start"), reverse("incidents:list"), reverse("privacy:auditlog")]:
        response = client.get(url)
        assert response.status_code == 302 and reverse("twofactor-enrol") in response["Location"]


def test_the_first_login_sets_up_the_app_and_gives_recovery_codes(world, client):
    _password(client, world.manager)
    page = client.get(reverse("twofactor-enrol"))
    assert "<svg" in page.content.decode() and page.context["secret"]
    assert not TOTPDevice.objects.filter(user=world.manager).exists()  # a GET stores nothing
    device = TOTPDevice(key=client.session["gir_totp_pending_key"])
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        wrong = client.post(reverse("twofactor-enrol"), {"code": "000000"})
        assert "Deze code klopt niet" in wrong.content.decode()
        traveller.shift(5)  # django-otp throttles: a second try waits a moment
        done = client.post(reverse("twofactor-enrol"), {"code": code(device)})
    assert len(done.context["codes"]) == 10
    assert client.get(reverse("start")).status_code == 200
    assert AuditEntry.objects.filter(actor=world.manager, description="tweede stap ingesteld").exists()


def test_a_later_login_asks_for_the_code(world, client):
    device = enrol(world.aftercare)
    _password(client, world.aftercare)
    response = client.get(reverse("start"))
    assert reverse("twofactor-verify") in response["Location"]
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        wrong = client.post(reverse("twofactor-verify"), {"code": "123456"})
        assert "Deze code klopt niet" in wrong.content.decode()
        traveller.shift(5)
        ok = client.post(f"{reverse('twofactor-verify')}?next=/mijn-taken/", {"code": code(device)})
    assert ok["Location"] == "/mijn-taken/"
    assert client.get(reverse("start")).status_code == 200


def test_a_recovery_code_works_once(world, client):
    _password(client, world.mandated)
    client.get(reverse("twofactor-enrol"))
    device = TOTPDevice(key=client.session["gir_totp_pending_key"])
    codes = client.post(reverse("twofactor-enrol"), {"code": code(device)}).context["codes"]
    client.post(reverse("logout"))
    _password(client, world.mandated)
    assert client.post(reverse("twofactor-verify"), {"code": codes[0]}).status_code == 302
    assert client.get(reverse("start")).status_code == 200
    assert not StaticToken.objects.filter(token=codes[0]).exists()


def test_an_employee_without_personal_data_roles_needs_no_second_factor(world, client):
    _password(client, world.employee)
    assert client.get(reverse("start")).status_code == 200


def test_a_second_person_resets_a_lost_device(world, login):
    enrol(world.manager)
    client = login(world.coordinator)
    client.post(reverse("twofactor-reset"), {"user": world.manager.pk})
    assert not TOTPDevice.objects.filter(user=world.manager).exists()
    assert AuditEntry.objects.filter(actor=world.coordinator, action=AuditEntry.Action.RESET).exists()
    assert login(world.manager).get(reverse("twofactor-reset")).status_code == 403


def test_single_sign_on_logins_are_not_asked_again(world, client):
    from django.test import override_settings

    oidc = {
        f"OIDC_OP_{name}_ENDPOINT": "https://idp.example/x"
        for name in ("TOKEN", "USER", "AUTHORIZATION", "JWKS")
    }
    backends = ["gir.oidc.GirOIDCBackend", "django.contrib.auth.backends.ModelBackend"]
    with override_settings(
        AUTHENTICATION_BACKENDS=backends, OIDC_RP_CLIENT_ID="gir", OIDC_RP_CLIENT_SECRET="s", **oidc
    ):
        client.force_login(world.coordinator, backend="gir.oidc.GirOIDCBackend")
        assert client.get(reverse("start")).status_code == 200


def test_a_verified_session_reads_its_device_from_the_cache_and_a_reset_still_ends_it(world, client):
    """The device that verified the session is cached (no query per page), but a reset by a
    second person is seen at the very next request (gir/security/otp_cache.py)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from gir.security.twofactor import devices_reset

    device = enrol(world.aftercare)
    _password(client, world.aftercare)
    client.post(reverse("twofactor-verify"), {"code": code(device)})
    assert client.get(reverse("tasks")).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("tasks")).status_code == 200
    assert not [q for q in queries if "otp_totp" in q["sql"]], "the device came from the database"
    devices_reset(actor=world.coordinator, user=world.aftercare)
    response = client.get(reverse("tasks"))
    assert response.status_code == 302 and reverse("twofactor-enrol") in response["Location"]


def test_an_unconfirmed_device_in_the_cache_does_not_verify(world, client):
    device = enrol(world.aftercare)
    _password(client, world.aftercare)
    client.post(reverse("twofactor-verify"), {"code": code(device)})
    assert client.get(reverse("tasks")).status_code == 200  # the device is cached now
    device.confirmed = False
    device.save()
    assert client.get(reverse("tasks")).status_code == 302


def test_a_role_that_sees_personal_data_asks_the_second_factor_at_the_next_request(world, client):
    """Whether the second factor is needed comes from the cached role names; granting such a
    role is seen at once (the cache's version is bumped)."""
    from django.contrib.auth.models import Group

    from gir import roles

    _password(client, world.employee)
    assert client.get(reverse("tasks")).status_code == 200
    world.employee.groups.add(Group.objects.get(name=roles.COORDINATOR))
    response = client.get(reverse("tasks"))
    assert response.status_code == 302 and reverse("twofactor-enrol") in response["Location"]
