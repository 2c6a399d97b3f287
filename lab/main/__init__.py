"""Home page, language switch and error pages."""
from . import routes


def init_app(app):
    app.register_blueprint(routes.bp)
    routes.register_errors(app)
