from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from claims.api.auth import api_token_issue


class Command(BaseCommand):
    help = (
        "Print the API token of a user, creating it when missing; --rotate replaces it (the old "
        "one stops working). Send it as the header `Authorization: Token <key>`."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--rotate", action="store_true",
                            help="replace the user's token with a new one")

    def handle(self, *args, username, rotate, **options):
        try:
            token, created = api_token_issue(username=username, rotate=rotate)
        except get_user_model().DoesNotExist:
            raise CommandError(f"no user named {username!r}") from None
        # The key alone on stdout, so a script can capture it; what happened goes to stderr.
        self.stdout.write(token.key)
        state = "new" if created else "existing"
        self.stderr.write(f"{state} API token of {username}", style_func=str)
