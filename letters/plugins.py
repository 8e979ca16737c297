"""What letters plug into the core (gir.registry): navigation, the reaction panel, the dossier
section and action, the next letter on a measure's page, the page that fulfils the 48-hour
reaction, demo data, and the words for a letter kind in the audit log."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from gir.formatting import pk_url
from gir.registry import (
    AuditLabel,
    DemoStep,
    DossierAction,
    DossierSection,
    FulfilmentPage,
    MeasureAction,
    NavItem,
    StartPanel,
    register_audit_label,
    register_demo_step,
    register_dossier_action,
    register_dossier_section,
    register_fulfilment_page,
    register_measure_action,
    register_nav,
    register_panel,
)
from letters import demo, panels
from letters.constants import REACTION_DEADLINE, LetterKind


def _incident_letters(deadline, _loaded) -> str:
    return pk_url("letters:incident", deadline.object_id)


def _kind_label(code: str):
    return LetterKind(code).label if code in LetterKind.values else None


def register() -> None:
    register_nav(NavItem(_("Brieven"), "letters:list", "letters.create_letters", order=40, group="werk"))
    register_nav(
        NavItem(_("Verzendregister"), "letters:register", "letters.view_register", order=45, group="register")
    )
    register_nav(
        NavItem(
            _("Briefsjablonen"), "letters:templates", "letters.manage_templates", order=85, group="beheer"
        )
    )
    register_panel(
        StartPanel(
            "letters/panels/reaction.html", "letters.create_letters", panels.reaction_context, order=20
        )
    )
    # Timeline entries and the block's rows from one load of the letters (issue 13).
    register_dossier_section(DossierSection(panels.dossier_section, order=40))
    register_dossier_action(DossierAction(panels.dossier_action, order=30))
    # The ban page offers the decision letter (and later the breach letter) for the case.
    register_measure_action(MeasureAction(panels.measure_action, order=30))
    # incidents opens the 48-hour reaction deadline; a letter fulfils it, so its task leads here.
    register_fulfilment_page(FulfilmentPage(REACTION_DEADLINE, _incident_letters))
    register_demo_step(DemoStep(demo.demo_step, order=40))
    # The audit log shows "brief gemaakt (Besluit toegangsverbod)", not the stored kind's code.
    register_audit_label(AuditLabel("letter_kind", _kind_label))
