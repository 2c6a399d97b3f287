"""Behind a load balancer: the node cookie nginx routes on, and the proxy headers the app believes."""
import pytest

from lab.config import from_environment

from .conftest import Browser
from .factories import make_user


def node_cookies(response):
    return [c for c in response.headers.getlist("Set-Cookie") if c.startswith("cocrea_node=")]


def through_proxy(app, address):
    """A browser whose requests reach the app through a proxy that says it came from `address`."""
    client = app.test_client()
    client.environ_base["HTTP_X_FORWARDED_FOR"] = address
    return Browser(client)


def test_each_process_names_itself_in_a_cookie_on_pages_and_socket_io_answers(make_app):
    app = make_app(NODE="a2")
    client = app.test_client()
    page = client.get("/")
    assert node_cookies(page) == ["cocrea_node=a2; HttpOnly; Path=/; SameSite=Lax"]
    handshake = app.test_client().get("/socket.io/?EIO=4&transport=polling")
    assert handshake.status_code == 200 and node_cookies(handshake)
    assert client.get("/health").get_json() == {"ok": True, "node": "a2"}
    assert node_cookies(client.get("/")) == []  # the browser already carries it


def test_a_client_routed_here_from_a_dead_process_gets_this_process_cookie(make_app):
    app = make_app(NODE="a1", SECURE_COOKIES=True)
    client = app.test_client()
    client.set_cookie("cocrea_node", "a2")
    assert node_cookies(client.get("/")) == ["cocrea_node=a1; Secure; HttpOnly; Path=/; SameSite=Lax"]


def test_without_a_node_no_cookie_is_set(app):
    assert node_cookies(app.test_client().get("/")) == []


def test_behind_one_trusted_proxy_the_login_limit_counts_each_client_address(make_app):
    app = make_app(LOGIN_RATE_LIMIT="2 per minute", TRUSTED_PROXIES=1)
    with app.app_context():
        user = make_user()
    for address in ("203.0.113.7", "203.0.113.7"):
        browser = through_proxy(app, address)
        assert browser.login(user, "no-es-la-clave").status_code == 422
    assert through_proxy(app, "203.0.113.7").login(user).status_code == 429
    # Another participant behind the same balancer is not locked out by the first one's mistakes.
    assert through_proxy(app, "198.51.100.4").login(user).status_code == 302


def test_untrusted_forwarded_headers_are_ignored(make_app):
    app = make_app(LOGIN_RATE_LIMIT="1 per minute")
    with app.app_context():
        user = make_user()
    assert through_proxy(app, "203.0.113.7").login(user, "mal").status_code == 422
    # A client cannot escape the limit by inventing an address.
    assert through_proxy(app, "198.51.100.4").login(user).status_code == 429


@pytest.mark.parametrize("variable, value", [("COCREA_NODE", "A1"), ("COCREA_NODE", "a1;b"), ("COCREA_NODE", "x" * 33),
                                             ("COCREA_TRUSTED_PROXIES", "uno"), ("COCREA_TRUSTED_PROXIES", "9")])
def test_malformed_balancer_settings_stop_the_start_with_the_variable_named(variable, value):
    with pytest.raises(ValueError, match=variable):
        from_environment({variable: value})


def test_balancer_settings_from_the_environment():
    settings = {"COCREA_NODE": "a1", "COCREA_TRUSTED_PROXIES": "1"}
    assert from_environment(settings) == {"NODE": "a1", "TRUSTED_PROXIES": 1}
