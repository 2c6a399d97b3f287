"""The lab's diagnosis: capability levels, actors, voice, the improvement plan, lessons learned and
good-practice records, in dated versions that read the map and the workshops."""


def init_app(app):
    """Nothing to wire yet: the vocabularies and the level computation need no app."""
