"""The app as a whole: factory, language, schema, security headers of the session cookie."""
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from lab.extensions import db


def test_home_is_spanish_by_default(client):
    response = client.get("/")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert 'lang="es-CO"' in page
    assert "Talleres de co-creación en vivo" in page


def test_language_switch_to_english_and_back(browser):
    browser.post("/idioma/en", {"next": "/"})
    assert "Live co-creation workshops" in browser.get("/").get_data(as_text=True)
    browser.post("/idioma/es_CO", {"next": "/"})
    assert "Talleres de co-creación en vivo" in browser.get("/").get_data(as_text=True)


def test_language_switch_never_redirects_off_site(browser):
    response = browser.post("/idioma/en", {"next": "//evil.example/"})
    assert response.headers["Location"] == "/"


def test_migrations_match_the_models(app):
    with app.app_context(), db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), db.metadata)
    assert diff == [], "models changed without a migration: run `make migration`"


def test_unknown_page_is_a_readable_404(client):
    response = client.get("/no-existe")
    assert response.status_code == 404
    assert "No encontramos esta página." in response.get_data(as_text=True)
