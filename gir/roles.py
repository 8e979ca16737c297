"""The roles of DESIGN.md as data: groups and the permissions each one holds.

Group names are shown to the beheerder; code checks permissions only, never a group name.
Each app grants its own permissions to these groups in a data migration with ``grant``.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

MEDEWERKER = "Medewerker"
LEIDINGGEVENDE = "Leidinggevende"
GEMANDATEERDE = "Gemandateerde"
COORDINATOR = "Coördinator agressie en geweld"
BEDRIJFSOPVANG = "Bedrijfsopvang"
RECEPTIE = "Receptie en beveiliging"
BEHEERDER = "Beheerder"
PRIVACY = "Privacyfunctionaris"

ROLES = [MEDEWERKER, LEIDINGGEVENDE, GEMANDATEERDE, COORDINATOR, BEDRIJFSOPVANG, RECEPTIE, BEHEERDER, PRIVACY]

# Roles that see no personal data of others: the beheerder gives them directly. Every other role
# (today's and any a municipality adds) needs a second person to confirm: deny by default.
DIRECT_ROLES = frozenset({MEDEWERKER, BEHEERDER})

ROLE_DESCRIPTIONS = {
    MEDEWERKER: _("Meldt incidenten en volgt de eigen meldingen."),
    LEIDINGGEVENDE: _("Handelt meldingen van de eigen afdelingen af."),
    GEMANDATEERDE: _("Mag namens de burgemeester een toegangsverbod opleggen."),
    COORDINATOR: _("Bewaakt alle incidenten, termijnen en maatregelen."),
    BEDRIJFSOPVANG: _("Voert de nazorggesprekken."),
    RECEPTIE: _("Ziet wie nu een toegangsverbod heeft."),
    BEHEERDER: _("Beheert gebruikers, afdelingen, locaties en instellingen."),
    PRIVACY: _("Leest het auditlog: wie welke persoonsgegevens zag of wijzigde."),
}


def needs_confirmation(role_name: str) -> bool:
    """Whether giving this role needs a second person (it lets the holder see personal data)."""
    return role_name not in DIRECT_ROLES


def parse_role_map(raw: str) -> dict[str, str]:
    """``"<group-id>=<role>;<group-id>=<role>"`` → {group id: role}. Unknown roles fail loudly."""
    mapping = {}
    for item in filter(None, (part.strip() for part in raw.split(";"))):
        group_id, _, role = item.partition("=")
        if role.strip() not in ROLES:
            raise ValueError(f"GIR_OIDC_ROLE_MAP names an unknown role: {role.strip()!r}")
        mapping[group_id.strip()] = role.strip()
    return mapping


def grant(apps, mapping: dict[str, list[str]]) -> None:
    """Give each group the permissions listed (``app_label.codename``). For data migrations.

    Permissions are normally created after migrations (post_migrate); create them now so a
    data migration can hand them out.
    """
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group_name, perms in mapping.items():
        group, _created = Group.objects.get_or_create(name=group_name)
        for dotted in perms:
            app_label, codename = dotted.split(".", 1)
            perm = Permission.objects.get(content_type__app_label=app_label, codename=codename)
            group.permissions.add(perm)
