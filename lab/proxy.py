"""Behind a load balancer: the cookie that keeps each client on this process, and the proxy headers.

With COCREA_NODE set, every response carries `cocrea_node=<node>` unless the request already does;
the balancer (deploy/nginx/cocrea.conf.in) sends requests with that cookie to this process. It wraps
the whole WSGI app, Socket.IO's long-polling answers included. COCREA_TRUSTED_PROXIES says how many
proxies stand in front of the app: their X-Forwarded-For/-Proto/-Host/-Port are believed (the client's
address for the login rate limit, https for secure cookies and Socket.IO's same-origin check).
"""
from werkzeug.http import dump_cookie, parse_cookie
from werkzeug.middleware.proxy_fix import ProxyFix

NODE_COOKIE = "cocrea_node"


class NodeCookie:
    """WSGI middleware: tell the balancer which process served this client."""

    def __init__(self, wsgi_app, node, secure):
        self.wsgi_app, self.node = wsgi_app, node
        # A session cookie (no expiry): a new browser session may land anywhere, which is fine.
        self.header = ("Set-Cookie", dump_cookie(NODE_COOKIE, node, path="/", httponly=True, samesite="Lax",
                                                 secure=secure))

    def __call__(self, environ, start_response):
        if parse_cookie(environ).get(NODE_COOKIE) == self.node:
            return self.wsgi_app(environ, start_response)

        def start_with_cookie(status, headers, exc_info=None):
            return start_response(status, [*headers, self.header], exc_info)

        return self.wsgi_app(environ, start_with_cookie)


def init_app(app):
    """Wrap the app (after Flask-SocketIO wrapped it, so Socket.IO's answers are covered too)."""
    hops = app.config["TRUSTED_PROXIES"]
    if hops:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops, x_port=hops)
    if app.config["NODE"]:
        app.wsgi_app = NodeCookie(app.wsgi_app, app.config["NODE"], app.config["SECURE_COOKIES"])
