"""Optional single sign-on with OpenID Connect (e.g. Microsoft Entra ID).

Users are matched on the identity provider's stable object id (the ``oid`` claim, or ``sub``),
never on e-mail, which can be reassigned. Roles come from the token's ``groups`` claim through
an explicit map (``GIR_OIDC_ROLE_MAP``); a person whose groups map to no role is refused:
deny by default. Roles are synced on every login, so removing someone from a group in the
identity provider removes the role in GIR at their next login.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib.auth.models import Group
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from gir.roles import parse_role_map

__all__ = ["GirOIDCBackend", "parse_role_map"]

logger = logging.getLogger(__name__)


class GirOIDCBackend(OIDCAuthenticationBackend):
    def _subject(self, claims) -> str:
        return str(claims.get("oid") or claims.get("sub") or "")

    def _roles(self, claims) -> set[str]:
        role_map = settings.GIR_OIDC_ROLE_MAP
        return {role_map[g] for g in claims.get("groups", []) if g in role_map}

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
