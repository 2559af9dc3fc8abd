"""The API rules, pure: no I/O, no framework. Used by the server and by the SDK preflight."""
