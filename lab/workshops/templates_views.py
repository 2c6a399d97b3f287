"""/plantillas: the templates on disk, valid or broken, and uploading a new one."""
from pathlib import PurePosixPath

from flask import current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _

from ..security import role_required
from ..web import form_status
from .forms import UploadForm
from .routes import bp, templates_dir
from .templates_loader import list_templates, parse, save_template, upload_name
from .templates_schema import MAX_TEMPLATE_BYTES


def client_name(filename):
    """The uploaded file's own name, only to talk about it; it never becomes a path."""
    return PurePosixPath((filename or "").replace("\\", "/")).name[:120] or "plantilla.yaml"


@bp.route("/plantillas", methods=["GET", "POST"])
@role_required("lab")
def templates_index():
    form = UploadForm()
    upload_errors = []
    if form.validate_on_submit():
        upload = form.file.data
        data = upload.read(MAX_TEMPLATE_BYTES + 1)
        spec, upload_errors = parse(data, client_name(upload.filename))
        if spec is not None:
            name = upload_name(spec, upload.filename)
            try:
                save_template(templates_dir(), name, data, overwrite=form.overwrite.data)
            except FileExistsError:
                form.overwrite.errors = [_("Ya existe una plantilla llamada «%(name)s». Marca «Reemplazar» y vuelve "
                                           "a subir el archivo si quieres sustituirla.", name=name)]
            except OSError:
                current_app.logger.exception("could not save template %s", name)
                form.file.errors = [_("No se pudo guardar el archivo en la carpeta de plantillas. Avisa a quien "
                                      "administra el servidor.")]
            else:
                flash(_("Plantilla «%(title)s» guardada como %(name)s; ya puedes crear talleres con ella.",
                        title=spec.title, name=name), "success")
                return redirect(url_for("workshops.templates_index"))
    return render_template("workshops/templates.html", form=form, upload_errors=upload_errors,
                           templates=list_templates(templates_dir())), form_status()
