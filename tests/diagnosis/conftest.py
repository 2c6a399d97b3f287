"""Fixtures of the diagnosis tests: an app context, the two-workshop sample, a lab-team member and a
diagnosis computed from the sample."""
from datetime import date

import pytest

from lab.diagnosis import service
from lab.extensions import db
from tests.factories import make_user

from .sample import two_workshops


@pytest.fixture
def ctx(app):
    with app.app_context():
        yield


@pytest.fixture
def sample(ctx):
    return two_workshops()


@pytest.fixture
def lab_user(ctx):
    return make_user(role="lab")


@pytest.fixture
def diagnosis(sample, lab_user):
    made = service.create_diagnosis("Diagnóstico 2026", date(2026, 1, 1), date(2026, 12, 31),
                                    [w.id for w in sample.workshops], "Método de prueba", lab_user)
    db.session.commit()
    return made


def by_key(diagnosis):
    return {(a.category, a.origin): a for a in diagnosis.assessments}


def validate_all(diagnosis, user):
    for row in diagnosis.assessments:
        service.assess(diagnosis, row, row.suggested_level, max(row.suggested_level, 4), "", "conocimiento",
                       "conocimiento", user)
    service.validate(diagnosis, user)
