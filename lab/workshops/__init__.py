"""Workshops: design (templates, agenda, rules, activities, prompts), management and joining."""


def init_app(app):
    from . import join, structure, templates_views  # noqa: F401  (routes on the same blueprint)
    from .cli import templates_cli
    from .routes import bp

    app.register_blueprint(bp)
    app.cli.add_command(templates_cli)
