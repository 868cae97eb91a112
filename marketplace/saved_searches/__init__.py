"""Saved searches: a user keeps a search or a set of filters under a name, and hears of new listings that fit it."""

from flask import Blueprint

bp = Blueprint("saved_searches", __name__, url_prefix="/saved-searches")
