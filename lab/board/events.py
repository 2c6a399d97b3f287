"""Socket events of the board: ideas, clusters, reveal and votes. Each one validates its payload and
hands it to a service."""
from typing import Annotated, Literal

from pydantic import Field, field_validator

from ..realtime import Id, Payload, live_event
from . import moderation, service, votes
from .votes import MAX_BUDGET

ClientId = Annotated[str, Field(pattern=r"^[A-Za-z0-9_-]{8,64}$")]
IdeaText = Annotated[str, Field(min_length=1, max_length=500)]
Actor = Annotated[str, Field(max_length=160)]
Key = Annotated[str, Field(max_length=16)]
ClusterName = Annotated[str, Field(min_length=1, max_length=120)]


class IdeaPost(Payload):
    client_id: ClientId
    prompt_id: Id
    text: IdeaText
    actor: Actor | None = None
    category: Key | None = None
    color: Key | None = None


class IdeaEdit(Payload):
    idea_id: Id
    text: IdeaText
    actor: Actor | None = None
    category: Key | None = None
    color: Key | None = None


class IdeaModerate(Payload):
    idea_id: Id
    text: IdeaText
    actor: Actor | None = None
    category: Key | None = None


class IdeaRef(Payload):
    idea_id: Id


class IdeaHide(Payload):
    idea_id: Id
    hidden: bool


class IdeaMerge(Payload):
    target_id: Id
    idea_ids: list[Id] = Field(min_length=1, max_length=200)


class IdeaGroup(Payload):
    idea_id: Id
    cluster_id: Id | None  # required: null takes the idea out of its cluster


class ClusterCreate(Payload):
    prompt_id: Id
    name: ClusterName


class ClusterRename(Payload):
    cluster_id: Id
    name: ClusterName


class ClusterRef(Payload):
    cluster_id: Id


class PromptRef(Payload):
    prompt_id: Id


class VoteOpen(Payload):
    prompt_id: Id
    target: Literal["ideas", "clusters"] = "ideas"
    budget: int = Field(default=3, ge=1, le=MAX_BUDGET)
    max_per_target: int | None = Field(default=None, ge=1, le=MAX_BUDGET)


class RoundRef(Payload):
    round_id: Id


class VoteCast(Payload):
    round_id: Id
    target_id: Id
    delta: int

    @field_validator("delta")
    @classmethod
    def one_vote(cls, value):
        if value not in (1, -1):
            raise ValueError("delta must be 1 or -1")
        return value


# -- anyone in the room ------------------------------------------------------------------------

@live_event("idea:post", IdeaPost, lock=False)  # locks after the rate check
def on_post(conn, data):
    return service.post_idea(conn, data)


@live_event("idea:edit", IdeaEdit)
def on_edit(conn, data):
    return service.edit_idea(conn, data)


@live_event("idea:delete", IdeaRef)
def on_delete(conn, data):
    return service.delete_idea(conn, data)


# -- moderators --------------------------------------------------------------------------------

@live_event("idea:hide", IdeaHide, moderator=True)
def on_hide(conn, data):
    return moderation.hide_idea(conn, data)


@live_event("idea:moderate", IdeaModerate, moderator=True)
def on_moderate(conn, data):
    return moderation.moderate_idea(conn, data)


@live_event("idea:merge", IdeaMerge, moderator=True)
def on_merge(conn, data):
    return moderation.merge_ideas(conn, data)


@live_event("idea:group", IdeaGroup, moderator=True)
def on_group(conn, data):
    return moderation.group_idea(conn, data)


@live_event("cluster:create", ClusterCreate, moderator=True)
def on_cluster_create(conn, data):
    return moderation.create_cluster(conn, data)


@live_event("cluster:rename", ClusterRename, moderator=True)
def on_cluster_rename(conn, data):
    return moderation.rename_cluster(conn, data)


@live_event("cluster:delete", ClusterRef, moderator=True)
def on_cluster_delete(conn, data):
    return moderation.delete_cluster(conn, data)


@live_event("prompt:reveal", PromptRef, moderator=True)
def on_reveal(conn, data):
    return moderation.reveal_prompt(conn, data)


# -- votes -------------------------------------------------------------------------------------

@live_event("vote:open", VoteOpen, moderator=True)
def on_vote_open(conn, data):
    return votes.start_round(conn, data)


@live_event("vote:close", RoundRef, moderator=True)
def on_vote_close(conn, data):
    return votes.close_round(conn, data)


@live_event("vote:cast", VoteCast)
def on_vote_cast(conn, data):
    return votes.cast_vote(conn, data)
