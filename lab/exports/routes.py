"""A workshop's results page and downloads, for the lab team and the workshop's moderators, and
the participants' summary after the close.

    /talleres/<id>/resultados                          everything the workshop produced, so far
    /talleres/<id>/resumen                             what the group produced, without personal data

    /talleres/<id>/exportar/<dataset>.<csv|xlsx|pdf>   one dataset
    /talleres/<id>/exportar/taller.xlsx                every dataset, a sheet each
    /talleres/<id>/exportar/informe.pdf                the printable report (no personal data)
    /talleres/<id>/exportar/archivo.json               the JSON archive (the lab team only)

    /mapa/exportar                                     the lab team's page of map downloads
    /mapa/exportar/<dataset>.<csv|xlsx|pdf>            actors, capabilities, links, alliances, assessments
    /mapa/exportar/mapa.<xlsx|graphml|gexf>            every map dataset, or the map as a graph
    /mapa/exportar/mapa-kumu.xlsx                      the Kumu workbook (Elements, Connections)

    /diagnosticos/<id>/exportar                        the lab team's page of a diagnosis's downloads
    /diagnosticos/<id>/exportar/<dataset>.<csv|xlsx|pdf>   levels and gaps, evidence, plan, lessons, FT-1311
    /diagnosticos/<id>/exportar/diagnostico.xlsx       every dataset of the diagnosis
    ?anonimo=1                                          people replaced by their organisation type

Every download is written to the workshop's audit log before the file leaves. Files carry
personal data: never cached."""
from functools import partial

from flask import Blueprint, Response, abort, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..diagnosis.models import Diagnosis
from ..extensions import db
from ..security import role_required
from ..types import utcnow
from ..vocab import STATUSES
from ..workshops.access import MODERATOR, workshop_for
from . import files, lab_files, results
from .registry import DIAGNOSIS, LAB, WORKSHOP, datasets
from .results import clock_of

bp = Blueprint("exports", __name__)

TRUE = ("1", "si", "sí", "true")


def anonymised_asked():
    return request.args.get("anonimo", "").strip().casefold() in TRUE


def send(export: files.ExportFile):
    return Response(export.body, mimetype=export.mimetype, headers={
        "Content-Disposition": f'attachment; filename="{export.filename}"',
        "Content-Length": str(len(export.body)),
        "Cache-Control": "no-store",  # personal data: no copy left in shared caches
    })


@bp.route("/talleres/<int:workshop_id>/exportar/<name>.<fmt>")
@login_required
def download(workshop_id, name, fmt):
    workshop = workshop_for(workshop_id, MODERATOR)[0]
    if not files.exists(name, fmt):
        abort(404)
    if name == files.ARCHIVE and current_user.role != "lab":
        abort(403)
    anonymised = anonymised_asked()
    export = files.workshop_file(workshop.id, name, fmt, utcnow(), anonymised)
    files.record_download(workshop.id, current_user.id, name, fmt, anonymised)
    db.session.commit()
    return send(export)


# -- pages ----------------------------------------------------------------------------------------

def downloads(workshop_id, anonymised):
    """The export buttons: each dataset in each format, then the whole workshop."""
    query = {"anonimo": 1} if anonymised else {}
    rows = [{"title": d.title, "name": d.name,
             "links": [(fmt.upper(), url_for("exports.download", workshop_id=workshop_id, name=d.name, fmt=fmt,
                                             **query)) for fmt in files.TABLE_FORMATS]}
            for d in datasets(WORKSHOP)]
    whole = [(_("Todo el taller (XLSX, una hoja por tabla)"),
              url_for("exports.download", workshop_id=workshop_id, name=files.WORKBOOK, fmt="xlsx", **query)),
             (_("Informe del taller (PDF)"),
              url_for("exports.download", workshop_id=workshop_id, name=files.REPORT, fmt="pdf"))]
    if current_user.role == "lab":
        whole.append((_("Archivo JSON reimportable"),
                      url_for("exports.download", workshop_id=workshop_id, name=files.ARCHIVE, fmt="json")))
    return {"rows": rows, "whole": whole, "anonymised": anonymised}


def download_strings():
    """What the download script says while a file is being prepared, in the person's language."""
    return {"preparing": _("Preparando %(file)s… %(seconds)s s"),
            "receiving": _("Recibiendo %(file)s… %(size)s KB"),
            "done": _("%(file)s descargado."),
            "failed": _("No se pudo preparar %(file)s (%(status)s). Inténtalo de nuevo.")}


