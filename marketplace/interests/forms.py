"""The express-interest form."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, IntegerField, TextAreaField
from wtforms.validators import DataRequired, Length

from marketplace.interests.services import MAX_MESSAGE


class InterestForm(FlaskForm):
    target_type = HiddenField(validators=[DataRequired()])
    target_id = IntegerField(validators=[DataRequired()])
    message = TextAreaField(
        _l("Message"),
        validators=[DataRequired(), Length(max=MAX_MESSAGE)],
        description=_l("A few lines: who you are and why this fits."),
    )
