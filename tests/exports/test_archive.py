"""JSON archives: deterministic writing, and hostile files refused before or while parsing,
with a message that says what is wrong."""
import json
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

import pytest
from flask_babel import force_locale

from lab.exports.formats import SCHEMA_VERSION, ArchiveError, Limits, read_archive, write_archive
from lab.exports.formats import archive as archive_module

GENERATED = datetime(2026, 3, 14, 9, 0, tzinfo=timezone(timedelta(hours=-5)))
SMALL = Limits(max_bytes=4096, max_depth=6, max_items=50, max_string=40, max_digits=12)


def ideas(count):
    return [{"id": n, "text": f"Idea {n}: ¿qué aporta la UIS? ñ", "votes": n % 7, "hidden": n % 5 == 0,
             "posted_at": GENERATED + timedelta(seconds=n), "score": Decimal("2.50"), "tags": ["físicas"]}
            for n in range(count)]


def archive_bytes(**document):
    base = {"format": "cocrea-archive", "schema_version": 1, "kind": "workshop", "generated_at": "x", "content": {}}
    return json.dumps({**base, **document}).encode()


def refused(data, limits=SMALL, **kwargs):
    with pytest.raises(ArchiveError) as caught:
        read_archive(data, limits=limits, **kwargs)
    return caught.value


def test_round_trip_with_iso_dates_decimals_as_text_and_utf8():
    content = {"workshop": {"title": "Mapeo de capacidades", "day": date(2026, 3, 14)}, "ideas": ideas(3)}
    data = write_archive("workshop", content, generated_at=GENERATED)
    assert "¿qué aporta la UIS? ñ".encode() in data  # UTF-8, not \u escapes
    result = read_archive(data)
    assert (result.kind, result.schema_version) == ("workshop", SCHEMA_VERSION)
    assert result.generated_at == "2026-03-14T14:00:00Z"
    assert result.content["workshop"] == {"title": "Mapeo de capacidades", "day": "2026-03-14"}
    assert result.content["ideas"][1] == {"id": 1, "text": "Idea 1: ¿qué aporta la UIS? ñ", "votes": 1,
                                          "hidden": False, "posted_at": "2026-03-14T14:00:01Z", "score": "2.50",
                                          "tags": ["físicas"]}


def test_the_same_content_gives_the_same_bytes_whatever_the_key_order():
    one = write_archive("lab", {"b": 1, "a": {"y": 2, "x": [3, {"d": 4, "c": 5}]}}, generated_at=GENERATED)
    two = write_archive("lab", {"a": {"x": [3, {"c": 5, "d": 4}], "y": 2}, "b": 1}, generated_at=GENERATED)
    assert one == two
    assert one.index(b'"content"') < one.index(b'"format"') < one.index(b'"kind"') < one.index(b'"schema_version"')


@pytest.mark.parametrize("value, error", [
    (datetime(2026, 3, 14, 9, 0), "naive datetime"),
    ({1, 2}, "set cannot go into an archive"),
    (float("nan"), "Out of range float"),
])
def test_values_without_a_faithful_json_form_are_refused_when_writing(value, error):
    with pytest.raises((TypeError, ValueError), match=error):
        write_archive("lab", {"value": value}, generated_at=GENERATED)


