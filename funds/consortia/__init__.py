"""Consortium programmes: several sponsor firms pledge to one programme; the lead manages it (docs/funds.md)."""

from flask import Blueprint

bp = Blueprint("consortia", __name__, url_prefix="/programmes")
