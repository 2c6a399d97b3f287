"""Helpers for tests of the live room through Flask-SocketIO's test client."""
from lab.extensions import socketio


def logged_in(app, user):
    """An HTTP client holding `user`'s session, as after logging in."""
    http = app.test_client()
    with http.session_transaction() as session:
        session["_user_id"] = user.get_id()
        session["_fresh"] = True
    return http


def connect(app, user, workshop, auth=None):
    """Open a socket to the workshop's room with `user`'s session."""
    return socketio.test_client(app, flask_test_client=logged_in(app, user),
                                auth=auth if auth is not None else {"workshop": workshop.id})


def call(client, event, payload=None):
    """Emit with an acknowledgement and return the ack."""
    args = () if payload is None else (payload,)
    return client.emit(event, *args, callback=True)


def updates(client):
    """Sequenced updates received so far, in order."""
    return [m["args"][0] for m in client.get_received() if m["name"] == "update"]
