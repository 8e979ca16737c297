"""The test factories' employees never share a surname with the persons the tests name."""

from tests.factories import PERSON_SURNAMES, employee_surname


def test_an_employee_surname_never_contains_a_name_the_tests_give_a_person():
    names = {employee_surname() for _ in range(3000)}
    assert len(names) > 100  # still Faker's variety
    assert not [name for name in names if any(reserved in name.lower() for reserved in PERSON_SURNAMES)]
