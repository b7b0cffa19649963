"""Signal handlers: keep the role groups in step with claims.roles after every migrate."""
from django.apps import apps as global_apps
from django.db.models.signals import post_delete, post_migrate, post_save
from django.dispatch import receiver


@receiver(post_migrate)
def sync_role_groups(sender, app_config=None, **kwargs):
    # Run once, after the claims app's permissions exist (post_migrate fires per app).
    if app_config is None or app_config.label != "claims":
        return
    from claims.roles import sync_groups

    sync_groups(global_apps)


def _clear_registry_cache(sender, **kwargs):
    from claims.services.extraction import registry_cache

    registry_cache.clear()


for _model in ("Speaker", "SpeakerAlias", "Role"):
    post_save.connect(_clear_registry_cache, sender=f"claims.{_model}",
                      dispatch_uid=f"registry-cache-save-{_model}")
    post_delete.connect(_clear_registry_cache, sender=f"claims.{_model}",
                        dispatch_uid=f"registry-cache-delete-{_model}")
