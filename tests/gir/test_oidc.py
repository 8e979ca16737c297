"""Single sign-on: match on the stable id, roles from mapped groups, deny by default."""

import pytest
from django.test import override_settings

from gir import roles
from gir.models import User
from gir.oidc import GirOIDCBackend, parse_role_map

ROLE_MAP = {"grp-medewerkers": roles.MEDEWERKER, "grp-leiding": roles.LEIDINGGEVENDE}
OIDC = {
    "GIR_OIDC_ROLE_MAP": ROLE_MAP,
    "OIDC_RP_CLIENT_ID": "gir",
    "OIDC_RP_CLIENT_SECRET": "secret",
    "OIDC_OP_TOKEN_ENDPOINT": "https://idp.invalid/token",
    "OIDC_OP_USER_ENDPOINT": "https://idp.invalid/userinfo",
    "OIDC_OP_JWKS_ENDPOINT": "https://idp.invalid/keys",
    "OIDC_RP_SIGN_ALGO": "RS256",
}


def _claims(**extra):
    return {
        "oid": "00000000-aaaa",
        "email": "p.jansen@gemeente.nl",
        "given_name": "Petra",
        "family_name": "Jansen",
        "groups": ["grp-leiding", "grp-overig"],
        **extra,
    }


@override_settings(**OIDC)
def test_a_person_without_a_mapped_group_is_refused(world):
    backend = GirOIDCBackend()
    assert backend.verify_claims(_claims(groups=["grp-overig"])) is False
    assert backend.verify_claims(_claims(oid="", sub="")) is False
    assert backend.verify_claims(_claims()) is True


@override_settings(**OIDC)
def test_users_are_created_with_mapped_roles_and_matched_on_oid_not_email(world):
    backend = GirOIDCBackend()
    user = backend.create_user(_claims())
    assert user.external_id == "00000000-aaaa"
    assert set(user.groups.values_list("name", flat=True)) == {roles.LEIDINGGEVENDE}
    assert user.has_perm("incidents.manage_incidents")
    assert list(backend.filter_users_by_claims(_claims(email="ander@gemeente.nl"))) == [user]
    User.objects.create(username="zelfde-mail", email="p.jansen@gemeente.nl")
    assert list(backend.filter_users_by_claims(_claims(oid="ander-id"))) == []


@override_settings(**OIDC)
def test_roles_follow_the_identity_provider_at_each_login(world):
    backend = GirOIDCBackend()
    user = backend.create_user(_claims())
    backend.update_user(user, _claims(groups=["grp-medewerkers"]))
    assert set(user.groups.values_list("name", flat=True)) == {roles.MEDEWERKER}


def test_role_map_refuses_unknown_roles():
    assert parse_role_map("a=Medewerker; b=Leidinggevende") == {"a": "Medewerker", "b": "Leidinggevende"}
    with pytest.raises(ValueError, match="unknown role"):
        parse_role_map("a=Koning")
