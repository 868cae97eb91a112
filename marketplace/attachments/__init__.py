"""Attachments: files kept for needs, solutions, projects, mentors' logs, organisations and mentors.

See docs/attachments.md.
"""

from flask import Blueprint

bp = Blueprint("attachments", __name__, url_prefix="/attachments")
