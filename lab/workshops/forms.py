"""Forms of the workshops slice: one small form per action, each validated on its own."""
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired, FileSize
from wtforms import BooleanField, DateField, IntegerField, SelectField, StringField, TextAreaField, TimeField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, ValidationError

from .. import vocab
from .templates_schema import MAX_TEMPLATE_BYTES

REQUIRED = _l("Este campo es obligatorio.")
WHOLE = _l("Escribe un número entero.")


def options(pairs):
    """Select options from (value, label) pairs, labels resolved in the current language."""
    return [SelectChoice(str(value), str(label)) for value, label in pairs]


def vocabulary(words):
    return options(words.items())


def too_long(n):
    return Length(max=n, message=_l("Escribe como máximo %(max)d caracteres."))


def strip(value):
    return value.strip() if isinstance(value, str) else value


def time_zone(form, field):
    try:
        ZoneInfo(field.data)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise ValidationError(
            _l("Zona horaria desconocida; usa el formato Continente/Ciudad, p. ej. America/Bogota.")) from None


def web_link(form, field):
    if not field.data:
        return
    parts = urlsplit(field.data)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise ValidationError(_l("El enlace debe empezar por http:// o https://."))


class GetForm(FlaskForm):
    """A search or lookup: changes nothing, so it travels in the URL without a CSRF token."""

    class Meta:
        csrf = False


class SearchForm(GetForm):
    q = StringField(_l("Buscar por título, código o estado"), [Optional(), too_long(200)], filters=[strip])
    status = SelectField(_l("Estado"), [Optional()], choices=[])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.status.choices = options([("", _l("Todos"))]) + vocabulary(vocab.STATUSES)


