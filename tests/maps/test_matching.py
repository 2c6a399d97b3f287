"""Matching names typed on the board against the lab's actors: what is safe to attach (exact), what
goes to the review queue (near, with a reason) and what is a new actor."""
import pytest

from lab.maps.matching import ActorEntry, ActorIndex, match_name
from lab.maps.normalise import initials, normalise, tokens
from lab.vocab import MATCH_REASONS

from .actors import ACTORS

INDEX = ActorIndex(ACTORS)

# (typed, the actor it is exactly, the reason)
EXACT = [
    ("Universidad Industrial de Santander", "uis", "name"),
    ("universidad industrial de santander", "uis", "name"),
    ("UNIVERSIDAD INDUSTRIAL DE SANTANDER", "uis", "name"),
    ("  Universidad   Industrial de Santander. ", "uis", "name"),
    ("U. Industrial de Santander", "uis", "name"),
    ("Univ. Industrial de Santander", "uis", "name"),
    ("U.I.S.", "uis", "acronym"),
    ("uis", "uis", "acronym"),
    ("Universidad de Santander", "udes", "name"),
    ("UDES", "udes", "acronym"),
    ("Universidad Autonoma de Bucaramanga", "unab", "name"),
    ("UNAB", "unab", "acronym"),
    ("UNAD", "unad", "acronym"),
    ("Unidades Tecnologicas de Santander", "uts", "name"),
    ("La Nacional", "unal", "alias"),
    ("Corp. Universitaria de Investigación y Desarrollo", "udi", "name"),
    ("SENA", "sena", "acronym"),
    ("S.E.N.A.", "sena", "acronym"),
    ("Servicio Nacional de Aprendizaje (SENA)", "sena", "name"),
    ("SENA Tecnoparque Bucaramanga", "tecnoparque", "name"),
    ("Camara de Comercio de Bucaramanga", "ccb", "name"),
    ("Gob. de Santander", "gobsan", "name"),
    ("GOBERNACIÓN DE SANTANDER", "gobsan", "name"),
    ("Alc. de Bucaramanga", "alcbga", "name"),
    ("alcaldia de bucaramanga", "alcbga", "name"),
    ("Área Metropolitana de Bucaramanga", "amb", "name"),
    ("Empresa Publica de Alcantarillado de Santander", "empas", "name"),
    ("EMPAS", "empas", "acronym"),
    ("Oficina TIC", "oftic", "alias"),
    ("Sec. de Educación de Santander", "seceducsan", "name"),
    ("Min. de Ciencia, Tecnología e Innovación", "minciencias", "name"),
    ("MinCiencias", "minciencias", "acronym"),
    ("Min Ciencias", "minciencias", "acronym"),
    ("Colciencias", "minciencias", "alias"),
    ("MinTIC", "mintic", "acronym"),
    ("iNNpulsa Colombia", "innpulsa", "name"),
    ("INNPULSA COLOMBIA", "innpulsa", "name"),
    ("Comfenalco Santander", "comfenalco", "alias"),
    ("Cajasan", "cajasan", "acronym"),
    ("Corp. Bucaramanga Emprendedora", "cbe", "name"),
    ("Fund. Mario Santo Domingo", "fmsd", "name"),
    ("Red de Bibliotecas Públicas de Bucaramanga", "bibliotecas", "name"),
    ("RedColsi", "redcolsi", "acronym"),
    ("Programa Ondas", "ondas", "name"),
    ("Ruta N", "rutan", "alias"),
    ("ICETEX", "icetex", "acronym"),
    ("Ecopetrol", "ecopetrol", "name"),
    ("ICP", "icp", "acronym"),
]

