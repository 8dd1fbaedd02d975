"""Settings for the Developer Console, read from the environment.

Every value has an embedded default so that `make run` works on a fresh
machine (SQLite, files under var/, emails written to var/mail/). A deployment
sets DEBUG=0 plus the variables documented in README.md; with DEBUG off the
console refuses to start without SECRET_KEY and ALLOWED_HOSTS.
"""

from __future__ import annotations

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_noop

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
env.read_env(BASE_DIR / ".env", overwrite=False)

# Development defaults on, as healthchecks does: a deployment turns DEBUG off
# and must then provide the secrets itself.
DEBUG = env.bool("DEBUG", default=True)

if DEBUG:
    from console.lib.secret_key import local_secret_key

    # Never a key anyone could read in the source: one made for this install, in var/.
    SECRET_KEY = env.str("SECRET_KEY", default="") or local_secret_key(VAR_DIR / "secret_key")
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]", "testserver"])
else:
    if not env.str("SECRET_KEY", default=""):
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    if not env.list("ALLOWED_HOSTS", default=[]):
        raise ImproperlyConfigured("ALLOWED_HOSTS must be set when DEBUG is off.")
    SECRET_KEY = env.str("SECRET_KEY")
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")

PLATFORM_NAME = env.str("PLATFORM_NAME", default="Developer Console")
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
# Development without SITE_URL: emailed links follow the host served (console/lib/dev_site_url.py).
SITE_URL_FROM_REQUEST = DEBUG and not env.str("SITE_URL", default="")
SUPPORT_DESK_URL = env.str("SUPPORT_DESK_URL", default="https://support.example.com/")

# --- Shop owners' consent: how long an emailed link stays valid (seconds).
SHOP_CONSENT_TTL = env.int("SHOP_CONSENT_TTL", default=7 * 24 * 3600)

# --- Registration: the largest PDF a partner may upload (bytes).
REGISTRATION_MAX_PDF_BYTES = env.int("REGISTRATION_MAX_PDF_BYTES", default=10 * 1024 * 1024)

# --- Apps and their credentials.
MAX_LIVE_APPS = env.int("MAX_LIVE_APPS", default=5)
# Key of the HMAC that Client Secrets are stored as. Required with DEBUG off: derived
# from SECRET_KEY, rotating SECRET_KEY would silently break every Client Secret (docs/apps.md).
CLIENT_SECRET_HASH_KEY = env.str("CLIENT_SECRET_HASH_KEY", default="")
if not DEBUG and not CLIENT_SECRET_HASH_KEY:
    raise ImproperlyConfigured(
        "CLIENT_SECRET_HASH_KEY must be set when DEBUG is off (a long random string, kept for good: "
        "Client Secrets are stored as its HMAC, see docs/apps.md)."
    )
# Import App: failed attempts allowed per account and per client IP in each window (seconds).
APP_IMPORT_MAX_FAILURES = env.int("APP_IMPORT_MAX_FAILURES", default=5)
APP_IMPORT_FAILURE_WINDOW = env.int("APP_IMPORT_FAILURE_WINDOW", default=15 * 60)

# --- Teams (teams/): how long an emailed invitation stays valid (seconds), and
# how many invitations (resends included) an account may send in 24 hours.
TEAM_INVITATION_TTL = env.int("TEAM_INVITATION_TTL", default=7 * 24 * 3600)
TEAM_INVITATIONS_PER_DAY = env.int("TEAM_INVITATIONS_PER_DAY", default=50)

# --- Audit log: events older than this are purged daily (audit/services.py).
AUDIT_RETENTION_DAYS = env.int("AUDIT_RETENTION_DAYS", default=365)

