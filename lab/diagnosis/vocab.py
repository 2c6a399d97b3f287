"""The diagnosis's closed vocabularies: MIPG's dimensions and policies, the PHVA cycle, capability
levels, statuses and the good-practice criteria. Keys are stored; labels are translated."""
from flask_babel import lazy_gettext as _l

# MIPG's seven operating dimensions (Decreto 1499 de 2017; seed 002).
MIPG_DIMENSIONS = {
    "talento_humano": _l("1. Talento humano"),
    "direccionamiento": _l("2. Direccionamiento estratégico y planeación"),
    "gestion_valores": _l("3. Gestión con valores para resultados"),
    "evaluacion": _l("4. Evaluación de resultados"),
    "informacion": _l("5. Información y comunicación"),
    "conocimiento": _l("6. Gestión del conocimiento y la innovación"),
    "control_interno": _l("7. Control interno"),
}

# The 18 management and performance policies (seed 002), each under the dimension that groups it
# (seed 003 lists them dimension by dimension).
MIPG_POLICIES = {
    "planeacion": (_l("Planeación institucional"), "direccionamiento"),
    "presupuesto": (_l("Gestión presupuestal y eficiencia del gasto público"), "direccionamiento"),
    "talento_humano": (_l("Talento humano"), "talento_humano"),
    "integridad": (_l("Integridad"), "talento_humano"),
    "transparencia": (_l("Transparencia, acceso a la información pública y lucha contra la corrupción"),
                      "informacion"),
    "fortalecimiento": (_l("Fortalecimiento organizacional y simplificación de procesos"), "gestion_valores"),
    "servicio_ciudadano": (_l("Servicio al ciudadano"), "gestion_valores"),
    "participacion": (_l("Participación ciudadana en la gestión pública"), "gestion_valores"),
    "tramites": (_l("Racionalización de trámites"), "gestion_valores"),
    "gobierno_digital": (_l("Gobierno digital"), "gestion_valores"),
    "seguridad_digital": (_l("Seguridad digital"), "gestion_valores"),
    "defensa_juridica": (_l("Defensa jurídica"), "gestion_valores"),
    "mejora_normativa": (_l("Mejora normativa"), "gestion_valores"),
    "conocimiento": (_l("Gestión del conocimiento y la innovación"), "conocimiento"),
    "gestion_documental": (_l("Gestión documental"), "informacion"),
    "estadistica": (_l("Gestión de la información estadística"), "informacion"),
    "seguimiento": (_l("Seguimiento y evaluación del desempeño institucional"), "evaluacion"),
    "control_interno": (_l("Control interno"), "control_interno"),
}

# This lab's home: every new finding starts tagged here and the lab team retags it.
HOME_DIMENSION, HOME_POLICY = "conocimiento", "conocimiento"

# The PHVA (Deming) cycle of seed 003.
PHVA_PHASES = {
    "planear": _l("Planear"),
    "hacer": _l("Hacer"),
    "verificar": _l("Verificar"),
    "actuar": _l("Actuar"),
}

ACTION_STATUSES = {
    "pendiente": _l("Pendiente"),
    "en_curso": _l("En curso"),
    "cumplida": _l("Cumplida"),
    "cancelada": _l("Cancelada"),
}

# Actions still expected to happen: these are overdue once their date passes.
OPEN_ACTION_STATUSES = ("pendiente", "en_curso")

# Capability levels, 1 to 5; each also shown on 0-100 (level_percent).
LEVELS = {
    1: _l("Inexistente"),
    2: _l("Incipiente"),
    3: _l("En desarrollo"),
    4: _l("Establecida"),
    5: _l("Consolidada"),
}
MIN_LEVEL, MAX_LEVEL = 1, 5

# Where a capability comes from: the lab's own (internal) or brought by external actors.
ORIGINS = {
    "internal": _l("Interna"),
    "external": _l("Externa (por actores)"),
}

CONFIDENCES = {
    "low": _l("Baja"),
    "medium": _l("Media"),
    "high": _l("Alta"),
}

DIAGNOSIS_STATUSES = {
    "draft": _l("Borrador"),
    "validated": _l("Validado"),
    "published": _l("Publicado"),
}

# The six criteria of a good public-management practice (DAFP's methodology, cited by FT-1311).
GOOD_PRACTICE_CRITERIA = {
    "pertinent": _l("Pertinente"),
    "replicable": _l("Replicable"),
    "solves_problem": _l("Soluciona un problema"),
    "measurable_results": _l("Tiene resultados medibles"),
    "improves_efficiency": _l("Mejora la eficiencia"),
    "sustainable": _l("Es sostenible"),
}

# FT-1311's sections, in the form's order.
FT1311_SECTIONS = {
    1: _l("1. Información general"),
    2: _l("2. Identificación de la buena práctica"),
    3: _l("3. Contribución de la buena práctica"),
    4: _l("4. Sostenibilidad de la buena práctica"),
    5: _l("5. Conclusiones"),
    6: _l("6. Anexos"),
}


def level_percent(level):
    """A level 1-5 on the 0-100 view: 1 is 0, 5 is 100."""
    return None if level is None else (level - MIN_LEVEL) * 100 // (MAX_LEVEL - MIN_LEVEL)


def policy_label(key):
    return MIPG_POLICIES[key][0] if key in MIPG_POLICIES else ""


def policy_dimension(key):
    return MIPG_POLICIES[key][1] if key in MIPG_POLICIES else None
