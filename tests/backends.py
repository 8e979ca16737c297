"""A test-only authentication backend: ``Client.force_login`` uses it (it is listed first), and it
never authenticates anyone by password, so real logins in tests use the real backends."""

from gir.security.perm_cache import CachedModelBackend


class ForceLoginBackend(CachedModelBackend):
    def authenticate(self, request, **credentials):
        return None
