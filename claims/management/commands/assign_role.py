from django.core.management.base import BaseCommand, CommandError

from claims.roles import ROLE_PERMISSIONS
from claims.services.users import user_roles_change


class Command(BaseCommand):
    help = ("Give a user roles (Editors, Analysts, Viewers) and admin access: exactly the roles "
            "named, or with --add besides those held, or with --remove all held but those.")

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("roles", nargs="+", metavar="role", choices=list(ROLE_PERMISSIONS))
        mode = parser.add_mutually_exclusive_group()
        mode.add_argument("--add", action="store_const", const="add", dest="mode",
                          help="keep the roles the user holds and add these")
        mode.add_argument("--remove", action="store_const", const="remove", dest="mode",
                          help="take these roles away, keep the others")
        parser.add_argument("--create", action="store_true",
                            help="create the user with a random password, printed once")

    def handle(self, *args, username, roles, mode, create, **options):
        try:
            user, held, password = user_roles_change(username=username, roles=roles,
                                                     mode=mode or "set", create=create)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        if held:
            self.stdout.write(f"{user.username} now holds: {', '.join(held)}.")
        else:
            self.stdout.write(f"{user.username} now holds no role"
                              + (" (still a superuser)." if user.is_superuser else
                                 " and has no admin access."))
        if password:
            self.stdout.write(f"password (shown only this once): {password}")
