"""Every response carries the security headers, and no template writes a script or a style inline
(the content security policy would block it in the browser)."""
import re
from pathlib import Path

import pytest

from lab.headers import CYTOSCAPE_STYLE

TEMPLATES = Path(__file__).resolve().parent.parent / "lab" / "templates"
EXPECTED = {
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}


def policy(response):
    header = response.headers.get("Content-Security-Policy", "")
    return {name: rest.strip() for name, _, rest in (part.strip().partition(" ") for part in header.split(";"))}


def assert_protected(response):
    for name, value in EXPECTED.items():
        assert response.headers.get(name) == value, (name, response.headers)
    directives = policy(response)
    assert directives["frame-ancestors"] == "'none'"
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == f"'self' {CYTOSCAPE_STYLE}"  # one fixed rule of a vendored library
    assert "unsafe-inline" not in response.headers["Content-Security-Policy"]
    assert "unsafe-eval" not in response.headers["Content-Security-Policy"]


@pytest.mark.parametrize("path", ["/", "/entrar", "/registro", "/unirse", "/no-existe", "/static/css/cocrea.css",
                                  "/static/js/room.js", "/health", "/socket.io/?EIO=4&transport=polling"])
def test_every_response_carries_the_security_headers(client, path):
    response = client.get(path)
    response.close()  # a static file is streamed from disk
    assert_protected(response)


def test_pages_of_a_signed_in_person_and_refusals_carry_them_too(make, browser):
    lab = make.user(role="lab")
    browser.login(lab)
    workshop = make.workshop()
    for path in ("/talleres", f"/talleres/{workshop.id}", "/cuenta", f"/taller/{workshop.id}/moderar"):
        assert_protected(browser.get(path))
    assert_protected(browser.client.post("/salir"))  # no CSRF token: refused, still protected


def test_hsts_only_when_cookies_are_secure(make_app):
    assert "Strict-Transport-Security" not in make_app().test_client().get("/").headers
    secure = make_app(SECURE_COOKIES=True).test_client().get("/", base_url="https://localhost")
    assert secure.headers["Strict-Transport-Security"] == "max-age=31536000"


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", re.I)
HANDLER = re.compile(r"\son[a-z]+\s*=", re.I)
STYLE_ATTRIBUTE = re.compile(r"\sstyle\s*=", re.I)
JAVASCRIPT_URL = re.compile(r"javascript:", re.I)


def test_no_template_has_inline_script_handlers_or_style_attributes():
    problems = []
    for template in sorted(TEMPLATES.rglob("*.html")):
        text = template.read_text()
        for pattern, what in ((INLINE_SCRIPT, "inline <script>"), (HANDLER, "on*= handler"),
                              (STYLE_ATTRIBUTE, "style attribute"), (JAVASCRIPT_URL, "javascript: URL")):
            for match in pattern.finditer(text):
                line = text[: match.start()].count("\n") + 1
                problems.append(f"{template.relative_to(TEMPLATES)}:{line}: {what}")
    assert problems == []
