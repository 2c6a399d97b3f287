"""The map's pages: the matrix (lab-wide and per workshop) with the evidence of each cell, the
network, the power-interest grid, and the workshop's map on the projector.

The lab team sees the lab-wide map; a workshop's map is for the lab team and its moderators, and
for its participants once revealed (during the "Socialización de resultados" step, or closed).
"""
from datetime import UTC, date, datetime, time, timedelta

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from ..errors import Refused
from ..extensions import db
from ..live.models import LiveState
from ..security import role_required
from ..vocab import CATEGORIES, LINK_KINDS, SECTORS
from ..web import INVALID
from ..workshops.access import MODERATOR, workshop_for
from ..workshops.models import AgendaItem, Workshop
from .actors import find_actor
from .assessments import grid_actors, rate, set_assessment
from .grid import grid_rows, render_grid, table_headers
from .matrix import NO_SECTOR, Scope, cell_evidence, column_totals, grouped, matrix_rows
from .network import legend, network_data
from .views import on_workshop_map

bp = Blueprint("maps", __name__)


# -- who sees which map ----------------------------------------------------------------------------

def revealed(workshop):
    """Participants see their workshop's map once results are being shared, or the workshop closed."""
    if workshop.status == "closed":
        return True
    kind = db.session.scalar(select(AgendaItem.kind).join(LiveState, LiveState.agenda_item_id == AgendaItem.id)
                             .where(LiveState.workshop_id == workshop.id))
    return kind == "resultados"


def workshop_map_access(workshop_id):
    """The workshop and whether the person moderates it; participants only once revealed."""
    workshop, role = workshop_for(workshop_id)
    if role != MODERATOR and not revealed(workshop):
        abort(403)
    return workshop, role == MODERATOR


# -- filters ---------------------------------------------------------------------------------------

def _day(text):
    try:
        return datetime.combine(date.fromisoformat(text), time(), tzinfo=UTC) if text else None
    except ValueError:
        return None


def scope_from(args, workshop_id=None):
    """The filters a page was asked for; unknown values are left out and said in `problems`."""
    problems = []
    categories = tuple(c for c in args.getlist("categoria") if c in CATEGORIES)
    sectors = tuple(s for s in args.getlist("sector") if s in SECTORS or s == NO_SECTOR)
    if len(categories) != len(args.getlist("categoria")) or len(sectors) != len(args.getlist("sector")):
        problems.append(_("Algunos filtros no eran válidos y no se aplicaron."))
    since, until = _day(args.get("desde", "")), _day(args.get("hasta", ""))
    if (args.get("desde") and since is None) or (args.get("hasta") and until is None):
        problems.append(_("Las fechas van en formato AAAA-MM-DD."))
    if workshop_id is None and args.get("taller", "").isdigit():
        workshop_id = int(args["taller"])
    return Scope(workshop_id=workshop_id, categories=categories, sectors=sectors, since=since,
                 until=until + timedelta(days=1) if until else None), problems


def _workshops():
    return db.session.execute(select(Workshop.id, Workshop.title, Workshop.demo).order_by(Workshop.id.desc())).all()


def _matrix_context(scope):
    rows = matrix_rows(scope)
    categories = {key: str(label) for key, label in CATEGORIES.items()
                  if not scope.categories or key in scope.categories}
    return {"rows": rows, "groups": grouped(rows), "totals": column_totals(rows), "categories": categories,
            "all_categories": {key: str(label) for key, label in CATEGORIES.items()},
            "sectors": {key: str(label) for key, label in SECTORS.items()}}


# -- lab-wide ---------------------------------------------------------------------------------------

@bp.route("/mapa")
@role_required("lab")
def matrix():
    scope, problems = scope_from(request.args)
    return render_template("maps/matrix.html", scope=scope, problems=problems, workshop=None,
                           workshops=_workshops(), **_matrix_context(scope))


@bp.route("/mapa/evidencia/<int:actor_id>")
@login_required
def evidence(actor_id):
    """The ideas behind one actor's cell: a drawer on the matrix, a page of its own without scripts."""
    category = request.args.get("categoria") or None
    if category is not None and category not in CATEGORIES:
        abort(404)
    workshop = None
    if request.args.get("taller", "").isdigit():
        workshop, _moderates = workshop_map_access(int(request.args["taller"]))
    elif current_user.role != "lab":
        abort(403)
    actor = find_actor(actor_id)
    scope = Scope(workshop_id=workshop.id if workshop else None)
    items = cell_evidence(actor.id, category, scope)
    template = "maps/_evidence.html" if request.args.get("fragmento") else "maps/evidence.html"
    return render_template(template, actor=actor, category=category, items=items, workshop=workshop,
                           categories=CATEGORIES)


