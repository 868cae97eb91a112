from flask import Blueprint

bp = Blueprint("interests", __name__, url_prefix="/interests")
