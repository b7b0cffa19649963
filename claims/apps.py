from django.apps import AppConfig


class ClaimsConfig(AppConfig):
    name = "claims"
    verbose_name = "Claims tracker"

    def ready(self):
        # Registers system checks, signal handlers and the Celery tasks (so services can
        # queue a task by name in any process, not only in workers).
        from claims import checks, signals, tasks  # noqa: F401
