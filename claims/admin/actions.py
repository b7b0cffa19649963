"""Running a service from an admin action or save: a refused or invalid change becomes an
error message on the page, never a half-done write or a server error."""
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError


def run_service(modeladmin, request, call, done: str) -> bool:
    try:
        call()
    except PermissionDenied as exc:
        modeladmin.message_user(request, str(exc) or "Not allowed.", messages.ERROR)
        return False
    except ValidationError as exc:
        modeladmin.message_user(request, "; ".join(exc.messages), messages.ERROR)
        return False
    modeladmin.message_user(request, done, messages.SUCCESS)
    return True
