"""How a person appears in an export: their name where their consent covers it, their organisation
type when the export is anonymised (or the consent does not cover naming them), "Participante
anónimo" once the account is gone. E-mails appear in the attendance register only."""
from dataclasses import dataclass

from sqlalchemy import select

from ..accounts.models import User
from ..extensions import db
from ..vocab import ANONYMOUS, ORG_TYPES

# Consent versions are "YYYY-MM-vN". Every text since the first one ("2026-11") names the lab team
# and the workshop's moderators as readers of the person's name and contributions: those versions
# cover naming people in the lab's own exports. A version before it would not.
FIRST_NAMING_CONSENT = "2026-11"


@dataclass(frozen=True)
class Person:
    user_id: int
    name: str
    org_type: str
    named: bool   # the consent covers showing the name to the lab team


def consent_covers_name(version):
    return bool(version) and version >= FIRST_NAMING_CONSENT


def people_of(user_ids):
    """{user_id: Person} of the given ids, in one query."""
    ids = sorted({i for i in user_ids if i is not None})
    people = {}
    for start in range(0, len(ids), 500):  # bounded IN lists
        rows = db.session.execute(select(User.id, User.name, User.org_type, User.consent_version)
                                  .where(User.id.in_(ids[start:start + 500])))
        for user_id, name, org_type, consent in rows:
            people[user_id] = Person(user_id, name, org_type, consent_covers_name(consent))
    return people


class Naming:
    """Names people for one export: `anonymised` replaces every person with their organisation type."""

    def __init__(self, people, anonymised):
        self.people = people
        self.anonymised = anonymised
        # Labels resolved once, in the reader's language: an export names people thousands of times.
        self.anonymous = str(ANONYMOUS)
        self.org_types = {key: str(label) for key, label in ORG_TYPES.items()}

    def may_name(self, user_id):
        """Whether this export shows the person's name (and, in the register, their e-mail)."""
        person = self.people.get(user_id)
        return person is not None and person.named and not self.anonymised

    def name(self, user_id):
        person = self.people.get(user_id)
        if person is None:
            return self.anonymous
        return person.name if self.may_name(user_id) else self._org_type_label(person)

    def org_type(self, user_id):
        person = self.people.get(user_id)
        return self._org_type_label(person) if person is not None else ""

    def _org_type_label(self, person):
        return self.org_types.get(person.org_type, person.org_type) if person.org_type else self.anonymous
