"""The lab team's pages for keeping the map: an actor's page (edit with a version check, merge a
duplicate), the review queue of proposed entries, links, alliances, and what changed since a date."""
from datetime import UTC, date, datetime, time, timedelta

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import func, select

from ..errors import Conflict, Refused
from ..extensions import db
from ..realtime import run_in_transaction
from ..security import role_required
from ..types import utcnow
from ..vocab import (
    ACTOR_KINDS,
    ACTOR_RELATIONS,
    ACTOR_SCOPES,
    ALLIANCE_INSTRUMENTS,
    ALLIANCE_STAGES,
    CATEGORIES,
    LINK_KINDS,
    LINK_STRENGTHS,
    MATCH_REASONS,
    ORG_TYPES,
    SECTORS,
    TERRITORIAL_LEVELS,
)
from ..web import INVALID, act
from ..workshops.access import MODERATOR, workshop_for
from ..workshops.models import Workshop
from . import review, ties
from .actors import EDITABLE, actor_index, edit_actor, merge_actors
from .demo import create_demo, delete_demo
from .matrix import Scope, cell_evidence
from .models import Actor, Alliance, Assessment, Capability, Entry, Link
from .network import neighbours_of
from .routes import bp

VOCABULARIES = {"kind": ACTOR_KINDS, "sector": SECTORS, "org_type": ORG_TYPES, "scope": ACTOR_SCOPES,
                "relation": ACTOR_RELATIONS, "territorial_level": TERRITORIAL_LEVELS}


def _actor_by_slug(slug):
    actor = db.session.scalars(select(Actor).filter_by(slug=slug)).first()
    if actor is None:
        abort(404)
    return actor


# -- an actor -----------------------------------------------------------------------------------

@bp.route("/mapa/actores/<slug>", methods=["GET", "POST"])
@role_required("lab")
def actor_page(slug):
    actor = _actor_by_slug(slug)
    if actor.merged_into_id is not None:
        target = db.session.get(Actor, actor.merged_into_id)
        flash(_("«%(name)s» se fusionó con «%(target)s».", name=actor.name, target=target.name), "success")
        return redirect(url_for("maps.actor_page", slug=target.slug))
    sent, problem = None, None
    if request.method == "POST":
        sent = {field: request.form.get(field) for field in EDITABLE if field in request.form}
        try:
            version = int(request.form.get("version", "0"))
            edit_actor(actor.id, version, sent)
        except Refused as refusal:
            db.session.rollback()
            problem = refusal
        else:
            db.session.commit()
            flash(_("Actor guardado."), "success")
            return redirect(url_for("maps.actor_page", slug=actor.slug))
        actor = db.session.get(Actor, actor.id)
    return render_template("maps/actor.html", **_actor_context(actor), sent=sent, problem=problem,
                           conflict=isinstance(problem, Conflict)), (INVALID if problem else 200)


def _actor_context(actor):
    counted = (Entry.capability_id == Capability.id) & (Entry.status == "confirmed") & Entry.idea_hidden.is_(False)
    capabilities = db.session.execute(
        select(Capability, func.count(Entry.id)).outerjoin(Entry, counted)
        .where(Capability.actor_id == actor.id).group_by(Capability.id).order_by(Capability.category)).all()
    assessments = db.session.execute(select(Assessment, Workshop.title)
                                     .join(Workshop, Workshop.id == Assessment.workshop_id)
                                     .where(Assessment.actor_id == actor.id).order_by(Workshop.id)).all()
    workshops = db.session.execute(select(Workshop.id, Workshop.title, Workshop.demo, func.count(Entry.id))
                                   .join(Entry, Entry.workshop_id == Workshop.id)
                                   .where(Entry.actor_id == actor.id, Entry.status == "confirmed")
                                   .group_by(Workshop.id, Workshop.title, Workshop.demo).order_by(Workshop.id)).all()
    alliances = db.session.scalars(select(Alliance).where(Alliance.actors.any(Actor.id == actor.id))
                                   .order_by(Alliance.created_at)).all()
    others = db.session.execute(select(Actor.id, Actor.name).where(Actor.id != actor.id, Actor.merged_into_id.is_(None))
                                .order_by(Actor.name)).all()
    return {"actor": actor, "capabilities": capabilities, "assessments": assessments, "workshops": workshops,
            "alliances": alliances, "links": neighbours_of(actor.id), "others": others,
            "evidence": cell_evidence(actor.id, None, Scope()), "vocabularies": VOCABULARIES,
            "categories": CATEGORIES, "stages": ALLIANCE_STAGES, "link_kinds": LINK_KINDS}


