"""Training courses: organisers (complex operators, sponsors, suppliers) publish courses; SMEs enrol their staff."""

from flask import Blueprint

bp = Blueprint("training", __name__, url_prefix="/courses")
