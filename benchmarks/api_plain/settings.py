from tracker.settings import *  # noqa: F403

ROOT_URLCONF = "api_plain.urls"
