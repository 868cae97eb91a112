"""The commands of a consortium: add a member with its pledge, change a member's pledge."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from marketplace.api.fields import PoolWon, RowId
from marketplace.commands import Amount, Command
from marketplace.validation import MAX_POOL_KRW


class PledgeIn(Command):
    pledged_krw: Annotated[PoolWon, Amount(MAX_POOL_KRW)] = Field(description="The member's pledge, in whole won")


class MemberIn(PledgeIn):
    organisation_id: RowId = Field(description="A sponsor firm (private or public company) not yet a member")
