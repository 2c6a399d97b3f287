"""Translations: every string in the code has an English translation, and people see the language
they chose (the session's choice first, then their account's preferred language, else Spanish)."""
import re
from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
LAB = ROOT / "lab"
ENGLISH_PO = LAB / "translations" / "en" / "LC_MESSAGES" / "messages.po"
ENGLISH_MO = ENGLISH_PO.with_suffix(".mo")
# The same keywords as `make catalog` (Makefile)
KEYWORDS = {**DEFAULT_KEYWORDS, "_l": None, "lazy_gettext": None, "_counted": (1, 2)}
PLACEHOLDER = re.compile(r"%\((\w+)\)[#0 +-]*\d*(?:\.\d+)?[a-zA-Z]")
HTML_LANG = re.compile(r"<html[^>]*\blang=\"([^\"]+)\"")


def extract():
    """(messages, files): msgid -> (msgid, msgid_plural or None, first location), and every file visited."""
    with open(ROOT / "babel.cfg", encoding="utf-8") as cfg:
        method_map, options_map = parse_mapping_cfg(cfg)
    files = set()
    messages = {}
    found = extract_from_dir(str(ROOT), method_map, options_map, keywords=KEYWORDS,
                             callback=lambda filename, method, options: files.add(filename))
    for filename, lineno, message, _comments, _context in found:
        singular, plural = (message[0], message[1]) if isinstance(message, tuple) else (message, None)
        if singular:
            messages.setdefault(singular, (singular, plural, f"{filename}:{lineno}"))
    return messages, files


@pytest.fixture(scope="module")
def extracted():
    return extract()


@pytest.fixture(scope="module")
def english():
    with open(ENGLISH_PO, "rb") as po:
        return read_po(po)


def forms(message):
    return list(message.string) if isinstance(message.string, (tuple, list)) else [message.string]


def placeholders(text):
    return sorted(PLACEHOLDER.findall(text))


def page(response):
    return response.get_data(as_text=True)


def html_lang(response):
    match = HTML_LANG.search(page(response))
    assert match, "no <html lang> on the page"
    return match.group(1)


def switch(browser, lang, back_to="/"):
    response = browser.post(f"/idioma/{lang}", {"next": back_to})
    assert response.status_code == 302
    return response


# --- the catalogue is complete -----------------------------------------------------------------

def test_babel_cfg_reaches_every_module_and_template(extracted):
    _, files = extracted
    visited = {Path(f).as_posix() for f in files}
    sources = [p for p in LAB.rglob("*") if p.suffix in (".py", ".html") and "__pycache__" not in p.parts]
    missed = sorted(p.relative_to(ROOT).as_posix() for p in sources
                    if p.relative_to(ROOT).as_posix() not in visited)
    assert not missed, f"babel.cfg does not extract these files: {missed}"


def test_every_extracted_string_has_an_english_translation(extracted, english):
    messages, _ = extracted
    assert len(messages) > 100, "extraction found almost nothing: is babel.cfg right?"
    problems = []
    for msgid, (_, plural, where) in sorted(messages.items()):
        entry = english.get(msgid)
        if entry is None:
            problems.append(f"{where}: not in the English catalogue: {msgid!r}")
        elif entry.fuzzy:
            problems.append(f"{where}: fuzzy translation: {msgid!r}")
        elif not all(s.strip() for s in forms(entry)):
            problems.append(f"{where}: empty translation: {msgid!r}")
        elif plural and not entry.pluralizable:
            problems.append(f"{where}: plural in the code, singular in the catalogue: {msgid!r}")
    assert not problems, ("Untranslated strings (run pybabel extract/update, translate, compile):\n"
                          + "\n".join(problems))


def test_translations_keep_the_placeholders(english):
    problems = []
    for entry in english:
        if not entry.id:
            continue
        ids = entry.id if isinstance(entry.id, (tuple, list)) else (entry.id,)
        for translated in forms(entry):
            if translated and placeholders(translated) != placeholders(ids[0]):
                problems.append(f"{ids[0]!r} -> {translated!r}")
        if len(ids) > 1 and placeholders(ids[1]) != placeholders(ids[0]):
            problems.append(f"singular and plural differ: {ids!r}")
    assert not problems, "Placeholders changed in translation:\n" + "\n".join(problems)


def test_the_catalogue_has_no_fuzzy_header_and_english_plural_rules(english):
    assert not english.fuzzy
    assert str(english.locale) == "en"
    assert english.num_plurals == 2


def test_the_compiled_catalogue_matches_the_po_file(english):
    assert ENGLISH_MO.exists(), "messages.mo is missing: run `make translations`"
    with open(ENGLISH_MO, "rb") as mo:
        compiled = read_mo(mo)
    stale = [entry.id for entry in english
             if entry.id and (compiled.get(entry.id) is None or forms(compiled.get(entry.id)) != forms(entry))]
    assert not stale, f"messages.mo is older than messages.po (run `make translations`): {stale[:10]}"


