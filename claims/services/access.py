"""The permission check every analyst service starts with: the same Django permissions the
admin and the API read (claims.roles defines which group holds which)."""
from django.core.exceptions import PermissionDenied


def require(user, permission: str, action: str) -> None:
    """Raise PermissionDenied, saying what was refused, unless `user` holds `permission`
    ("claims.review_quote")."""
    if user is None or not getattr(user, "is_authenticated", False):
        raise PermissionDenied(f"Sign in to {action}.")
    if not user.has_perm(permission):
        raise PermissionDenied(f"{user.get_username()} may not {action} "
                               f"(needs the {permission} permission).")


def as_machine(instances):
    """Mark history records as written by no user (the extractor, grouping, the suggestion
    rules): the history middleware would otherwise credit them to whoever made the request that
    set the machine off (an analyst's speaker edit regroups; "admin" then "made" the claim)."""
    instances = list(instances)
    for instance in instances:
        instance._history_user = None
    return instances


def with_history_user(instance, user):
    """Name `user` in the history record the next save of `instance` writes."""
    instance._history_user = user
    return instance