# (typed, an actor it may be, the reason): for a person to confirm, never attached on its own.
NEAR = [
    ("Alcaldia Bucaramanga", "alcbga", "same_words"),
    ("Bucaramanga, Alcaldía", "alcbga", "same_words"),
    ("Alcaldía de Bucaramnga", "alcbga", "spelling"),
    ("Gobernacion Santander", "gobsan", "same_words"),
    ("Universidad Industrial Santander", "uis", "same_words"),
    ("Univerisdad Industrial de Santander", "uis", "spelling"),
    ("Universidad Industrial de Santader", "uis", "spelling"),
    ("SENA Tecnoparque", "tecnoparque", "contains"),
    ("SENA Tecnoparque", "sena", "contains"),
    ("Tecnoparque SENA Bucaramanga", "tecnoparque", "same_words"),
    ("Tecnoparque", "tecnoparque", "contains"),
    ("Sena tecnoparke", "tecnoparque", "contains"),
    ("CCB", "ccb", "ambiguous"),
    ("CCB", "ccbogota", "ambiguous"),
    ("AMB", "acueducto", "ambiguous"),
    ("Cámara de Comercio", "ccb", "contains"),
    ("Cámara de Comercio de Barranca", "ccbarranca", "spelling"),
    ("Camara de comercio de Bucaramnga", "ccb", "spelling"),
    ("Comfenalco", "comfenalco", "contains"),
    ("Caja de Compensación Familiar", "comfenalco", "contains"),
    ("Innpulsa", "innpulsa", "contains"),
    ("Ministerio de Ciencia", "minciencias", "contains"),
    ("Universidad Santo Tomás", "usta", "contains"),
    ("Fundación Santo Domingo", "fmsd", "contains"),
    ("Red Colombiana de Semilleros", "redcolsi", "contains"),
    ("Ondas", "ondas", "contains"),
    ("Universidad Nacional", "unal", "contains"),
    ("Guatiguará", "guatiguara", "contains"),
    ("PTG", "guatiguara", "initials"),
    ("Fundación Cardiovascular", "fcv", "contains"),
    ("Corporacion Bucaramanga Emprendedora CBE", "cbe", "contains"),
]

# Names that must not be taken for any actor of the table.
NEW = [
    "Universidad de Pamplona",
    "Alcaldía de Piedecuesta",
    "Gobernación de Boyacá",
    "Cámara de Comercio de Cúcuta",
    "Secretaría de Salud de Santander",
    "Junta Administradora Local Comuna 14",
    "Colegio La Salle",
    "Rappi",
    "Universidad",
    "Red",
    "Juan Pérez",
]


def reasons_of(match):
    return {candidate.actor_id: candidate.reason for candidate in match.near}


def test_the_table_is_large_enough():
    assert len(ACTORS) >= 40
    assert len(EXACT) + len(NEAR) + len(NEW) >= 60


@pytest.mark.parametrize("typed, actor, reason", EXACT)
def test_exact_matches_are_safe_to_attach(typed, actor, reason):
    match = INDEX.match(typed)
    assert match.outcome == "exact", match
    assert (match.actor.actor_id, match.actor.reason) == (actor, reason)
    assert match.actor.score == 100
    assert actor not in reasons_of(match)  # the chosen actor is not offered again as near


@pytest.mark.parametrize("typed, actor, reason", NEAR)
def test_near_matches_go_to_review_with_their_reason(typed, actor, reason):
    match = INDEX.match(typed)
    assert match.outcome == "near", match
    assert match.actor is None
    assert reasons_of(match).get(actor) == reason, match
    assert all(0 < c.score < 100 for c in match.near)
    assert [c.score for c in match.near] == sorted((c.score for c in match.near), reverse=True)


@pytest.mark.parametrize("typed", NEW)
def test_unknown_organisations_are_new(typed):
    match = INDEX.match(typed)
    assert (match.outcome, match.actor, match.near) == ("new", None, ()), match


def test_every_reason_is_in_the_vocabulary():
    used = {reason for _, _, reason in EXACT + NEAR}
    assert used <= set(MATCH_REASONS)
    assert used == set(MATCH_REASONS)  # the table exercises every reason


def test_an_acronym_nobody_recorded_is_only_a_near_match_by_initials():
    index = ActorIndex([ActorEntry(1, "Universidad Industrial de Santander")])
    match = index.match("UIS")
    assert match.outcome == "near"
    assert [(c.actor_id, c.reason) for c in match.near] == [(1, "initials")]


def test_a_full_name_whose_initials_are_an_actors_acronym_is_near():
    index = ActorIndex([ActorEntry(1, "UIS")])
    match = index.match("Universidad Industrial de Santander")
    assert match.outcome == "near" and match.near[0].reason == "initials"


