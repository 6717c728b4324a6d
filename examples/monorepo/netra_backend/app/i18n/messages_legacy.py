"""User-facing messages, as exported from the old CMS (Latin-1, no coding cookie)."""

MESSAGES = {
    "welcome": "Welcome back",
    "cafe": "Café mode enabled",
    "goodbye": "See you soon",
}