class CreateForm(FlaskForm):
    template = SelectField(_l("Plantilla"), choices=[], validate_choice=True)
    title = StringField(_l("Título"), [Optional(), too_long(200)], filters=[strip],
                        description=_l("Si usas una plantilla y lo dejas vacío, se usa el título de la plantilla."))

    def __init__(self, templates=(), *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.template.choices = options([("", _l("En blanco"))] + [(t.key, t.spec.title) for t in templates])


class WorkshopForm(FlaskForm):
    title = StringField(_l("Título"), [DataRequired(REQUIRED), too_long(200)], filters=[strip])
    entity = StringField(_l("Entidad que convoca"), [Optional(), too_long(200)], filters=[strip])
    date = DateField(_l("Fecha"), [Optional()])
    time = TimeField(_l("Hora"), [Optional()])
    timezone = StringField(_l("Zona horaria"), [DataRequired(REQUIRED), too_long(64), time_zone], filters=[strip])
    modality = SelectField(_l("Modalidad"), choices=[])
    meeting_link = StringField(_l("Enlace de la reunión"), [Optional(), too_long(500), web_link], filters=[strip])
    objective = TextAreaField(_l("Objetivo"), [Optional(), too_long(5000)], filters=[strip])
    purpose = TextAreaField(_l("Propósito"), [Optional(), too_long(5000)], filters=[strip])
    status = SelectField(_l("Estado"), choices=[])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.modality.choices = vocabulary(vocab.MODALITIES)
        # Only the planning statuses: going live and closing happen in the console, never here.
        self.status.choices = vocabulary({key: vocab.STATUSES[key] for key in vocab.PLANNING_STATUSES})

    def validate(self, extra_validators=None):
        valid = super().validate(extra_validators)
        if not self.date.errors and not self.time.errors and bool(self.date.data) != bool(self.time.data):
            self.time.errors = [*self.time.errors, _l("Indica la fecha y la hora, o deja ambas vacías.")]
            return False
        return valid

    def details(self, to_utc):
        """The fields the service stores, the start converted from the workshop's zone to UTC."""
        return {
            "title": self.title.data, "entity": self.entity.data or "", "timezone": self.timezone.data,
            "modality": self.modality.data, "meeting_link": self.meeting_link.data or "",
            "objective": self.objective.data or "", "purpose": self.purpose.data or "",
            "starts_at": to_utc(self.date.data, self.time.data, self.timezone.data),
            **({"status": self.status.data} if "status" in self._fields else {}),
        }


class RuleForm(FlaskForm):
    title = StringField(_l("Regla"), [DataRequired(REQUIRED), too_long(120)], filters=[strip])
    text = TextAreaField(_l("Explicación"), [Optional(), too_long(1000)], filters=[strip])


class AgendaItemForm(FlaskForm):
    title = StringField(_l("Título"), [DataRequired(REQUIRED), too_long(200)], filters=[strip])
    minutes = IntegerField(_l("Minutos"), [InputRequired(WHOLE), NumberRange(1, 600, _l("Entre 1 y 600 minutos."))],
                           default=10)
    presenter = StringField(_l("Presenta"), [Optional(), too_long(160)], filters=[strip])
    kind = SelectField(_l("Tipo"), choices=[])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind.choices = vocabulary(vocab.AGENDA_KINDS)

    def values(self):
        return {"title": self.title.data, "minutes": self.minutes.data, "presenter": self.presenter.data or "",
                "kind": self.kind.data}


class ActivityForm(FlaskForm):
    title = StringField(_l("Título"), [DataRequired(REQUIRED), too_long(200)], filters=[strip])
    instructions = TextAreaField(_l("Instrucciones"), [Optional(), too_long(5000)], filters=[strip])
    agenda_item = SelectField(_l("Punto de la agenda"), choices=[])

    def __init__(self, agenda=(), *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.agenda_item.choices = options([("", _l("Ninguno"))] + [(a.id, a.title) for a in agenda])

    def values(self):
        return {"title": self.title.data, "instructions": self.instructions.data or "",
                "agenda_item_id": int(self.agenda_item.data) if self.agenda_item.data else None}


class PromptForm(FlaskForm):
    text = TextAreaField(_l("Pregunta"), [DataRequired(REQUIRED), too_long(500)], filters=[strip])
    seconds = IntegerField(_l("Segundos por aporte"),
                           [InputRequired(WHOLE), NumberRange(10, 3600, _l("Entre 10 y 3600 segundos."))], default=60)
    reveal_mode = SelectField(_l("Ideas"), choices=[])
    asks_actor = BooleanField(_l("Cada idea indica el actor que podría aportar"))
    asks_category = BooleanField(_l("Cada idea indica la categoría de capacidad"))
    anonymous = BooleanField(_l("Anónima: los participantes y el proyector no ven quién escribió cada idea"),
                             description=_l("Quienes moderan sí lo ven, para moderar."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.reveal_mode.choices = vocabulary(vocab.REVEAL_MODES)

    def values(self):
        return {"text": self.text.data, "seconds": self.seconds.data, "reveal_mode": self.reveal_mode.data,
                "asks_actor": self.asks_actor.data, "asks_category": self.asks_category.data,
                "anonymous": self.anonymous.data}


class ModeratorForm(FlaskForm):
    # No format check: the address is only looked up among existing accounts.
    email = StringField(_l("Correo de la persona"), [DataRequired(REQUIRED), too_long(254)], filters=[strip])


class MoveForm(FlaskForm):
    direction = SelectField(choices=[SelectChoice("up"), SelectChoice("down")])


class ActionForm(FlaskForm):
    """A button that changes something: only the CSRF token."""


class UploadForm(FlaskForm):
    file = FileField(_l("Archivo de plantilla (.yaml o .yml)"), [
        FileRequired(_l("Elige un archivo.")),
        FileAllowed(["yaml", "yml"], _l("Solo se aceptan archivos .yaml o .yml.")),
        FileSize(MAX_TEMPLATE_BYTES, message=_l("El archivo supera el máximo de 256 KB.")),
    ])
    overwrite = BooleanField(_l("Reemplazar la plantilla si ya existe una con el mismo nombre"))


class JoinForm(GetForm):
    code = StringField(_l("Código del taller"), [DataRequired(_l("Escribe el código del taller.")), too_long(20)],
                       filters=[strip])


def common_time_zones():
    """Zones offered as suggestions; any valid IANA zone is accepted."""
    return sorted(z for z in available_timezones() if z.startswith("America/")) + ["Europe/Madrid", "UTC"]