# --- Open API (openapi/, docs/openapi.md).
# Lifetime of a bearer token from POST /token: 30 days, as Tokopedia's
# authentication guide documents (expires_in 2592000).
OPENAPI_TOKEN_TTL = env.int("OPENAPI_TOKEN_TTL", default=2_592_000)
# Rate limits, per app and endpoint as Tokopedia's: requests per second, with
# a burst allowed to a quiet app (openapi/ratelimit.py). OPENAPI_RATE_LIMITS
# sets single endpoints by operation id, e.g. "order_list=5/5,shop_info=20/40".
OPENAPI_RATE_PER_SECOND = env.int("OPENAPI_RATE_PER_SECOND", default=10)
OPENAPI_RATE_BURST = env.int("OPENAPI_RATE_BURST", default=30)
OPENAPI_RATE_LIMITS = {
    name.strip(): tuple(int(part) for part in value.split("/", 1))
    for name, _, value in (item.partition("=") for item in env.list("OPENAPI_RATE_LIMITS", default=[]))
}
# After Redis failed to answer, count rate limits in each process for this long before trying it again.
OPENAPI_RATE_REDIS_RETRY = env.int("OPENAPI_RATE_REDIS_RETRY", default=5)
# POST /token: failed client authentications allowed per client id and per IP in each window (s).
OPENAPI_TOKEN_FAILURES = env.int("OPENAPI_TOKEN_FAILURES", default=10)
OPENAPI_TOKEN_FAILURE_WINDOW = env.int("OPENAPI_TOKEN_FAILURE_WINDOW", default=15 * 60)
# Bearer credential of the API gateway allowed to call POST /token/introspect;
# empty disables introspection.
OPENAPI_INTROSPECTION_TOKEN = env.str("OPENAPI_INTROSPECTION_TOKEN", default="")
# Where the marketplace shows a shop and a product (shop_url, product url).
OPENAPI_MARKETPLACE_URL = env.str("OPENAPI_MARKETPLACE_URL", default="https://marketplace.example.com").rstrip("/")
# Keep the token, app and shop rows each call reads per database connection,
# until PostgreSQL notifies a change (openapi/rowcache.py). PostgreSQL with
# DB_PREPARED_STATEMENTS only: both need a connection pinned to one server session.
OPENAPI_ROW_CACHE = env.bool("OPENAPI_ROW_CACHE", default=True)
# Largest request body the Open API and the token endpoint take (413 in their format beyond).
OPENAPI_MAX_BODY_BYTES = env.int("OPENAPI_MAX_BODY_BYTES", default=1024 * 1024)
# Serves GET /bench/bare, a bare JSON view the benchmark compares against.
OPENAPI_BENCH_VIEW = env.bool("OPENAPI_BENCH_VIEW", default=False)

# --- API Playground (playground/, docs/playground.md): lifetime of the token the
# console issues itself for an app's playground calls (kept server-side only).
PLAYGROUND_TOKEN_TTL = env.int("PLAYGROUND_TOKEN_TTL", default=3600)

# --- Log History (calllogs/, docs/calllogs.md): every Open API call and token request.
# Days calls are kept; on PostgreSQL a day is a partition, dropped whole.
LOG_RETENTION_DAYS = env.int("LOG_RETENTION_DAYS", default=30)
# Calls are buffered in each process and written in batches by a background
# thread this often (s): a crash loses at most one interval (calllogs/recorder.py).
CALLLOG_FLUSH_SECONDS = env.float("CALLLOG_FLUSH_SECONDS", default=1.0)
CALLLOG_BACKGROUND = env.bool("CALLLOG_BACKGROUND", default=True)
CALLLOG_BATCH_SIZE = env.int("CALLLOG_BATCH_SIZE", default=5000)
# Records a process keeps while the database can't take them; the oldest go beyond this.
CALLLOG_BUFFER_LIMIT = env.int("CALLLOG_BUFFER_LIMIT", default=200_000)
# The API gateway's credential for POST /gateway/logs (a Bearer token; it opens that endpoint
# and nothing else; empty switches ingestion off), and the batch limits: bytes as sent, bytes
# once inflated from gzip, records.
LOG_INGEST_TOKEN = env.str("LOG_INGEST_TOKEN", default="")
LOG_INGEST_MAX_BYTES = env.int("LOG_INGEST_MAX_BYTES", default=10 * 1024 * 1024)
LOG_INGEST_MAX_INFLATED = env.int("LOG_INGEST_MAX_INFLATED", default=64 * 1024 * 1024)
LOG_INGEST_MAX_RECORDS = env.int("LOG_INGEST_MAX_RECORDS", default=20_000)
# Daily partitions made this many days ahead by beat.
CALLLOG_PARTITIONS_AHEAD = env.int("CALLLOG_PARTITIONS_AHEAD", default=3)

# --- Outbox (outbox/, docs/outbox.md): every email and webhook is a row first.
# Seconds a claimed message belongs to one worker; a worker killed mid-send
# leaves it due again after this. Longer than the longest send (15 s).
OUTBOX_LEASE_SECONDS = env.int("OUTBOX_LEASE_SECONDS", default=60)
# Sending threads per worker process, and how often beat sweeps for due rows.
OUTBOX_SENDERS = env.int("OUTBOX_SENDERS", default=32)
OUTBOX_SWEEP_INTERVAL = env.float("OUTBOX_SWEEP_INTERVAL", default=5.0)
OUTBOX_RETENTION_DAYS = env.int("OUTBOX_RETENTION_DAYS", default=30)
OUTBOX_EMAIL_RETENTION_DAYS = env.int("OUTBOX_EMAIL_RETENTION_DAYS", default=7)

