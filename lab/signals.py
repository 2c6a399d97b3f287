"""Cross-slice reactions: a slice announces what happened; the slices that care react to it.

A slice never imports a slice above it. When a change in one slice must change another slice's rows
(closing a workshop closes its vote round; deleting an account anonymises ideas and attendance), the
lower slice sends one of these signals and the higher slice connects a receiver in its `init_app`.
Rules every signal keeps:

- it is sent inside the transaction of the change, after the change is flushed: a receiver reads
  and writes through `db.session`, flushes at most, and never commits;
- a receiver may refuse by raising `lab.errors.Refused`: the whole change is then rolled back;
- receivers are module-level functions (blinker keeps weak references) and their order is not
  defined: each one touches only its own slice's rows.

Every signal's sender and keyword arguments are listed here, so this file is the map of who reacts
to what (docs/architecture.md).
"""
from blinker import Namespace

_signals = Namespace()

# -- realtime -------------------------------------------------------------------------------------

#: sender: the new `realtime.Connection`; `user`: its account. In the connect transaction, before
#: the socket joins its rooms. Attendance opens an interval.
socket_connected = _signals.signal("socket-connected")

#: sender: the `realtime.Connection` that closed. In its own transaction. Attendance closes the interval.
socket_disconnected = _signals.signal("socket-disconnected")

# -- accounts -------------------------------------------------------------------------------------

#: sender: the `User` about to be deleted. Each slice removes or anonymises its rows about them.
account_deleting = _signals.signal("account-deleting")

#: sender: a `User`. Each slice returns `{key: [JSON-ready rows]}` of what it holds about them, for
#: the person's own download (Ley 1581 de 2012).
personal_data = _signals.signal("personal-data")

#: sender: a `User` who joined as a guest (`guest_workshop_id` set) and is setting a password, so
#: keeps the account. The workshop they joined as a guest must stay theirs.
guest_kept_account = _signals.signal("guest-kept-account")

# -- workshops ------------------------------------------------------------------------------------

#: sender: None; `prompt_ids`: prompts about to be deleted. Each slice returns how many of its rows
#: hang on them; the deletion is refused when any do.
prompts_in_use = _signals.signal("prompts-in-use")

#: sender: the `Workshop` about to be deleted, with everything hanging on it. A slice that must keep
#: it refuses (the diagnosis: a published version cites it); the others let their rows go with it.
workshop_deleting = _signals.signal("workshop-deleting")

# -- live -----------------------------------------------------------------------------------------

#: sender: the id of the workshop being closed, after its prompts and timers stopped. Whatever
#: still runs in the room ends (the vote round closes, with its results published).
workshop_closing = _signals.signal("workshop-closing")

# -- board ----------------------------------------------------------------------------------------

#: sender: an `Idea`; `change`: "posted", "edited", "moderated", "hidden", "shown", "grouped",
#: "merged" (the idea was folded into `idea.merged_into_id`), "unmerged" or "deleted" (the row is
#: about to go). On the hot path of every idea posted: a receiver adds no statement it can avoid.
idea_changed = _signals.signal("idea-changed")
