from flask import Blueprint

bp = Blueprint("conversations", __name__, url_prefix="/conversations")