# --- Webhooks (webhooks/, docs/webhooks.md).
# Private, loopback and link-local targets are refused (SSRF) unless this is
# on: by default only while DEBUG is, for a receiver on the developer's machine.
WEBHOOK_ALLOW_PRIVATE_TARGETS = env.bool("WEBHOOK_ALLOW_PRIVATE_TARGETS", default=DEBUG)
# Keys that encrypt webhook secrets at rest (Fernet, comma-separated, newest
# first; see docs/webhooks.md for rotation). Required with DEBUG off.
WEBHOOK_SECRET_KEYS = env.list("WEBHOOK_SECRET_KEYS", default=[])
if not DEBUG and not WEBHOOK_SECRET_KEYS:
    raise ImproperlyConfigured(
        "WEBHOOK_SECRET_KEYS must be set when DEBUG is off (a Fernet key: "
        'python -c "from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())").'
    )
WEBHOOK_TIMEOUT = env.float("WEBHOOK_TIMEOUT", default=15.0)
WEBHOOK_RETENTION_DAYS = env.int("WEBHOOK_RETENTION_DAYS", default=30)
# After a secret change, deliveries carry a signature with the old secret too, this long.
WEBHOOK_SECRET_GRACE_HOURS = env.int("WEBHOOK_SECRET_GRACE_HOURS", default=24)
# An endpoint that failed every attempt for this long is disabled and its partner emailed.
WEBHOOK_DISABLE_AFTER_DAYS = env.int("WEBHOOK_DISABLE_AFTER_DAYS", default=5)

# --- Testing Account (testing/, docs/testing.md): test shops an app may have,
# test orders it may place per day (midnight to midnight, TIME_ZONE), and the
# seconds between two steps of a scenario (the compressed clock).
TESTING_SHOPS_PER_APP = env.int("TESTING_SHOPS_PER_APP", default=3)
TESTING_ORDERS_PER_DAY = env.int("TESTING_ORDERS_PER_DAY", default=500)
TESTING_SCENARIO_STEP_SECONDS = env.float("TESTING_SCENARIO_STEP_SECONDS", default=5.0)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "rest_framework",
    "drf_spectacular",
    # The project's apps, one floor a line from the ground up: an app imports
    # only those listed before it (CONTRIBUTING.md, "Where code goes").
    "outbox",
    "console",
    "accounts",
    "audit",
    "partners",
    "apps_mgmt",
    "webhooks",
    "shops",
    "teams",
    "registration",
    "calllogs",
    "sandbox",
    "testing",
    "openapi",
    "news",
    "playground",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # HTML leaves gzip-compressed, except pages showing a secret (console/lib/compression.py: BREACH).
    "console.lib.compression.HtmlGZipMiddleware",
    "console.lib.csp.ContentSecurityPolicyMiddleware",
    # Before anything can read a body: CSRF reads the form in its process_view.
    "console.lib.body_limit.RequestBodyLimitMiddleware",
    "console.lib.dev_site_url.DevSiteUrlMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # The language (the user's saved choice, else the cookie of the switcher, else
    # Accept-Language, else LANGUAGE_CODE) and the user's time zone, for the request.
    "accounts.middleware.UserLocaleMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
]

ROOT_URLCONF = "console.urls"
WSGI_APPLICATION = "console.wsgi.application"

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
                "console.lib.context_processors.branding",
                "partners.context_processors.partner_access",
                "teams.context_processors.team_nav",
                "news.context_processors.news_nav",
            ],
        },
    },
]

# --- Database: SQLite under var/ unless DATABASE_URL names PostgreSQL.
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'console.sqlite3'}"),
}
# Prepare the Open API's few hot statements (openapi/fastpath.py) on
# PostgreSQL: planning was most of their cost. Django keeps psycopg's
# preparation off (prepare_threshold None) and its own client-binding cursors
# never prepare, so allowing it changes only those statements. Set to 0
# behind PgBouncer in transaction mode before 1.21 (or without
# max_prepared_statements): prepared statements live in one server session.
DB_PREPARED_STATEMENTS = env.bool("DB_PREPARED_STATEMENTS", default=True)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("DB_CONN_MAX_AGE", default=60))
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    if DB_PREPARED_STATEMENTS:
        DATABASES["default"].setdefault("OPTIONS", {}).setdefault("prepare_threshold", 5)
