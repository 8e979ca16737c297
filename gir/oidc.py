"""Optional single sign-on with OpenID Connect (e.g. Microsoft Entra ID).

Users are matched on the identity provider's stable object id (the ``oid`` claim, or ``sub``),
never on e-mail, which can be reassigned. Roles come from the ID token's ``roles`` claim (app
roles, which Entra always sends) and ``groups`` claim through one explicit map
(``GIR_OIDC_ROLE_MAP``: group id or app-role value → GIR role); a person mapped to no role is
refused: deny by default. When a person is in too many groups Entra leaves ``groups`` out
("group overage", ``_claim_names``): then only the app roles count. Roles are synced on every
login, so removing someone in the identity provider removes the role in GIR at their next login.
The authorisation-code flow uses PKCE (``OIDC_USE_PKCE``).
"""

from __future__ import annotations

import logging

import requests
from django.conf import settings
from django.contrib.auth.models import Group
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from gir.roles import parse_role_map

__all__ = ["GirOIDCBackend", "parse_role_map"]

logger = logging.getLogger(__name__)


def _as_list(value) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else [str(v) for v in value]


class GirOIDCBackend(OIDCAuthenticationBackend):
    def _subject(self, claims) -> str:
        return str(claims.get("oid") or claims.get("sub") or "")

    def _roles(self, claims) -> set[str]:
        role_map = settings.GIR_OIDC_ROLE_MAP
        if "groups" in claims.get("_claim_names", {}):
            logger.info("OIDC group overage: roles from the app-role claim only")
        values = [*_as_list(claims.get("roles")), *_as_list(claims.get("groups"))]
        return {role_map[value] for value in values if value in role_map}

    def authenticate(self, request, **kwargs):
        """A refused token exchange (wrong PKCE verifier, replayed code) is a failed login, not a 500."""
        try:
            return super().authenticate(request, **kwargs)
        except requests.HTTPError:
            logger.warning("OIDC login refused: the provider refused the token exchange")
            return None

    def get_userinfo(self, access_token, id_token, payload):
        """The userinfo endpoint's claims plus the ID token's roles and groups (Entra's userinfo
        endpoint does not return them)."""
        claims = super().get_userinfo(access_token, id_token, payload)
        for name in ("oid", "roles", "groups", "_claim_names"):
            if name in payload:
                claims[name] = payload[name]
        return claims

    def verify_claims(self, claims) -> bool:
        allowed = bool(self._subject(claims)) and bool(self._roles(claims))
        if not allowed:
            logger.warning("OIDC login refused: no subject or no mapped group")
        return allowed

    def filter_users_by_claims(self, claims):
        subject = self._subject(claims)
        if not subject:
            return self.UserModel.objects.none()
        return self.UserModel.objects.filter(external_id=subject, is_active=True)

    def create_user(self, claims):
        subject = self._subject(claims)
        user = self.UserModel(username=f"sso-{subject}"[:150], external_id=subject)
        user.set_unusable_password()
        return self.update_user(user, claims)

    def update_user(self, user, claims):
        user.first_name = claims.get("given_name", user.first_name)[:150]
        user.last_name = claims.get("family_name", user.last_name)[:150]
        user.email = claims.get("email") or claims.get("preferred_username") or user.email
        user.save()
        user.groups.set(Group.objects.filter(name__in=self._roles(claims)))
        return user
