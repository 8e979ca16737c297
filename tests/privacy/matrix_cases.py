from tests.matrix import Route

ROUTES = [
    Route("privacy:retention", expect={"admin": 200}, post=True),
    Route(
        "privacy:subject-search",
        expect={"coordinator": 200},
        post=True,
        post_data=lambda w: {"q": "Inzage"},
    ),
    Route(
        "privacy:subject-export",
        expect={"coordinator": 200},
        default=403,
        kwargs=lambda w: {"pk": w.privacy_subject.pk},
    ),
    Route(
        "privacy:subject-letter",
        expect={"coordinator": 200},
        default=403,
        kwargs=lambda w: {"pk": w.privacy_subject.pk},
    ),
    Route("privacy:auditlog", expect={"coordinator": 200, "privacy": 200, "aftercare": 200}),
    Route(
        "privacy:auditlog-export",
        expect={"coordinator": 200, "privacy": 200, "aftercare": 200},
        kwargs=lambda w: {"fmt": "csv"},
    ),
]


def build(world):
    from incidents.models import Aggressor

    world.privacy_subject = Aggressor.objects.create(last_name="Inzage", first_name="Ina")