else:
    VAR_DIR.mkdir(exist_ok=True)
    # Writers wait instead of failing with "database is locked" while the
    # local Celery worker and the web process share the file.
    # WAL with synchronous=NORMAL: readers don't block the writer, and a commit
    # doesn't wait for an fsync (it is still safe from a process crash), which
    # the Open API's token endpoint, writing a row per token, needs.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Redis: Celery broker, cache and rate-limit store when REDIS_URL is set.
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            # Carries on in each process while Redis is unreachable (console/lib/cache.py).
            "BACKEND": "console.lib.cache.FailoverRedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
        }
    }

# After Redis failed to answer, the cache and rate limits use each process's memory this long (s).
CACHE_REDIS_RETRY = env.int("CACHE_REDIS_RETRY", default=5)

# --- Celery. Without Redis, `make run` starts a local worker with beat on the
# filesystem transport (var/celery/), so retries and schedules still happen.
CELERY_BROKER_URL = REDIS_URL or "filesystem://"
CELERY_BROKER_TRANSPORT_OPTIONS: dict[str, object] = (
    # A broker that doesn't answer fails a nudge in 2 s instead of hanging the
    # request that committed (the outbox's sweeper sends the message anyway).
    {"visibility_timeout": 3600, "socket_connect_timeout": 2}
    if REDIS_URL
    else {
        "data_folder_in": str(VAR_DIR / "celery" / "queue"),
        "data_folder_out": str(VAR_DIR / "celery" / "queue"),
        "processed_folder": str(VAR_DIR / "celery" / "processed"),
        "control_folder": str(VAR_DIR / "celery" / "control"),
        "store_processed": False,
    }
)
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celery" / "beat-schedule")
CELERY_BEAT_SCHEDULE: dict[str, dict[str, object]] = {
    # Consent invitations past their expiry become "expired" (the partner can re-invite).
    "shops-expire-invitations": {"task": "shops.tasks.expire_shop_invitations", "schedule": 15 * 60},
    # Sends every due email and webhook: retries, and messages whose nudge was lost.
    "outbox-sweep": {"task": "outbox.tasks.sweep", "schedule": OUTBOX_SWEEP_INTERVAL},
    "outbox-purge": {"task": "outbox.tasks.purge", "schedule": 3600},
    # Audit events past AUDIT_RETENTION_DAYS go, once a day.
    "audit-purge": {"task": "audit.tasks.purge_audit_events", "schedule": 24 * 3600},
    # Scheduled news posts are published (and emailed) within a minute of their time.
    "news-publish-due": {"task": "news.tasks.publish_due_posts", "schedule": 60},
    # Testing Account scenarios whose next step is due (their nudges may have been lost).
    "testing-scenarios": {"task": "testing.tasks.advance_due_scenarios", "schedule": 5.0},
    # Log History: partitions made ahead, days past LOG_RETENTION_DAYS dropped.
    "calllogs-maintain": {"task": "calllogs.tasks.maintain_call_logs", "schedule": 3600},
}

# --- Files: private storage for partner documents (filesystem or S3).
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
AWS_STORAGE_BUCKET_NAME = env.str("AWS_STORAGE_BUCKET_NAME", default="")
if AWS_STORAGE_BUCKET_NAME:
    from console.lib.storage import s3_storage

    PRIVATE_STORAGE: dict[str, object] = s3_storage(
        bucket_name=AWS_STORAGE_BUCKET_NAME,
        endpoint_url=env.str("AWS_S3_ENDPOINT_URL", default="") or None,
        region_name=env.str("AWS_S3_REGION_NAME", default="") or None,
        addressing_style=env.str("AWS_S3_ADDRESSING_STYLE", default="") or None,
        connect_timeout=env.int("AWS_S3_CONNECT_TIMEOUT", default=5),
        read_timeout=env.int("AWS_S3_READ_TIMEOUT", default=30),
    )
else:
    PRIVATE_STORAGE = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        # Never given a public URL: private files are served by authorised views.
        "OPTIONS": {"location": str(MEDIA_ROOT / "private")},
    }

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": PRIVATE_STORAGE,
    "private": PRIVATE_STORAGE,
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage",
    },
}

# --- Email: SMTP when EMAIL_HOST is set, otherwise .eml files in var/mail/.
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default=f"{PLATFORM_NAME} <no-reply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_HOST = env.str("EMAIL_HOST", default="")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    # STARTTLS (port 587) by default; EMAIL_USE_SSL=1 for implicit TLS (port 465).
    # Either way the server's certificate is verified against the system's CAs
    # (point SSL_CERT_FILE at a bundle to trust a private CA).
    EMAIL_USE_SSL = env.bool("EMAIL_USE_SSL", default=False)
    EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=not EMAIL_USE_SSL)
    EMAIL_PORT = env.int("EMAIL_PORT", default=465 if EMAIL_USE_SSL else 587)
    EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
    EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
    EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=15)
