"""The report's choice form and PDF request under random input: an error page, never a 500."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from gir import roles
from reports.models import ReportRun
from tests.factories import DepartmentFactory, UserFactory

text = st.one_of(
    st.text(max_size=60),
    st.sampled_from(
        ["", "0", "-1", "2025", "1999", "99999999999", "2025-02-30", "2024-02-29", "=1+1", "<b>"]
    ),
    st.dates().map(lambda d: d.isoformat()),
)


class ReportFormFuzzTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.coordinator = UserFactory(username="fuzz-cag", roles=[roles.MEDEWERKER, roles.COORDINATOR])
        cls.manager = UserFactory(username="fuzz-lg", roles=[roles.MEDEWERKER, roles.LEIDINGGEVENDE])
        cls.department = DepartmentFactory(name="Fuzz-afdeling")
        cls.department.managers.add(cls.manager)

    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(year=text, date_from=text, date_to=text, department=text, manager=st.booleans())
    def test_report_page_never_fails_on_random_input(self, year, date_from, date_to, department, manager):
        self.client.force_login(self.manager if manager else self.coordinator)
        query = {"year": year, "date_from": date_from, "date_to": date_to, "department": department}
        response = self.client.get("/rapportages/jaarverslag/", query)
        assert response.status_code in (200, 400, 404), response.status_code
        if response.status_code == 400:
            assert "utrecht-form-field" in response.content.decode()

    @settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(date_from=text, date_to=text, department=text)
    def test_pdf_request_never_fails_and_never_stores_an_invalid_run(self, date_from, date_to, department):
        self.client.force_login(self.coordinator)
        before = ReportRun.objects.count()
        data = {"date_from": date_from, "date_to": date_to, "department": department}
        response = self.client.post("/rapportages/pdf/", data)
        assert response.status_code in (302, 404), response.status_code
        if response.status_code == 404 or "/pdf/" not in response["Location"]:
            assert ReportRun.objects.count() == before
