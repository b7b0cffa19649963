"""Outlets as editors name them (the admin and the API): one name, one domain, per outlet.
Imports find or make their outlets through claims.services.articles.outlet_for."""
import re

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from claims.models import Outlet
from claims.services.access import require
from claims.services.refusals import Conflict

FIELDS = ("name", "domain", "country")
_HOST = re.compile(r"^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$")
_COUNTRY = re.compile(r"^[A-Z]{2}$")


@transaction.atomic
def outlet_create(*, user, name: str, domain: str = "", country: str = "") -> Outlet:
    require(user, "claims.add_outlet", "add outlets")
    return _store(Outlet(name=name, domain=domain, country=country))


def outlet_update(*, outlet_id: int, user, **changes) -> Outlet:
    """Change the outlet's name, domain or country (only those given)."""
    require(user, "claims.change_outlet", "edit outlets")
    unknown = set(changes) - set(FIELDS)
    if unknown:
        raise TypeError(f"outlet_update() got unexpected fields: {', '.join(sorted(unknown))}")
    with transaction.atomic():
        outlet = Outlet.objects.select_for_update().get(pk=outlet_id)
        for field, value in changes.items():
            setattr(outlet, field, value)
        return _store(outlet)


def _store(outlet: Outlet) -> Outlet:
    outlet.name = (outlet.name or "").strip()
    # Stored as outlet_for derives it from an article's URL, so both find the same outlet.
    outlet.domain = (outlet.domain or "").strip().lower().removeprefix("www.")
    outlet.country = (outlet.country or "").strip().upper()
    _check(outlet)
    try:
        with transaction.atomic():
            outlet.save()
    except IntegrityError as exc:  # taken by a concurrent save since the check
        raise Conflict({"name": "An outlet with this name or domain was just saved; "
                                       "reload and try again."}) from exc
    return outlet


def _check(outlet: Outlet) -> None:
    errors = {}
    if outlet.domain and not _HOST.match(outlet.domain):
        errors["domain"] = "A host name such as reuters.com (no scheme, path or port)."
    if outlet.country and not _COUNTRY.match(outlet.country):
        errors["country"] = "Two letters (ISO 3166-1 alpha-2), e.g. GB."
    if errors:
        raise ValidationError(errors)
    # Taken by another outlet: well-formed, refused by what is stored.
    others = Outlet.objects.exclude(pk=outlet.pk)
    if outlet.name and others.filter(name=outlet.name).exists():
        errors["name"] = f"An outlet named {outlet.name!r} exists already."
    taken = outlet.domain and others.filter(domain=outlet.domain).first()
    if taken:
        errors["domain"] = f"{outlet.domain} is the domain of the outlet {taken.name!r} already."
    if errors:
        raise Conflict(errors)
    # The model's own rules (a name, lengths); uniqueness was said above in plainer words.
    outlet.full_clean(validate_unique=False, validate_constraints=False)
