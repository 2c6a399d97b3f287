"""Authorisation to process personal data (Ley 1581 de 2012 and its regulation, Decreto 1074 de 2015).

The text is shown on the sign-up page and on the guest form; each person's row keeps the version
they accepted and when. Any change of substance to the text needs a new CONSENT_VERSION, so that
what each person agreed to can still be told apart.
"""
from flask_babel import lazy_gettext as _l

CONSENT_VERSION = "2026-12-v2"

CONSENT_TITLE = _l("Autorización para el tratamiento de datos personales")

CONSENT_PARAGRAPHS = (
    _l("Responsable: el laboratorio de innovación pública de la entidad que convoca los talleres, en "
       "cumplimiento de la Ley 1581 de 2012 y sus decretos reglamentarios."),
    _l("Datos que tratamos: nombre, correo electrónico, organización, tipo de organización, cargo, "
       "teléfono (si lo das), tus horas de entrada y salida de cada taller y lo que aportas en él "
       "(ideas, votos y turnos de palabra). No pedimos datos sensibles."),
    _l("Finalidades: gestionar tu cuenta, llevar el registro de asistencia que la entidad archiva como "
       "evidencia, facilitar tu participación en los talleres, contactarte sobre ellos y elaborar "
       "análisis y diagnósticos de capacidades en los que tus aportes no se publican con tu nombre."),
    _l("Quién los ve: el equipo del laboratorio y quienes moderan los talleres en los que participas ven "
       "todos los datos de tu registro. Las demás personas de un taller, y la pantalla que se proyecta en "
       "él, ven tu nombre junto a tus ideas (salvo en las preguntas que se marcan como anónimas) y cuando "
       "levantas la mano; no ven tu correo, tu teléfono ni tu cargo. No vendemos tus datos ni los cedemos "
       "a terceros."),
    _l("Tus derechos: conocer, actualizar y rectificar tus datos; pedir prueba de esta autorización; "
       "saber cómo se usan; revocar la autorización y pedir que se supriman; y presentar quejas ante "
       "la Superintendencia de Industria y Comercio. Desde «Mi cuenta» puedes corregir tus datos, "
       "descargarlos y eliminar tu cuenta; también puedes escribir al equipo del laboratorio."),
    _l("Si eliminas tu cuenta, tus ideas permanecen en los resultados como «Participante anónimo» y el "
       "registro de asistencia conserva solo tu organización, su tipo y tu rol, sin tu nombre ni tu "
       "correo."),
)


def consent_paragraphs():
    """The consent text in the current language, one string per paragraph."""
    return [str(paragraph) for paragraph in CONSENT_PARAGRAPHS]
