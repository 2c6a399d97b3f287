"""Export files of the lab's own data: the map's datasets as CSV, XLSX or PDF, the whole map as
one workbook, and the map as a graph (GraphML and GEXF for Gephi, a Kumu workbook). Read in one
consistent read, written by the export worker, recorded in `export_downloads`."""
from flask import current_app
from flask_babel import lazy_gettext as _l

from ..extensions import db, socketio
from . import map_datasets  # noqa: F401  (registers the map's datasets)
from .files import TABLE_FORMATS, ExportFile, plain_part
from .map_datasets import LabRead, map_graph
from .models import ExportDownload
from .offload import locale_name, run_job
from .reading import consistent_read
from .registry import LAB, datasets, find

MAP = "mapa"              # every map dataset in one workbook (xlsx), or the graph (graphml, gexf)
KUMU = "mapa-kumu"        # the Kumu workbook (xlsx: sheets Elements and Connections)
GRAPH_FORMATS = {"graphml": "application/graphml+xml", "gexf": "application/gexf+xml"}


def exists(name, fmt):
    if name == MAP:
        return fmt in ("xlsx", *GRAPH_FORMATS)
    if name == KUMU:
        return fmt == "xlsx"
    return find(LAB, name) is not None and fmt in TABLE_FORMATS


def _read(now):
    return LabRead(now=now, zone=current_app.config["BABEL_DEFAULT_TIMEZONE"])


def lab_file(name, fmt, now) -> ExportFile:
    read = _read(now)
    stamp = now.strftime("%Y%m%d-%H%M")
    if name in (MAP, KUMU) and (fmt in GRAPH_FORMATS or name == KUMU):
        with consistent_read():
            graph = map_graph(read)
        kind = "kumu" if name == KUMU else fmt
        body = run_job("graph", kind, graph, read.zone)
        return ExportFile(f"{name}-{stamp}.{fmt}", GRAPH_FORMATS.get(fmt, TABLE_FORMATS["xlsx"]), body)
    names = [d.name for d in datasets(LAB)] if name == MAP else [name]
    with consistent_read():
        parts = []
        for dataset_name in names:
            dataset = find(LAB, dataset_name)
            parts.append(plain_part(dataset, dataset.rows(read), dataset.header(read)))
            socketio.sleep(0)
    entity = str(_l("Laboratorio de innovación pública"))
    body = run_job("file", fmt, parts, read.zone, entity, str(find(LAB, names[0]).title), locale_name())
    return ExportFile(f"{name}-{stamp}.{fmt}", TABLE_FORMATS[fmt], body)


def record_lab_download(user_id, name, fmt, scope="lab", subject_id=None):
    db.session.add(ExportDownload(user_id=user_id, scope=scope, subject_id=subject_id, file=name, format=fmt))
