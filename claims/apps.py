from django.apps import AppConfig


class ClaimsConfig(AppConfig):
    name = "claims"
    verbose_name = "Claims tracker"

    def ready(self):
        from claims import checks, signals  # noqa: F401  (registers system checks and signals)
