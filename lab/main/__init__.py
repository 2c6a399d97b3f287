"""Home page, language switch and error pages."""


def init_app(app):
    from . import routes

    app.register_blueprint(routes.bp)
    routes.register_errors(app)
