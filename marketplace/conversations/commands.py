"""The commands of conversations: open the thread of a subject, write a message. Each field's rule once."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StrictStr

from marketplace.api.fields import RowId
from marketplace.commands import Command, Text

MESSAGE_BODY_CHARS = 4000  # a long letter; a file goes with an attachment, not in the text

Body = Annotated[StrictStr, Text(MESSAGE_BODY_CHARS)]


class MessageIn(Command):
    """A message to the other parties of the thread."""

    body: Body = Field(description="Plain text, Korean or English; line breaks are kept")


class OpenConversation(Command):
    """Open the thread of a subject you are a party to (the existing one if it was opened before)."""

    subject_type: Annotated[StrictStr, Field(max_length=20, description="interest, project or engagement")]
    subject_id: RowId
