"""The realtime layer: declaring socket events, running them in a transaction, publishing after commit,
connections, room locks, sessions, presence and background work."""
