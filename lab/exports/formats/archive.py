"""JSON archives, the pure part: a document with a format name, a schema version and a kind
("workshop", "lab", ...) around the content, written deterministically (sorted keys, UTF-8,
dates in ISO 8601) and read back with hard limits.

Reading never trusts the file: its size is checked before anything else; then one linear scan
(a regular expression with possessive repeats: no backtracking, no recursion) measures nesting
depth, the number of items and every string's length before the JSON parser runs, so the parser
only ever sees shallow, bounded input. While parsing, numbers beyond range, NaN and Infinity and
repeated keys are refused. Every refusal is an ArchiveError whose message says, in the reader's
language, what is wrong and where.
"""
import json
import math
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from enum import Enum

from flask_babel import lazy_gettext as _l

FORMAT = "cocrea-archive"
SCHEMA_VERSION = 1


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 64 * 1024 * 1024
    max_depth: int = 32          # objects and arrays inside each other
    max_items: int = 2_000_000   # values in arrays and members of objects, all together
    max_string: int = 100_000    # characters of one string (or key), as written in the file
    max_digits: int = 20         # digits of one number


DEFAULT_LIMITS = Limits()

# A whole string (possessive: matched once, never backtracked), a structural character, or a
# quote that opens a string never closed.
TOKENS = re.compile(r'"(?:[^"\\]++|\\.)*+"|[\[\]{},]|"', re.DOTALL)


class ArchiveError(ValueError):
    """The archive cannot be read; `message` says why, for a person; `code` for programs."""

    def __init__(self, code, message):
        super().__init__(code)
        self.code = code
        self.message = message

    def __str__(self):
        return str(self.message)


@dataclass(frozen=True)
class Archive:
    kind: str
    schema_version: int
    generated_at: str
    content: dict


# -- writing ------------------------------------------------------------------------------------

def write_archive(kind: str, content: dict, *, generated_at: datetime, schema_version=SCHEMA_VERSION) -> bytes:
    """The archive's bytes: the same content always gives the same bytes."""
    document = {"format": FORMAT, "schema_version": schema_version, "kind": kind,
                "generated_at": generated_at, "content": content}
    text = json.dumps(document, sort_keys=True, ensure_ascii=False, separators=(",", ":"),
                      allow_nan=False, default=_json_value)
    return text.encode("utf-8")


def _json_value(value):
    if isinstance(value, datetime):
        if value.utcoffset() is None:
            raise TypeError(f"naive datetime {value!r} in an archive: give it a time zone")
        return value.astimezone(UTC).isoformat().replace("+00:00", "Z")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, Enum):
        return value.value
    raise TypeError(f"{type(value).__name__} cannot go into an archive")


# -- reading ------------------------------------------------------------------------------------

def read_archive(data: bytes, *, limits: Limits = DEFAULT_LIMITS, kinds=None,
                 supported: int = SCHEMA_VERSION) -> Archive:
    """The archive in `data`, or ArchiveError. `kinds`: the kinds accepted here (None: any)."""
    text = _decoded(data, limits)
    _scan(text, limits)
    document = _parsed(text, limits)
    return _envelope(document, kinds, supported)


def _decoded(data, limits):
    if len(data) > limits.max_bytes:
        raise ArchiveError("too_large", _l(
            "El archivo pesa %(size)s y el máximo es %(limit)s.",
            size=_size(len(data), math.ceil), limit=_size(limits.max_bytes, math.floor)))
    if not data.strip():
        raise ArchiveError("empty", _l("El archivo está vacío."))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ArchiveError("encoding", _l(
            "El archivo no está en UTF-8 (byte %(position)s): no es un archivo exportado por Cocrea.",
            position=error.start + 1)) from None


