"""Giving people their roles: the groups from claims.roles, and staff status so the admin
(where editors and analysts work) lets them in. A person may hold several roles (an analyst
who also imports is in Analysts and Editors)."""
import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from claims.roles import ROLE_PERMISSIONS

MODES = ("set", "add", "remove")


@transaction.atomic
def user_roles_change(*, username: str, roles: list[str], mode: str = "set",
                      create: bool = False) -> tuple[object, list[str], str | None]:
    """Give the user these roles: exactly these (`set`), these besides those held (`add`), or
    all held but these (`remove`). Staff status follows: anyone with a role may use the admin,
    someone left with none may not (a superuser keeps it).

    With `create`, a missing user is created with a random password, returned once (never
    stored in clear). Returns (user, the roles now held, password or None).
    """
    unknown = [r for r in roles if r not in ROLE_PERMISSIONS]
    if unknown:
        raise ValueError(f"unknown role {unknown[0]!r}; choose from "
                         f"{', '.join(ROLE_PERMISSIONS)}")
    if mode not in MODES:
        raise ValueError(f"unknown mode {mode!r}")
    if not roles:
        raise ValueError("name at least one role")
    User = get_user_model()
    password = None
    user = User.objects.select_for_update().filter(username=username).first()
    if user is None:
        if not create or mode == "remove":
            raise ValueError(f"no user named {username!r} (use --create to make one)")
        password = secrets.token_urlsafe(12)
        user = User.objects.create_user(username=username, password=password)
    named = Group.objects.filter(name__in=roles)
    if mode == "set":
        user.groups.remove(*Group.objects.filter(name__in=ROLE_PERMISSIONS).exclude(
            name__in=roles))
    if mode == "remove":
        user.groups.remove(*named)
    else:
        user.groups.add(*named)
    held = sorted(user.groups.filter(name__in=ROLE_PERMISSIONS).values_list("name", flat=True))
    user.is_staff = bool(held) or user.is_superuser
    user.save(update_fields=["is_staff"])
    return user, held, password


def user_assign_role(*, username: str, role: str,
                     create: bool = False) -> tuple[object, str | None]:
    """Put the user in exactly this one role group and make them staff."""
    user, _, password = user_roles_change(username=username, roles=[role], create=create)
    return user, password
