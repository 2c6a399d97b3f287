"""What every page shares: the status of a form sent back with errors, safe redirects, and how a
refusal of the domain reaches the person. Views are the HTTP boundary: they commit."""
from urllib.parse import urlsplit

from flask import flash, redirect, render_template, request

from .errors import Refused
from .extensions import db

#: a form sent back with its errors (the request was understood; its content is not acceptable)
INVALID = 422

#: the last page number a list shows: further pages would be empty anyway, and a larger offset
#: overflows the database's integers
MAX_PAGE = 10_000


def safe_next(target):
    """`target` if it is a path on this site, else None: never an open redirect."""
    if not isinstance(target, str) or not target.startswith("/") or target.startswith("//"):
        return None
    # Browsers read "/\\host" as "//host"; control characters (a tab, a newline) are dropped by
    # browsers and by urlsplit, so "/\t/host" is "//host" too.
    if "\\" in target or any(ord(char) < 32 or ord(char) == 127 for char in target):
        return None
    parts = urlsplit(target)
    return None if parts.scheme or parts.netloc else target


def next_url():
    """The same-site page a form or link asked to go back to, or None."""
    return safe_next(request.form.get("next") or request.args.get("next"))


def page_number():
    """The list page asked for (`?page=`), between 1 and MAX_PAGE whatever was typed."""
    page = request.args.get("page", 1, type=int)
    return min(max(page, 1), MAX_PAGE)


def form_status():
    """200 for a form shown, INVALID for one sent back with errors."""
    return INVALID if request.method == "POST" else 200


def act(action, done, then):
    """A page's button: run the service call `action`, commit and flash `done`; or, if the domain
    refuses, keep nothing and flash why. Either way, back to the page `then`."""
    try:
        action()
    except Refused as refusal:
        db.session.rollback()
        flash(str(refusal), "error")
    else:
        db.session.commit()
        flash(done, "success")
    return redirect(then)


def _refused(refusal):
    """A refusal no view placed on a form or in a flash: nothing is kept, and the person reads why."""
    db.session.rollback()
    return render_template("main/error.html", code=refusal.status, message=str(refusal)), refusal.status


def init_app(app):
    app.register_error_handler(Refused, _refused)
