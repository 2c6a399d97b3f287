"""Reading workshop templates from disk and from uploads, with errors that name file, line and field.

Templates are read each time they are listed: editing a file takes effect at once, and a broken
file is reported and skipped instead of stopping the app.
"""
import os
import re
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from flask_babel import gettext as _
from pydantic import ValidationError

from .templates_schema import MAX_TEMPLATE_BYTES, TemplateSpec, reference_errors

EXTENSIONS = (".yaml", ".yml")
KEY = re.compile(r"^\w[\w.-]{0,119}$")
FILE_FIELD = "archivo"
#: how deep lists and groups may nest: a template needs 6 (activities > prompts > fields)
MAX_NESTING = 12


@dataclass
class TemplateError:
    file: str
    line: int
    field: str
    message: str

    def __str__(self):
        return f"{self.file}:{self.line}: {self.field}: {self.message}"


@dataclass
class LoadedTemplate:
    key: str
    filename: str
    spec: TemplateSpec | None = None
    errors: list[TemplateError] = field(default_factory=list)

    @property
    def ok(self):
        return self.spec is not None and not self.errors


class _Refused(yaml.MarkedYAMLError):
    """YAML that safe_load would not read the same way everywhere: tags and aliases."""


class _Loader(yaml.SafeLoader):
    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            raise _Refused(problem=_("no se permiten alias (*)"), problem_mark=event.start_mark)
        if getattr(event, "tag", None) not in (None, "!"):
            raise _Refused(problem=_("no se permiten etiquetas (%(tag)s)", tag=event.tag),
                           problem_mark=event.start_mark)
        return super().compose_node(parent, index)


def parse(data, filename):
    """(TemplateSpec or None, errors) for the bytes of one template file."""
    if len(data) > MAX_TEMPLATE_BYTES:
        return None, [TemplateError(filename, 1, FILE_FIELD, _("El archivo supera el máximo de 256 KB."))]
    try:
        source = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return None, [TemplateError(filename, line, FILE_FIELD, _("El archivo no está codificado en UTF-8."))]
    root, document, error = _read_yaml(source, filename)
    if error:
        return None, [error]
    if root is None:
        return None, [TemplateError(filename, 1, FILE_FIELD, _("El archivo está vacío."))]
    if not isinstance(document, dict):
        line = root.start_mark.line + 1 if root is not None else 1
        message = _("El archivo debe ser un grupo de campos (clave: valor), empezando por «title:».")
        return None, [TemplateError(filename, line, FILE_FIELD, message)]
    errors = _duplicate_keys(root, filename)
    try:
        spec = TemplateSpec.model_validate(document)
    except ValidationError as exc:
        errors += [_error(root, filename, e["loc"], _message(e)) for e in exc.errors()]
        return None, sorted(errors, key=lambda e: e.line)
    errors += [_error(root, filename, loc, message) for loc, message in reference_errors(spec)]
    return (None if errors else spec), sorted(errors, key=lambda e: e.line)


def _read_yaml(source, filename):
    too_deep = _nesting_error(source, filename)
    if too_deep:
        return None, None, too_deep
    loader = _Loader(source)
    try:
        root = loader.get_single_node()
        return root, (loader.construct_document(root) if root is not None else None), None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        return None, None, TemplateError(filename, line, FILE_FIELD,
                                         _("El YAML no es válido: %(problem)s.", problem=exc.problem or exc.context))
    except (yaml.YAMLError, RecursionError):
        return None, None, TemplateError(filename, 1, FILE_FIELD, _("El YAML no es válido."))
    finally:
        loader.dispose()


def _nesting_error(source, filename):
    """An error if lists and groups nest deeper than any template needs, found by reading the YAML
    events alone (no tree is built), so a hostile file is refused in a fraction of a second."""
    depth = 0
    try:
        for event in yaml.parse(source, Loader=yaml.SafeLoader):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_NESTING:
                    return TemplateError(filename, event.start_mark.line + 1, FILE_FIELD, _(
                        "El archivo anida listas o grupos a más de %(levels)d niveles.", levels=MAX_NESTING))
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        return None  # the full read below reports it, with its line
    return None


def _duplicate_keys(root, filename):
    """PyYAML keeps the last of two equal keys without a word; a person wants to know."""
    errors, pending = [], [root]
    while pending:
        node = pending.pop()
        if isinstance(node, yaml.MappingNode):
            seen = set()
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode):
                    if key.value in seen:
                        errors.append(TemplateError(filename, key.start_mark.line + 1, key.value, _("Campo repetido.")))
                    seen.add(key.value)
                pending.append(value)
        elif isinstance(node, yaml.SequenceNode):
            pending.extend(node.value)
    return errors


