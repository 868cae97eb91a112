"""Mentors: retired large-firm engineers who coach SMEs in 3–6 month engagements."""

from flask import Blueprint

bp = Blueprint("mentors", __name__, url_prefix="/mentors")
