from django.core.management.base import BaseCommand
from django_otp.oath import totp

from gir.demo import DEMO_TOTP_KEY


class Command(BaseCommand):
    help = "Print the current second-step code of the demo users (demo accounts only)."

    def handle(self, *args, **options):
        self.stdout.write(f"{totp(bytes.fromhex(DEMO_TOTP_KEY)):06d}")
