"""Settings read from the environment."""
import pytest

from lab.config import from_environment

from .conftest import Browser
from .factories import make_user


def test_post_rate_comes_from_the_environment_as_count_per_seconds():
    assert from_environment({"COCREA_POST_RATE": "3/60"}) == {"POST_RATE": (3, 60.0)}
    assert from_environment({"COCREA_POST_RATE": "1000000/1"}) == {"POST_RATE": (1000000, 1.0)}


@pytest.mark.parametrize("value", ["10", "diez/10", "10/", "0/10", "10/0", "-1/5"])
def test_a_malformed_post_rate_stops_the_start_with_the_variable_named(value):
    with pytest.raises(ValueError, match="COCREA_POST_RATE"):
        from_environment({"COCREA_POST_RATE": value})


def test_other_settings_stay_plain_text():
    assert from_environment({"COCREA_LANGUAGE": "en", "COCREA_POST_RATE": ""}) == {"BABEL_DEFAULT_LOCALE": "en"}


@pytest.mark.parametrize("value, expected", [("1", True), ("TRUE", True), ("yes", True), ("0", False), ("off", False)])
def test_secure_cookies_is_an_on_off_setting(value, expected):
    assert from_environment({"COCREA_SECURE_COOKIES": value}) == {"SECURE_COOKIES": expected}


def test_a_malformed_secure_cookies_value_stops_the_start_with_the_variable_named():
    with pytest.raises(ValueError, match="COCREA_SECURE_COOKIES"):
        from_environment({"COCREA_SECURE_COOKIES": "quizás"})


def test_the_presence_interval_is_seconds_from_the_environment():
    assert from_environment({"COCREA_PRESENCE_INTERVAL": "0.25"}) == {"PRESENCE_INTERVAL_SECONDS": 0.25}
    assert from_environment({"COCREA_PRESENCE_INTERVAL": "0"}) == {"PRESENCE_INTERVAL_SECONDS": 0.0}


@pytest.mark.parametrize("value", ["medio", "-1", "61", "nan", "inf"])
def test_a_malformed_presence_interval_stops_the_start_with_the_variable_named(value):
    with pytest.raises(ValueError, match="COCREA_PRESENCE_INTERVAL"):
        from_environment({"COCREA_PRESENCE_INTERVAL": value})


def set_cookie_headers(make_app, monkeypatch, value):
    if value is not None:
        monkeypatch.setenv("COCREA_SECURE_COOKIES", value)
    app = make_app()
    with app.app_context():
        user = make_user()
        email = user.email
    response = Browser(app.test_client()).login(email)
    assert response.status_code == 302
    return response.headers.getlist("Set-Cookie")


def test_behind_https_the_session_cookie_is_marked_secure(make_app, monkeypatch):
    session_cookie = [c for c in set_cookie_headers(make_app, monkeypatch, "1") if c.startswith("session=")]
    assert session_cookie and "Secure" in session_cookie[0] and "HttpOnly" in session_cookie[0]


def test_by_default_the_session_cookie_works_over_plain_http(make_app, monkeypatch):
    monkeypatch.delenv("COCREA_SECURE_COOKIES", raising=False)
    session_cookie = [c for c in set_cookie_headers(make_app, monkeypatch, None) if c.startswith("session=")]
    assert session_cookie and "Secure" not in session_cookie[0] and "SameSite=Lax" in session_cookie[0]
