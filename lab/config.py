"""Configuration read from the environment, with safe defaults for one machine.

Every setting has one environment variable (documented in README.md). Tests pass a mapping to
`create_app` instead.
"""
import os
import re
import secrets
from pathlib import Path

DEFAULTS = {
    "BABEL_DEFAULT_LOCALE": "es_CO",
    "BABEL_DEFAULT_TIMEZONE": "America/Bogota",
    "LANGUAGES": ("es_CO", "en"),
    "SESSION_COOKIE_HTTPONLY": True,
    # A signed-in session ends after this many hours without a request (a workshop day), then the
    # person logs in again: a cookie left on a shared computer does not open the account for weeks.
    "SESSION_HOURS": 12,
    # Guests (no password) of a workshop closed this many days ago are anonymised by `flask retention`.
    "GUEST_RETENTION_DAYS": 365,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "REMEMBER_COOKIE_HTTPONLY": True,
    "REMEMBER_COOKIE_SAMESITE": "Lax",
    "MAX_CONTENT_LENGTH": 2 * 1024 * 1024,
    "WTF_CSRF_TIME_LIMIT": None,
    "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
    "RATELIMIT_HEADERS_ENABLED": True,
    # The login limit lives in Redis when there is one; while Redis is down each process counts in
    # its own memory instead of failing the login.
    "RATELIMIT_IN_MEMORY_FALLBACK_ENABLED": True,
    # Guessing (lab/accounts/throttle.py): failed logins per account and client address, and per
    # account from everywhere; e-mails refused on the sign-up and guest forms per address; join-code
    # misses per person and per address.
    "LOGIN_RATE_LIMIT": "10 per minute",
    "LOGIN_ACCOUNT_RATE_LIMIT": "30 per hour",
    "SIGNUP_RATE_LIMIT": "30 per hour",
    "JOIN_GUESS_LIMIT": "30 per minute",
    "JOIN_ADDRESS_GUESS_LIMIT": "120 per minute",
    "POST_RATE": (10, 10.0),  # ideas per person: at most 10 in any 10 seconds
    # Live events per person and family (lab/realtime/limits.py): family -> (count, seconds). A
    # moderator works fast (grouping ideas, timers); a participant raises a hand or votes now and then.
    "EVENT_RATES": {
        "idea": (60, 10.0), "cluster": (60, 10.0), "vote": (40, 10.0), "hand": (20, 10.0), "timer": (30, 10.0),
        "prompt": (30, 10.0), "agenda": (30, 10.0), "live": (20, 10.0), "workshop": (10, 10.0),
        "snapshot": (20, 10.0), "time": (30, 10.0), "*": (30, 10.0),
    },
    # Sockets one person may hold open in one workshop: tabs, a phone, the projector.
    "SOCKETS_PER_PERSON": 8,
    "ASYNC_MODE": "eventlet",
    "REDIS_URL": None,
    "TEMPLATES_DIR": str(Path(__file__).resolve().parent.parent / "workshops"),
    "TIMER_TICK_SECONDS": 0.25,
    "PRESENCE_HEARTBEAT_SECONDS": 30,
    # Moderators get at most one presence list per workshop (and process) in this many seconds: a
    # crowd arriving or dropping at once is announced in a few lists, not one per socket.
    "PRESENCE_INTERVAL_SECONDS": 0.5,
    # Behind HTTPS the cookies are never sent over plain HTTP. Off by default so `make run` on
    # http://127.0.0.1 keeps working; create_app applies it to the session and remember cookies.
    "SECURE_COOKIES": False,
    # Behind a load balancer: this process's name, set as the cookie the balancer routes on, and how
    # many proxies in front of the app to believe about the client (lab/proxy.py).
    "NODE": None,
    "TRUSTED_PROXIES": 0,
}

# environment variable -> config key
ENVIRONMENT = {
    "COCREA_DATABASE_URL": "SQLALCHEMY_DATABASE_URI",
    "COCREA_SECRET_KEY": "SECRET_KEY",
    "COCREA_LANGUAGE": "BABEL_DEFAULT_LOCALE",
    "COCREA_TIMEZONE": "BABEL_DEFAULT_TIMEZONE",
    "COCREA_REDIS_URL": "REDIS_URL",
    "COCREA_ASYNC_MODE": "ASYNC_MODE",
    "COCREA_TEMPLATES_DIR": "TEMPLATES_DIR",
    "COCREA_POST_RATE": "POST_RATE",
    "COCREA_EVENT_RATES": "EVENT_RATES",
    "COCREA_SOCKETS_PER_PERSON": "SOCKETS_PER_PERSON",
    "COCREA_SESSION_HOURS": "SESSION_HOURS",
    "COCREA_GUEST_RETENTION_DAYS": "GUEST_RETENTION_DAYS",
    "COCREA_SECURE_COOKIES": "SECURE_COOKIES",
    "COCREA_PRESENCE_INTERVAL": "PRESENCE_INTERVAL_SECONDS",
    "COCREA_NODE": "NODE",
    "COCREA_TRUSTED_PROXIES": "TRUSTED_PROXIES",
}


