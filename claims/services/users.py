"""Giving people their role: the group from claims.roles, and staff status so the admin
(where editors and analysts work) lets them in."""
import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from claims.roles import ROLE_PERMISSIONS


@transaction.atomic
def user_assign_role(*, username: str, role: str,
                     create: bool = False) -> tuple[object, str | None]:
    """Put the user in exactly one role group and make them staff.

    With `create`, a missing user is created with a random password, returned once (never
    stored in clear). Returns (user, password or None).
    """
    if role not in ROLE_PERMISSIONS:
        raise ValueError(f"unknown role {role!r}; choose one of {', '.join(ROLE_PERMISSIONS)}")
    User = get_user_model()
    password = None
    user = User.objects.filter(username=username).first()
    if user is None:
        if not create:
            raise ValueError(f"no user named {username!r} (use --create to make one)")
        password = secrets.token_urlsafe(12)
        user = User.objects.create_user(username=username, password=password)
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    others = Group.objects.filter(name__in=ROLE_PERMISSIONS).exclude(name=role)
    user.groups.remove(*others)
    user.groups.add(Group.objects.get(name=role))
    return user, password
