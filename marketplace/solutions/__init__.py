from flask import Blueprint

bp = Blueprint("solutions", __name__, url_prefix="/solutions")
