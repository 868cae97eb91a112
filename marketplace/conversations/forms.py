"""The forms of conversations: write a message; open the thread of a subject (a button)."""

from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, IntegerField, TextAreaField
from wtforms.validators import DataRequired

from marketplace.conversations.commands import MessageIn
from marketplace.forms import CommandForm


class MessageForm(CommandForm):
    body = TextAreaField(
        _l("Your message"),
        validators=[DataRequired(), *MessageIn.limits("body")],
        description=_l("Only the parties of this conversation read it."),
    )


class OpenForm(CommandForm):
    subject_type = HiddenField(validators=[DataRequired()])
    subject_id = IntegerField(validators=[DataRequired()])
