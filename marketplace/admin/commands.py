"""The admin's commands: the industrial complexes an organisation operates (a complex operator)."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from marketplace.api.fields import ComplexCode
from marketplace.commands import Codes, Command


# "Mark an organisation as a complex operator" (an admin): the complexes it operates; none: not an operator.
class OperatedComplexesIn(Command):
    operated_complexes: Annotated[list[ComplexCode], Codes("industrial_complexes")] = Field(
        description="Codes of the industrial complexes it operates (industrial_complexes); [] for none"
    )
