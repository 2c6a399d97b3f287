"""Guessing is slowed down without letting one person lock out a whole venue behind one address: login
failures per account and address, sign-up and guest e-mails per address with one neutral message,
join-code misses per person."""
from .conftest import Browser
from .factories import PASSWORD, make_user, make_workshop
from .test_accounts import signup_data
from .test_join import GUEST
from .test_proxy import through_proxy

VENUE = "203.0.113.7"  # everyone in the room, behind the venue's NAT


def people(app, count):
    with app.app_context():
        return [make_user() for _ in range(count)]


def test_an_attacker_at_the_venue_locks_only_the_account_they_attack(make_app):
    app = make_app(LOGIN_RATE_LIMIT="3 per minute", TRUSTED_PROXIES=1)
    victim, neighbour = people(app, 2)
    attacker = through_proxy(app, VENUE)
    for _ in range(3):
        assert attacker.login(victim, "adivinanza").status_code == 422
    assert attacker.login(victim, PASSWORD).status_code == 429  # even the right password waits
    # Everyone else in the room logs in, through the same address, and so does the victim elsewhere.
    assert through_proxy(app, VENUE).login(neighbour).status_code == 302
    assert through_proxy(app, VENUE).login(neighbour, "otra-errada").status_code == 422
    assert through_proxy(app, "198.51.100.4").login(victim).status_code == 302


def test_guessing_one_password_from_many_addresses_is_limited_per_account(make_app):
    app = make_app(LOGIN_RATE_LIMIT="3 per minute", LOGIN_ACCOUNT_RATE_LIMIT="5 per hour", TRUSTED_PROXIES=1)
    victim, = people(app, 1)
    for n in range(5):
        assert through_proxy(app, f"198.51.100.{n}").login(victim, f"intento-{n}").status_code == 422
    assert through_proxy(app, "192.0.2.50").login(victim, PASSWORD).status_code == 429


def test_the_login_limit_counts_accounts_in_any_letter_case(make_app):
    app = make_app(LOGIN_RATE_LIMIT="2 per minute")
    victim, = people(app, 1)
    browser = Browser(app.test_client())
    browser.login(victim.email.upper(), "uno")
    browser.login(victim.email, "dos")
    assert browser.login(f"  {victim.email.title()} ", PASSWORD).status_code == 429


def test_signup_and_guest_form_say_the_same_words_for_an_account_and_a_guest(app, make, make_browser):
    account = make.user(email="con-cuenta@ejemplo.test")
    workshop = make.workshop()
    make.user(email="invitada@ejemplo.test", password=None, guest_workshop_id=workshop.id)
    answers = []
    for email in (account.email, "invitada@ejemplo.test"):
        signup = make_browser().post("/registro", signup_data(email=email))
        guest = make_browser().post(f"/unirse/{workshop.join_code}", {**GUEST, "email": email})
        assert signup.status_code == guest.status_code == 422
        answers += [error_of(signup), error_of(guest)]
    assert len(set(answers)) == 1 and "No podemos registrar este correo" in answers[0]
    assert "invitado" in answers[0]  # the words cover both cases, and tell neither apart


def error_of(response):
    text = response.get_data(as_text=True)
    start = text.index("No podemos registrar")
    return text[start:text.index("<", start)]


def test_probing_emails_is_limited_per_address_and_only_refusals_count(make_app):
    app = make_app(SIGNUP_RATE_LIMIT="3 per hour", TRUSTED_PROXIES=1)
    taken = people(app, 4)
    for n in range(5):  # a room signing up: every new account goes through
        newcomer = through_proxy(app, VENUE)
        assert newcomer.post("/registro", signup_data(email=f"nueva{n}@ejemplo.test")).status_code == 302
    prober = through_proxy(app, "192.0.2.9")
    for person in taken[:3]:
        assert prober.post("/registro", signup_data(email=person.email)).status_code == 422
    assert prober.post("/registro", signup_data(email=taken[3].email)).status_code == 429
    assert prober.post("/registro", signup_data(email="libre@ejemplo.test")).status_code == 429
    assert through_proxy(app, VENUE).post("/registro", signup_data(email="otra@ejemplo.test")).status_code == 302


