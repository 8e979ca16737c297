"""The one settings module of GIR, read from the environment.

Every variable is documented in ``.env.example``. Defaults are the embedded ones of the
README's run command (SQLite, kombu's filesystem broker); production sets the variables.
"""

import tomllib
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from gir.cache_config import cache_config
from gir.env import env_bool, env_int, env_list, env_str
from gir.logs import logging_config
from gir.proxy import parse_networks

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("GIR_VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DJANGO_DEBUG", False)
SECRET_KEY = env_str("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", "")
SITE_URL = env_str("GIR_SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "django_filters",
    "axes",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "gir",
    "incidents",
    "sanctions",
    "aftercare",
    "letters",
    "reports",
    "privacy",
]

MIDDLEWARE = [
    "gir.health.HealthMiddleware",  # first: answers /health/* even when the database is down
    "gir.logs.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "gir.security.otp_cache.CachedOTPMiddleware",  # django-otp's, the device from the cache
    "gir.security.twofactor.TwoFactorMiddleware",
    "gir.middleware.SessionLifetimeMiddleware",
    "gir.middleware.ActiveUserMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "gir.urls"
WSGI_APPLICATION = "gir.wsgi.application"
AUTH_USER_MODEL = "gir.User"

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
                "gir.context_processors.site",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'gir.sqlite3'}"), conn_max_age=60
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    # Web, worker and beat share one SQLite file in the embedded setup: WAL and an immediate
    # write lock avoid "database is locked" (STACK.md).
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Authentication -------------------------------------------------------------------------
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "gir.security.perm_cache.CachedModelBackend",  # ModelBackend, permissions from the cache
]
# Optional single sign-on (OpenID Connect, e.g. Entra ID): see gir/oidc.py and .env.example.
GIR_OIDC_ENABLED = env_bool("GIR_OIDC_ENABLED", False)
if GIR_OIDC_ENABLED:
    from gir.roles import parse_role_map

    INSTALLED_APPS.append("mozilla_django_oidc")
    AUTHENTICATION_BACKENDS.append("gir.oidc.GirOIDCBackend")
    OIDC_RP_CLIENT_ID = env_str("OIDC_RP_CLIENT_ID")
    OIDC_RP_CLIENT_SECRET = env_str("OIDC_RP_CLIENT_SECRET")
    OIDC_OP_AUTHORIZATION_ENDPOINT = env_str("OIDC_OP_AUTHORIZATION_ENDPOINT")
    OIDC_OP_TOKEN_ENDPOINT = env_str("OIDC_OP_TOKEN_ENDPOINT")
    OIDC_OP_USER_ENDPOINT = env_str("OIDC_OP_USER_ENDPOINT")
    OIDC_OP_JWKS_ENDPOINT = env_str("OIDC_OP_JWKS_ENDPOINT")
    OIDC_RP_SIGN_ALGO = env_str("OIDC_RP_SIGN_ALGO", "RS256")
    OIDC_RP_SCOPES = env_str("OIDC_RP_SCOPES", "openid email profile")
    GIR_OIDC_ROLE_MAP = parse_role_map(env_str("GIR_OIDC_ROLE_MAP"))
    OIDC_USE_PKCE = True  # the authorisation code is useless to anyone without the verifier
else:
    GIR_OIDC_ROLE_MAP = {}
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "start"
LOGOUT_REDIRECT_URL = "login"

