"""Prepare the app's database for the fan-out benchmark and print what the load generator needs.

    COCREA_DATABASE_URL=sqlite:///... COCREA_SECRET_KEY=... python bench/setup_app.py --participants 300

Run after `flask --app lab:create_app db upgrade` on the same database. Creates, with the app's own
models, one workshop (one prompt with a one-hour countdown, ideas visible), a moderator and N
participants who joined it (obviously fictitious people). Then the moderator starts the workshop and
opens the prompt through the app's own live handlers (Flask-SocketIO's in-process test client), so the
room is in exactly the state a real moderator would leave it. Prints one JSON object:
{"workshop_id", "prompt_id", "cookie_name", "cookies": [one signed session cookie per participant],
"moderator_cookie"}.
The cookies are signed with COCREA_SECRET_KEY, so the server started with the same key accepts them.
"""
import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from lab import create_app  # noqa: E402
from lab.accounts.models import User  # noqa: E402
from lab.extensions import db, socketio  # noqa: E402
from lab.types import utcnow  # noqa: E402
from lab.workshops.models import Activity, AgendaItem, Participation, Prompt, Workshop  # noqa: E402

PROMPT_SECONDS = 3600  # the prompt must stay open for the whole run


def person(n, role):
    return User(email=f"carga{n}@ejemplo.test", name=f"Persona Ficticia {n}", organisation="Universidad Imaginaria",
                org_type="universidad", role=role, consent_version="bench", consent_at=utcnow())


def create_room(participants):
    moderator = person(0, "moderator")
    workshop = Workshop(title="Taller de carga", entity="Alcaldía Ficticia", status="scheduled",
                        objective="Medir la difusión de ideas")
    workshop.agenda = [AgendaItem(position=0, title="Actividad en el tablero", minutes=60, kind="actividad")]
    activity = Activity(position=0, title="Lluvia de ideas", workshop=workshop)
    activity.prompts.append(Prompt(position=0, text="¿Qué podría aportar cada actor?", workshop=workshop,
                                   seconds=PROMPT_SECONDS))
    workshop.moderators = [moderator]
    people = [person(n, "participant") for n in range(1, participants + 1)]
    db.session.add_all([workshop, *people])
    db.session.flush()
    db.session.add_all([Participation(workshop_id=workshop.id, user_id=p.id) for p in people])
    db.session.commit()
    return workshop, activity.prompts[0], moderator, people


def signed_cookie(app, user):
    """The session cookie Flask-Login leaves after a login, signed like the app signs it."""
    serializer = app.session_interface.get_signing_serializer(app)
    return serializer.dumps({"_user_id": user.get_id(), "_fresh": True})


def go_live(app, workshop, prompt, moderator):
    """workshop:start, then prompt:open, as the moderator, through the app's own handlers."""
    http = app.test_client()
    with http.session_transaction() as session:
        session["_user_id"] = moderator.get_id()
        session["_fresh"] = True
    console = socketio.test_client(app, flask_test_client=http, auth={"workshop": workshop.id})
    if not console.is_connected():
        raise SystemExit("the moderator could not connect to the room")
    for event, payload in (("workshop:start", None), ("prompt:open", {"prompt_id": prompt.id})):
        ack = console.emit(event, *(() if payload is None else (payload,)), callback=True)
        if not ack.get("ok"):
            raise SystemExit(f"{event} failed: {ack}")
    console.disconnect()


def main(argv=None):
    parser = argparse.ArgumentParser(description="Seed the app's database for bench/fanout.py.")
    parser.add_argument("--participants", type=int, required=True)
    args = parser.parse_args(argv)
    # TESTING keeps the background loop from starting in this one-shot process.
    app = create_app({"TESTING": True, "ASYNC_MODE": "threading"})
    with app.app_context():
        workshop, prompt, moderator, people = create_room(args.participants)
        go_live(app, workshop, prompt, moderator)
        result = {
            "workshop_id": workshop.id,
            "prompt_id": prompt.id,
            "cookie_name": app.config["SESSION_COOKIE_NAME"],
            "cookies": [signed_cookie(app, p) for p in people],
            "moderator_cookie": signed_cookie(app, moderator),
        }
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()
