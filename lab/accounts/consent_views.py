"""Accepting the personal-data authorisation again, when its text changed since the person accepted it."""
from flask import redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from wtforms import HiddenField

from ..extensions import db
from ..types import utcnow
from ..web import form_status, next_url
from .consent import CONSENT_VERSION
from .forms import consent_field
from .routes import bp


class ConsentForm(FlaskForm):
    consent = consent_field()
    next = HiddenField()


@bp.route("/cuenta/autorizacion", methods=["GET", "POST"])
@login_required
def consent():
    user = current_user._get_current_object()
    form = ConsentForm()
    if request.method == "GET":
        form.next.data = next_url() or ""
    if form.validate_on_submit():
        user.consent_version, user.consent_at = CONSENT_VERSION, utcnow()
        db.session.commit()
        return redirect(next_url() or url_for("main.home"))
    return render_template("accounts/consent.html", form=form, accepted=user.consent_version,
                           title=_("Actualizamos la autorización de datos personales")), form_status()
