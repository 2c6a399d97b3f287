def init_app(app):
    from . import routes

    app.register_blueprint(routes.bp)
