"""Objects named by id in a service's arguments, found or refused with the ids that name
nothing: one unknown speaker id in an edit was an IntegrityError (a server error) when the
many-to-many rows were written, and unknown topic ids were dropped without a word."""
from claims.services.refusals import Missing


def existing(model, ids, *, argument: str) -> list:
    """The rows of `model` with these ids (duplicates once, in id order); a ValidationError on
    `argument` naming every id that has none."""
    wanted = sorted(set(ids))
    found = list(model.objects.filter(pk__in=wanted).order_by("pk"))
    missing = sorted(set(wanted) - {row.pk for row in found})
    if missing:
        noun = model._meta.verbose_name
        raise Missing({argument: f"No {noun} with id {', '.join(map(str, missing))}."})
    return found