HOSTILE = [
    ("too_large", b"[" + b" " * 5000 + b"]", "El archivo pesa 5 KB y el máximo es 4 KB."),
    ("empty", b"  \n ", "El archivo está vacío."),
    ("encoding", b'{"a": "\xff"}', "no está en UTF-8 (byte 8)"),
    ("too_deep", b"[" * 7 + b"]" * 7, "anida datos a más de 6 niveles (línea 1)"),
    ("too_deep", b'{"a":\n' * 3 + b"[" * 3000, "anida datos a más de 6 niveles (línea 4)"),
    ("too_many_items", b"[" + b"0," * 60 + b"0]", "más de 50 elementos"),
    ("string_too_long", b'{\n"t": "' + b"a" * 41 + b'"}', "La línea 2 tiene un texto de más de 40 caracteres."),
    ("string_too_long", b'{"' + b"k" * 41 + b'": 1}', "más de 40 caracteres"),
    ("malformed", b'{"a": "sin cerrar}', "texto sin cerrar"),
    ("malformed", b'{"a": 1,\n "b": }', "línea 2, columna 7"),
    ("malformed", b"{'a': 1}", "no es un JSON válido"),
    ("number", b'{"a": NaN}', "El número NaN no es válido"),
    ("number", b'{"a": -Infinity}', "-Infinity"),
    ("number", b'{"a": 1e999}', "1e999"),
    ("number", b'{"a": 1234567890123}', "1234567890123"),
    ("duplicate_key", b'{"a": 1, "a": 2}', "repite la clave «a»"),
    ("not_archive", b"[1, 2]", "No es un archivo de Cocrea"),
    ("not_archive", archive_bytes(format="otro"), "«format»: «cocrea-archive»"),
    ("bad_version", archive_bytes(schema_version="1"), "número entero desde 1"),
    ("bad_version", archive_bytes(schema_version=True), "número entero desde 1"),
    ("bad_version", archive_bytes(schema_version=0), "número entero desde 1"),
    ("newer_version", archive_bytes(schema_version=SCHEMA_VERSION + 1),
     f"versión {SCHEMA_VERSION + 1} del formato y esta instalación lee hasta la versión {SCHEMA_VERSION}"),
    ("no_kind", archive_bytes(kind=""), "no dice qué contiene"),
    ("no_kind", archive_bytes(kind=["workshop"]), "no dice qué contiene"),
    ("bad_content", archive_bytes(content=[]), "«content») debe ser un objeto"),
]


@pytest.mark.parametrize("code, data, message", HOSTILE, ids=[f"{c}-{i}" for i, (c, _, _) in enumerate(HOSTILE)])
def test_hostile_archives_are_refused_with_a_message_that_says_what_is_wrong(code, data, message):
    error = refused(data)
    assert error.code == code
    assert message in str(error)


@pytest.mark.parametrize("data", [
    b"[" * 1_000_000,                                  # far deeper than the C parser's recursion limit
    b"[" + b"{}," * 1_000_000 + b"{}]",                  # a million items
    b'["' + b"\\n" * 1_000_000 + b'"]',                 # one huge string of escapes
    b"0" * 3_000_000,                                  # too big
], ids=["deep", "wide", "long-string", "big"])
def test_the_parser_never_sees_deep_wide_long_or_big_input(data, monkeypatch):
    def parser_reached(*args, **kwargs):
        raise AssertionError("the JSON parser was reached")

    monkeypatch.setattr(archive_module.json, "loads", parser_reached)
    limits = Limits(max_bytes=2_500_000, max_depth=32, max_items=100_000, max_string=100_000)
    assert refused(data, limits).code in {"too_deep", "too_many_items", "string_too_long", "too_large"}


def test_escaped_quotes_and_brackets_inside_strings_are_not_structure():
    text = r'["a \" [[[[[[[[ {{{{ ,,,,,,,, \\", "\\\\"]'
    content = {"text": json.loads(text)}
    data = write_archive("workshop", content, generated_at=GENERATED)
    assert read_archive(data, limits=Limits(max_depth=3, max_items=10)).content == content


def test_only_the_expected_kinds_are_read():
    data = write_archive("lab", {}, generated_at=GENERATED)
    error = refused(data, Limits(), kinds={"workshop"})
    assert error.code == "wrong_kind" and "El archivo contiene «lab» y aquí se importa: workshop." == str(error)
    assert read_archive(data, kinds={"lab", "workshop"}).kind == "lab"


def test_a_byte_order_mark_is_tolerated():
    data = b"\xef\xbb\xbf" + write_archive("lab", {"a": 1}, generated_at=GENERATED)
    assert read_archive(data).content == {"a": 1}


def test_ten_thousand_ideas_fit_the_default_limits():
    data = write_archive("workshop", {"ideas": ideas(10_000)}, generated_at=GENERATED)
    assert len(read_archive(data).content["ideas"]) == 10_000


def test_messages_follow_the_language(app):
    error = refused(archive_bytes(schema_version=SCHEMA_VERSION + 1))
    with app.app_context(), force_locale("en"):
        assert str(error).startswith(f"The file uses version {SCHEMA_VERSION + 1} of the format")
