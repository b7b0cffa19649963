"""API tokens (DRF's rest_framework.authtoken): one per user, shown by
`manage.py create_api_token USERNAME [--rotate]`."""
from django.contrib.auth import get_user_model
from django.db import transaction
from rest_framework.authentication import TokenAuthentication, get_authorization_header
from rest_framework.authtoken.models import Token
from rest_framework.exceptions import AuthenticationFailed, Throttled


@transaction.atomic
def api_token_issue(*, username: str, rotate: bool = False) -> tuple[Token, bool]:
    """The user's token, created when missing; `rotate` replaces an existing one, so the old
    key stops working at once. Returns (token, created). Unknown users raise DoesNotExist."""
    user = get_user_model().objects.select_for_update().get(username=username)
    if rotate:
        Token.objects.filter(user=user).delete()
    token, created = Token.objects.get_or_create(user=user)
    return token, created


class ThrottledTokenAuthentication(TokenAuthentication):
    """DRF's token authentication, with wrong tokens counted per client address
    (claims.api.throttling.FailedTokenThrottle): past the rate, token requests from that
    address are refused with 429 before the token is looked at."""

    def authenticate(self, request):
        from claims.api.throttling import FailedTokenThrottle

        if not self._sends_token(request):
            return None
        throttle = FailedTokenThrottle()
        if throttle.exceeded(request):
            raise Throttled(wait=throttle.wait(),
                            detail="Too many wrong tokens from this address.")
        try:
            return super().authenticate(request)
        except AuthenticationFailed:
            throttle.record_failure(request)
            raise

    def _sends_token(self, request) -> bool:
        auth = get_authorization_header(request).split()
        return bool(auth) and auth[0].lower() == self.keyword.lower().encode()
