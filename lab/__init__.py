"""Cocrea: live co-creation workshops for a Public Innovation Lab.

`create_app` wires the slices (docs/architecture.md). Importing them here, before any app is built,
also declares every socket event, which must happen before `socketio.init_app` binds them.
"""
import os
from datetime import timedelta
from pathlib import Path

from flask import Flask
from sqlalchemy import event
from sqlalchemy.engine import make_url

from . import (  # noqa: F401  (each slice, and every model for the migrations)
    accounts,
    attendance,
    board,
    diagnosis,
    exports,
    headers,
    i18n,
    live,
    main,
    maps,
    message_queue,
    models,
    proxy,
    realtime,
    web,
    workshops,
)
from .config import DEFAULTS, default_database_url, from_environment, instance_secret_key
from .extensions import babel, csrf, db, limiter, login_manager, migrate, socketio

MIGRATIONS = str(Path(__file__).resolve().parent / "migrations")

# In the order their `init_app` runs: a slice after the slices it builds on (the snapshot's parts and
# the background jobs keep this order too).
SLICES = (main, accounts, workshops, live, board, attendance, maps, diagnosis, exports)


def create_app(config=None):
    """Build the app. `config` (a mapping) overrides the environment, as tests do."""
    config = dict(config or {})
    app = Flask(__name__, instance_relative_config=True, instance_path=config.pop("INSTANCE_PATH", None))
    app.config.from_mapping(DEFAULTS)
    app.config.update(from_environment())
    app.config.update(config)
    # The instance folder holds the secret key and, by default, the database of personal data.
    os.makedirs(app.instance_path, mode=0o700, exist_ok=True)
    app.config.setdefault("SQLALCHEMY_DATABASE_URI", default_database_url(app.instance_path))
    secure = app.config["SECURE_COOKIES"]
    app.config.update(SESSION_COOKIE_SECURE=secure, REMEMBER_COOKIE_SECURE=secure,
                      PERMANENT_SESSION_LIFETIME=timedelta(hours=app.config["SESSION_HOURS"]))
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = instance_secret_key(app.instance_path)

    _init_database(app)
    _init_extensions(app)
    _register_slices(app)
    headers.init_app(app)
    proxy.init_app(app)
    return app


def _init_database(app):
    db.init_app(app)
    migrate.init_app(app, db, directory=MIGRATIONS, render_as_batch=True)
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        _create_private(make_url(app.config["SQLALCHEMY_DATABASE_URI"]).database)
        with app.app_context():
            event.listen(db.engine, "connect", _sqlite_pragmas)


def _create_private(path):
    """Create the SQLite file readable by this account only; SQLite gives its journal and WAL files the
    same permissions. An existing file is left as its owner set it."""
    if not path or path == ":memory:" or path.startswith("file:"):
        return
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        pass


def _sqlite_pragmas(dbapi_connection, _record):
    # WAL lets readers run beside the writer; the busy timeout makes a second writer wait
    # instead of failing; NORMAL sync is durable across process crashes in WAL mode.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _init_extensions(app):
    login_manager.init_app(app)
    babel.init_app(app, locale_selector=i18n.select_locale, timezone_selector=i18n.select_timezone)
    csrf.init_app(app)
    app.config.setdefault("RATELIMIT_STORAGE_URI", app.config["REDIS_URL"] or "memory://")
    limiter.init_app(app)
    socketio.init_app(
        app,
        async_mode=app.config["ASYNC_MODE"],
        message_queue=app.config["REDIS_URL"],
        **message_queue.client_manager(app.config["REDIS_URL"], app.config["SQLALCHEMY_DATABASE_URI"]),
        max_http_buffer_size=64 * 1024,
        ping_interval=10,
        ping_timeout=20,
        manage_session=False,
    )
    i18n.init_app(app)
    web.init_app(app)


def _register_slices(app):
    realtime.init_app(app)
    for slice_ in SLICES:
        slice_.init_app(app)