# --- sign-up and login: Spanish by default, English after the switch ------------------------------

def test_signup_and_login_are_in_spanish_by_default(client):
    signup = client.get("/registro")
    assert html_lang(signup) == "es-CO"
    text = page(signup)
    for spanish in ("Crear cuenta", "Correo electrónico", "Tipo de organización", "Ciudadanía",
                    "Autorización para el tratamiento de datos personales", "Ley 1581 de 2012"):
        assert spanish in text
    assert "Sign up" not in text
    assert ">English</button>" in text  # the switch offers the other language

    login = client.get("/entrar")
    assert html_lang(login) == "es-CO"
    assert "¿Olvidaste tu contraseña?" in page(login)


def test_switching_to_english_translates_signup_login_home_and_join(browser):
    switch(browser, "en", back_to="/registro")

    signup = browser.get("/registro")
    assert html_lang(signup) == "en"
    text = page(signup)
    for english in ("Sign up", "Full name", "Email", "Organisation type", "Productivity or research centre",
                    "Social organisation / NGO", "Citizens", "Authorisation to process personal data",
                    "in compliance with Ley 1581 de 2012",
                    "I authorise the processing of my personal data under the terms above.",
                    "Already have an account?"):
        assert english in text
    for spanish in ("Crear cuenta", "Correo electrónico", "Autorización para el tratamiento"):
        assert spanish not in text
    assert ">Español</button>" in text

    login = browser.get("/entrar")
    assert html_lang(login) == "en"
    assert "Log in" in page(login) and "Forgot your password?" in page(login)
    assert "Entrar" not in page(login)

    home = page(browser.get("/"))
    assert "Live co-creation workshops" in home and "Join code" in home
    join = page(browser.get("/unirse"))
    assert "Join a workshop" in join and "Unirse a un taller" not in join


def test_the_switch_returns_to_the_page_and_back_to_spanish(browser):
    assert switch(browser, "en", back_to="/entrar").headers["Location"].endswith("/entrar")
    assert html_lang(browser.get("/entrar")) == "en"
    switch(browser, "es_CO", back_to="/entrar")
    login = browser.get("/entrar")
    assert html_lang(login) == "es-CO"
    assert "¿No tienes cuenta?" in page(login)


@pytest.mark.parametrize("target", [
    "//evil.test/", "https://evil.test/", "/\\evil.test", "/\t/evil.test", "/\n/evil.test", "javascript:alert(1)", "",
])
def test_the_switch_never_leaves_the_site(browser, target):
    """The same guard as every other `next`: a tab or a newline is dropped by browsers, so "/\\t/host" is
    "//host"."""
    assert switch(browser, "en", back_to=target).headers["Location"] == "/"


def test_an_unknown_language_leaves_the_page_in_spanish(browser):
    switch(browser, "fr")
    assert html_lang(browser.get("/registro")) == "es-CO"


def test_form_errors_follow_the_chosen_language(browser):
    switch(browser, "en")
    response = browser.post("/entrar", {"email": "", "password": ""})
    assert response.status_code == 422
    assert "Please check the form:" in page(response)
    assert "Enter your email address." in page(response)
    assert "Escribe tu correo" not in page(response)

    response = browser.post("/registro", {"name": "Persona Ficticia", "email": "no-es-un-correo"})
    assert "Enter a valid email address, such as name@example.org." in page(response)
    assert "Without your authorisation we cannot sign you up." in page(response)


def test_a_bad_login_is_refused_in_english(browser, make):
    user = make.user()
    switch(browser, "en")
    response = browser.login(user, "wrong-password-000")
    assert response.status_code == 422
    assert "The email or password is not correct." in page(response)


# --- a person's preferred language ----------------------------------------------------------------

def test_a_logged_in_persons_preferred_language_is_used_without_a_session_choice(browser, make):
    user = make.user(locale="en")
    assert browser.login(user).status_code == 302
    profile = browser.get("/cuenta")
    assert html_lang(profile) == "en"
    assert "My account" in page(profile) and "Log out" in page(profile)
    assert "Mi cuenta" not in page(profile)


def test_the_session_choice_wins_over_the_preferred_language(browser, make):
    user = make.user(locale="en")
    browser.login(user)
    switch(browser, "es_CO", back_to="/cuenta")
    profile = browser.get("/cuenta")
    assert html_lang(profile) == "es-CO"
    assert "Mi cuenta" in page(profile)


def test_without_a_preferred_language_a_person_sees_spanish(browser, make):
    user = make.user()
    browser.login(user)
    profile = browser.get("/cuenta")
    assert html_lang(profile) == "es-CO"
    assert "Mi cuenta" in page(profile)


def test_the_preferred_language_ends_with_the_session(browser, make):
    user = make.user(locale="en")
    browser.login(user)
    assert html_lang(browser.get("/")) == "en"
    browser.logout()
    assert html_lang(browser.get("/entrar")) == "es-CO"
