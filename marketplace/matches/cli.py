"""`flask --app wsgi matching reindex`: encode every listing whose stored vector is missing or stale;
`flask --app wsgi matching snapshot`: store missing terms and publish the shared index.

The job worker does both by itself after every save; these are for a new model or a restored database.
"""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import AppGroup
from sqlalchemy import delete

from marketplace.db import db
from marketplace.unit_of_work import transaction

matching_group = AppGroup("matching", help="The matching engine's index.")


@matching_group.command("reindex")
@click.option("--force", is_flag=True, help="Encode every listing again, even where the stored vector is current.")
def reindex(force: bool) -> None:
    """Bring the stored vectors up to date with the listings' texts and the model."""
    from marketplace.matches.models import MatchVector
    from marketplace.matches.refresh import encoder_for, missing_count, refresh_matching, worker_index
    from marketplace.matches.snapshots import store_stale_terms

    index = worker_index(current_app)
    if force:
        with transaction() as session:
            session.execute(delete(MatchVector).where(MatchVector.model == index.model))
    click.echo(f"loading {index.model} …")
    encoder_for(index.model).load()
    store_stale_terms()  # analysed while only reading: web requests keep writing meanwhile
    index.sync(db.session)
    listings = sum(len(catalogue) for catalogue in index.engine.catalogues.values())
    with click.progressbar(length=missing_count(index), label="encoding", show_pos=True) as bar:
        encoded = refresh_matching(progress=bar.update)
    click.echo(f"{listings} listings: {encoded} encoded, {listings - encoded} already current")


@matching_group.command("snapshot")
def snapshot() -> None:
    """Analyse the listings whose stored terms are missing or stale, then publish the shared index
    that web processes map (the worker does both after it stores new vectors)."""
    from marketplace.matches.snapshots import snapshot_dir, store_stale_terms, write_snapshot

    directory = snapshot_dir(current_app)
    if directory is None:
        raise click.UsageError("MATCHING_SNAPSHOT_DIR is not set")
    analysed = store_stale_terms()  # committed on their own: kept even if writing the snapshot fails
    generation = write_snapshot(db.session, directory, current_app.config["MATCHING_MODEL"])
    db.session.rollback()
    click.echo(f"{analysed} listings analysed; snapshot {generation} published in {directory}")
