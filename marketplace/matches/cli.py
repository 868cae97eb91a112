"""`flask --app wsgi matching reindex`: encode every listing whose stored vector is missing or stale.

The job worker does the same by itself after every save; this is for a new model or a restored database.
"""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import AppGroup
from sqlalchemy import delete

from marketplace.db import db

matching_group = AppGroup("matching", help="The matching engine's index.")


@matching_group.command("reindex")
@click.option("--force", is_flag=True, help="Encode every listing again, even where the stored vector is current.")
def reindex(force: bool) -> None:
    """Bring the stored vectors up to date with the listings' texts and the model."""
    from marketplace.matches.index import match_index
    from marketplace.matches.models import MatchVector
    from marketplace.matches.refresh import encoder_for, missing_count, refresh_matching

    index = match_index(current_app)
    if force:
        with db.transaction() as session:
            session.execute(delete(MatchVector).where(MatchVector.model == index.model))
    click.echo(f"loading {index.model} …")
    encoder_for(index.model).load()
    index.sync(db.session)
    listings = sum(len(catalogue) for catalogue in index.engine.catalogues.values())
    with click.progressbar(length=missing_count(index), label="encoding", show_pos=True) as bar:
        encoded = refresh_matching(progress=bar.update)
    click.echo(f"{listings} listings: {encoded} encoded, {listings - encoded} already current")
