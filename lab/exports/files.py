"""Export files of a workshop: one dataset as CSV, XLSX or PDF, or the whole workshop as one
workbook. Tables are read in one consistent read, the bytes are written off the event loop, and
every download is recorded in the audit log (who, what, when) by the route that sends it."""
from dataclasses import dataclass
from functools import cache
from importlib.resources import files as package_files

from flask import render_template

from ..attendance.service import local_text, workshop_date, zone_of
from ..extensions import db, socketio
from ..realtime.models import AuditEntry
from ..vocab import MODALITIES, STATUSES
from ..workshops.models import Workshop
from . import agenda_run, workshop_datasets  # noqa: F401  (they register the workshop's datasets)
from .archive_out import archive_bytes
from .offload import locale_name, run_job
from .reading import consistent_read
from .registry import WORKSHOP, datasets, find
from .report_map import workshop_map
from .results import clock_of, workshop_results
from .workshop_read import read_workshop

TABLE_FORMATS = {"csv": "text/csv", "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                 "pdf": "application/pdf"}
WORKBOOK = "taller"   # the whole workshop, one sheet per dataset
REPORT = "informe"    # the printable workshop report
ARCHIVE = "archivo"   # the re-importable JSON archive (the lab team only: it holds everyone's details)
DOWNLOAD_ACTION = "export:download"


@dataclass(frozen=True)
class ExportFile:
    filename: str
    mimetype: str
    body: bytes


def exists(name, fmt):
    if name == WORKBOOK:
        return fmt == "xlsx"
    if name == REPORT:
        return fmt == "pdf"
    if name == ARCHIVE:
        return fmt == "json"
    return find(WORKSHOP, name) is not None and fmt in TABLE_FORMATS


def workshop_parts(workshop_id, names, now, anonymised=False):
    """(read, parts) of the named datasets, all from one consistent read: each part is plain data
    (jobs.tables_of makes it a Table), so it can travel to the export worker. Between datasets the
    event loop gets a turn: a large export reads in slices of a few hundred milliseconds at most."""
    with consistent_read():
        read = read_workshop(workshop_id, now, anonymised)
        parts = []
        for name in names:
            dataset = find(WORKSHOP, name)
            parts.append(plain_part(dataset, dataset.rows(read), dataset.header(read)))
            socketio.sleep(0)
        db.session.expunge(read.workshop)
    return read, parts


def plain_part(dataset, rows, header):
    """(name, title, columns, rows, header) with every label already in the reader's language."""
    columns = tuple((c.key, str(c.title), c.kind) for c in dataset.columns)
    return (dataset.name, str(dataset.title), columns, rows, [(str(label), value) for label, value in header])


def workshop_file(workshop_id, name, fmt, now, anonymised=False) -> ExportFile:
    if name == REPORT:
        return workshop_report(workshop_id, now)
    if name == ARCHIVE:
        return workshop_archive(workshop_id, now)
    names = [d.name for d in datasets(WORKSHOP)] if name == WORKBOOK else [name]
    read, parts = workshop_parts(workshop_id, names, now, anonymised)
    workshop = read.workshop
    body = run_job("file", fmt, parts, read.zone, workshop.entity, workshop.title, locale_name())
    return ExportFile(_filename(workshop, name, fmt, now, anonymised), TABLE_FORMATS[fmt], body)


def _filename(workshop, name, fmt, now, anonymised=False):
    stamp = local_text(now, zone_of(workshop), "%Y%m%d-%H%M")
    suffix = "-anonimo" if anonymised else ""
    return f"{name}-taller-{workshop.id}-{stamp}{suffix}.{fmt}"


@cache
def report_css():
    return package_files(__package__).joinpath("report.css").read_text(encoding="utf-8")


def report_html(workshop_id, now):
    """The workshop report as HTML, from the app's own template (no personal data in it)."""
    results = workshop_results(workshop_id, now)
    workshop = results.workshop
    locale = locale_name()
    return workshop, render_template(
        "exports/report.html", results=results, now=now, date=workshop_date(workshop),
        modality=MODALITIES.get(workshop.modality, workshop.modality),
        status=STATUSES.get(workshop.status, workshop.status), clock=clock_of, map=workshop_map(workshop.id),
        lang=locale.replace("_", "-"))


def workshop_report(workshop_id, now) -> ExportFile:
    workshop, html = report_html(workshop_id, now)
    body = run_job("pdf", html, (report_css(),))
    return ExportFile(_filename(workshop, REPORT, "pdf", now), TABLE_FORMATS["pdf"], body)


def workshop_archive(workshop_id, now) -> ExportFile:
    with consistent_read():
        body = archive_bytes("workshop", [workshop_id], now)
        workshop = db.session.get(Workshop, workshop_id)
        db.session.expunge(workshop)
    return ExportFile(_filename(workshop, ARCHIVE, "json", now), "application/json", body)


def record_download(workshop_id, user_id, name, fmt, anonymised):
    """The download in the workshop's audit log; the route commits it before sending the file."""
    db.session.add(AuditEntry(workshop_id=workshop_id, user_id=user_id, action=DOWNLOAD_ACTION,
                              detail={"file": name, "format": fmt, "anonymised": anonymised}))
