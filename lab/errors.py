"""What the domain refuses, said once: a stable code for live acks, a status for pages, a message for
the person. Services raise these; the boundary (a page, a live event, a command) shows them and
keeps nothing of the refused operation."""
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import DBAPIError, OperationalError


class Refused(Exception):
    """A rule of the domain refused the operation.

    A live event answers `{ok: false, error: {code, message, **extra}}`; a page shows `message` (a
    form field's error, a flash or the error page) with `status`. `message` may be lazy: it is
    rendered in the language of whoever reads it.
    """

    code = "error"
    status = 400
    default = _l("No se pudo completar la acción.")

    def __init__(self, message=None, code=None, **extra):
        self.message = message or self.default
        super().__init__(self.message)
        if code:
            self.code = code
        self.extra = extra

    def __str__(self):
        return str(self.message)

    def as_ack(self):
        return {"ok": False, "error": {"code": self.code, "message": str(self.message), **self.extra}}


class Invalid(Refused):
    code = "invalid"
    status = 422
    default = _l("Los datos enviados no son válidos.")


class NotFound(Refused):
    code = "not_found"
    status = 404
    default = _l("No encontramos ese elemento en este taller.")


class Forbidden(Refused):
    code = "forbidden"
    status = 403
    default = _l("Solo el moderador puede hacer esto.")


class Conflict(Refused):
    """The action does not fit the current state (prompt closed, vote not open, e-mail taken, ...)."""

    code = "conflict"
    status = 409
    default = _l("Esta acción no es posible en este momento.")


class RateLimited(Refused):
    code = "rate_limited"
    status = 429
    default = _l("Vas muy rápido. Espera unos segundos antes de publicar otra idea.")


class Unavailable(Refused):
    """The database cannot be reached (restarting, connections cut): nothing was stored."""

    code = "unavailable"
    status = 503
    default = _l("No podemos guardar en este momento: el servidor perdió su conexión con la base de datos. "
                 "Nada se perdió; vuelve a intentarlo en unos segundos.")


def database_unreachable(error):
    """True for a failure of the database connection itself, not of a statement: a server that is down
    or restarting, or a connection it cut. The pool replaces such connections on their next use."""
    return isinstance(error, OperationalError) or (isinstance(error, DBAPIError) and error.connection_invalidated)
