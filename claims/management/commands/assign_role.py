from django.core.management.base import BaseCommand, CommandError

from claims.roles import ROLE_PERMISSIONS
from claims.services.users import user_assign_role


class Command(BaseCommand):
    help = "Give a user one of the roles (Editors, Analysts, Viewers) and admin access."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("role", choices=list(ROLE_PERMISSIONS))
        parser.add_argument("--create", action="store_true",
                            help="create the user with a random password, printed once")

    def handle(self, *args, username, role, create, **options):
        try:
            user, password = user_assign_role(username=username, role=role, create=create)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"{user.username} is now in {role}.")
        if password:
            self.stdout.write(f"password (shown only this once): {password}")