# Throttling: lock out the combination of user name and client address after repeated
# failures, for a cool-off. Neither alone: an address alone would lock out a whole building
# behind one NAT, a user name alone would let anyone lock out a named colleague from elsewhere.
AXES_FAILURE_LIMIT = env_int("GIR_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("GIR_LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "gir.proxy.client_ip"
AXES_VERBOSE = False

# Sessions: an idle timeout (renewed by gir.middleware at most once a minute, not written on
# every request) and an absolute lifetime. Read from the shared cache, kept in the database.
SESSION_COOKIE_AGE = env_int("GIR_SESSION_IDLE_MINUTES", 30) * 60
SESSION_SAVE_EVERY_REQUEST = False
GIR_SESSION_RENEW_SECONDS = 60
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SESSION_ABSOLUTE_LIFETIME = env_int("GIR_SESSION_MAX_HOURS", 10) * 3600
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# --- HTTPS and headers ----------------------------------------------------------------------
GIR_HTTPS = env_bool("GIR_HTTPS", True)
SESSION_COOKIE_SECURE = GIR_HTTPS
CSRF_COOKIE_SECURE = GIR_HTTPS
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_FAILURE_VIEW = "gir.views.csrf_failure"  # plain Dutch; the short report keeps what was typed
SECURE_SSL_REDIRECT = GIR_HTTPS and env_bool("GIR_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = 31536000 if GIR_HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = GIR_HTTPS
SECURE_HSTS_PRELOAD = GIR_HTTPS
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("GIR_BEHIND_PROXY") else None
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        # The letter editor (Trix) adds its base style as a <style> element carrying the page's
        # nonce (read from <meta name="csp-nonce">); a nonce is only sent on pages that use it.
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

# --- Language and time ----------------------------------------------------------------------
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

# --- Files ----------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
NODE_MODULES = BASE_DIR / "node_modules"
# A municipality brings its own look: an NL Design System token package installed with npm
# (its CSS file, relative to node_modules) and the class that switches its theme on.
GIR_THEME_CSS = env_str("GIR_THEME_CSS", "@nl-design-system-unstable/voorbeeld-design-tokens/dist/theme.css")
GIR_THEME_CLASS = env_str("GIR_THEME_CLASS", "voorbeeld-theme")
_theme_css = NODE_MODULES / GIR_THEME_CSS
if not _theme_css.name.endswith(".css") or ".." in Path(GIR_THEME_CSS).parts:
    raise ImproperlyConfigured("GIR_THEME_CSS must be a .css file inside node_modules")
GIR_THEME_STATIC = f"vendor/theme/{_theme_css.name}"
# Footer links every Dutch government site has; empty: GIR's own statements (gir/statements.html).
GIR_ACCESSIBILITY_URL = env_str("GIR_ACCESSIBILITY_URL", "")
GIR_PRIVACY_URL = env_str("GIR_PRIVACY_URL", "")
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/utrecht", NODE_MODULES / "@utrecht/component-library-css/dist"),
    ("vendor/theme", _theme_css.parent),
    ("vendor/trix", NODE_MODULES / "trix/dist"),
    ("vendor/fonts/noto-sans", NODE_MODULES / "@fontsource/noto-sans/files"),
    ("vendor/fonts/noto-serif", NODE_MODULES / "@fontsource/noto-serif/files"),
]
STORAGES = {
    # Private files (evidence, photos, PDFs, logo): no URL, served by views after a permission check.
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(VAR_DIR / "private"), "base_url": None},
    },
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_ROOT = VAR_DIR / "private"
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_PERMISSIONS = 0o640
GIR_UPLOAD_MAX_BYTES = env_int("GIR_UPLOAD_MAX_MB", 50) * 1024 * 1024

# --- E-mail ---------------------------------------------------------------------------------
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")
EMAIL_FILE_PATH = VAR_DIR / "mail"
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "GIR <gir@localhost>")

# --- Celery ---------------------------------------------------------------------------------
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", "filesystem://")
if CELERY_BROKER_URL.startswith("filesystem://"):
    _broker_dir = VAR_DIR / "broker"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_broker_dir / "out"),
        "data_folder_out": str(_broker_dir / "out"),
        "processed_folder": str(_broker_dir / "processed"),
        "store_processed": False,
        "control_folder": str(_broker_dir / "control"),
    }
    for _sub in ("out", "processed", "control"):
        (_broker_dir / _sub).mkdir(parents=True, exist_ok=True)
else:
    # A broker that accepts connections but does not answer must not hang a web request
    # (STACK.md: >60 s by default); fail fast, the database scan catches up later.
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "socket_timeout": 2,
        "socket_connect_timeout": 2,
        "max_retries": 1,
        "interval_start": 0,
        "interval_step": 0.2,
        "interval_max": 0.5,
        "visibility_timeout": 3600,
    }
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_IGNORE_RESULT = True
CELERY_RESULT_BACKEND = None
CELERY_TASK_TIME_LIMIT = 300
CELERY_TASK_SOFT_TIME_LIMIT = 240
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
CELERY_BEAT_SCHEDULE = {
    # Proof of life for the beheerder ("laatste controle om ..."): a minute is fine-grained
    # enough to notice a stopped beat or worker within the hour.
    "heartbeat": {"task": "gir.tasks.heartbeat", "schedule": 60.0},
    # Deadlines live in the database; one short scan a minute finds what is due. A missed
    # scan is caught up by the next, so the interval bounds how late a reminder can be.
    "deadline-scan": {"task": "gir.tasks.deadline_scan", "schedule": 60.0},
    # Retention is daily; asking hourly means a missed hour (beat down, DST jump) costs nothing,
    # and the sweep itself claims each local date once, however often it is asked.
    "retention-sweep": {"task": "privacy.tasks.retention_sweep", "schedule": 3600.0},
}

