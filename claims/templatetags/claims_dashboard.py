"""`{% claims_dashboard as board %}` on the admin index: the signed-in user's dashboard."""
from django import template

from claims.selectors.dashboard import dashboard

register = template.Library()


@register.simple_tag(takes_context=True)
def claims_dashboard(context):
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_active or not user.is_staff:
        return None
    return dashboard(user=user)
