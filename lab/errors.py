"""Errors a live event can answer with: a stable code and a message a person can read."""
from flask_babel import lazy_gettext as _l


class LiveError(Exception):
    """Raised by services; the event wrapper rolls back and acks `{ok: false, error}`."""

    code = "error"
    default = _l("No se pudo completar la acción.")

    def __init__(self, message=None, code=None, **extra):
        super().__init__(str(message or self.default))
        self.message = message or self.default
        if code:
            self.code = code
        self.extra = extra

    def as_ack(self):
        return {"ok": False, "error": {"code": self.code, "message": str(self.message), **self.extra}}


class Invalid(LiveError):
    code = "invalid"
    default = _l("Los datos enviados no son válidos.")


class NotFound(LiveError):
    code = "not_found"
    default = _l("No encontramos ese elemento en este taller.")


class Forbidden(LiveError):
    code = "forbidden"
    default = _l("Solo el moderador puede hacer esto.")


class Conflict(LiveError):
    """The action does not fit the current state (prompt closed, vote not open, ...)."""

    code = "conflict"
    default = _l("Esta acción no es posible en este momento.")


class RateLimited(LiveError):
    code = "rate_limited"
    default = _l("Vas muy rápido. Espera unos segundos antes de publicar otra idea.")
