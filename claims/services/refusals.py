"""Why a service refuses a well-formed request, beyond "invalid": what the request names does
not exist (the API answers 404, as for a path naming nothing), or the stored data does not
allow it (409). Both are ValidationErrors, so the admin's forms show them as before."""
from django.core.exceptions import ValidationError


class Missing(ValidationError):
    """An object the arguments name by id does not exist (deleted, merged, never made)."""


class Conflict(ValidationError):
    """The arguments are well-formed, but the data as stored refuses them: a quote already
    rejected, a claim merged or related to itself, a span another quote has."""


class Forbidden(ValidationError):
    """This deployment never does what the arguments ask, whoever asks: fetch or poll an
    address on a private or local network (production fetches public addresses only)."""
