import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Create a local superuser with a random password, printed once. Does nothing when the "
        "user exists (reset its password with `manage.py changepassword`)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")

    def handle(self, *args, username, **options):
        User = get_user_model()
        if User.objects.filter(username=username).exists():
            self.stdout.write(
                f"Admin login '{username}' already exists (its password was printed when it "
                f"was created; reset it with: .venv/bin/python manage.py changepassword "
                f"{username})."
            )
            return
        password = secrets.token_urlsafe(12)
        User.objects.create_superuser(username=username, email="", password=password)
        self.stdout.write(
            self.style.SUCCESS(
                "Local admin created (shown only this once):\n"
                f"    user: {username}\n    password: {password}\n"
                "    at http://127.0.0.1:8000/admin/"
            )
        )
