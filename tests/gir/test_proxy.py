"""Client addresses behind trusted proxies (issue 12, finding 3): one function for axes, audit, logs."""

import pytest
from django.conf import settings
from django.test import override_settings

from gir.models import AuditEntry
from gir.proxy import parse_networks, resolve_client_ip
from tests.factories import PASSWORD, UserFactory

LOGIN = "/account/inloggen/"
PROXIES = ("10.0.0.5", "172.16.0.0/12")


@pytest.mark.parametrize(
    ("remote", "forwarded", "expected"),
    [
        ("10.0.0.5", "198.51.100.7", "198.51.100.7"),
        ("10.0.0.5", "1.2.3.4, 198.51.100.7", "198.51.100.7"),  # left part is the client's own text
        ("10.0.0.5", "198.51.100.7, 172.20.0.3", "198.51.100.7"),  # a second trusted hop
        ("10.0.0.5", "2001:db8::9", "2001:db8::9"),
        ("10.0.0.5", "198.51.100.7:5555", "198.51.100.7"),
        ("10.0.0.5", "", "10.0.0.5"),
        ("10.0.0.5", "not-an-address", "10.0.0.5"),
        ("203.0.113.9", "198.51.100.7", "203.0.113.9"),  # not a proxy: its header is forged
        ("172.20.0.3", "172.20.0.4", "172.20.0.4"),  # only proxies: the left-most proxy
    ],
)
def test_the_client_is_the_right_most_untrusted_address(remote, forwarded, expected):
    assert resolve_client_ip(remote, forwarded, PROXIES) == expected


def test_without_trusted_proxies_the_header_is_ignored():
    assert resolve_client_ip("10.0.0.5", "198.51.100.7", ()) == "10.0.0.5"


def test_a_bad_proxy_setting_fails_loudly():
    with pytest.raises(ValueError, match="GIR_TRUSTED_PROXIES"):
        parse_networks(["10.0.0.300"])


def _post(client, username, password, client_address):
    return client.post(
        LOGIN,
        {"username": username, "password": password},
        REMOTE_ADDR="10.0.0.5",
        HTTP_X_FORWARDED_FOR=client_address,
    )


@override_settings(GIR_TRUSTED_PROXIES=list(PROXIES))
def test_behind_the_proxy_one_attacker_does_not_lock_out_the_others(db, client):
    UserFactory(username="balie")
    for i in range(settings.AXES_FAILURE_LIMIT):
        _post(client, "balie", f"fout-{i}", "198.51.100.66")
    assert _post(client, "balie", PASSWORD, "198.51.100.66").status_code == 429
    assert _post(client, "balie", PASSWORD, "198.51.100.20").status_code == 302


@override_settings(GIR_TRUSTED_PROXIES=list(PROXIES))
def test_the_audit_log_records_the_client_not_the_proxy(db, client):
    user = UserFactory(username="audit")
    _post(client, "audit", PASSWORD, "198.51.100.20")
    entry = AuditEntry.objects.get(actor=user, action=AuditEntry.Action.LOGIN)
    assert entry.ip_address == "198.51.100.20"


@override_settings(GIR_TRUSTED_PROXIES=[])
def test_a_forged_header_does_not_escape_the_lockout(db, client):
    UserFactory(username="vervalst")
    for i in range(settings.AXES_FAILURE_LIMIT):
        _post(client, "vervalst", "fout", f"198.51.100.{i}")
    assert _post(client, "vervalst", PASSWORD, "198.51.100.200").status_code == 429


def test_the_gunicorn_access_log_uses_the_same_address(monkeypatch):
    from types import SimpleNamespace

    from gunicorn.config import Config

    from gir.security.gunicorn_log import ClientAddressLogger

    monkeypatch.setenv("GIR_TRUSTED_PROXIES", "10.0.0.5")
    logger = ClientAddressLogger(Config())
    environ = {
        "REMOTE_ADDR": "10.0.0.5",
        "HTTP_X_FORWARDED_FOR": "198.51.100.20",
        "RAW_URI": "/",
        "REQUEST_METHOD": "GET",
        "PATH_INFO": "/",
        "QUERY_STRING": "",
        "SERVER_PROTOCOL": "HTTP/1.1",
    }
    req = SimpleNamespace(headers=[], method="GET", path="/", query="", version=(1, 1), uri="/")
    resp = SimpleNamespace(status="200 OK", sent=0, headers=[], response_length=0)
    from datetime import timedelta

    atoms = logger.atoms(resp, req, environ, timedelta(seconds=0))
    assert atoms["h"] == "198.51.100.20"
