"""The WSGI entry point: `gunicorn wsgi:app`, `flask --app wsgi ...`."""

from marketplace.app import create_app
from marketplace.matches.warm import serving, warm_matching

app = create_app()
if serving():
    warm_matching(app)
