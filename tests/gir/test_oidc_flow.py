"""Single sign-on against a fake identity provider (issue 12): PKCE, and roles from the ``roles``
claim when Entra leaves the groups out (group overage). No network: the provider's token and
userinfo endpoints are answered in-process (the HTTP transport is replaced)."""

import base64
import hashlib
from urllib.parse import parse_qs, urlparse

import jwt
import pytest
from django.test import override_settings
from django.urls import include, path

from gir import roles
from gir.models import User

SECRET = "fake-idp-client-secret-that-is-long-enough"
OIDC = {
    "OIDC_RP_CLIENT_ID": "gir",
    "OIDC_RP_CLIENT_SECRET": SECRET,
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "https://idp.test/authorize",
    "OIDC_OP_TOKEN_ENDPOINT": "https://idp.test/token",
    "OIDC_OP_USER_ENDPOINT": "https://idp.test/userinfo",
    "OIDC_OP_JWKS_ENDPOINT": None,
    "OIDC_RP_SIGN_ALGO": "HS256",
    "OIDC_USE_PKCE": True,
    "GIR_OIDC_ROLE_MAP": {"GIR.Coordinator": roles.COORDINATOR, "grp-medewerkers": roles.MEDEWERKER},
    "AUTHENTICATION_BACKENDS": ["gir.oidc.GirOIDCBackend", "django.contrib.auth.backends.ModelBackend"],
    "ROOT_URLCONF": "tests.gir.test_oidc_flow",
}
urlpatterns = [path("oidc/", include("mozilla_django_oidc.urls")), path("", include("gir.urls"))]


class FakeProvider:
    """Answers the token and userinfo requests GIR makes, checking the PKCE verifier."""

    def __init__(self, claims):
        self.claims, self.challenge, self.nonce, self.verifier_seen = claims, None, None, None

    def post(self, url, data=None, **kwargs):
        assert url == OIDC["OIDC_OP_TOKEN_ENDPOINT"]
        verifier = data.get("code_verifier")
        digest = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
        if digest != self.challenge:
            return _Response({"error": "invalid_grant"}, 400)
        self.verifier_seen = verifier
        token = jwt.encode(
            {**self.claims, "nonce": self.nonce, "aud": "gir", "iss": "https://idp.test"}, SECRET
        )
        return _Response({"id_token": token, "access_token": "at"})

    def get(self, url, **kwargs):
        assert url == OIDC["OIDC_OP_USER_ENDPOINT"]
        return _Response({"sub": self.claims["sub"], "email": "c.oord@gemeente.test", "given_name": "Cor"})


class _Response:
    def __init__(self, body, status=200):
        self.body, self.status_code = body, status
        self.headers, self.url, self.text = (
            {"content-type": "application/json"},
            "https://idp.test",
            str(body),
        )

    def json(self):
        return self.body

    def raise_for_status(self):
        if self.status_code >= 400:
            import requests

            raise requests.HTTPError(str(self.body))


def _login(client, monkeypatch, claims):
    provider = FakeProvider(claims)
    monkeypatch.setattr("mozilla_django_oidc.auth.requests", provider)
    start = client.get("/oidc/authenticate/")
    query = parse_qs(urlparse(start["Location"]).query)
    assert query["code_challenge_method"] == ["S256"]
    provider.challenge, provider.nonce = query["code_challenge"][0], query["nonce"][0]
    client.get("/oidc/callback/", {"code": "auth-code", "state": query["state"][0]})
    return provider


@pytest.mark.django_db
@override_settings(**OIDC)
def test_sso_uses_pkce_and_roles_from_the_roles_claim_under_group_overage(world, client, monkeypatch):
    claims = {"sub": "s-1", "oid": "oid-1", "roles": ["GIR.Coordinator"], "_claim_names": {"groups": "src1"}}
    provider = _login(client, monkeypatch, claims)
    assert provider.verifier_seen
    user = User.objects.get(external_id="oid-1")
    assert set(user.groups.values_list("name", flat=True)) == {roles.COORDINATOR}
    assert client.get("/").status_code == 200  # logged in, and no second step asked (the IdP did it)


@pytest.mark.django_db
@override_settings(**OIDC)
def test_a_code_without_the_right_verifier_logs_nobody_in(world, client, monkeypatch):
    provider = FakeProvider({"sub": "s-2", "oid": "oid-2", "roles": ["GIR.Coordinator"]})
    monkeypatch.setattr("mozilla_django_oidc.auth.requests", provider)
    start = client.get("/oidc/authenticate/")
    query = parse_qs(urlparse(start["Location"]).query)
    provider.challenge, provider.nonce = "a-different-challenge", query["nonce"][0]
    client.get("/oidc/callback/", {"code": "stolen-code", "state": query["state"][0]})
    assert not User.objects.filter(external_id="oid-2").exists()
    assert client.get("/").status_code == 302


@pytest.mark.django_db
@override_settings(**OIDC)
def test_groups_still_map_and_unmapped_people_are_refused(world, client, monkeypatch):
    _login(client, monkeypatch, {"sub": "s-3", "oid": "oid-3", "groups": ["grp-medewerkers"]})
    assert set(User.objects.get(external_id="oid-3").groups.values_list("name", flat=True)) == {
        roles.MEDEWERKER
    }
    client.logout()
    _login(
        client, monkeypatch, {"sub": "s-4", "oid": "oid-4", "groups": ["grp-onbekend"], "roles": ["Other"]}
    )
    assert not User.objects.filter(external_id="oid-4").exists()
