"""The domain's closed vocabularies: stored keys and their translatable labels."""
from flask_babel import lazy_gettext as _l
from wtforms.fields.choices import SelectChoice

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

# Statuses the workshop form may set; "live" and "closed" come only from starting and closing the room.
PLANNING_STATUSES = ("draft", "scheduled")

REVEAL_MODES = {
    "visible": _l("Visibles de inmediato"),
    "hidden": _l("Ocultas hasta que el moderador las revele"),
}

IDEA_COLORS = ("amarillo", "verde", "azul", "rosa", "naranja", "morado")

ANONYMOUS = _l("Participante anónimo")


def choices(vocabulary):
    """WTForms choices from a vocabulary, labels resolved in the current language."""
    return [SelectChoice(key, str(label)) for key, label in vocabulary.items()]


# --- The lab's map of actors (keys stored; order is the order shown) ----------------------------

# What an actor is: never a private person.
ACTOR_KINDS = {
    "organisation": _l("Organización"),
    "network": _l("Red"),
    "programme": _l("Programa"),
    "role": _l("Cargo o dependencia"),
}

# The quadruple helix.
SECTORS = {
    "government": _l("Gobierno"),
    "academia": _l("Academia"),
    "industry": _l("Sector productivo"),
    "civil_society": _l("Sociedad civil"),
}

# The register's organisation types on the helix. Productivity and research centres produce and
# transfer knowledge, so they sit with academia.
ORG_TYPE_SECTORS = {
    "universidad": "academia",
    "centro": "academia",
    "entidad_publica": "government",
    "empresa": "industry",
    "ong": "civil_society",
    "ciudadania": "civil_society",
}

ACTOR_SCOPES = {
    "internal": _l("Interno"),
    "external": _l("Externo"),
}

ACTOR_RELATIONS = {
    "current": _l("Actual"),
    "potential": _l("Potencial"),
}

TERRITORIAL_LEVELS = {
    "comuna": _l("Comuna"),
    "municipal": _l("Municipal"),
    "metropolitan": _l("Metropolitano"),
    "departmental": _l("Departamental"),
    "national": _l("Nacional"),
    "international": _l("Internacional"),
}

CAPABILITY_DIRECTIONS = {
    "offers": _l("Ofrece"),
    "needs": _l("Necesita"),
}

AVAILABILITY = {
    "potential": _l("Potencial"),
    "committed": _l("Comprometida"),
    "available": _l("Disponible"),
}

LINK_KINDS = {
    "collaboration": _l("Colaboración"),
    "funding": _l("Financiación"),
    "knowledge": _l("Conocimiento"),
    "regulation": _l("Regulación"),
    "support": _l("Apoyo"),
    "conflict": _l("Conflicto"),
}

LINK_STRENGTHS = {
    1: _l("Vínculo débil"),
    2: _l("Vínculo medio"),
    3: _l("Vínculo fuerte"),
}

# In the order an alliance moves through them.
ALLIANCE_STAGES = {
    "identified": _l("Identificada"),
    "prioritised": _l("Priorizada"),
    "in_conversation": _l("En conversación"),
    "formalised": _l("Formalizada"),
    "active": _l("Activa"),
    "closed": _l("Cerrada"),
}

ALLIANCE_INSTRUMENTS = {
    "convenio": _l("Convenio"),
    "memorando": _l("Memorando de entendimiento"),
    "carta_intencion": _l("Carta de intención"),
    "informal": _l("Informal"),
}

# The power-interest grid: influence (power) up, interest across.
QUADRANTS = {
    "manage_closely": _l("Gestionar de cerca"),
    "keep_satisfied": _l("Mantener satisfecho"),
    "keep_informed": _l("Mantener informado"),
    "monitor": _l("Monitorear"),
}

# Why a name entered on the board may be an existing actor (lab/maps/matching.py).
MATCH_REASONS = {
    "name": _l("Mismo nombre"),
    "alias": _l("Nombre alternativo conocido"),
    "acronym": _l("Sigla conocida"),
    "ambiguous": _l("Coincide con varios actores"),
    "same_words": _l("Mismas palabras, con otros conectores u orden"),
    "initials": _l("Sigla formada por las iniciales"),
    "contains": _l("Un nombre contiene al otro"),
    "spelling": _l("Escritura parecida"),
}
