"""Factories of the core. Each app keeps its own in ``tests/<app>/factories.py``."""

import factory
from django.contrib.auth.models import Group

from gir.models import Department, Location, User

PASSWORD = "test-wachtwoord-12345"

# Surnames the tests give aggressors and other persons, and then assert absent from a page an
# employee sees. An employee drawn by Faker with the same surname (or one containing it) made
# such a test fail by chance (seed 416234575: an employee "Maryam Kramer"), so employees never
# get one of these.
PERSON_SURNAMES = (
    "ander",
    "bosman",
    "drie",
    "jansen",
    "kramer",
    "vermeulen",
    "verbodenberg",
    "zwaans",
    "vindbaar",
)


def employee_surname() -> str:
    """A Dutch surname from Faker (seeded per test) that contains none of ``PERSON_SURNAMES``."""
    fake = factory.Faker._get_faker(locale="nl_NL")
    while True:
        name = fake.last_name()
        if not any(reserved in name.lower() for reserved in PERSON_SURNAMES):
            return name


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Afdeling {n}")


class LocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Location

    name = factory.Sequence(lambda n: f"Gebouw {n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name", locale="nl_NL")
    last_name = factory.LazyFunction(employee_surname)
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.test")
    department = factory.SubFactory(DepartmentFactory)

    @factory.post_generation
    def password(self, create, extracted, **kwargs):
        self.set_password(extracted or PASSWORD)
        if create:
            self.save()

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.set(Group.objects.filter(name__in=extracted))
