# Two commands do everything on a fresh machine: `make run` and `make test` (see README.md).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 5000
export PORT  # the app reads it too: SITE_URL (links in emails) follows it unless set
FLASK := SANGSAENG_ENV=development $(BIN)/flask --app wsgi

.PHONY: run serve test lint format translations extract-messages migrate seed clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Reinstall only when requirements.txt changes.
$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

translations: $(VENV)/.installed
	$(BIN)/pybabel compile --use-fuzzy -d marketplace/translations

run: translations
	$(FLASK) db upgrade
	$(FLASK) seed-demo
	# A local fake Stripe (localstripe) beside the app, on 127.0.0.1, its webhook registered to the app; and
	# the job worker (matching, the email outbox, reminders, reconciliation), stopped when the app stops.
	SANGSAENG_ENV=development $(BIN)/python -m devtools.fake_stripe run --app-port $(PORT) --welcome --worker -- \
		$(BIN)/flask --app wsgi run --host 127.0.0.1 --port $(PORT)

# As `run`, but served by gunicorn with the production configuration (gunicorn.conf.py) instead of
# Flask's development server (the job worker beside it as well).
serve: translations
	$(FLASK) db upgrade
	$(FLASK) seed-demo
	SANGSAENG_ENV=development GUNICORN_BIND=127.0.0.1:$(PORT) $(BIN)/python -m devtools.fake_stripe run --app-port $(PORT) --worker -- \
		$(BIN)/gunicorn -c gunicorn.conf.py wsgi:app

test: translations
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/mypy
	$(BIN)/python -m pytest

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: $(VENV)/.installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# After changing user-facing text: refresh the catalogue, then translate the new entries in ko.
extract-messages: $(VENV)/.installed
	$(BIN)/pybabel extract -F marketplace/babel.cfg -k _l -k lazy_gettext --no-location --sort-output --no-wrap \
		-o marketplace/translations/messages.pot .
	$(BIN)/pybabel update -i marketplace/translations/messages.pot -d marketplace/translations --no-fuzzy-matching --no-wrap

migrate: $(VENV)/.installed
	$(FLASK) db upgrade

seed: migrate
	$(FLASK) seed-demo

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
	find . -name __pycache__ -prune -exec rm -rf {} +