@bp.route("/mapa/red")
@role_required("lab")
def network():
    scope, problems = scope_from(request.args)
    return _network_page(scope, problems, None)


def _network_page(scope, problems, workshop):
    focus = request.args.get("foco", "")
    data = network_data(scope, int(focus) if focus.isdigit() else None, lab_name=_lab_name())
    actors = [dict(node["data"], category_labels=", ".join(str(CATEGORIES[c]) for c in node["data"]["categories"]))
              for node in data["nodes"] if node["data"].get("kind") != "lab"]
    names = {node["data"]["id"]: node["data"].get("name") for node in data["nodes"]}
    links = [(names[e["data"]["source"]], names[e["data"]["target"]], str(LINK_KINDS.get(e["data"]["kind"], "")),
              e["data"]["relation"]) for e in data["edges"] if e["data"]["kind"] != "lab"]
    return render_template("maps/network.html", scope=scope, problems=problems, workshop=workshop, data=data,
                           actors=sorted(actors, key=lambda a: (-a["evidence"], a["name"].casefold())), links=links,
                           legend=legend(), workshops=_workshops(), categories=CATEGORIES,
                           sectors={key: str(label) for key, label in SECTORS.items()})


def _lab_name():
    return current_app.config.get("LAB_NAME") or _("Laboratorio de Innovación Pública")


@bp.route("/mapa/poder-interes")
@role_required("lab")
def grid():
    return _grid_page(None, False)


def _rating(actor_id, workshop_id, influence, interest, user_id):
    return rate(actor_id, workshop_id, user_id, influence, interest)


def _grid_page(workshop, moderates):
    actors = grid_actors(workshop.id if workshop else None)
    svg = render_grid(actors) if actors else None
    return render_template("maps/grid.html", workshop=workshop, moderates=moderates, svg=svg,
                           rows=grid_rows(actors), headers=table_headers(),
                           candidates=_assessable(workshop) if workshop else [])


def _assessable(workshop):
    rows = matrix_rows(Scope(workshop_id=workshop.id))
    return [(row.actor_id, row.name) for row in sorted(rows, key=lambda r: r.name.casefold())]


# -- one workshop -----------------------------------------------------------------------------------

@bp.route("/talleres/<int:workshop_id>/mapa")
@login_required
def workshop_matrix(workshop_id):
    workshop, moderates = workshop_map_access(workshop_id)
    scope, problems = scope_from(request.args, workshop.id)
    return render_template("maps/matrix.html", scope=scope, problems=problems, workshop=workshop,
                           moderates=moderates, workshops=[], **_matrix_context(scope))


@bp.route("/talleres/<int:workshop_id>/mapa/red")
@login_required
def workshop_network(workshop_id):
    workshop, _moderates = workshop_map_access(workshop_id)
    scope, problems = scope_from(request.args, workshop.id)
    return _network_page(scope, problems, workshop)


@bp.route("/talleres/<int:workshop_id>/mapa/poder-interes", methods=["GET", "POST"])
@login_required
def workshop_grid(workshop_id):
    workshop, moderates = workshop_map_access(workshop_id)
    if request.method == "POST":
        try:
            actor_id = on_workshop_map(workshop.id, int(request.form.get("actor_id", "")))
            save = set_assessment if moderates else _rating  # participants answer; moderators set the value
            save(actor_id, workshop.id, request.form.get("influence"), request.form.get("interest"), current_user.id)
        except (Refused, ValueError) as error:
            db.session.rollback()
            flash(str(error) if isinstance(error, Refused) else _("Elige un actor del mapa."), "error")
            return _grid_page(workshop, moderates), INVALID
        db.session.commit()
        flash(_("Valoración guardada.") if moderates else _("Gracias: tu respuesta quedó guardada."), "success")
        return redirect(url_for("maps.workshop_grid", workshop_id=workshop.id))
    return _grid_page(workshop, moderates)


@bp.route("/talleres/<int:workshop_id>/mapa/proyector")
@login_required
def projector_map(workshop_id):
    """The workshop's map on the shared screen: big type, actors and counts, no one's name."""
    workshop, _moderates = workshop_map_access(workshop_id)
    scope = Scope(workshop_id=workshop.id)
    template = "maps/_projector.html" if request.args.get("fragmento") else "maps/projector.html"
    return render_template(template, workshop=workshop, **_matrix_context(scope))