# --- Shared cache and request costs (perf) ---------------------------------------------------
# One cache for every process: Redis, or files without one (gir/cache_config.py says which).
CACHES = cache_config(env_str("GIR_CACHE_URL", ""), CELERY_BROKER_URL, VAR_DIR)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # JIT compiles a plan for each costly query: 150 ms for a page's COUNT that then runs in
    # 20 ms. GIR's queries are short OLTP ones, where JIT only costs.
    # random_page_cost 1.1 (default 4, for spinning disks): GIR's working set sits in memory or
    # on SSD, where a page read by index costs about as much as one read in sequence. With 4
    # the planner read all 100,000 incidents to find an employee's 700 (32 ms -> 5 ms).
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off -c random_page_cost=1.1"
    # Form choices come through .iterator(): a server-side cursor costs three round trips for a
    # dozen rows, and GIR streams no large result, so client-side fetches are cheaper.
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True

# --- Forms and pages ------------------------------------------------------------------------
CRISPY_ALLOWED_TEMPLATE_PACKS = ("utrecht",)
CRISPY_TEMPLATE_PACK = "utrecht"
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

# --- Logging: no personal data in technical logs; ids only. -----------------------------------
# Readable text by default; GIR_LOG_FORMAT=json for a log collector. Every line carries the request
# id (X-Request-ID from the proxy, or a new one), also in the tasks that request enqueued.
LOGGING = logging_config(env_str("GIR_LOG_FORMAT", "text"), level=env_str("GIR_LOG_LEVEL", "INFO"))

# --- Operations: version, health limits, database reuse (docs/operations.md) ------------------
with open(BASE_DIR / "pyproject.toml", "rb") as _pyproject:
    GIR_VERSION = tomllib.load(_pyproject)["project"]["version"]
# Readiness limits, in seconds. The scan runs every minute; the e-mail sweep too.
GIR_HEALTH_MAX_SCAN_AGE = env_int("GIR_HEALTH_MAX_SCAN_AGE", 600)
GIR_HEALTH_MAX_MAIL_AGE = env_int("GIR_HEALTH_MAX_MAIL_AGE", 900)
GIR_HEALTH_MAX_UNSENT_AGE = env_int("GIR_HEALTH_MAX_UNSENT_AGE", 900)
GIR_HEALTH_BROKER_TIMEOUT = env_int("GIR_HEALTH_BROKER_TIMEOUT", 2)
# After a start the first scan is a minute away: until then readiness says "starting" (200).
GIR_HEALTH_STARTING_SECONDS = env_int("GIR_HEALTH_STARTING_SECONDS", 180)
# Reused connections are checked before use, so the first request after a database restart
# does not fail on a dead connection; an unreachable database fails fast.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"].startswith("django.db.backends.postgresql"):
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = env_int("GIR_DB_CONNECT_TIMEOUT", 5)
# Optional error tracking: set SENTRY_DSN (Sentry or a self-hosted GlitchTip). Personal data is
# scrubbed before anything is sent (gir/logs.py).
SENTRY_DSN = env_str("SENTRY_DSN", "")
if SENTRY_DSN:
    from gir.logs import init_error_tracking

    init_error_tracking(
        SENTRY_DSN, release=f"gir@{GIR_VERSION}", environment=env_str("SENTRY_ENVIRONMENT", "production")
    )

# --- Trust: proxies, caching, second factor, segregation of duties (issue 12) ----------------
# Addresses or networks (CIDR) of the reverse proxies in front of GIR; the client address is
# the right-most untrusted one in X-Forwarded-For (gir/proxy.py). Empty: the header is ignored.
GIR_TRUSTED_PROXIES = env_list("GIR_TRUSTED_PROXIES", "")
parse_networks(GIR_TRUSTED_PROXIES)  # a typo stops the start-up
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.messages.middleware.MessageMiddleware"),
    "gir.security.middleware.NoStoreMiddleware",
)
# Password-reset requests per client address and per e-mail address in a window.
GIR_PASSWORD_RESET_LIMIT = env_int("GIR_PASSWORD_RESET_LIMIT", 5)
GIR_PASSWORD_RESET_WINDOW = env_int("GIR_PASSWORD_RESET_WINDOW_MINUTES", 15) * 60
# Exports and role changes need a password (or login) within this many seconds.
GIR_REAUTH_SECONDS = env_int("GIR_REAUTH_MINUTES", 15) * 60
# Images are refused by their header above this many pixels, before decoding (a 456 KB PNG of
# 12,500 x 12,500 took 680 MB). 50 million covers a 48-megapixel phone camera.
GIR_UPLOAD_MAX_PIXELS = env_int("GIR_UPLOAD_MAX_PIXELS", 50_000_000)
# Two-factor login (gir/security/twofactor.py). Logins through these backends had their second
# factor at the identity provider already (single sign-on).
GIR_TWO_FACTOR_EXEMPT_BACKENDS = ["gir.oidc.GirOIDCBackend"]
OTP_TOTP_ISSUER = env_str("GIR_OTP_ISSUER", "GIR")
