"""What the exports slice holds about a person, for their own download (Ley 1581 de 2012): the
lab's exports they downloaded. A deleted account's records keep no one (the key is set to NULL)."""
from sqlalchemy import select

from ..extensions import db
from ..types import iso
from .models import ExportDownload


def personal_data(user):
    rows = db.session.scalars(select(ExportDownload).where(ExportDownload.user_id == user.id)
                              .order_by(ExportDownload.at, ExportDownload.id))
    return {"export_downloads": [{"scope": r.scope, "subject_id": r.subject_id, "file": r.file, "format": r.format,
                                  "at": iso(r.at)} for r in rows]}