@bp.route("/mapa/actores/<slug>/fusionar", methods=["POST"])
@role_required("lab")
def merge_actor(slug):
    actor = _actor_by_slug(slug)
    target_id = request.form.get("target_id", "")
    then = url_for("maps.actor_page", slug=actor.slug)
    if not target_id.isdigit():
        flash(_("Elige el actor con el que se fusiona."), "error")
        return redirect(then)
    target = db.session.get(Actor, int(target_id))
    return act(lambda: merge_actors(actor.id, int(target_id)),
               _("«%(name)s» quedó fusionado; su nombre se conserva como nombre alternativo.", name=actor.name),
               url_for("maps.actor_page", slug=target.slug) if target else then)


# -- the review queue ---------------------------------------------------------------------------

@bp.route("/mapa/revision", endpoint="review")
@role_required("lab")
def review_page():
    workshop_id = request.args.get("taller", "")
    return _review(int(workshop_id) if workshop_id.isdigit() else None, None)


@bp.route("/talleres/<int:workshop_id>/mapa/revision")
@login_required
def workshop_review(workshop_id):
    """The review queue of one workshop, for its moderators (and the lab team)."""
    workshop = workshop_for(workshop_id, MODERATOR)[0]
    return _review(workshop.id, workshop)


def _review(workshop_id, workshop):
    query = select(Entry, Workshop.title).join(Workshop, Workshop.id == Entry.workshop_id) \
        .where(Entry.status == "proposed", Entry.idea_hidden.is_(False)).order_by(Entry.id).limit(200)
    if workshop_id is not None:
        query = query.where(Entry.workshop_id == workshop_id)
    rows = db.session.execute(query).all()
    index = actor_index()
    near = {entry.id: index.match(entry.typed_name).near for entry, _title in rows if entry.match != "exact"}
    candidates = {entry.candidate_id for entry, _ in rows if entry.candidate_id}
    names = {id_: name for id_, name in db.session.execute(select(Actor.id, Actor.name)
                                                                   .where(Actor.id.in_(candidates)))}
    actors = db.session.execute(select(Actor.id, Actor.name).where(Actor.merged_into_id.is_(None))
                                .order_by(Actor.name)).all()
    return render_template("maps/review.html", rows=rows, near=near, names=names, actors=actors, workshop=workshop,
                           reasons=MATCH_REASONS, categories=CATEGORIES)


@bp.route("/mapa/entradas/<int:entry_id>/<action>", methods=["POST"])
@role_required("lab")
def entry_action(entry_id, action):
    then = url_for("maps.review", taller=request.args.get("taller") or None)
    return _entry_action(entry_id, action, None, then)


@bp.route("/talleres/<int:workshop_id>/mapa/entradas/<int:entry_id>/<action>", methods=["POST"])
@login_required
def workshop_entry_action(workshop_id, entry_id, action):
    workshop = workshop_for(workshop_id, MODERATOR)[0]
    return _entry_action(entry_id, action, workshop.id, url_for("maps.workshop_review", workshop_id=workshop.id))


def _entry_action(entry_id, action, workshop_id, then):
    """One review decision; with `workshop_id`, only that workshop's entries (another's are not found)."""
    form = request.form
    actor_id = int(form["actor_id"]) if form.get("actor_id", "").isdigit() else None
    new_name = form.get("new_name", "").strip() or None
    names = [n for n in form.get("names", "").split(";") if n.strip()]
    steps = {
        "confirmar": (lambda: review.confirm_entry(entry_id, current_user.id, workshop_id, actor_id, new_name),
                      _("Entrada confirmada.")),
        "reasignar": (lambda: review.reassign_entry(entry_id, current_user.id, workshop_id, actor_id, new_name),
                      _("Entrada reasignada.")),
        "dividir": (lambda: review.split_entry(entry_id, names, current_user.id, workshop_id), _("Entrada dividida.")),
        "descartar": (lambda: review.discard_entry(entry_id, current_user.id, workshop_id), _("Entrada descartada.")),
    }
    if action not in steps:
        abort(404)
    step, done = steps[action]
    return _live_act(step, done, then)


