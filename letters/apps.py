from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LettersConfig(AppConfig):
    name = "letters"
    verbose_name = _("Brieven")

    def ready(self):
        from gir.registry import (
            NavItem,
            StartPanel,
            register_demo_step,
            register_dossier_action,
            register_dossier_section,
            register_nav,
            register_panel,
        )
        from letters import demo, panels

        register_nav(NavItem(_("Brieven"), "letters:list", "letters.create_letters", order=40, group="werk"))
        register_nav(
            NavItem(
                _("Verzendregister"), "letters:register", "letters.view_register", order=45, group="register"
            )
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
        register_dossier_section(40, panels.dossier_entries)
        register_dossier_section(41, panels.dossier_rows)
        self._reaction_deadline_to_letters()
        register_dossier_action(30, panels.dossier_action)
        register_demo_step(40, demo.demo_step)

    @staticmethod
    def _reaction_deadline_to_letters() -> None:
        """The 48-hour reaction is fulfilled by a letter: its task links to the incident's letters.

        ``incidents`` registers the kind (it opens the deadline) but cannot know about letters;
        letters comes later in INSTALLED_APPS and refines the link.
        """
        from dataclasses import replace

        from django.urls import reverse

        from gir.registry import register_deadline_kind, registry
        from incidents.constants import DEADLINE_REACTION

        kind = registry.deadline_kinds.get(DEADLINE_REACTION)
        if kind is not None:
            register_deadline_kind(
                replace(kind, url=lambda d: reverse("letters:incident", kwargs={"incident_pk": d.object_id}))
            )
