"""Issue 12: before/after in the audit log, role requests confirmed by a second person, and the
privacy officer's role."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

from gir import roles

GRANTS = {
    roles.COORDINATOR: ["gir.confirm_role_grant"],
    roles.PRIVACY: ["gir.view_auditlog"],
    roles.BEDRIJFSOPVANG: ["gir.view_aftercare_audit"],
}


def create_role(apps, schema_editor):
    apps.get_model("auth", "Group").objects.get_or_create(name=roles.PRIVACY)
    roles.grant(apps, GRANTS)


class Migration(migrations.Migration):
    dependencies = [("gir", "0007_ban_request_norm"), ("auth", "0012_alter_user_first_name_max_length")]

    operations = [
        migrations.AddField(
            model_name="auditentry",
            name="changes",
            field=models.JSONField(blank=True, default=dict, verbose_name="wijzigingen"),
        ),
        migrations.CreateModel(
            name="RoleGrant",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("requested_at", models.DateTimeField(default=django.utils.timezone.now, verbose_name="aangevraagd op")),
                (
                    "status",
                    models.CharField(
                        choices=[("pending", "wacht op bevestiging"), ("confirmed", "bevestigd"), ("refused", "geweigerd")],
                        default="pending",
                        max_length=10,
                        verbose_name="status",
                    ),
                ),
                ("decided_at", models.DateTimeField(blank=True, null=True)),
                ("decided_by", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to=settings.AUTH_USER_MODEL)),
                ("requested_by", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="+", to=settings.AUTH_USER_MODEL, verbose_name="aangevraagd door")),
                ("role", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="+", to="auth.group", verbose_name="rol")),
                ("user", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="role_grants", to=settings.AUTH_USER_MODEL, verbose_name="gebruiker")),
            ],
            options={
                "verbose_name": "rolaanvraag",
                "verbose_name_plural": "rolaanvragen",
                "ordering": ["requested_at"],
                "permissions": [("confirm_role_grant", "Rollen met toegang tot persoonsgegevens bevestigen")],
                "constraints": [models.UniqueConstraint(condition=models.Q(("status", "pending")), fields=("user", "role"), name="rolegrant_one_pending")],
            },
        ),
        migrations.AlterModelOptions(
            name="auditentry",
            options={
                "ordering": ["-at"],
                "permissions": [
                    ("view_auditlog", "Auditlog inzien"),
                    ("view_aftercare_audit", "Inzage in nazorggegevens in het auditlog zien"),
                ],
                "verbose_name": "auditregel",
                "verbose_name_plural": "auditlog",
            },
        ),
        migrations.AlterField(
            model_name="auditentry",
            name="action",
            field=models.CharField(
                choices=[
                    ("view", "bekeken"), ("download", "gedownload"), ("export", "geëxporteerd"),
                    ("create", "aangemaakt"), ("update", "gewijzigd"), ("delete", "verwijderd"),
                    ("login", "ingelogd"), ("grant", "rol aangevraagd of bevestigd"),
                    ("reset", "wachtwoordlink of tweede factor opnieuw ingesteld"),
                ],
                max_length=12,
                verbose_name="actie",
            ),
        ),
        migrations.RunPython(create_role, migrations.RunPython.noop),
    ]
