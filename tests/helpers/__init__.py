"""Shared test helpers: the one window fixture, the server's own truth, a user who drives the window."""
