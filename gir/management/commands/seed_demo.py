from django.core.management.base import BaseCommand

from gir import demo


class Command(BaseCommand):
    help = "Create the demo municipality with one user per role (safe to repeat)."

    def handle(self, *args, **options):
        from gir.models import User

        first_time = not User.objects.filter(username="medewerker").exists()
        demo.seed()
        if not first_time:
            self.stdout.write("Demo municipality refreshed.")
        self.stdout.write(f"\nDemo users (password for all: {demo.DEMO_PASSWORD}):")
        for username, *_names, roles, _title in demo.DEMO_USERS:
            self.stdout.write(f"  {username:<16} {', '.join(roles)}")
        self.stdout.write(
            "\nRoles that see personal data log in with a second step (a code): "
            "run `./dev manage demo_code` for the current demo code."
        )
