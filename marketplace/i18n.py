"""Korean and English: which language a request is served in, and how the choice persists."""

from __future__ import annotations

from flask import Flask, request
from flask_babel import Babel, get_locale
from flask_login import current_user

LANGUAGES = {"ko": "한국어", "en": "English"}
LANGUAGE_COOKIE = "lang"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600

babel = Babel()


def select_locale() -> str:
    """The user's saved choice, else the language cookie, else the browser's, else Korean."""
    if current_user and current_user.is_authenticated and current_user.locale in LANGUAGES:
        return current_user.locale
    chosen = request.cookies.get(LANGUAGE_COOKIE)
    if chosen in LANGUAGES:
        return chosen
    return request.accept_languages.best_match(list(LANGUAGES), default="ko") or "ko"


def current_language() -> str:
    """'ko' or 'en' for this request (the code the reference tables use)."""
    return str(get_locale() or "ko")


def register_i18n(app: Flask) -> None:
    babel.init_app(app, locale_selector=select_locale)
    app.jinja_env.globals.update(LANGUAGES=LANGUAGES, current_language=current_language)
