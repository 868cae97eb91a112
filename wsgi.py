"""The WSGI entry point: `gunicorn wsgi:app`, `flask --app wsgi ...`."""

from marketplace.app import create_app
from marketplace.matches.warm import serving, warm_serving

app = create_app()
if serving():
    warm_serving(app)  # before the process answers: its first visitor waits for none of it
