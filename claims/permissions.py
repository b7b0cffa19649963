"""API permissions: the same Django model permissions the admin uses (see claims.roles)."""
from rest_framework.permissions import DjangoModelPermissions


class RolePermissions(DjangoModelPermissions):
    """Authenticated users only; reads need the model's view permission, writes its
    add/change/delete permission. Anonymous users can neither read nor write."""

    perms_map = {
        **DjangoModelPermissions.perms_map,
        "GET": ["%(app_label)s.view_%(model_name)s"],
        "HEAD": ["%(app_label)s.view_%(model_name)s"],
        "OPTIONS": ["%(app_label)s.view_%(model_name)s"],
    }

    def has_permission(self, request, view):
        # Views without a queryset (the API root, the schema) need a signed-in user only.
        if getattr(view, "queryset", None) is None and not hasattr(view, "get_queryset"):
            return bool(request.user and request.user.is_authenticated)
        return super().has_permission(request, view)


class ActionPermissions(RolePermissions):
    """RolePermissions, except that a view's custom actions name the permissions they need in
    `action_permissions` ({"confirm": ["claims.review_quote"]}): confirming a quote is no
    "add quote". The service called checks the same permission again."""

    def has_permission(self, request, view):
        needed = getattr(view, "action_permissions", {}).get(getattr(view, "action", None))
        if needed is None:
            return super().has_permission(request, view)
        user = request.user
        return bool(user and user.is_authenticated and user.has_perms(needed))
