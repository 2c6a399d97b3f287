"""Limits on guessing: passwords per account, e-mails on the sign-up and guest forms, join codes.

The client's address is `request.remote_addr`, which lab/proxy.py takes from X-Forwarded-For only
for the proxies COCREA_TRUSTED_PROXIES says stand in front (none by default). A whole venue behind
one NAT shares an address, so no limit here is keyed by the address alone at a level a room reaches:

- login failures count per account *and* address (10 a minute: one attacker locks one account from
  their own network, never the venue), and per account from everywhere (30 an hour: guessing one
  password from many addresses);
- the sign-up and guest forms count answers that an e-mail cannot be used, per address (30 an hour),
  and say the same words whether it belongs to an account or to a guest;
- join-code misses count per person (a signed-in account, or an address and browser: 30 a minute)
  and per address at a level only a script reaches (120 a minute): a code is 6 of 31 characters, so
  even that pace needs about 50 days to hit one of a hundred open workshops.

Counts live in the limiter's storage (Redis when configured, shared by every process). While that
storage cannot be reached each process counts in its own memory, so a Redis outage never stops a
login (the limits then hold per process).
"""
import logging

from flask import current_app, request
from flask_login import current_user
from limits import parse
from limits.storage import MemoryStorage
from limits.strategies import FixedWindowRateLimiter
from redis.exceptions import RedisError

from ..extensions import limiter

log = logging.getLogger(__name__)
_LOCAL = FixedWindowRateLimiter(MemoryStorage())


def client_address():
    return request.remote_addr or "unknown"


def _over(setting, scope, *key):
    return not _counted("test", parse(current_app.config[setting]), scope, *key)


def _count(setting, scope, *key):
    _counted("hit", parse(current_app.config[setting]), scope, *key)


def _counted(method, item, *key):
    try:
        return getattr(limiter.limiter, method)(item, *key)
    except (RedisError, OSError) as error:
        log.warning("the limiter's storage is unreachable (%s); counting in this process meanwhile", error)
        return getattr(_LOCAL, method)(item, *key)


def _account(email):
    return (email or "").strip().casefold()


def login_blocked(email):
    """Too many failed logins for this account, from here or from everywhere."""
    account = _account(email)
    return (_over("LOGIN_RATE_LIMIT", "login", account, client_address())
            or _over("LOGIN_ACCOUNT_RATE_LIMIT", "login-account", account))


def login_failed(email):
    account = _account(email)
    _count("LOGIN_RATE_LIMIT", "login", account, client_address())
    _count("LOGIN_ACCOUNT_RATE_LIMIT", "login-account", account)


def email_probes_blocked():
    """Too many e-mails refused on the sign-up and guest forms from this address."""
    return _over("SIGNUP_RATE_LIMIT", "email-probe", client_address())


def email_refused():
    _count("SIGNUP_RATE_LIMIT", "email-probe", client_address())


def join_guesser():
    """Who is guessing join codes: the signed-in account, else the address and the browser's name."""
    if current_user.is_authenticated:
        return f"user:{current_user.id}"
    return f"{client_address()}|{request.user_agent.string[:200]}"
