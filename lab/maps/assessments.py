"""Influence and interest (1-5) of an actor in one workshop: set by the moderators, or the median of
what the participants answered, with the spread kept so disagreement stays visible. One workshop's
assessment never overwrites another's; the lab-wide grid shows the median over workshops."""
from statistics import median, quantiles

from flask_babel import gettext as _
from sqlalchemy import select

from ..errors import Invalid
from ..extensions import db
from ..types import utcnow
from .grid import GridActor
from .models import Actor, Assessment, Rating

LOW, HIGH = 1, 5


def _checked(value, what):
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if isinstance(value, bool) or not isinstance(value, int) or not LOW <= value <= HIGH:
        raise Invalid(_("%(what)s va de %(low)d a %(high)d.", what=what, low=LOW, high=HIGH))
    return value


def _assessment(actor_id, workshop_id):
    found = db.session.scalars(select(Assessment).filter_by(actor_id=actor_id, workshop_id=workshop_id)).first()
    if found is None:
        found = Assessment(actor_id=actor_id, workshop_id=workshop_id)
        db.session.add(found)
    return found


def set_assessment(actor_id, workshop_id, influence, interest, user_id):
    """The moderators' own value for this workshop (replaces the participants' medians)."""
    influence, interest = _checked(influence, _("La influencia")), _checked(interest, _("El interés"))
    assessment = _assessment(actor_id, workshop_id)
    assessment.influence, assessment.interest = float(influence), float(interest)
    assessment.influence_spread = assessment.interest_spread = 0.0
    assessment.ratings, assessment.source, assessment.set_by_id = 1, "moderators", user_id
    assessment.updated_at = utcnow()
    db.session.flush()
    return assessment


def rate(actor_id, workshop_id, user_id, influence, interest):
    """One participant's answer (again: replaces their earlier one); the medians follow."""
    influence, interest = _checked(influence, _("La influencia")), _checked(interest, _("El interés"))
    assessment = _assessment(actor_id, workshop_id)
    db.session.flush()
    rating = db.session.scalars(select(Rating).filter_by(assessment_id=assessment.id, user_id=user_id)).first()
    if rating is None:
        rating = Rating(assessment_id=assessment.id, user_id=user_id, influence=influence, interest=interest)
        db.session.add(rating)
    rating.influence, rating.interest = influence, interest
    db.session.flush()
    answers = db.session.execute(select(Rating.influence, Rating.interest)
                                 .where(Rating.assessment_id == assessment.id)).all()
    assessment.influence, assessment.influence_spread = _median_and_spread([a[0] for a in answers])
    assessment.interest, assessment.interest_spread = _median_and_spread([a[1] for a in answers])
    assessment.ratings, assessment.source = len(answers), "participants"
    assessment.updated_at = utcnow()
    db.session.flush()
    return assessment


def _median_and_spread(values):
    """Median, and the interquartile range (0 with fewer than two answers)."""
    if len(values) < 2:
        return float(values[0]), 0.0
    q1, _q2, q3 = quantiles(values, n=4, method="inclusive")
    return float(median(values)), float(q3 - q1)


def grid_actors(workshop_id=None, actor_ids=None):
    """GridActors of one workshop's assessments, or lab-wide the median over the workshops that
    assessed each actor (spread: how far the workshops' values lie apart)."""
    query = select(Assessment, Actor).join(Actor, Actor.id == Assessment.actor_id) \
        .where(Assessment.influence.is_not(None), Actor.merged_into_id.is_(None))
    if workshop_id is not None:
        query = query.where(Assessment.workshop_id == workshop_id)
    by_actor = {}
    for assessment, actor in db.session.execute(query):
        by_actor.setdefault(actor, []).append(assessment)
    if actor_ids is not None:
        by_actor = {actor: rows for actor, rows in by_actor.items() if actor.id in actor_ids}
    result = []
    for actor, rows in sorted(by_actor.items(), key=lambda item: item[0].name.casefold()):
        if len(rows) == 1:
            one = rows[0]
            result.append(GridActor(actor.id, actor.name, actor.sector, one.influence, one.interest,
                                    one.influence_spread, one.interest_spread, one.ratings, actor.acronym or None))
            continue
        influence, influence_spread = _median_and_spread([r.influence for r in rows])
        interest, interest_spread = _median_and_spread([r.interest for r in rows])
        result.append(GridActor(actor.id, actor.name, actor.sector, influence, interest, influence_spread,
                                interest_spread, sum(r.ratings for r in rows), actor.acronym or None))
    return result