def _scan(text, limits):
    """Depth, item count and string lengths, in one pass before the parser sees anything."""
    depth = items = 0
    for match in TOKENS.finditer(text):
        start = match.start()
        char = text[start]
        if char == '"':
            if match.end() - start == 1:
                raise ArchiveError("malformed", _l("Hay un texto sin cerrar (falta la comilla final) en la "
                                                   "línea %(line)s.", line=_line(text, start)))
            if match.end() - start - 2 > limits.max_string:
                raise ArchiveError("string_too_long", _l(
                    "La línea %(line)s tiene un texto de más de %(limit)s caracteres.",
                    line=_line(text, start), limit=limits.max_string))
            continue
        if char in "[{":
            depth += 1
            if depth > limits.max_depth:
                raise ArchiveError("too_deep", _l(
                    "El archivo anida datos a más de %(limit)s niveles (línea %(line)s); un archivo de "
                    "Cocrea nunca llega a tanto.", limit=limits.max_depth, line=_line(text, start)))
        elif char in "]}":
            depth -= 1
            continue
        items += 1
        if items > limits.max_items:
            raise ArchiveError("too_many_items", _l(
                "El archivo tiene más de %(limit)s elementos, más de lo que esta instalación importa.",
                limit=limits.max_items))


def _parsed(text, limits):
    def number(literal, kind):
        if sum(c.isdigit() for c in literal) > limits.max_digits:
            raise _number_error(literal)
        value = kind(literal)
        if isinstance(value, float) and not -1e308 < value < 1e308:
            raise _number_error(literal)
        return value

    try:
        return json.loads(text, object_pairs_hook=_object, parse_constant=_constant,
                          parse_int=lambda s: number(s, int), parse_float=lambda s: number(s, float))
    except json.JSONDecodeError as error:
        raise ArchiveError("malformed", _l(
            "El archivo no es un JSON válido: hay un error en la línea %(line)s, columna %(column)s.",
            line=error.lineno, column=error.colno)) from None


def _object(pairs):
    result = dict(pairs)
    if len(result) != len(pairs):
        seen = set()
        repeated = next(key for key, _value in pairs if key in seen or seen.add(key))
        raise ArchiveError("duplicate_key", _l("Un mismo objeto repite la clave «%(key)s».",
                                               key=_shortened(repeated)))
    return result


def _constant(literal):
    raise _number_error(literal)


def _number_error(literal):
    return ArchiveError("number", _l("El número %(number)s no es válido o está fuera de rango.",
                                     number=_shortened(literal)))


def _envelope(document, kinds, supported):
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ArchiveError("not_archive", _l(
            "No es un archivo de Cocrea: le falta «format»: «%(format)s».", format=FORMAT))
    version = document.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ArchiveError("bad_version", _l(
            "La versión del formato («schema_version») debe ser un número entero desde 1."))
    if version > supported:
        raise ArchiveError("newer_version", _l(
            "El archivo usa la versión %(found)s del formato y esta instalación lee hasta la versión "
            "%(supported)s: actualiza Cocrea antes de importarlo.", found=version, supported=supported))
    kind = document.get("kind")
    if not isinstance(kind, str) or not kind:
        raise ArchiveError("no_kind", _l("El archivo no dice qué contiene («kind»)."))
    if kinds is not None and kind not in kinds:
        raise ArchiveError("wrong_kind", _l(
            "El archivo contiene «%(found)s» y aquí se importa: %(expected)s.",
            found=_shortened(kind), expected=", ".join(sorted(kinds))))
    if not isinstance(document.get("content"), dict):
        raise ArchiveError("bad_content", _l("El contenido del archivo («content») debe ser un objeto."))
    generated_at = document.get("generated_at")
    return Archive(kind=kind, schema_version=version, content=document["content"],
                   generated_at=generated_at if isinstance(generated_at, str) else "")


def _line(text, position):
    return text.count("\n", 0, position) + 1


def _size(size, rounding):
    """Whole KB or MB (the file's size rounded up, the limit down: never a misleading pair)."""
    unit, name = (1024 * 1024, "MB") if size >= 1024 * 1024 else (1024, "KB")
    return f"{max(1, rounding(size / unit))} {name}"


def _shortened(value, length=40):
    text = str(value)
    return text if len(text) <= length else text[:length] + "…"
