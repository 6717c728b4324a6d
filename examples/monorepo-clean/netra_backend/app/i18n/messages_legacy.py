"""User-facing messages, as exported from the old CMS (converted to UTF-8)."""

MESSAGES = {
    "welcome": "Welcome back",
    "cafe": "Café mode enabled",
    "goodbye": "See you soon",
}