@bp.route("/talleres/<int:workshop_id>/resultados")
@login_required
def workshop_results(workshop_id):
    workshop = workshop_for(workshop_id, MODERATOR)[0]
    anonymised = anonymised_asked()
    return render_template("exports/results.html", results=results.workshop_results(workshop.id, utcnow()),
                           downloads=downloads(workshop.id, anonymised), strings=download_strings(),
                           clock=clock_of, statuses=STATUSES)


@bp.route("/talleres/<int:workshop_id>/resumen")
@login_required
def participants_summary(workshop_id):
    workshop, role = workshop_for(workshop_id)
    if workshop.status != "closed" and role != MODERATOR:
        return render_template("exports/summary.html", workshop=workshop, summary=None), 409
    summary = results.participants_summary(results.workshop_results(workshop.id, utcnow()))
    return render_template("exports/summary.html", workshop=workshop, summary=summary)



# -- the lab's map ---------------------------------------------------------------------------------

@bp.route("/mapa/exportar")
@role_required("lab")
def map_downloads():
    rows = [{"title": d.title, "links": [(fmt.upper(), url_for("exports.map_download", name=d.name, fmt=fmt))
                                         for fmt in files.TABLE_FORMATS]} for d in datasets(LAB)]
    whole = [(_("Todo el mapa (XLSX, una hoja por tabla)"), url_for("exports.map_download", name=lab_files.MAP,
                                                                   fmt="xlsx")),
             (_("Grafo para Gephi (GraphML)"), url_for("exports.map_download", name=lab_files.MAP, fmt="graphml")),
             (_("Grafo para Gephi (GEXF)"), url_for("exports.map_download", name=lab_files.MAP, fmt="gexf")),
             (_("Libro para Kumu (XLSX)"), url_for("exports.map_download", name=lab_files.KUMU, fmt="xlsx"))]
    return render_template("exports/downloads.html", downloads={"rows": rows, "whole": whole},
                           strings=download_strings(), heading=_("Exportar el mapa de actores"),
                           help=_("Los identificadores de actores y vínculos se conservan entre exportaciones: al "
                                  "importar de nuevo en Kumu o Gephi se actualizan en lugar de duplicarse."))


@bp.route("/mapa/exportar/<name>.<fmt>")
@role_required("lab")
def map_download(name, fmt):
    if not lab_files.exists(name, fmt):
        abort(404)
    export = lab_files.lab_file(name, fmt, utcnow())
    lab_files.record_lab_download(current_user.id, name, fmt)
    db.session.commit()
    return send(export)


# -- a diagnosis ----------------------------------------------------------------------------------

@bp.route("/diagnosticos/<int:diagnosis_id>/exportar")
@role_required("lab")
def diagnosis_downloads(diagnosis_id):
    diagnosis = db.get_or_404(Diagnosis, diagnosis_id)
    link = partial(url_for, "exports.diagnosis_download", diagnosis_id=diagnosis.id)
    rows = [{"title": d.title, "links": [(fmt.upper(), link(name=d.name, fmt=fmt)) for fmt in files.TABLE_FORMATS]}
            for d in datasets(DIAGNOSIS)]
    whole = [(_("Todo el diagnóstico (XLSX, una hoja por tabla)"), link(name=lab_files.DIAGNOSIS_WORKBOOK, fmt="xlsx"))]
    return render_template("exports/downloads.html", downloads={"rows": rows, "whole": whole},
                           strings=download_strings(), heading=_("Exportar: %(title)s", title=diagnosis.title),
                           help=_("Cada hallazgo lleva su dimensión y su política del MIPG."))


@bp.route("/diagnosticos/<int:diagnosis_id>/exportar/<name>.<fmt>")
@role_required("lab")
def diagnosis_download(diagnosis_id, name, fmt):
    diagnosis = db.get_or_404(Diagnosis, diagnosis_id)
    if not lab_files.diagnosis_exists(name, fmt):
        abort(404)
    export = lab_files.diagnosis_file(diagnosis, name, fmt, utcnow())
    lab_files.record_lab_download(current_user.id, name, fmt, scope=DIAGNOSIS, subject_id=diagnosis.id)
    db.session.commit()
    return send(export)
