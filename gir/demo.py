"""The demo municipality of the core: organisation, departments, locations, one user per role.

Domain apps add their own demo data through ``gir.registry.register_demo_step``.
"""

from __future__ import annotations

import io

from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.db import transaction

from gir import roles
from gir.models import Department, Location, Organisation, Signatory, User
from gir.registry import run_demo_steps

DEMO_PASSWORD = "demo-wachtwoord-2026"  # noqa: S105 - printed for the demo on purpose
# The demo users' second factor: one published TOTP secret, so a newcomer can log in without an
# app (``manage.py demo_code`` prints the current code). Only demo accounts get it.
DEMO_TOTP_KEY = "6769722d64656d6f2d7477656564652d73746170"  # hex of "gir-demo-tweede-stap"

DEMO_USERS = [
    # username, first, last, department, roles, job title
    ("medewerker", "Mila", "de Vries", "Publiekszaken", [roles.MEDEWERKER], "Baliemedewerker"),
    ("collega", "Sem", "Bakker", "Werk en Inkomen", [roles.MEDEWERKER], "Klantmanager"),
    (
        "leidinggevende",
        "Fatima",
        "El Amrani",
        "Publiekszaken",
        [roles.MEDEWERKER, roles.LEIDINGGEVENDE],
        "Teamleider",
    ),
    (
        "leidinggevende2",
        "Jeroen",
        "Smit",
        "Werk en Inkomen",
        [roles.MEDEWERKER, roles.LEIDINGGEVENDE],
        "Teamleider",
    ),
    (
        "gemandateerde",
        "Anouk",
        "Jansen",
        "Juridische Zaken",
        [roles.MEDEWERKER, roles.LEIDINGGEVENDE, roles.GEMANDATEERDE],
        "Manager Juridische Zaken",
    ),
    (
        "coordinator",
        "Ruben",
        "Visser",
        "Veiligheid",
        [roles.MEDEWERKER, roles.COORDINATOR],
        "Coördinator agressie en geweld",
    ),
    (
        "bedrijfsopvang",
        "Lotte",
        "Mulder",
        "HR",
        [roles.MEDEWERKER, roles.BEDRIJFSOPVANG],
        "Bedrijfsmaatschappelijk werker",
    ),
    ("receptie", "Kees", "de Boer", "Facilitaire Zaken", [roles.MEDEWERKER, roles.RECEPTIE], "Receptionist"),
    (
        "beheerder",
        "Noor",
        "Hendriks",
        "Informatievoorziening",
        [roles.MEDEWERKER, roles.BEHEERDER],
        "Functioneel beheerder",
    ),
    (
        "privacy",
        "Lotte",
        "Visser",
        "Juridische Zaken",
        [roles.MEDEWERKER, roles.PRIVACY],
        "Privacyfunctionaris",
    ),
]


def _organisation() -> Organisation:
    org = Organisation.get()
    org.name = "Gemeente Voorbeeld"
    org.street, org.postal_code, org.city = "Stadhuisplein 1", "1234 AB", "Voorbeeld"
    org.po_box = "Postbus 100"
    org.phone, org.email, org.website = "14 0123", "info@voorbeeld.example", "www.voorbeeld.example"
    if not org.logo:
        org.logo.save("gemeente-voorbeeld.png", ContentFile(demo_logo_png()), save=False)
    org.save()
    return org


def _logo_font(size: int):
    from PIL import ImageFont

    try:
        return ImageFont.truetype("DejaVuSans-Bold.ttf", size)
    except OSError:
        return ImageFont.load_default(size)


def demo_logo_png() -> bytes:
    """A simple made-up municipal logo (drawn here, so the repository holds no image): a blue
    shield with a white wave and the name beside it. Letters and the annual report print it."""
    from PIL import Image, ImageDraw

    blue, light = (21, 66, 115), (143, 202, 231)
    image = Image.new("RGB", (720, 200), "white")
    draw = ImageDraw.Draw(image)
    draw.polygon([(20, 20), (160, 20), (160, 110), (90, 180), (20, 110)], fill=blue)
    draw.arc((40, 50, 140, 130), start=200, end=340, fill=light, width=12)
    draw.arc((40, 80, 140, 160), start=200, end=340, fill="white", width=12)
    draw.text((190, 40), "Gemeente", fill=blue, font=_logo_font(52))
    draw.text((190, 100), "Voorbeeld", fill=blue, font=_logo_font(52))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def _locations() -> dict[str, Location]:
    stadhuis, _ = Location.objects.get_or_create(
        name="Stadhuis", parent=None, defaults={"address": "Stadhuisplein 1"}
    )
    kcc, _ = Location.objects.get_or_create(
        name="Klantcontactcentrum", parent=None, defaults={"address": "Marktstraat 10"}
    )
    werf, _ = Location.objects.get_or_create(
        name="Gemeentewerf", parent=None, defaults={"address": "Industrieweg 4"}
    )
    balie, _ = Location.objects.get_or_create(name="Balie Publiekszaken", parent=stadhuis)
    return {"stadhuis": stadhuis, "kcc": kcc, "werf": werf, "balie": balie}


def _users() -> dict[str, User]:
    users = {}
    for username, first, last, dept_name, role_names, title in DEMO_USERS:
        dept, _ = Department.objects.get_or_create(name=dept_name)
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": first,
                "last_name": last,
                "email": f"{username}@voorbeeld.example",
                "department": dept,
                "job_title": title,
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        user.groups.set(Group.objects.filter(name__in=role_names))
        users[username] = user
    _demo_second_factor(users.values())
    for dept_name in ["Buitendienst", "Sociaal Domein"]:
        Department.objects.get_or_create(name=dept_name)
    Department.objects.get(name="Publiekszaken").managers.add(users["leidinggevende"])
    Department.objects.get(name="Buitendienst").managers.add(users["leidinggevende"])
    Department.objects.get(name="Werk en Inkomen").managers.add(users["leidinggevende2"])
    Department.objects.get(name="Sociaal Domein").managers.add(
        users["leidinggevende2"], users["gemandateerde"]
    )
    Department.objects.get(name="Juridische Zaken").managers.add(users["gemandateerde"])
    return users


def _demo_second_factor(users) -> None:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from gir.security.twofactor import required_for

    for user in users:
        if required_for(user):
            TOTPDevice.objects.get_or_create(
                user=user, confirmed=True, defaults={"name": "demo", "key": DEMO_TOTP_KEY}
            )


def _signatories(users) -> None:
    Signatory.objects.get_or_create(
        name="M. van den Berg", defaults={"function": "Burgemeester", "is_mayor": True}
    )
    Signatory.objects.get_or_create(
        name="A. Jansen",
        defaults={"function": "Manager Juridische Zaken (gemandateerd)", "user": users["gemandateerde"]},
    )


@transaction.atomic
def seed() -> dict:
    """Create (or refresh) the demo municipality. Safe to run more than once."""
    context = {"organisation": _organisation(), "locations": _locations()}
    context["users"] = _users()
    _signatories(context["users"])
    run_demo_steps(context)
    return context
