"""What the privacy tools plug into the core (gir.registry): navigation."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from gir.registry import NavItem, register_nav


def register() -> None:
    register_nav(
        NavItem(
            _("Inzageverzoek"), "privacy:subject-search", "privacy.subject_access", order=85, group="beheer"
        )
    )
    register_nav(NavItem(_("Auditlog"), "privacy:auditlog", "gir.view_auditlog", order=86, group="register"))
