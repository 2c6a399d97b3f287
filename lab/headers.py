"""Security headers on every response: pages, static files, error pages and Socket.IO's own answers.

The content security policy lets a page run only the scripts and styles this server sends as files:
no inline script, no `on*=` attribute, no `style=""` attribute, no code built from strings. Data
reaches scripts in `<script type="application/json">` blocks (never executed) or `data-*`
attributes. Pages are never framed (frame-ancestors 'none': a shared screen shows the projector page
itself), and links out (a meeting link) carry no referrer, so a join code in a URL stays here.
"""

#: The one inline style allowed, by its hash: the fixed rule the vendored Cytoscape inserts as a
#: <style> element for its graph's container (".__________cytoscape_container { position: relative; }").
CYTOSCAPE_STYLE = "'sha256-pgvDUBa4IjFA2yuSJ2cqcyxmNYJMborsd0ORcRv9vw8='"

CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    f"style-src 'self' {CYTOSCAPE_STYLE}",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",  # the Socket.IO connection: same origin, http(s) and ws(s)
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])

HEADERS = [
    ("Content-Security-Policy", CONTENT_SECURITY_POLICY),
    ("X-Frame-Options", "DENY"),  # frame-ancestors for browsers that predate it
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "same-origin"),
    ("Cross-Origin-Opener-Policy", "same-origin"),
    ("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()"),
]

#: only behind HTTPS (COCREA_SECURE_COOKIES): a year, this host only
STRICT_TRANSPORT_SECURITY = ("Strict-Transport-Security", "max-age=31536000")


class SecurityHeaders:
    """WSGI middleware: adds the headers a response does not set itself."""

    def __init__(self, wsgi_app, secure):
        self.wsgi_app = wsgi_app
        self.headers = [*HEADERS, STRICT_TRANSPORT_SECURITY] if secure else list(HEADERS)

    def __call__(self, environ, start_response):
        def start_with_headers(status, headers, exc_info=None):
            present = {name.lower() for name, _ in headers}
            extra = [(name, value) for name, value in self.headers if name.lower() not in present]
            return start_response(status, [*headers, *extra], exc_info)

        return self.wsgi_app(environ, start_with_headers)


def init_app(app):
    """Wrap the whole app, Flask-SocketIO's layer included (after it wrapped the app)."""
    app.wsgi_app = SecurityHeaders(app.wsgi_app, app.config["SECURE_COOKIES"])
