"""The record of downloads of the lab's own exports (the map, a diagnosis). A workshop's
downloads go to that workshop's audit log instead, next to what its moderators did."""
from ..extensions import db
from ..types import UTCDateTime, utcnow


class ExportDownload(db.Model):
    __tablename__ = "export_downloads"

    id = db.Column(db.Integer, primary_key=True)
    #: who downloaded; NULL once their account is deleted
    user_id = db.Column(db.Integer, db.ForeignKey("users.id", ondelete="SET NULL"), index=True)
    #: "lab" (the map) or "diagnosis"
    scope = db.Column(db.String(16), nullable=False)
    #: the diagnosis, for scope "diagnosis" (a plain id: the record outlives the diagnosis)
    subject_id = db.Column(db.Integer)
    #: the dataset or file name, e.g. "actores" or "mapa"
    file = db.Column(db.String(40), nullable=False)
    #: "csv", "xlsx", "pdf", "graphml", "gexf", "json"
    format = db.Column(db.String(8), nullable=False)
    at = db.Column(UTCDateTime, nullable=False, default=utcnow, index=True)
