"""The agenda as it ran: when each item came on screen and for how long.

How long: the live room's own agenda clock (LiveState.agenda_spent, seconds per item, and the
item on screen counted since `agenda_since`). When each item first came on screen, and how long
for a workshop run before that clock existed: replayed from the audit log (every moderator event
is there, in order, with its time): "workshop:start" shows the first item, "agenda:next"/"prev"
step, "agenda:goto" jumps, "workshop:close" ends the last one; an item shown twice adds both spans."""
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ..extensions import db
from ..live.models import LiveState
from ..realtime.models import AuditEntry
from ..vocab import AGENDA_KINDS
from ..workshops.models import AgendaItem
from .formats import Column, Kind
from .registry import WORKSHOP, Dataset, register

AGENDA_ACTIONS = ("workshop:start", "workshop:close", "agenda:next", "agenda:prev", "agenda:goto")


@dataclass
class ItemRun:
    item: AgendaItem
    first_shown: datetime | None = None
    shown_for: timedelta = timedelta(0)


def replay(items, entries, until):
    """[ItemRun] in agenda order, from the audit entries (oldest first); a span still open ends at `until`."""
    runs = {item.id: ItemRun(item) for item in items}
    order = [item.id for item in items]
    current, since = None, None

    def move(to, moment):
        nonlocal current, since
        if current is not None:
            runs[current].shown_for += max(timedelta(0), moment - since)
        current, since = to, moment
        if to is not None and runs[to].first_shown is None:
            runs[to].first_shown = moment

    for entry in entries:
        index = order.index(current) if current in order else -1
        if entry.action == "workshop:start" and current is None and order:
            move(order[0], entry.at)
        elif entry.action == "workshop:close":
            move(None, entry.at)
        elif entry.action in ("agenda:next", "agenda:prev") and order:
            target = index + (1 if entry.action == "agenda:next" else -1) if index >= 0 else 0
            if 0 <= target < len(order):
                move(order[target], entry.at)
        elif entry.action == "agenda:goto" and (entry.detail or {}).get("agenda_item_id") in runs:
            move(entry.detail["agenda_item_id"], entry.at)
    if current is not None:
        move(None, until)
    return [runs[item_id] for item_id in order]


def agenda_runs(read):
    items = db.session.scalars(select(AgendaItem).where(AgendaItem.workshop_id == read.workshop.id)
                               .order_by(AgendaItem.position, AgendaItem.id)).all()
    entries = db.session.scalars(select(AuditEntry).where(AuditEntry.workshop_id == read.workshop.id,
                                                          AuditEntry.action.in_(AGENDA_ACTIONS))
                                 .order_by(AuditEntry.at, AuditEntry.id)).all()
    live = db.session.get(LiveState, read.workshop.id)
    runs = replay(items, entries, (live.closed_at if live else None) or read.now)
    if live is not None and live.agenda_spent:
        _clocked(runs, live, read.now)
    return runs


def _clocked(runs, live, now):
    """The room's agenda clock overrides the replayed durations: it is what the console showed."""
    spent = {int(key): seconds for key, seconds in live.agenda_spent.items() if str(key).isdigit()}
    if live.agenda_item_id is not None and live.agenda_since is not None and live.closed_at is None:
        spent[live.agenda_item_id] = spent.get(live.agenda_item_id, 0) + (now - live.agenda_since).total_seconds()
    for run in runs:
        if run.item.id in spent:
            run.shown_for = timedelta(seconds=max(0.0, spent[run.item.id]))


def agenda_rows(read):
    return [(number, run.item.title, str(AGENDA_KINDS.get(run.item.kind, run.item.kind)), run.item.presenter,
             timedelta(minutes=run.item.minutes), run.first_shown,
             timedelta(seconds=int(run.shown_for.total_seconds())) if run.first_shown or run.shown_for else None)
            for number, run in enumerate(agenda_runs(read), 1)]


AGENDA = register(Dataset(
    name="agenda", order=20, title=_l("Agenda como se desarrolló"), scope=WORKSHOP, rows=agenda_rows, columns=(
        Column("position", _l("Punto"), Kind.INTEGER), Column("title", _l("Título")), Column("kind", _l("Tipo")),
        Column("presenter", _l("Presenta")), Column("planned", _l("Tiempo previsto"), Kind.DURATION),
        Column("started_at", _l("Comenzó"), Kind.DATETIME), Column("lasted", _l("Tiempo real"), Kind.DURATION))))
