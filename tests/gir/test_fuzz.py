"""The core's forms under random input: errors, never a server error (QUALITY.md "Input")."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from gir import roles
from tests.factories import UserFactory

text = st.one_of(
    st.text(max_size=300), st.sampled_from(["", "0", "-1", "99999999999", "<script>", "=1+1", "ä€"])
)
FIELDS = {
    "/beheer/organisatie/": [
        "name",
        "postal_code",
        "email",
        "reaction_norm",
        "aftercare_talk3_norm",
        "minimum_ban_days",
        "reminder_lead",
    ],
    "/beheer/gebruikers/nieuw/": ["username", "first_name", "email", "department", "roles", "password"],
    "/beheer/afdelingen/nieuw/": ["name", "managers", "is_active"],
    "/beheer/locaties/nieuw/": ["name", "address", "parent"],
    "/beheer/ondertekenaars/nieuw/": ["name", "function", "is_mayor", "user"],
}


class CoreFormFuzzTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.admin = UserFactory(username="fuzz-admin", roles=[roles.MEDEWERKER, roles.BEHEERDER])

    @settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(url=st.sampled_from(sorted(FIELDS)), values=st.lists(text, min_size=7, max_size=7))
    def test_admin_forms_never_fail_on_random_input(self, url, values):
        self.client.force_login(self.admin)
        data = dict(zip(FIELDS[url], values, strict=False))
        response = self.client.post(url, data)
        assert response.status_code in (200, 302), response.status_code
        if response.status_code == 200:
            assert "Controleer wat u heeft ingevuld" in response.content.decode()

    @settings(max_examples=25, deadline=None)
    @given(username=text, password=text)
    def test_login_never_fails_on_random_input(self, username, password):
        response = self.client.post("/account/inloggen/", {"username": username, "password": password})
        assert response.status_code in (200, 429)
