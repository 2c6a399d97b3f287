"""How fast one person may post ideas: a sliding window kept in this process's memory.

Sticky sessions keep each person's sockets on one process, so a per-process count is a per-person
count. The state lives on the app, so two apps in one process (tests) never share it.
"""
from flask import current_app

from ..realtime.limits import SlidingWindow


def post_window():
    return current_app.extensions.setdefault("cocrea_post_rate", SlidingWindow())


def take_post(user_id, record=True):
    """Count one new idea by this person: 0 if within POST_RATE, else the seconds to wait."""
    limit, window = current_app.config["POST_RATE"]
    return post_window().take(user_id, limit, window, record)
