"""Socket events of the map: the moderators review, live, what the board proposed."""
from typing import Annotated

from pydantic import Field

from ..realtime import Payload, live_event, publish
from . import actors, review
from .models import NAME_LENGTH
from .review import MAX_SPLIT
from .views import actor_brief, entry_view

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
