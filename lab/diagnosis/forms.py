"""Forms of the diagnosis pages: one per action. Ranges and required fields are checked here, with
messages naming the field; the services check the domain's rules again for every caller."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, IntegerField, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, NumberRange, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from .. import vocab as lab_vocab
from ..workshops.forms import REQUIRED, options, strip, too_long, vocabulary
from . import vocab

LEVEL = _l("Elige un nivel entre 1 y 5.")
DATE = _l("Escribe una fecha válida (AAAA-MM-DD).")


def level_or_none(value):
    """A level from the form: None when left unvalidated, 0 (out of range) when not a number."""
    if value in (None, ""):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


class Checkboxes(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def mipg_choices():
    """Policies grouped by their dimension: choosing a policy says its dimension too."""
    groups = {}
    for key, (label, dimension) in vocab.MIPG_POLICIES.items():
        groups.setdefault(str(vocab.MIPG_DIMENSIONS[dimension]), []).append(SelectChoice(key, str(label)))
    order = [str(label) for label in vocab.MIPG_DIMENSIONS.values()]
    return {name: groups[name] for name in order if name in groups}


class Tagged(FlaskForm):
    mipg_policy = SelectField(_l("Política MIPG"), choices=[], default=vocab.HOME_POLICY,
                              description=_l("La dimensión MIPG es la de la política elegida."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.mipg_policy.choices = mipg_choices()

    def tag(self):
        return {"mipg_policy": self.mipg_policy.data, "mipg_dimension": vocab.policy_dimension(self.mipg_policy.data)}


class DiagnosisForm(FlaskForm):
    title = StringField(_l("Título"), [DataRequired(REQUIRED), too_long(200)], filters=[strip])
    period_start = DateField(_l("Inicio del periodo"), [InputRequired(DATE)])
    period_end = DateField(_l("Fin del periodo"), [InputRequired(DATE)])
    workshops = Checkboxes(_l("Talleres cerrados incluidos"), coerce=int, choices=[])
    method_note = TextAreaField(_l("Nota de método"), [Optional(), too_long(5000)], filters=[strip],
                                description=_l("Cómo reunieron y ponderaron la evidencia, en sus palabras."))

    def __init__(self, workshops=(), *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.workshops.choices = [(w.id, w.title) for w in workshops]


class AssessmentForm(Tagged):
    validated_level = SelectField(_l("Nivel validado"), [Optional(), NumberRange(1, 5, LEVEL)], choices=[],
                                  coerce=level_or_none, validate_choice=False)
    target_level = IntegerField(_l("Nivel objetivo"), [InputRequired(LEVEL), NumberRange(1, 5, LEVEL)])
    narrative = TextAreaField(_l("Lectura del equipo"), [Optional(), too_long(5000)], filters=[strip])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        levels = [(key, f"{key}. {label}") for key, label in vocab.LEVELS.items()]
        self.validated_level.choices = options([("", _l("Sin validar"))] + levels)


class ActionForm(Tagged):
    phase = SelectField(_l("Fase PHVA"), choices=[])
    description = TextAreaField(_l("Descripción"), [DataRequired(REQUIRED), too_long(2000)], filters=[strip])
    responsible_unit = StringField(_l("Unidad o rol responsable"), [DataRequired(REQUIRED), too_long(160)],
                                   filters=[strip], description=_l("Una dependencia o un cargo, no una persona."))
    due_date = DateField(_l("Fecha límite"), [Optional()])
    indicator = StringField(_l("Indicador"), [Optional(), too_long(300)], filters=[strip])
    status = SelectField(_l("Estado"), choices=[])
    gap = SelectField(_l("Brecha que atiende"), choices=[])

    def __init__(self, assessments=(), *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.phase.choices = vocabulary(vocab.PHVA_PHASES)
        self.status.choices = vocabulary(vocab.ACTION_STATUSES)
        self.gap.choices = options([("", _l("Ninguna"))] + [
            (f"{a.category}:{a.origin}", f"{lab_vocab.CATEGORIES[a.category]} ({vocab.ORIGINS[a.origin]})")
            for a in assessments])

    def values(self):
        category, _sep, origin = (self.gap.data or "").partition(":")
        return {"phase": self.phase.data, "description": self.description.data,
                "responsible_unit": self.responsible_unit.data, "due_date": self.due_date.data,
                "indicator": self.indicator.data or "", "status": self.status.data, "gap_category": category,
                "gap_origin": origin, **self.tag()}


class StatusForm(FlaskForm):
    status = SelectField(_l("Estado"), choices=[])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.status.choices = vocabulary(vocab.ACTION_STATUSES)


class AllyForm(FlaskForm):
    assessment = IntegerField(validators=[InputRequired()])
    actors = Checkboxes(_l("Actores"), coerce=int, choices=[], validate_choice=False)
    responsible_unit = StringField(_l("Unidad o rol responsable"), [DataRequired(REQUIRED), too_long(160)],
                                   filters=[strip])
    due_date = DateField(_l("Fecha límite"), [Optional()])
    first_step = StringField(_l("Primer paso"), [Optional(), too_long(500)], filters=[strip])


class LessonForm(Tagged):
    title = StringField(_l("Título"), [DataRequired(REQUIRED), too_long(200)], filters=[strip])
    what_happened = TextAreaField(_l("Qué pasó"), [Optional(), too_long(5000)], filters=[strip])
    what_worked = TextAreaField(_l("Qué funcionó"), [Optional(), too_long(5000)], filters=[strip])
    what_did_not = TextAreaField(_l("Qué no funcionó"), [Optional(), too_long(5000)], filters=[strip])
    recommendation = TextAreaField(_l("Recomendación"), [DataRequired(REQUIRED), too_long(5000)], filters=[strip])
    evidence = TextAreaField(_l("Evidencia"), [Optional(), too_long(5000)], filters=[strip],
                             description=_l("Dónde se ve: ideas, votaciones, documentos."))
    workshops = Checkboxes(_l("Talleres"), coerce=int, choices=[])
    # Any id may come back; the service refuses ideas from outside the diagnosis, naming the field.
    ideas = Checkboxes(_l("Ideas citadas como evidencia"), coerce=int, choices=[], validate_choice=False,
                       description=_l("Busca ideas de los talleres incluidos y marca las que sustentan la lección."))

    def __init__(self, included=(), *args, ideas=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.workshops.choices = [(w.id, w.title) for w in included]
        self.ideas.choices = list(ideas)

    def values(self):
        names = ("title", "what_happened", "what_worked", "what_did_not", "recommendation", "evidence")
        return {**{name: getattr(self, name).data or "" for name in names}, **self.tag()}


def text(label, limit=5000, **kwargs):
    return TextAreaField(label, [Optional(), too_long(limit)], filters=[strip], **kwargs)


def line(label, limit=200, **kwargs):
    return StringField(label, [Optional(), too_long(limit)], filters=[strip], **kwargs)


class PracticeForm(Tagged):
    """Form FT-1311, sections 1 to 6 (seed 004)."""

    filled_on = DateField(_l("Fecha de diligenciamiento"), [Optional()])
    name = StringField(_l("Nombre de la buena práctica"), [DataRequired(REQUIRED), too_long(200)], filters=[strip])
    unit = line(_l("Dependencia responsable"))
    unit_head = line(_l("Directivo(a) de la dependencia"), 160)
    # not "process": that name is the form's own method
    process_name = line(_l("Proceso al que pertenece"))
    team = line(_l("Equipo o grupo interno de trabajo"))
    responsible_name = line(_l("Colaborador(a) responsable"), 160)
    responsible_link = line(_l("Tipo de vinculación"), 80)
    contact_phone = line(_l("Número de contacto"), 40)
    contact_email = line(_l("Correo institucional de contacto"), 254)
    started_on = DateField(_l("Fecha de inicio de la buena práctica"), [Optional()])
    adapted_from = line(_l("Entidad de la que se adaptó (si aplica)"))
    description = text(_l("Descripción"))
    baseline = text(_l("Línea base"))
    target_population = text(_l("Población objetivo"))
    scope = text(_l("Alcance: objetivos y tiempo"))
    contribution = text(_l("Aporte de la buena práctica"))
    results = text(_l("Resultados obtenidos"))
    benefits = text(_l("Beneficios"))
    dissemination = text(_l("Difusión"))
    other_aspects = text(_l("Otros aspectos"))
    challenges = text(_l("Retos a futuro"))
    stability = text(_l("Estabilidad de la buena práctica"))
    conclusions = text(_l("Conclusiones"))
    annexes = text(_l("Anexos"), description=_l("Enlaces o soportes de la implementación."))
    criteria = Checkboxes(_l("Criterios de buena práctica que cumple"), choices=[])

    SECTIONS = {
        1: ("filled_on", "name", "unit", "unit_head", "process_name", "mipg_policy", "team", "responsible_name",
            "responsible_link", "contact_phone", "contact_email", "started_on"),
        2: ("adapted_from", "description", "baseline", "target_population", "scope"),
        3: ("contribution", "results", "benefits", "dissemination", "other_aspects"),
        4: ("challenges", "stability"),
        5: ("conclusions", "criteria"),
        6: ("annexes",),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria.choices = vocabulary(vocab.GOOD_PRACTICE_CRITERIA)

    def values(self):
        names = [name for fields in self.SECTIONS.values() for name in fields if name != "mipg_policy"]
        values = {name: getattr(self, name).data for name in names}
        values["process"] = values.pop("process_name")
        return {**values, **self.tag()}


class CompareForm(FlaskForm):
    class Meta:
        csrf = False

    other = SelectField(_l("Comparar con la versión"), choices=[], coerce=int)


