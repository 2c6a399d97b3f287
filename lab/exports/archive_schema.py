"""The shape of an archive's content (schema version 1), checked before anything is written:
every field typed strictly (no "5" for 5), every text within its column's length, unknown fields
refused. References are checked after the shape (archive_in.py)."""
from datetime import datetime
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from ..vocab import AGENDA_KINDS, CATEGORIES, IDEA_COLORS, MODALITIES, ORG_TYPES, REVEAL_MODES, ROLES, STATUSES


def _moment(value):
    """ISO 8601 with a zone (the archive writes UTC, "...Z"); anything else is refused."""
    if not isinstance(value, str) or len(value) > 40:
        raise ValueError("not a date-time text")
    moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    if moment.utcoffset() is None:
        raise ValueError("a date-time without its time zone")
    return moment


Moment = Annotated[datetime, BeforeValidator(_moment)]
Ref = Annotated[int, Field(ge=1, le=10_000_000)]
Small = Annotated[int, Field(ge=0, le=1_000_000)]


def text(length):
    return Annotated[str, Field(max_length=length)]


def key_of(vocabulary):
    return Annotated[str, Field(pattern="^(" + "|".join(vocabulary) + ")$")]


class Shape(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class Person(Shape):
    email: Annotated[str, Field(min_length=3, max_length=254, pattern=r"^[^@\s]+@[^@\s]+$")]
    name: text(120)
    organisation: text(160)
    org_type: key_of(ORG_TYPES)
    position: text(120)
    phone: text(40)
    role: key_of(ROLES)
    consent_version: Annotated[str, Field(min_length=1, max_length=20)]
    consent_at: Moment
    locale: text(8)
    created_at: Moment


class AgendaItem(Shape):
    position: Small
    title: Annotated[str, Field(min_length=1, max_length=200)]
    minutes: Small
    presenter: text(160)
    kind: key_of(AGENDA_KINDS)


class Activity(Shape):
    agenda_item: Ref | None
    position: Small
    title: Annotated[str, Field(min_length=1, max_length=200)]
    instructions: text(20_000)


class Prompt(Shape):
    activity: Ref
    position: Small
    text: Annotated[str, Field(min_length=1, max_length=500)]
    seconds: Small
    reveal_mode: key_of(REVEAL_MODES)
    asks_actor: bool
    asks_category: bool
    is_open: bool
    revealed: bool
    anonymous: bool
    opened_at: Moment | None


class Cluster(Shape):
    prompt: Ref
    name: Annotated[str, Field(min_length=1, max_length=120)]
    created_at: Moment


class Idea(Shape):
    prompt: Ref
    author: Ref | None
    client_id: Annotated[str, Field(min_length=1, max_length=64)]
    text: Annotated[str, Field(min_length=1, max_length=500)]
    actor_name: text(160)
    category: Annotated[str, Field(pattern="^(" + "|".join(CATEGORIES) + ")?$")]
    color: key_of(IDEA_COLORS)
    hidden: bool
    merged_into: Ref | None
    cluster: Ref | None
    created_at: Moment
    updated_at: Moment


class Vote(Shape):
    person: Ref
    option: Ref
    count: Small


class VoteRound(Shape):
    prompt: Ref
    target: Annotated[str, Field(pattern="^(ideas|clusters)$")]
    budget: Small
    max_per_target: Small
    status: Annotated[str, Field(pattern="^(open|closed)$")]
    opened_at: Moment
    closed_at: Moment | None
    votes: Annotated[list[Vote], Field(max_length=1_000_000)]


class Hand(Shape):
    person: Ref | None
    state: Annotated[str, Field(pattern="^(raised|speaking|done|lowered)$")]
    raised_at: Moment
    floor_at: Moment | None
    ended_at: Moment | None


class AttendanceInterval(Shape):
    person: Ref | None
    name: text(120)
    email: text(254)
    organisation: text(160)
    org_type: text(32)
    position: text(120)
    role: key_of(ROLES)
    joined_at: Moment
    left_at: Moment | None


class AuditEntry(Shape):
    person: Ref | None
    action: Annotated[str, Field(min_length=1, max_length=40)]
    detail: dict[str, Any]
    at: Moment


class Participant(Shape):
    person: Ref
    joined_at: Moment


class LiveTimes(Shape):
    started_at: Moment | None
    closed_at: Moment | None
    agenda_since: Moment | None
    projector_mode: Annotated[str, Field(min_length=1, max_length=16)]
    agenda_spent: Annotated[dict[Annotated[str, Field(pattern=r"^[1-9][0-9]{0,6}$")], float | int],
                            Field(max_length=1000)]


class Workshop(Shape):
    title: Annotated[str, Field(min_length=1, max_length=200)]
    entity: text(200)
    starts_at: Moment | None
    timezone: Annotated[str, Field(min_length=1, max_length=64)]
    modality: key_of(MODALITIES)
    meeting_link: text(500)
    objective: text(20_000)
    purpose: text(20_000)
    rules: Annotated[list[dict[str, str]], Field(max_length=100)]
    status: key_of(STATUSES)
    template_key: text(120)
    created_at: Moment
    moderators: list[Ref]
    participants: list[Participant]
    live: LiveTimes | None
    agenda: list[AgendaItem]
    activities: list[Activity]
    prompts: list[Prompt]
    clusters: list[Cluster]
    ideas: list[Idea]
    vote_rounds: list[VoteRound]
    hands: list[Hand]
    attendance: list[AttendanceInterval]
    audit: list[AuditEntry]


class Content(Shape):
    people: list[Person]
    workshops: list[Workshop]