def test_udes_and_uis_are_never_taken_for_each_other():
    only_uis = ActorIndex([ActorEntry("uis", "Universidad Industrial de Santander", "UIS")])
    typed = only_uis.match("Universidad de Santander")
    assert typed.outcome == "near" and typed.near[0].actor_id == "uis"
    assert only_uis.match("UDES").outcome == "new"
    only_udes = ActorIndex([ActorEntry("udes", "Universidad de Santander", "UDES")])
    assert only_udes.match("Universidad Industrial de Santander").outcome == "near"
    assert only_udes.match("UIS").outcome == "new"


def test_sena_exact_still_shows_its_centres_for_review():
    match = INDEX.match("SENA")
    assert (match.actor.actor_id, match.actor.via) == ("sena", "SENA")
    assert {"tecnoparque", "cidm"} <= set(reasons_of(match))


def test_numbers_must_agree():
    assert INDEX.match("Junta Administradora Local Comuna 13").actor.actor_id == "jal13"
    assert INDEX.match("Junta Administradora Local Comuna 31").outcome == "new"


def test_name_and_acronym_of_two_different_actors_is_not_exact():
    match = INDEX.match("Universidad Industrial de Santander (UDES)")
    assert match.outcome == "near"


def test_near_candidates_are_limited_and_the_limit_can_change():
    assert len(INDEX.match("Santander").near) <= 5
    assert len(INDEX.match("Santander", limit=2).near) == 2


@pytest.mark.parametrize("typed", ["", "   ", "---", "(...)", "de la"])
def test_empty_or_punctuation_only_names_match_nothing(typed):
    match = INDEX.match(typed)
    assert match.outcome in ("new", "near")
    assert match.actor is None


def test_an_actor_added_later_is_found():
    index = ActorIndex(ACTORS)
    assert index.match("Colegio La Salle").outcome == "new"
    index.add(ActorEntry("lasalle", "Colegio La Salle Bucaramanga"))
    assert len(index) == len(ACTORS) + 1
    assert reasons_of(index.match("Colegio La Salle")) == {"lasalle": "contains"}


def test_model_like_objects_and_one_off_matching_work():
    class Actor:
        def __init__(self, id, name):
            self.id, self.name = id, name  # no acronym, no aliases attribute at all

    match = match_name("alcaldia de bucaramanga", [Actor(7, "Alcaldía de Bucaramanga")])
    assert (match.outcome, match.actor.actor_id) == ("exact", 7)


def test_an_acronym_that_is_also_another_actors_initials_is_ambiguous():
    parks = [ActorEntry(1, "Parque Tecnológico de Charalá", "PTC"), ActorEntry(2, "Parque Tecnológico de Cimitarra")]
    match = ActorIndex(parks).match("PTC")
    assert match.outcome == "near"
    assert [(c.actor_id, c.reason, c.via) for c in match.near] == [
        (1, "ambiguous", "PTC"), (2, "ambiguous", "Parque Tecnológico de Cimitarra")]
    parks[1] = parks[1]._replace(acronym="PTCI")  # its own known acronym: "PTC" means the other park
    assert ActorIndex(parks).match("PTC").actor.actor_id == 1


def test_two_actors_with_one_name_are_ambiguous_not_exact():
    index = ActorIndex([ActorEntry(1, "Red de Emprendimiento"), ActorEntry(2, "Red de Emprendimiento")])
    match = index.match("red de emprendimiento")
    assert match.outcome == "near"
    assert [(c.actor_id, c.reason, c.via) for c in match.near] == [
        (1, "ambiguous", "Red de Emprendimiento"), (2, "ambiguous", "Red de Emprendimiento")]


def test_normalisation():
    assert normalise("  Alcaldía   de BUCARAMANGA. ") == "alcaldia de bucaramanga"
    assert normalise("U. de Santander") == "universidad de santander"
    assert normalise("Fund. Corp. Sec. Min. Gob. Univ.") == \
        "fundacion corporacion secretaria ministerio gobernacion universidad"
    assert normalise("EMPAS S.A. E.S.P.") == "empas"
    assert normalise("Niñez y Adolescencia") == "ninez y adolescencia"
    assert tokens("U.I.S.") == ("uis",)
    assert initials(tokens("Universidad Industrial de Santander")) == "uis"
    assert initials(tokens("Cámara de Comercio de Bucaramanga")) == "ccb"
    assert initials(tokens("SENA")) == ""
