"""The check that an actor typed on the board is not a private person (nor their contact details)."""
import pytest

from lab.maps.persons import check_person_name

PERSONS = [
    ("Juan Pérez", "given_name"),
    ("JUAN PÉREZ", "given_name"),
    ("juan perez", "given_name"),
    ("María José Rodríguez", "given_name"),
    ("Ana de la Cruz", "given_name"),
    ("Juan Pérez de la UIS", "given_name"),
    ("Rector Juan Pérez", "given_name"),
    ("Secretario Carlos Gómez", "given_name"),
    ("Yeison Andrés Castro", "given_name"),
    ("Dra. Martínez", "title"),
    ("Ing. Rodríguez", "title"),
    ("Profesora Quintero", "title"),
    ("Don Álvaro", "title"),
    ("persona.ficticia@example.org", "contact"),
    ("Contacto: 310 555 0101", "contact"),
    ("(607) 634 4000", "contact"),
]

ORGANISATIONS = [
    "Secretaría TIC",
    "Red de Bibliotecas",
    "Programa Ondas",
    "Fundación Mario Santo Domingo",
    "Mario Santo Domingo",
    "Universidad Industrial de Santander",
    "Universidad Jorge Tadeo Lozano",
    "Jorge Tadeo Lozano",
    "Simón Bolívar",
    "Juan Valdez Café",
    "Cruz Roja Colombiana",
    "Santander Emprende",
    "Rector de la UIS",
    "Profesores de la UIS",
    "Profesor de la UIS",
    "El alcalde",
    "Secretaría de Salud",
    "Tecnoparque SENA",
    "Carlos Gómez S.A.S.",
    "NIT 900.123.456-7",
    "Junta Administradora Local Comuna 13",
    "Laura",
    "Colegio José Antonio Galán",
    "María Auxiliadora",
    "MinCiencias",
    "iNNpulsa Colombia",
    "",
    "¡!",
]


@pytest.mark.parametrize("name, reason", PERSONS)
def test_a_private_persons_name_or_contact_is_flagged(name, reason):
    check = check_person_name(name)
    assert (check.flagged, check.reason) == (True, reason)


@pytest.mark.parametrize("name", ORGANISATIONS)
def test_organisations_networks_programmes_and_roles_are_not_flagged(name):
    check = check_person_name(name)
    assert (check.flagged, check.reason) == (False, None)
    assert check.message(name) is None


def test_the_message_names_what_was_typed_and_says_what_to_write(app):
    with app.test_request_context():
        message = str(check_person_name("Juan Pérez").message("Juan Pérez"))
        assert "«Juan Pérez» parece el nombre de una persona" in message
        assert "«Secretaría TIC»" in message
        contact = str(check_person_name("310 555 0101").message("310 555 0101"))
        assert "parece un correo o un teléfono" in contact


def test_the_message_is_translated(app):
    with app.test_request_context():
        from flask import session
        session["lang"] = "en"
        message = str(check_person_name("Juan Pérez").message("Juan Pérez"))
    assert "“Juan Pérez” looks like a person's name" in message


def test_what_the_check_cannot_tell():
    # A surname alone, an unknown given name and a brand named after a person are not recognised:
    # the check is a prompt to look, not a guarantee.
    assert not check_person_name("Los Pérez").flagged
    assert not check_person_name("Xiomara Pérez").flagged
    assert check_person_name("Andrés Carne de Res").flagged
