"""How many matches a page or an API call may ask for (kept apart so importing it stays light)."""

MAX_LIMIT = 50
DEFAULT_LIMIT = 10
