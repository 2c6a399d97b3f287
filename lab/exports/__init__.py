"""Exports: every result of the lab (workshops, maps, diagnoses) out as CSV, XLSX, PDF, GraphML,
GEXF, Kumu workbooks and re-importable JSON archives. `formats` holds the pure writers (a table
or a graph in, bytes out); `registry` the datasets; `routes` the downloads."""
from . import cli, routes
from .formats import neutralise


def init_app(app):
    app.register_blueprint(routes.bp)
    # Reports people copy into spreadsheets show text as the spreadsheet exports do.
    app.jinja_env.filters["neutralised"] = neutralise
    app.cli.add_command(cli.export_cli)
    app.cli.add_command(cli.import_command)
