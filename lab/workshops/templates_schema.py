"""The shape of a workshop template file (workshops/*.yaml), checked with pydantic.

Anything not listed here is an error, so a misspelt field never vanishes silently.
"""
from typing import Annotated, Literal

from flask_babel import gettext as _
from pydantic import BaseModel, ConfigDict, Field, field_validator

from .. import vocab

MAX_TEMPLATE_BYTES = 256 * 1024

Kind = Literal[tuple(vocab.AGENDA_KINDS)]
Modality = Literal[tuple(vocab.MODALITIES)]
Reveal = Literal[tuple(vocab.REVEAL_MODES)]


def chars(max_length, min_length=0):
    return Annotated[str, Field(min_length=min_length, max_length=max_length)]


def whole(ge, le):
    # Strict: "10" in quotes is a typo worth reporting, not something to guess at.
    return Annotated[int, Field(strict=True, ge=ge, le=le)]


Flag = Annotated[bool, Field(strict=True)]


class Spec(BaseModel):
    # Unknown fields are errors: a misspelt "minutos" must not silently fall back to a default.
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class RuleSpec(Spec):
    title: chars(120, 1)
    text: chars(1000) = ""


class AgendaItemSpec(Spec):
    title: chars(200, 1)
    minutes: whole(1, 600)
    presenter: chars(160) = ""
    kind: Kind = "charla"


class PromptSpec(Spec):
    text: chars(500, 1)
    seconds: whole(10, 3600) = 60
    reveal: Reveal = "visible"
    asks_actor: Flag = False
    asks_category: Flag = False
    anonymous: Flag = False


class ActivitySpec(Spec):
    title: chars(200, 1)
    instructions: chars(5000) = ""
    #: the agenda item it runs in: its title, or its position counting from 0
    agenda: int | str | None = None
    prompts: list[PromptSpec] = []

    @field_validator("agenda", mode="before")
    @classmethod
    def agenda_reference(cls, value):
        if value is None or (isinstance(value, int) and not isinstance(value, bool)):
            return value
        if isinstance(value, str) and value.strip():
            return value.strip()
        raise ValueError(_("Escribe el título de un punto de la agenda o su posición (desde 0)."))


class TemplateSpec(Spec):
    title: chars(200, 1)
    entity: chars(200) = ""
    modality: Modality = "virtual"
    objective: chars(5000) = ""
    purpose: chars(5000) = ""
    rules: list[RuleSpec] = []
    agenda: list[AgendaItemSpec] = []
    activities: list[ActivitySpec] = []


def agenda_index(template, reference):
    """Position in the agenda that an activity's `agenda` names, or None if it names none."""
    if isinstance(reference, int):
        return reference if 0 <= reference < len(template.agenda) else None
    titles = [item.title.casefold() for item in template.agenda]
    folded = reference.casefold()
    return titles.index(folded) if folded in titles else None


def reference_errors(template):
    """(loc, message) for every activity that points at an agenda item that does not exist."""
    errors = []
    for i, activity in enumerate(template.activities):
        if activity.agenda is not None and agenda_index(template, activity.agenda) is None:
            if isinstance(activity.agenda, int):
                message = _("No hay un punto de la agenda en la posición %(n)s (se cuenta desde 0).",
                            n=activity.agenda)
            else:
                message = _("No hay un punto de la agenda con el título «%(ref)s».", ref=activity.agenda)
            errors.append((("activities", i, "agenda"), message))
    return errors
