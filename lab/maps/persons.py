"""Whether a name entered as an actor looks like a private person's, or their contact details.

Actors are organisations, networks, programmes or roles, never private persons. The check is
conservative: it flags a name that opens with a personal title ("Dra. Martínez") or with a common
given name followed by a surname-like word ("Juan Pérez", "Rector Juan Pérez de la UIS"), and an
e-mail address or a phone number. It cannot tell a surname alone ("los Pérez"), a given name it
does not know, a public figure from a private person, nor a brand or institution named after a
person unless it is listed below ("Juan Valdez", "Jorge Tadeo Lozano"). A flag asks a person to
look; it proves nothing.
"""
import re
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from .given_names import GIVEN_NAMES
from .normalise import GENERIC_WORDS, LEGAL_FORMS, STOP_WORDS, WORDS, fold, normalise, raw_words

TITLES = frozenset({
    "dr", "dra", "doctor", "doctora", "ing", "ingeniero", "ingeniera", "prof", "profe", "profesor",
    "profesora", "sr", "sra", "srta", "senor", "senora", "senorita", "don", "dona", "lic",
    "licenciado", "licenciada", "arq", "abog", "mg", "msc", "phd",
})
# A role in front of a name ("Rector Juan Pérez") still names the person.
ROLE_WORDS = frozenset({
    "rector", "rectora", "secretario", "alcalde", "alcaldesa", "gobernador", "gobernadora",
    "director", "directora", "gerente", "coordinador", "coordinadora", "jefe", "jefa", "concejal",
    "diputado", "diputada", "ministro", "ministra", "presidente", "presidenta", "decano", "decana",
})
# Brands and institutions named after people, often written without "Universidad" or "Fundación".
EPONYMS = tuple(normalise(name) for name in (
    "Simón Bolívar", "Francisco de Paula Santander", "Francisco José de Caldas", "Jorge Tadeo Lozano",
    "Manuela Beltrán", "Antonio Nariño", "Rafael Núñez", "José Celestino Mutis", "Camilo Torres",
    "Luis Amigó", "Mario Santo Domingo", "Julio Mario Santo Domingo", "Jaime Isaza Cadavid",
    "Marco Fidel Suárez", "Juan N. Corpas", "Alexander von Humboldt", "Agustín Codazzi",
    "Rafael Pombo", "Gabriel García Márquez", "María Auxiliadora", "Antonio José Camacho",
    "Jorge Eliécer Gaitán", "Luis Carlos Galán", "Rafael Uribe Uribe", "Juan Valdez",
))
EMAIL = re.compile(r"[^\s@]+@[^\s@]+\.[^\s@]+")
PHONE = re.compile(r"(?:\d[\s.-]?){7,}")
# A tax number ("NIT 900.123.456-7") belongs to an organisation, not a person.
TAX_ID = "nit"

PERSON = _l("«%(name)s» parece el nombre de una persona. En el mapa van organizaciones, redes, "
            "programas o cargos, nunca personas: escribe la entidad o el cargo (por ejemplo, "
            "«Secretaría TIC»).")
CONTACT = _l("«%(name)s» parece un correo o un teléfono. En el mapa no van datos de contacto: "
             "escribe el nombre de la entidad.")


@dataclass(frozen=True)
class PersonCheck:
    """Flagged with a reason ("title", "given_name" or "contact"), or not flagged (reason None)."""
    flagged: bool
    reason: str | None = None

    def message(self, name):
        """What to tell whoever typed `name`, in the current language (None when not flagged)."""
        if not self.flagged:
            return None
        return (CONTACT if self.reason == "contact" else PERSON) % {"name": name}


NOT_FLAGGED = PersonCheck(False)


def check_person_name(name: str) -> PersonCheck:
    """Flag a name that looks like a private person's or a contact detail (see the module's limits)."""
    words = raw_words(name)
    if EMAIL.search(name) or (PHONE.search(name) and TAX_ID not in words):
        return PersonCheck(True, "contact")
    if not words or normalise(name).startswith(EPONYMS) or LEGAL_FORMS.intersection(words):
        return NOT_FLAGGED
    rest = _after_titles_and_roles(words)
    if words[0] in TITLES and rest and _surname_like(rest[0], name):
        return PersonCheck(True, "title")
    if len(rest) >= 2 and rest[0] in GIVEN_NAMES and _surname_like(_next_word(rest[1:]), name):
        return PersonCheck(True, "given_name")
    return NOT_FLAGGED


def _after_titles_and_roles(words):
    position = 0
    while position < len(words) and (words[position] in TITLES or words[position] in ROLE_WORDS):
        position += 1
    return words[position:]


def _next_word(words):
    """The first word after "de", "del", "la"...: "Juan de Dios" -> "dios"."""
    return next((word for word in words if word not in STOP_WORDS), "")


def _surname_like(word, name):
    """A word that can be a name: letters only, not a joining word, not a word that names
    organisations or roles, not written as an acronym."""
    if len(word) < 2 or not word.isalpha() or word in STOP_WORDS:
        return False
    if word in GENERIC_WORDS or word in ROLE_WORDS:
        return False
    return not _written_as_acronym(word, name)


def _written_as_acronym(word, name):
    """"Juan UIS": the word is in capitals while the name is not all capitals."""
    if name.isupper():
        return False
    return any(fold(original) == word and original.isupper() for original in WORDS.findall(name))
