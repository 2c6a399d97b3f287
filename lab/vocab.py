"""The domain's closed vocabularies: stored keys and their translatable labels."""
from flask_babel import lazy_gettext as _l

ROLES = {
    "lab": _l("Equipo del laboratorio"),
    "moderator": _l("Moderador"),
    "participant": _l("Participante"),
}

ORG_TYPES = {
    "universidad": _l("Universidad"),
    "centro": _l("Centro de productividad o investigación"),
    "entidad_publica": _l("Entidad pública"),
    "empresa": _l("Empresa"),
    "ong": _l("Organización social / ONG"),
    "ciudadania": _l("Ciudadanía"),
}

# Capability categories of the lab's diagnosis (seed 001).
CATEGORIES = {
    "fisicas": _l("Físicas"),
    "humanas": _l("Humanas"),
    "tecnologicas": _l("Tecnológicas"),
    "economicas": _l("Económicas"),
    "sociales": _l("Sociales"),
}

MODALITIES = {
    "virtual": _l("Virtual"),
    "presencial": _l("Presencial"),
    "hibrido": _l("Híbrido"),
}

AGENDA_KINDS = {
    "charla": _l("Charla"),
    "actividad": _l("Actividad"),
    "resultados": _l("Socialización de resultados"),
    "pausa": _l("Pausa"),
    "otro": _l("Otro"),
}

STATUSES = {
    "draft": _l("Borrador"),
    "scheduled": _l("Programado"),
    "live": _l("En vivo"),
    "closed": _l("Cerrado"),
}

REVEAL_MODES = {
    "visible": _l("Visibles de inmediato"),
    "hidden": _l("Ocultas hasta que el moderador las revele"),
}

IDEA_COLORS = ("amarillo", "verde", "azul", "rosa", "naranja", "morado")

ANONYMOUS = _l("Participante anónimo")
