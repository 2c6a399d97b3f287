"""The lab's diagnosis: capability levels, actors, voice, the improvement plan, lessons learned and
good-practice records, in dated versions that read the map and the workshops."""
from .. import signals
from . import reactions, records_views, routes  # noqa: F401  (records_views adds its pages to the blueprint)


def init_app(app):
    app.register_blueprint(routes.bp)
    signals.workshop_deleting.connect(reactions.keep_cited_workshop)
    signals.personal_data.connect(reactions.personal_data)
    signals.account_deleting.connect(reactions.forget_member)
