"""API tokens (DRF's rest_framework.authtoken): one per user, shown by
`manage.py create_api_token USERNAME [--rotate]`."""
from django.contrib.auth import get_user_model
from django.db import transaction
from rest_framework.authtoken.models import Token


@transaction.atomic
def api_token_issue(*, username: str, rotate: bool = False) -> tuple[Token, bool]:
    """The user's token, created when missing; `rotate` replaces an existing one, so the old
    key stops working at once. Returns (token, created). Unknown users raise DoesNotExist."""
    user = get_user_model().objects.select_for_update().get(username=username)
    if rotate:
        Token.objects.filter(user=user).delete()
    token, created = Token.objects.get_or_create(user=user)
    return token, created
