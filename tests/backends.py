"""A test-only authentication backend: ``Client.force_login`` uses it (it is listed first), and it
never authenticates anyone by password, so real logins in tests use the real backends."""

from django.contrib.auth.backends import ModelBackend


class ForceLoginBackend(ModelBackend):
    def authenticate(self, request, **credentials):
        return None
