"""Socket events of the map: the moderators review, live, what the board proposed."""
from typing import Annotated

from pydantic import Field

from ..realtime import Payload, live_event, publish
from . import actors, assessments, review
from .models import NAME_LENGTH
from .review import MAX_SPLIT
from .views import actor_brief, assessment_view, entry_view, on_workshop_map

ActorName = Annotated[str, Field(min_length=1, max_length=NAME_LENGTH)]


class EntryConfirm(Payload):
    entry_id: int
    actor_id: int | None = None
    new_name: ActorName | None = None


class EntrySplit(Payload):
    entry_id: int
    names: list[ActorName] = Field(min_length=2, max_length=MAX_SPLIT)


class EntryRef(Payload):
    entry_id: int


Score = Annotated[int, Field(ge=1, le=5)]


class ActorScore(Payload):
    actor_id: int
    influence: Score
    interest: Score


class ActorMerge(Payload):
    source_id: int
    target_id: int


@live_event("entry:confirm", EntryConfirm, moderator=True)
def on_confirm(conn, data):
    entry = review.confirm_entry(data.entry_id, conn.user_id, conn.workshop_id, data.actor_id, data.new_name)
    return {"entry": entry_view(entry)}


@live_event("entry:reassign", EntryConfirm, moderator=True)
def on_reassign(conn, data):
    entry = review.reassign_entry(data.entry_id, conn.user_id, conn.workshop_id, data.actor_id, data.new_name)
    return {"entry": entry_view(entry)}


@live_event("entry:split", EntrySplit, moderator=True)
def on_split(conn, data):
    return {"entries": [entry_view(e) for e in review.split_entry(data.entry_id, data.names, conn.user_id,
                                                                   conn.workshop_id)]}


@live_event("entry:discard", EntryRef, moderator=True)
def on_discard(conn, data):
    return {"entry": entry_view(review.discard_entry(data.entry_id, conn.user_id, conn.workshop_id))}


@live_event("actor:merge", ActorMerge, moderator=True)
def on_merge(conn, data):
    target = actors.merge_actors(data.source_id, data.target_id)
    merged = {"source_id": data.source_id, "target": actor_brief(target.id)}
    publish(conn.workshop_id, "map.actor_merged", {"source_id": data.source_id}, merged)
    return merged


@live_event("actor:assess", ActorScore, moderator=True)
def on_assess(conn, data):
    assessment = assessments.set_assessment(on_workshop_map(conn.workshop_id, data.actor_id), conn.workshop_id,
                                            data.influence, data.interest, conn.user_id)
    return {"assessment": publish_assessment(conn, assessment)}


@live_event("actor:rate", ActorScore)
def on_rate(conn, data):
    assessment = assessments.rate(on_workshop_map(conn.workshop_id, data.actor_id), conn.workshop_id, conn.user_id,
                                  data.influence, data.interest)
    view = publish_assessment(conn, assessment)  # moderators see the medians; a participant their own answer
    return {"assessment": view if conn.is_moderator else
            {"actor_id": assessment.actor_id, "mine": {"influence": data.influence, "interest": data.interest}}}


def publish_assessment(conn, assessment):
    view = assessment_view(assessment)
    publish(conn.workshop_id, "map.assessment", {"actor_id": assessment.actor_id}, view)
    return view