def test_the_guest_form_counts_refused_emails_too(make_app):
    app = make_app(SIGNUP_RATE_LIMIT="2 per hour")
    taken = people(app, 3)
    with app.app_context():
        code = make_workshop().join_code
    prober = Browser(app.test_client())
    for person in taken[:2]:
        assert prober.post(f"/unirse/{code}", {**GUEST, "email": person.email}).status_code == 422
    assert prober.post(f"/unirse/{code}", {**GUEST, "email": taken[2].email}).status_code == 429


def test_a_code_guesser_does_not_stop_the_room_from_joining(make_app):
    app = make_app(JOIN_GUESS_LIMIT="5 per minute", JOIN_ADDRESS_GUESS_LIMIT="50 per minute", TRUSTED_PROXIES=1)
    with app.app_context():
        code = make_workshop().join_code
    guesser = through_proxy(app, VENUE)
    guesser.client.environ_base["HTTP_USER_AGENT"] = "guesser/1.0"
    for n in range(5):
        assert guesser.get(f"/unirse/NOEX{n:02d}").status_code == 404
    assert guesser.get(f"/unirse/{code}").status_code == 429  # the guesser waits, even for a right code
    neighbour = through_proxy(app, VENUE)
    neighbour.client.environ_base["HTTP_USER_AGENT"] = "Mozilla/5.0 (Android)"
    assert neighbour.get(f"/unirse/{code}").status_code == 200
    assert neighbour.get("/unirse/MALESCR").status_code == 404  # and may still mistype


def test_a_code_guesser_changing_browsers_meets_the_address_limit(make_app):
    app = make_app(JOIN_GUESS_LIMIT="5 per minute", JOIN_ADDRESS_GUESS_LIMIT="8 per minute", TRUSTED_PROXIES=1)
    for n in range(8):
        guesser = through_proxy(app, "192.0.2.77")
        guesser.client.environ_base["HTTP_USER_AGENT"] = f"guesser/{n}"
        assert guesser.get(f"/unirse/NOEX{n:02d}").status_code == 404
    assert through_proxy(app, "192.0.2.77").get("/unirse/NOEX99").status_code == 429
    assert through_proxy(app, VENUE).get("/unirse/NOEX99").status_code == 404


def test_a_wrong_current_password_counts_for_that_person_only(make_app):
    app = make_app(LOGIN_RATE_LIMIT="2 per minute", TRUSTED_PROXIES=1)
    clumsy, other = people(app, 2)
    first, second = through_proxy(app, VENUE), through_proxy(app, VENUE)
    first.login(clumsy)
    second.login(other)
    change = {"current": "no-es", "password": "una-clave-nueva-larga", "confirm": "una-clave-nueva-larga"}
    for _ in range(2):
        assert first.post("/cuenta/contrasena", change).status_code == 422
    assert first.post("/cuenta/contrasena", change).status_code == 429
    assert second.post("/cuenta/contrasena", change).status_code == 422  # not 429: another person


def test_with_the_limiters_redis_unreachable_logins_work_and_are_still_limited(make_app):
    # Port 1 on this machine answers nobody: the shared storage is down, as in a Redis outage.
    app = make_app(LOGIN_RATE_LIMIT="2 per minute", RATELIMIT_STORAGE_URI="redis://127.0.0.1:1/0")
    victim, other = people(app, 2)
    browser = Browser(app.test_client())
    assert browser.login(other).status_code == 302
    browser = Browser(app.test_client())
    assert browser.login(victim, "uno").status_code == 422
    assert browser.login(victim, "dos").status_code == 422
    assert browser.login(victim, PASSWORD).status_code == 429  # counted in this process meanwhile
