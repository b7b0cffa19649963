"""Signal handlers: keep the role groups in step with claims.roles after every migrate."""
from django.apps import apps as global_apps
from django.db.models.signals import post_migrate
from django.dispatch import receiver


@receiver(post_migrate)
def sync_role_groups(sender, app_config=None, **kwargs):
    # Run once, after the claims app's permissions exist (post_migrate fires per app).
    if app_config is None or app_config.label != "claims":
        return
    from claims.roles import sync_groups

    sync_groups(global_apps)
