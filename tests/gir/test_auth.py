"""Login, throttling and session rules (QUALITY.md "Authentication and sessions")."""

import re

import time_machine
from django.conf import settings
from django.contrib.auth.hashers import get_hasher
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gir.models import AuditEntry
from tests.factories import PASSWORD, UserFactory

LOGIN = "/account/inloggen/"


def _post(client, username, password, ip="10.1.1.1"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip)


def test_unknown_user_and_wrong_password_get_the_same_answer(db, client):
    UserFactory(username="bestaat")
    wrong = _post(client, "bestaat", "verkeerd-wachtwoord")
    unknown = _post(client, "bestaat-niet", "verkeerd-wachtwoord", ip="10.1.1.2")
    assert wrong.status_code == unknown.status_code == 200

    def strip(response):
        html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())
        return html.replace("bestaat-niet", "X").replace("bestaat", "X")

    assert strip(wrong) == strip(unknown)
    assert "Voer een juiste gebruikersnaam en wachtwoord in" in wrong.content.decode()


def test_login_is_throttled_per_user_and_address_together(db, client):
    UserFactory(username="doelwit")
    for i in range(settings.AXES_FAILURE_LIMIT):
        _post(client, "doelwit", f"fout-{i}", ip="10.0.0.1")
    locked = _post(client, "doelwit", PASSWORD, ip="10.0.0.1")
    assert locked.status_code == 429
    assert "Te veel mislukte pogingen" in locked.content.decode()
    assert not client.session.get("_auth_user_id")


def test_failures_from_elsewhere_do_not_lock_out_a_named_user(db, client):
    """Finding 3: anyone who knew the coordinator's user name could lock them out."""
    UserFactory(username="coordinator-naam")
    for i in range(settings.AXES_FAILURE_LIMIT * 2):
        _post(client, "coordinator-naam", f"fout-{i}", ip="203.0.113.7")
    assert _post(client, "coordinator-naam", PASSWORD, ip="10.0.0.99").status_code == 302


def test_failures_of_others_do_not_lock_out_a_building(db, client):
    """Finding 3: behind one address (a NAT, the proxy) five failures locked out everyone."""
    UserFactory(username="echte")
    for i in range(settings.AXES_FAILURE_LIMIT):
        _post(client, f"geraden-{i}", "fout", ip="10.9.9.9")
    assert _post(client, "echte", PASSWORD, ip="10.9.9.9").status_code == 302


def test_lockout_ends_after_the_cool_off(db, client):
    UserFactory(username="geduld")
    with time_machine.travel("2026-11-23 10:00Z", tick=False) as traveller:
        for _i in range(settings.AXES_FAILURE_LIMIT):
            _post(client, "geduld", "fout", ip="10.2.2.2")
        assert _post(client, "geduld", PASSWORD, ip="10.2.2.2").status_code == 429
        traveller.shift(settings.AXES_COOLOFF_TIME.total_seconds() + 60)
        assert _post(client, "geduld", PASSWORD, ip="10.2.2.2").status_code == 302


def test_login_rotates_the_session_and_is_audited(db, client):
    user = UserFactory(username="nieuw")
    client.get(LOGIN)
    client.cookies[settings.SESSION_COOKIE_NAME] = "planted-session-id"
    response = _post(client, "nieuw", PASSWORD)
    assert response.status_code == 302 and response["Location"] == reverse("start")
    assert client.cookies[settings.SESSION_COOKIE_NAME].value != "planted-session-id"
    assert AuditEntry.objects.filter(actor=user, action=AuditEntry.Action.LOGIN).count() == 1


def test_session_ends_after_the_absolute_lifetime_even_when_active(db, client):
    user = UserFactory(username="lang")
    with time_machine.travel("2026-11-23 08:00Z", tick=False) as traveller:
        _post(client, "lang", PASSWORD)
        step = settings.SESSION_COOKIE_AGE - 60  # stay active: never idle long enough to time out
        elapsed = 0
        while elapsed < settings.SESSION_ABSOLUTE_LIFETIME - step:
            traveller.shift(step)
            elapsed += step
            assert client.get("/").status_code == 200
        traveller.shift(2 * step)
        assert client.get("/").status_code == 302
    assert user.pk


def test_session_ends_after_idle_timeout(db, client):
    UserFactory(username="stil")
    with time_machine.travel("2026-11-23 08:00Z", tick=False) as traveller:
        _post(client, "stil", PASSWORD)
        assert client.get("/").status_code == 200
        traveller.shift(settings.SESSION_COOKIE_AGE + 60)
        assert client.get("/").status_code == 302


def test_a_deactivated_user_loses_an_open_session(db, client):
    user = UserFactory(username="weg")
    client.force_login(user)
    assert client.get("/").status_code == 200
    user.is_active = False
    user.save()
    assert client.get("/").status_code == 302


def test_production_hashes_passwords_with_argon2():
    from gir import settings as production

    assert production.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    with override_settings(PASSWORD_HASHERS=production.PASSWORD_HASHERS):
        assert get_hasher().algorithm == "argon2"


def test_short_and_common_passwords_are_refused(db):
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    for bad in ["kort-1", "password1234", "123456789012"]:
        try:
            validate_password(bad)
        except ValidationError:
            continue
        raise AssertionError(f"{bad!r} was accepted")
    validate_password("paars-fietsenrek-onweer-7")


def test_session_cookie_settings_are_safe():
    from gir import settings as production

    assert production.SESSION_COOKIE_HTTPONLY
    assert production.SESSION_COOKIE_SAMESITE in ("Lax", "Strict")
    assert production.GIR_SESSION_RENEW_SECONDS <= 60


def _session_writes(client) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get("/").status_code == 200
    return sum(
        1 for q in ctx.captured_queries if q["sql"].startswith(("UPDATE", "INSERT")) and "session" in q["sql"]
    )


def test_reading_pages_writes_the_session_at_most_once_a_minute(db, client):
    UserFactory(username="lezer")
    with time_machine.travel("2026-11-23 08:00Z", tick=False) as traveller:
        _post(client, "lezer", PASSWORD)
        client.get("/")
        traveller.shift(10)
        assert _session_writes(client) == 0, "a page read within the minute writes nothing"
        traveller.shift(settings.GIR_SESSION_RENEW_SECONDS)
        assert _session_writes(client) == 1, "after a minute the idle timeout is renewed"


def test_an_active_session_outlives_the_idle_timeout(db, client):
    UserFactory(username="bezig")
    with time_machine.travel("2026-11-23 08:00Z", tick=False) as traveller:
        _post(client, "bezig", PASSWORD)
        for _ in range(4):  # 4 x 20 minutes active: more than twice the idle timeout
            traveller.shift(settings.SESSION_COOKIE_AGE * 2 // 3)
            assert client.get("/").status_code == 200


def test_logout_needs_post(db, client):
    client.force_login(UserFactory(username="uit"))
    assert client.get("/account/uitloggen/").status_code == 405
    assert client.post("/account/uitloggen/").status_code == 302
    assert client.get("/").status_code == 302