def _error(root, filename, loc, message):
    return TemplateError(filename, line_of(root, loc), field_path(loc), message)


def line_of(root, loc):
    """Line (from 1) of the deepest node of the document that `loc` reaches."""
    node, line = root, root.start_mark.line + 1
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            match = next(((k, v) for k, v in node.value
                          if isinstance(k, yaml.ScalarNode) and k.value == str(part)), None)
            if match is None:
                break
            line, node = match[0].start_mark.line + 1, match[1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
            node = node.value[part]
            line = node.start_mark.line + 1
        else:
            break
    return line


def field_path(loc):
    """("agenda", 2, "minutes") -> "agenda[2].minutes"."""
    path = ""
    for part in loc:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path or FILE_FIELD


def _message(error):
    """A readable Spanish message for a pydantic error."""
    kind, ctx = error["type"], error.get("ctx") or {}
    if kind == "value_error":
        return str(ctx.get("error", error["msg"]))
    if kind == "literal_error":
        options = ", ".join(re.findall(r"'([^']*)'", str(ctx.get("expected", ""))))
        return _("Valor no permitido. Usa uno de: %(options)s.", options=options)
    simple = {
        "missing": lambda: _("Falta este campo."),
        "extra_forbidden": lambda: _("Campo desconocido: revisa cómo está escrito."),
        "string_type": lambda: _("Debe ser un texto."),
        "string_too_short": lambda: _("No puede estar vacío."),
        "string_too_long": lambda: _("Admite como máximo %(n)s caracteres.", n=ctx.get("max_length")),
        "int_type": lambda: _("Debe ser un número entero."),
        "int_parsing": lambda: _("Debe ser un número entero."),
        "int_from_float": lambda: _("Debe ser un número entero."),
        "greater_than_equal": lambda: _("Debe ser al menos %(n)s.", n=ctx.get("ge")),
        "less_than_equal": lambda: _("Debe ser como máximo %(n)s.", n=ctx.get("le")),
        "bool_type": lambda: _("Debe ser true o false."),
        "bool_parsing": lambda: _("Debe ser true o false."),
        "list_type": lambda: _("Debe ser una lista (cada elemento empieza con «-»)."),
        "model_type": lambda: _("Debe ser un grupo de campos (clave: valor)."),
        "dict_type": lambda: _("Debe ser un grupo de campos (clave: valor)."),
    }
    return simple[kind]() if kind in simple else error["msg"]


def load_file(path):
    path = Path(path)
    loaded = LoadedTemplate(key=path.stem, filename=path.name)
    if not KEY.match(path.stem):
        loaded.errors.append(TemplateError(str(path), 1, FILE_FIELD, _(
            "El nombre del archivo solo puede tener letras, números, puntos, guiones y guiones bajos (sin espacios).")))
        return loaded
    try:
        if path.stat().st_size > MAX_TEMPLATE_BYTES:
            data = b"x" * (MAX_TEMPLATE_BYTES + 1)  # parse() words the refusal
        else:
            data = path.read_bytes()
    except OSError as exc:
        loaded.errors.append(TemplateError(str(path), 1, FILE_FIELD, _("No se pudo leer: %(why)s", why=exc.strerror)))
        return loaded
    loaded.spec, loaded.errors = parse(data, str(path))
    return loaded


def template_files(directory):
    folder = Path(directory)
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir()
                  if p.suffix.lower() in EXTENSIONS and not p.name.startswith(".") and p.is_file())


def list_templates(directory):
    """Every template file in the folder, valid or not, by key; a repeated key is an error."""
    loaded, keys = [], set()
    for path in template_files(directory):
        item = load_file(path)
        if item.key in keys:
            item.errors.append(TemplateError(str(path), 1, FILE_FIELD, _("Otra plantilla ya usa la clave «%(key)s».",
                                                                         key=item.key)))
            item.spec = None
        keys.add(item.key)
        loaded.append(item)
    return loaded


def slug(value):
    ascii_text = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:80].strip("-")


def upload_name(spec, client_filename):
    """A file name of our own for an upload: from its title, else its name; never a client path."""
    stem = slug(spec.title) or slug(Path(client_filename or "").stem) or "plantilla"
    return stem + ".yaml"


def save_template(directory, name, data, overwrite=False):
    """Write the template atomically; FileExistsError if the name is taken and not overwriting."""
    folder = Path(directory)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / name
    if target.exists() and not overwrite:
        raise FileExistsError(name)
    fd, temporary = tempfile.mkstemp(dir=folder, prefix=".upload-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return target
