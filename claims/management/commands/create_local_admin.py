import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


def admin_url(address: str) -> str:
    """The admin's address as a browser on this machine reaches `runserver ADDRESS`.

    runserver takes "PORT", "HOST:PORT" or "[IPv6]:PORT"; a wildcard host is reached on loopback.
    """
    host, _, port = address.rpartition(":")
    if not host:
        host = "127.0.0.1"
    if host in ("0.0.0.0", "0", "[::]"):
        host = "127.0.0.1"
    return f"http://{host}:{port}/admin/"


class Command(BaseCommand):
    help = (
        "Create a local superuser with a random password, printed once. Does nothing when the "
        "user exists (reset its password with `manage.py changepassword`). Prints the admin's "
        "address either way."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")
        parser.add_argument("--address", default="127.0.0.1:8000",
                            help="what `runserver` will be given (make run passes HOST)")

    def handle(self, *args, username, address, **options):
        User = get_user_model()
        url = admin_url(address)
        if User.objects.filter(username=username).exists():
            self.stdout.write(
                f"Admin login '{username}' already exists (its password was printed when it "
                f"was created; reset it with: .venv/bin/python manage.py changepassword "
                f"{username}).\n    at {url}"
            )
            return
        password = secrets.token_urlsafe(12)
        User.objects.create_superuser(username=username, email="", password=password)
        self.stdout.write(
            self.style.SUCCESS(
                "Local admin created (shown only this once):\n"
                f"    user: {username}\n    password: {password}\n"
                f"    at {url}"
            )
        )