def parse_rate(text):
    """"count/seconds" (e.g. "10/10") -> (count, seconds); refuses anything else at start-up."""
    count, _, seconds = text.partition("/")
    try:
        limit, window = int(count), float(seconds)
    except ValueError:
        raise ValueError(f"COCREA_POST_RATE must look like 'count/seconds', e.g. '10/10', not {text!r}") from None
    if limit < 1 or window <= 0:
        raise ValueError(f"COCREA_POST_RATE needs a count >= 1 and seconds > 0, not {text!r}")
    return limit, window


def parse_event_rates(text):
    """"hand=20/10, vote=40/10" -> the default table with those families changed; refuses anything else."""
    rates = dict(DEFAULTS["EVENT_RATES"])
    for item in filter(None, (part.strip() for part in text.split(","))):
        name, _, rate = item.partition("=")
        try:
            rates[name.strip() or "?"] = parse_rate(rate)
        except ValueError:
            raise ValueError(f"COCREA_EVENT_RATES must look like 'hand=20/10,vote=40/10', not {text!r}") from None
        if not name.strip():
            raise ValueError(f"COCREA_EVENT_RATES names a family before each '=', not {text!r}")
    return rates


def parse_sockets(text):
    """Sockets per person and workshop, 1 to 100."""
    count = int(text) if text.strip().isdigit() else 0
    if not 1 <= count <= 100:
        raise ValueError(f"COCREA_SOCKETS_PER_PERSON must be a number from 1 to 100, not {text!r}")
    return count


def parse_session_hours(text):
    """Hours, 1 to 720 (30 days)."""
    hours = int(text) if text.strip().isdigit() else 0
    if not 1 <= hours <= 720:
        raise ValueError(f"COCREA_SESSION_HOURS must be hours from 1 to 720, not {text!r}")
    return hours


def parse_retention_days(text):
    """Days, 0 to 3650."""
    days = int(text) if text.strip().isdigit() else -1
    if not 0 <= days <= 3650:
        raise ValueError(f"COCREA_GUEST_RETENTION_DAYS must be days from 0 to 3650, not {text!r}")
    return days


def parse_flag(text):
    """"1", "true", "yes", "on" (any case) -> True; "0", "false", "no", "off" -> False; else refuse."""
    value = text.strip().lower()
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off"):
        return False
    raise ValueError(f"COCREA_SECURE_COOKIES must be 1 or 0 (true/false), not {text!r}")


def parse_interval(text):
    """Seconds, 0 or more (0 sends every change at once)."""
    try:
        seconds = float(text)
    except ValueError:
        seconds = -1.0
    if not 0 <= seconds <= 60:
        raise ValueError(f"COCREA_PRESENCE_INTERVAL must be seconds between 0 and 60, e.g. '0.5', not {text!r}")
    return seconds


# config key -> how to read its environment variable (the others are plain strings)
def parse_node(text):
    """A process's name as the balancer's map matches it (deploy/nginx/cocrea.conf.in)."""
    if not re.fullmatch(r"[a-z0-9][a-z0-9_-]{0,31}", text):
        raise ValueError(f"COCREA_NODE must be lowercase letters, digits, '-' or '_' (at most 32), not {text!r}")
    return text


def parse_proxies(text):
    """How many proxies stand in front of the app, 0 to 5."""
    hops = int(text) if text.strip().isdigit() else -1
    if not 0 <= hops <= 5:
        raise ValueError(f"COCREA_TRUSTED_PROXIES must be how many proxies stand in front (0 to 5), not {text!r}")
    return hops


PARSERS = {"POST_RATE": parse_rate, "EVENT_RATES": parse_event_rates, "SOCKETS_PER_PERSON": parse_sockets,
           "SESSION_HOURS": parse_session_hours, "GUEST_RETENTION_DAYS": parse_retention_days,
           "SECURE_COOKIES": parse_flag, "PRESENCE_INTERVAL_SECONDS": parse_interval,
           "NODE": parse_node, "TRUSTED_PROXIES": parse_proxies}


def from_environment(environ=os.environ):
    settings = {key: environ[var] for var, key in ENVIRONMENT.items() if environ.get(var)}
    return {key: PARSERS.get(key, str)(value) for key, value in settings.items()}


def default_database_url(instance_path):
    return "sqlite:///" + str(Path(instance_path) / "cocrea.db")


def instance_secret_key(instance_path):
    """Generate the secret key once and keep it in the instance folder, so sessions survive restarts."""
    path = Path(instance_path) / "secret_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_hex(32))
    return path.read_text().strip()