def _live_act(action, done, then):
    """`web.act` for a decision the room's screens must hear: what it broadcasts goes out after the
    commit, numbered like every live update (run_in_transaction is the live boundary)."""
    try:
        run_in_transaction(action)
    except Refused as refusal:  # rolled back by run_in_transaction: nothing kept, nothing sent
        flash(str(refusal), "error")
    else:
        flash(done, "success")
    return redirect(then)


# -- links and alliances -----------------------------------------------------------------------

def _all_actors():
    return db.session.execute(select(Actor.id, Actor.name).where(Actor.merged_into_id.is_(None))
                              .order_by(Actor.name)).all()


@bp.route("/mapa/vinculos", methods=["GET", "POST"])
@role_required("lab")
def links():
    if request.method == "POST":
        form = request.form
        return act(lambda: ties.create_link(form.get("source_id"), form.get("target_id"), form.get("kind"),
                                            form.get("strength"), form.get("relation"), form.get("directed") == "1",
                                            form.get("note")),
                   _("Vínculo guardado."), url_for("maps.links"))
    rows = db.session.execute(select(Link).order_by(Link.id.desc())).scalars().all()
    names = {id_: name for id_, name in db.session.execute(select(Actor.id, Actor.name))}
    return render_template("maps/links.html", rows=rows, names=names, actors=_all_actors(), kinds=LINK_KINDS,
                           strengths=LINK_STRENGTHS, relations=ACTOR_RELATIONS)


@bp.route("/mapa/vinculos/<int:link_id>/borrar", methods=["POST"])
@role_required("lab")
def delete_link(link_id):
    return act(lambda: ties.delete_link(link_id), _("Vínculo borrado."), url_for("maps.links"))


@bp.route("/mapa/alianzas", methods=["GET", "POST"])
@role_required("lab")
def alliances():
    if request.method == "POST":
        form = request.form
        alliance_id = int(form["alliance_id"]) if form.get("alliance_id", "").isdigit() else None
        return act(lambda: ties.save_alliance(form, form.getlist("actor_ids"), form.getlist("capability_ids"),
                                              alliance_id, idea_ids=form.getlist("idea_ids")),
                   _("Alianza guardada."), url_for("maps.alliances"))
    rows = db.session.scalars(select(Alliance).order_by(Alliance.created_at.desc())).all()
    return render_template("maps/alliances.html", rows=rows, actors=_all_actors(), stages=ALLIANCE_STAGES,
                           instruments=ALLIANCE_INSTRUMENTS, categories=CATEGORIES,
                           proposals=ties.alliance_proposals())


# -- what changed ------------------------------------------------------------------------------

@bp.route("/mapa/cambios")
@role_required("lab")
def changes():
    text = request.args.get("desde", "")
    try:
        since = date.fromisoformat(text) if text else (utcnow() - timedelta(days=30)).date()
        problem = None
    except ValueError:
        since, problem = (utcnow() - timedelta(days=30)).date(), _("Las fechas van en formato AAAA-MM-DD.")
    found = ties.changes_since(datetime.combine(since, time(), tzinfo=UTC))
    return render_template("maps/changes.html", since=since, problem=problem, stages=ALLIANCE_STAGES,
                           **found), (INVALID if problem else 200)


# -- the sample workshop -------------------------------------------------------------------------

@bp.route("/mapa/ejemplo", methods=["POST"])
@role_required("lab")
def demo_create():
    try:
        workshop = create_demo()
    except Refused as refusal:
        db.session.rollback()
        flash(str(refusal), "error")
        return redirect(url_for("workshops.index"))
    db.session.commit()
    flash(_("Taller de ejemplo creado, con datos ficticios. Puedes borrarlo desde su mapa."), "success")
    return redirect(url_for("maps.workshop_matrix", workshop_id=workshop.id))


@bp.route("/mapa/ejemplo/borrar", methods=["POST"])
@role_required("lab")
def demo_delete():
    return act(delete_demo, _("Taller de ejemplo borrado, con todo lo que creó."), url_for("workshops.index"))
