"""The three roles, defined once: the group migration, the admin and the API all read this.

Each role maps (app_label, model) to the actions its group may take. The admin honours Django
model permissions natively; the API checks the same permissions through
`claims.permissions.RolePermissions`, so a rule changed here changes both.
"""
EDITORS = "Editors"
ANALYSTS = "Analysts"
VIEWERS = "Viewers"

_CLAIMS_MODELS = (
    "outlet", "feed", "importrun", "importitem", "article", "articleappearance",
    "speaker", "speakeralias", "role", "quote", "claim", "topic", "claimrelation",
    "claimassessment", "claimmergesuggestion",
)
_VIEW_ALL = {("claims", model): {"view"} for model in _CLAIMS_MODELS}

ROLE_PERMISSIONS: dict[str, dict[tuple[str, str], set[str]]] = {
    # Editors bring articles in: outlets, feeds and their schedules, imports, articles. A
    # feed's schedule is changed through the feed (its poll interval, claims.services.feeds);
    # beat's own entries are only read: whoever changes one could point it at any task with
    # any arguments, or switch the extraction sweep off (superusers only).
    EDITORS: {
        **_VIEW_ALL,
        ("claims", "outlet"): {"view", "add", "change"},
        ("claims", "feed"): {"view", "add", "change", "delete"},
        ("claims", "importrun"): {"view", "add"},
        ("claims", "article"): {"view", "add", "change"},
        ("claims", "articleappearance"): {"view", "add"},
        ("django_celery_beat", "periodictask"): {"view"},
        ("django_celery_beat", "intervalschedule"): {"view"},
        ("django_celery_beat", "crontabschedule"): {"view"},
    },
    # Analysts review quotes, fix speakers, build claims, topics, relations and assessments.
    ANALYSTS: {
        **_VIEW_ALL,
        ("claims", "quote"): {"view", "change", "review"},
        ("claims", "speaker"): {"view", "add", "change"},
        ("claims", "speakeralias"): {"view", "add", "change", "delete"},
        ("claims", "role"): {"view", "add", "change", "delete"},
        ("claims", "claim"): {"view", "add", "change", "delete"},
        ("claims", "topic"): {"view", "add", "change"},
        ("claims", "claimrelation"): {"view", "add", "change", "delete"},
        ("claims", "claimassessment"): {"view", "add", "change"},
        ("claims", "claimmergesuggestion"): {"view", "change"},
    },
    # Viewers read everything and change nothing.
    VIEWERS: dict(_VIEW_ALL),
}


def codename(action: str, model: str) -> str:
    # Custom permissions follow Django's "<action>_<model>" pattern too (review_quote).
    return f"{action}_{model}"


def sync_groups(apps) -> None:
    """Create the groups and set exactly the permissions above (idempotent).

    `apps` is a migration's historical registry or `django.apps.apps`.
    """
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group_name, grants in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        wanted = []
        for (app_label, model), actions in grants.items():
            try:
                apps.get_model(app_label, model)
            except LookupError:
                # A migration older than this model re-syncs without it; the post_migrate
                # sync (with every model present) grants it.
                continue
            for action in actions:
                perm = Permission.objects.filter(
                    content_type__app_label=app_label, codename=codename(action, model)
                ).first()
                if perm is None:
                    raise LookupError(f"permission {app_label}.{codename(action, model)} missing")
                wanted.append(perm)
        group.permissions.set(wanted)
