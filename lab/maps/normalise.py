"""Actor names reduced to comparable forms: accents, case, punctuation, abbreviations, stop words, initials."""
import re
import unicodedata

# "U.I.S.", "S.A.S.": single letters each followed by a dot are one acronym, not "Universidad I S"
# ("S.A. E.S.P." is two).
DOTTED_INITIALS = re.compile(r"(?<!\w)(?:[^\W\d_]\.){2,}")
WORDS = re.compile(r"[^\W_]+")

# Abbreviations people type on a board, folded (no accents, lower case), with their full word.
ABBREVIATIONS = {
    "u": "universidad", "univ": "universidad", "uni": "universidad",
    "corp": "corporacion", "fund": "fundacion", "asoc": "asociacion", "coop": "cooperativa",
    "sec": "secretaria", "secr": "secretaria", "sria": "secretaria",
    "min": "ministerio", "gob": "gobernacion", "alc": "alcaldia",
    "dpto": "departamento", "depto": "departamento", "dptal": "departamental",
    "mpio": "municipio", "mpal": "municipal", "nal": "nacional",
    "inst": "instituto", "cia": "compania", "ofic": "oficina",
}

# Joining words that never tell two organisations apart ("Alcaldía de Bucaramanga").
STOP_WORDS = frozenset({
    "de", "del", "la", "las", "el", "los", "y", "e", "en", "para", "por", "a", "al", "con", "o",
    "of", "the", "and", "for",
})

# Company forms: "EMPAS S.A. E.S.P." is EMPAS.
LEGAL_FORMS = frozenset({"sas", "sa", "ltda", "esp", "sca", "bic", "eu"})

# Words shared by whole families of organisations: sharing only these is no sign of the same actor.
GENERIC_WORDS = frozenset({
    "universidad", "universitaria", "universitario", "corporacion", "fundacion", "asociacion",
    "cooperativa", "secretaria", "ministerio", "alcaldia", "gobernacion", "departamento",
    "departamental", "municipio", "municipal", "nacional", "regional", "metropolitana",
    "metropolitano", "area", "camara", "comercio", "servicio", "centro", "instituto", "institucion",
    "red", "programa", "caja", "compensacion", "familiar", "parque", "tecnologico", "tecnologica",
    "colegio", "escuela", "oficina", "direccion", "agencia", "empresa", "grupo", "sociedad",
    "consejo", "comite", "mesa", "unidad", "unidades", "federacion", "colombia", "colombiana",
    "colombiano", "publica", "publico", "desarrollo", "innovacion", "ciencia", "tecnologia",
    "social", "sede", "seccional", "laboratorio", "junta", "accion", "comunal", "nodo",
    "compania", "sistema", "plan", "proyecto",
})


def fold(text):
    """Lower case without accents: "Alcaldía" and "ALCALDIA" fold alike (ñ becomes n)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _join_initials(match):
    return match.group(0).replace(".", "") + " "


def raw_words(name):
    """The words of a name as written, folded, with dotted initials joined ("S.A.S." -> "sas")."""
    return WORDS.findall(fold(DOTTED_INITIALS.sub(_join_initials, name)))


def tokens(name):
    """The words of a name, folded, abbreviations expanded, company forms dropped; stop words kept."""
    words = (ABBREVIATIONS.get(word, word) for word in raw_words(name))
    return tuple(word for word in words if word not in LEGAL_FORMS)


def normalise(name):
    """The comparable spelling of a name: equal only when just accents, case, punctuation, spacing,
    abbreviations or a company form differ."""
    return " ".join(tokens(name))


def key_tokens(words):
    """The words that tell an organisation apart (stop words dropped, unless nothing would be left)."""
    kept = tuple(word for word in words if word not in STOP_WORDS)
    return kept or tuple(words)


def sorted_key(words):
    """Key words, each once, in alphabetical order: the same words in another order, repeated or
    with other stop words give the same key."""
    return " ".join(sorted(set(key_tokens(words))))


def initials(words):
    """The acronym a name suggests: "Universidad Industrial de Santander" -> "uis" (numbers whole)."""
    kept = key_tokens(words)
    if len(kept) < 2:
        return ""
    return "".join(word if word.isdigit() else word[0] for word in kept)


def compact(name):
    """Letters and digits only, folded: how an acronym compares ("U.I.S." and "uis" -> "uis")."""
    return "".join(WORDS.findall(fold(name)))


def is_distinctive(word):
    """A word that can tell one organisation from another (not a family word, not a lone letter)."""
    return len(word) > 1 and word not in GENERIC_WORDS and word not in STOP_WORDS
