"""Export files of the lab's own data: the map's datasets as CSV, XLSX or PDF, the whole map as
one workbook, and the map as a graph (GraphML and GEXF for Gephi, a Kumu workbook); a diagnosis's
datasets and its whole workbook. Read in one consistent read, written by the export worker,
recorded in `export_downloads`."""
from flask import current_app
from flask_babel import lazy_gettext as _l

from ..diagnosis.models import Diagnosis
from ..extensions import db, socketio
from . import diagnosis_datasets, map_datasets  # noqa: F401  (they register their datasets)
from .diagnosis_datasets import DiagnosisRead
from .files import TABLE_FORMATS, ExportFile, plain_part
from .map_datasets import LabRead, map_graph
from .models import ExportDownload
from .offload import locale_name, run_job
from .reading import consistent_read
from .registry import DIAGNOSIS, LAB, datasets, find

MAP = "mapa"              # every map dataset in one workbook (xlsx), or the graph (graphml, gexf)
KUMU = "mapa-kumu"        # the Kumu workbook (xlsx: sheets Elements and Connections)
DIAGNOSIS_WORKBOOK = "diagnostico"   # every dataset of a diagnosis in one workbook (xlsx)
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
        parts = _parts(LAB, names, read)
    return _file(parts, name, fmt, read, str(find(LAB, names[0]).title), f"{name}-{stamp}.{fmt}")


def _parts(scope, names, read):
    parts = []
    for dataset_name in names:
        dataset = find(scope, dataset_name)
        parts.append(plain_part(dataset, dataset.rows(read), dataset.header(read)))
        socketio.sleep(0)
    return parts


def _file(parts, name, fmt, read, title, filename):
    entity = str(_l("Laboratorio de innovación pública"))
    body = run_job("file", fmt, parts, read.zone, entity, title, locale_name())
    return ExportFile(filename, TABLE_FORMATS[fmt], body)


def diagnosis_exists(name, fmt):
    if name == DIAGNOSIS_WORKBOOK:
        return fmt == "xlsx"
    return find(DIAGNOSIS, name) is not None and fmt in TABLE_FORMATS


def diagnosis_file(diagnosis, name, fmt, now) -> ExportFile:
    names = [d.name for d in datasets(DIAGNOSIS)] if name == DIAGNOSIS_WORKBOOK else [name]
    with consistent_read():
        read = DiagnosisRead(diagnosis=db.session.get(Diagnosis, diagnosis.id), now=now,
                             zone=current_app.config["BABEL_DEFAULT_TIMEZONE"])
        parts = _parts(DIAGNOSIS, names, read)
        title = read.diagnosis.title
    filename = f"{name}-diagnostico-{diagnosis.id}-{now.strftime('%Y%m%d-%H%M')}.{fmt}"
    return _file(parts, name, fmt, read, title, filename)


def record_lab_download(user_id, name, fmt, scope="lab", subject_id=None):
    db.session.add(ExportDownload(user_id=user_id, scope=scope, subject_id=subject_id, file=name, format=fmt))
