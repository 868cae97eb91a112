"""Command-line tasks: `flask --app wsgi <command>`; each command is one transaction."""

from __future__ import annotations

from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import AppGroup, with_appcontext

from marketplace.unit_of_work import transaction


def register_commands(app: Flask) -> None:
    app.cli.add_command(db_group)
    app.cli.add_command(seed_demo_command)
    app.cli.add_command(demo_matching_command)
    app.cli.add_command(api_token_command)
    app.cli.add_command(api_reference_command)
    from marketplace.matches.cli import matching_group

    app.cli.add_command(matching_group)
    from funds.cli import funds_group

    app.cli.add_command(funds_group)
    from marketplace.notifications.cli import notify_group
    from mentors.cli import due_logs_command

    notify_group.add_command(due_logs_command)
    app.cli.add_command(notify_group)
    from marketplace.jobs.cli import jobs_group

    app.cli.add_command(jobs_group)


db_group = AppGroup("db", help="Database migrations (Alembic).")


@db_group.command("upgrade")
@click.argument("revision", default="head")
def db_upgrade(revision: str) -> None:
    """Migrate the database up to REVISION (default: head)."""
    from marketplace import migrate  # Alembic is imported only when a migration runs

    migrate.upgrade(current_app.config["DATABASE_URL"], revision)


@db_group.command("downgrade")
@click.argument("revision", default="-1")
def db_downgrade(revision: str) -> None:
    """Migrate the database down to REVISION (default: one step; 'base' for an empty database)."""
    from marketplace import migrate

    migrate.downgrade(current_app.config["DATABASE_URL"], revision)


@db_group.command("revision")
@click.option("-m", "--message", required=True)
@click.option("--rev-id", default=None, help="e.g. 0002; defaults to a random id.")
def db_revision(message: str, rev_id: str | None) -> None:
    """Write a new migration from the difference between the models and the database."""
    from alembic import command

    from marketplace import migrate

    command.revision(
        migrate.alembic_config(current_app.config["DATABASE_URL"]), message, autogenerate=True, rev_id=rev_id
    )


@click.command("seed-demo")
@with_appcontext
def seed_demo_command() -> None:
    """Create the demo world (idempotent: a second run adds nothing)."""
    from marketplace.demo.matching import store_demo_matching
    from marketplace.demo.world import seed_demo

    with transaction() as session:
        report = seed_demo(session)
        session.flush()
        # The published terms and vectors of the demo listings: the worker has nothing to redo at start.
        store_demo_matching(session, current_app.config["MATCHING_MODEL"])
    click.echo(
        f"demo world: {report.organisations_created} organisations and {report.users_created} users created; "
        f"{report.needs_created} needs, {report.solutions_created} solutions "
        f"and {report.programmes_created} programmes created"
    )


@click.command("demo-matching")
@with_appcontext
def demo_matching_command() -> None:
    """Write the demo world's published terms and vectors (marketplace/demo/matching.json.gz) from this
    database: after `seed-demo` on a fresh database and `matching reindex`."""
    from marketplace.demo.matching import STORE, write_demo_matching
    from marketplace.unit_of_work import reading

    with reading() as session:
        terms, vectors = write_demo_matching(session, current_app.config["MATCHING_MODEL"])
    click.echo(f"{terms} listings' terms and {vectors} vectors written to {STORE}")


@click.command("api-token")
@with_appcontext
@click.argument("email")
@click.option("--name", default="CLI", help="A label for the token.")
def api_token_command(email: str, name: str) -> None:
    """Print a new personal API token for the user with EMAIL."""
    from marketplace.auth.services import create_api_token, find_user_by_email

    with transaction() as session:
        user = find_user_by_email(session, email)
        if user is None:
            raise click.ClickException(f"no user with email {email}")
        _token, plain = create_api_token(session, user, name)
    click.echo(plain)


@click.command("api-reference")
@with_appcontext
@click.option("--output", default="docs/api-reference.md", show_default=True, help="Where to write it ('-': print).")
def api_reference_command(output: str) -> None:
    """Write the API reference in Markdown, generated from the OpenAPI document."""
    from marketplace.api.openapi import build_document
    from marketplace.api.reference import render_reference

    text = render_reference(build_document(current_app))
    if output == "-":
        click.echo(text, nl=False)
        return
    Path(output).write_text(text, encoding="utf-8")
    click.echo(f"wrote {output}")
