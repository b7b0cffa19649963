"""Running a service from an admin action or save: a refused or invalid change becomes an
error message on the page, never a half-done write or a server error."""
from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpResponseRedirect


def run_service(modeladmin, request, call, done: str) -> bool:
    """Run `call` (one service call, or a loop of them over the selected rows) in one
    transaction: the selection is changed all together or not at all."""
    try:
        with transaction.atomic():
            call()
    except PermissionDenied as exc:
        modeladmin.message_user(request, str(exc) or "Not allowed.", messages.ERROR)
        return False
    except ValidationError as exc:
        modeladmin.message_user(request, "; ".join(exc.messages), messages.ERROR)
        return False
    except ObjectDoesNotExist as exc:
        # A row of the selection went while the loop ran (merged away by an earlier one).
        modeladmin.message_user(request, f"Nothing was changed: {exc}", messages.ERROR)
        return False
    modeladmin.message_user(request, done, messages.SUCCESS)
    return True


class ServiceErrorsMixin:
    """The safety net of a change form whose save calls services: what the form's own checks
    did not foresee and a service refuses rolls the whole save back (the admin's change view
    is one transaction) and comes back as a message on the same page, not a server error."""

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ValidationError as exc:
            # A refusal of the role itself stays a 403 (PermissionDenied is not caught).
            if request.method != "POST":
                raise
            self.message_user(request, f"Nothing was saved: {'; '.join(exc.messages)}",
                              messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())
