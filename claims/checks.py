"""System checks for this project's own deployment rules."""
from django.conf import settings
from django.core.checks import Error, Tags, Warning, register


@register(Tags.security, deploy=True)
def secret_key_from_environment(app_configs, **kwargs):
    if settings.SECRET_KEY_FROM_ENV:
        return []
    return [
        Warning(
            "SECRET_KEY is not set in the environment; a key generated into var/secret_key "
            "is in use.",
            hint="Set SECRET_KEY (the same value on every web and worker machine).",
            id="tracker.W001",
        )
    ]


@register(Tags.database, deploy=True)
def postgresql_in_production(app_configs, **kwargs):
    if settings.DATABASES["default"]["ENGINE"].endswith("postgresql"):
        return []
    return [
        Warning(
            "The database is SQLite: full-text search and trigram similarity are unavailable "
            "and only one process can write at a time.",
            hint="Set DATABASE_URL=postgres://user@host:5432/dbname.",
            id="tracker.W002",
        )
    ]


@register()
def speaker_model_file(app_configs, **kwargs):
    """The extractor's speaker model (issue 21) is checked where a process starts (`migrate`,
    `runserver`, `check`), not first when an article is extracted: a missing file or one of
    another version stops the deploy with the file and the command that rebuilds it."""
    from claims.extraction.speaker_model import SpeakerModelError, check_model_file

    try:
        check_model_file()
    except SpeakerModelError as exc:
        hint = "Or point CLAIMS_SPEAKER_MODEL at a model file of this version."
        return [Error(str(exc), hint=hint, id="tracker.E001")]
    return []


@register()
def person_model_file(app_configs, **kwargs):
    """The extractor's person model (the learned choice between same-gender pronoun
    antecedents and namesakes, issue 21), checked at start-up like the speaker model."""
    from claims.extraction.person_model import PersonModelError, check_model_file

    try:
        check_model_file()
    except PersonModelError as exc:
        hint = "Or point CLAIMS_PERSON_MODEL at a model file of this version."
        return [Error(str(exc), hint=hint, id="tracker.E003")]
    return []
