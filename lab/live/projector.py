"""What the projector shows, switched by the moderator: the audience's screen has one mode at a time."""
from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ..errors import Invalid
from ..realtime import publish
from .state import live_state, live_view

#: mode -> what the audience reads
MODES = {
    "welcome": "rules, objective and purpose, and how to join (code, link, QR code)",
    "question": "the prompt on screen and its countdown",
    "board": "the prompt's ideas, paged, readable from the back of the room",
    "results": "the vote round: bars, and how many people voted so far",
    "map": "the actor map of the workshop (the maps slice's projector fragment)",
    "closing": "thanks and what happens next; no invitation to join",
}

#: the buttons of the console, in the order a workshop uses them
LABELS = {
    "welcome": _l("Bienvenida"),
    "question": _l("Pregunta"),
    "board": _l("Tablero"),
    "results": _l("Resultados"),
    "map": _l("Mapa"),
    "closing": _l("Cierre"),
}

#: the maps slice's projector fragment; the mode is offered once that page is installed
MAP_ENDPOINT = "maps.projector_map"


def map_available():
    return MAP_ENDPOINT in current_app.view_functions


def mode_choices():
    """(mode, label) of the modes this installation offers."""
    return [(mode, str(text)) for mode, text in LABELS.items() if mode != "map" or map_available()]


def set_mode(conn, mode):
    """Switch every projector of the workshop; allowed after closing too (the closing screen)."""
    if mode == "map" and not map_available():
        raise Invalid(_("El mapa de actores todavía no está disponible en el proyector."))
    state = live_state(conn.workshop_id)
    if state.projector_mode != mode:
        state.projector_mode = mode
        publish(conn.workshop_id, "live", live_view(state))
    return {"live": live_view(state)}