else:
    EMAIL_BACKEND = "console.lib.mail.EmlFileBackend"
EMAIL_FILE_PATH = Path(env.str("EMAIL_FILE_PATH", default=str(VAR_DIR / "mail")))

# --- Accounts (django-allauth): email sign-in, mandatory verification, TOTP.
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_FORMS = {"signup": "accounts.forms.SignupForm"}
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
# Confirming the address in the browser that signed up signs the partner in (allauth
# keeps that sign-in pending in the session); from another browser, they sign in.
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_REDIRECT_URL = "account_login"
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http" if DEBUG else "https"
ACCOUNT_EMAIL_SUBJECT_PREFIX = f"[{PLATFORM_NAME}] "
ACCOUNT_RATE_LIMITS_ENABLED = True
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = PLATFORM_NAME

# --- Languages (docs/i18n.md): English and Bahasa Indonesia. A user's saved
# choice wins, then the browser's Accept-Language, then LANGUAGE_CODE. TIME_ZONE
# is the default of each user's own time zone (WIB).
LANGUAGE_CODE = env.str("LANGUAGE_CODE", default="en")
LANGUAGES = [("en", "English"), ("id", "Bahasa Indonesia")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env.str("TIME_ZONE", default="Asia/Jakarta")
USE_I18N = True
USE_TZ = True
# Languages of the emails to shop owners who have no account here (the consent
# request): each in turn, the first one on top. Their marketplace is Indonesian.
SHOP_OWNER_EMAIL_LANGUAGES = env.list("SHOP_OWNER_EMAIL_LANGUAGES", default=["id", "en"])

# --- Security. Production (DEBUG off) gets secure cookies, HSTS and HTTPS
# redirects; behind a load balancer set SECURE_PROXY_SSL_HEADER=1 so the
# X-Forwarded-Proto header it sets is trusted.
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
LANGUAGE_COOKIE_SECURE = not DEBUG
LANGUAGE_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_HTTPONLY = True
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
if env.bool("SECURE_PROXY_SSL_HEADER", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# How many proxies in front of the console append to X-Forwarded-For; the
# client IP used for whitelists, rate limits and audit is read from there.
NUM_PROXIES = env.int("NUM_PROXIES", default=0)
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# Largest request body a page takes, refused with 413 from its Content-Length before it is read
# (console/lib/body_limit.py); upload pages and the Open API set their own.
REQUEST_MAX_BODY_BYTES = env.int("REQUEST_MAX_BODY_BYTES", default=DATA_UPLOAD_MAX_MEMORY_SIZE)
# Uploads above this go to a temporary file, so a 10 MB PDF never sits in memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 262_144

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}

# --- Django REST framework parses the Open API's input; drf-spectacular
# writes its OpenAPI 3 document (GET /openapi/schema.yaml).
REST_FRAMEWORK: dict[str, object] = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": [],
    "UNAUTHENTICATED_USER": None,
}
SPECTACULAR_SETTINGS: dict[str, object] = {
    "TITLE": f"{PLATFORM_NAME} Open API",
    "DESCRIPTION": "The marketplace's Open API (sandbox), compatible with Tokopedia's. See docs/openapi.md.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "APPEND_COMPONENTS": {
        "securitySchemes": {
            "bearerAuth": {"type": "http", "scheme": "bearer"},
            "basicAuth": {"type": "http", "scheme": "basic"},
        }
    },
    "SECURITY": [{"bearerAuth": []}],
    "TAGS": [
        {
            "name": gettext_noop("Authentication"),
            "description": gettext_noop("Tokens for the API (client credentials), and introspection."),
        },
        {"name": gettext_noop("Shop"), "description": gettext_noop("The shops linked to the app.")},
        {"name": gettext_noop("Product"), "description": gettext_noop("Product info, stock and price.")},
        {
            "name": gettext_noop("Order"),
            "description": gettext_noop("Orders and their lifecycle: accept, reject, pickup, shipping, label."),
        },
        {"name": gettext_noop("App"), "description": gettext_noop("The app itself: its IP whitelist.")},
        {
            "name": gettext_noop("Webhook"),
            "description": gettext_noop("The app's webhook URLs and secret, a manual trigger, an order's payload."),
        },
    ],
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "openapi.schema_hooks.batch_bounds",
    ],
}
