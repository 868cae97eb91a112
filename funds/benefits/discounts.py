"""Tenant discounts: a solution's price for the tenants of one industrial complex, shown only to them.

A percentage off lowers both ends of the list price range, each rounded down to the won in the tenant's
favour (floor(price × (100 − percent) / 100)); a tenant price replaces the range with one price (never
above the list's lowest price). An SME is a tenant when its organisation's industrial complex is the code.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from funds.benefits.policies import DiscountsOf
from funds.benefits.schemas import TenantDiscountIn
from funds.models import TenantDiscount
from marketplace.auth.models import Role, User
from marketplace.context import ServiceContext
from marketplace.errors import NotFound
from marketplace.organisations.models import Organisation
from marketplace.policy import ensure
from marketplace.solutions.models import Solution, SolutionStatus
from marketplace.validation import fail


@dataclass(frozen=True)
class TenantPrice:
    """The price a tenant of `complex_code` pays, beside the list price."""

    complex_code: str
    min_krw: int
    max_krw: int
    percent: int | None  # None: a set tenant price


def discounted(price_krw: int, percent: int) -> int:
    """The price after `percent` off, rounded down to the won (the tenant's favour)."""
    return price_krw * (100 - percent) // 100


def tenant_price(solution: Solution, discount: TenantDiscount) -> TenantPrice:
    if discount.percent is not None:
        low, high = (
            discounted(solution.price_min_krw, discount.percent),
            discounted(solution.price_max_krw, discount.percent),
        )
        return TenantPrice(discount.complex_code, low, high, discount.percent)
    price = discount.price_krw or solution.price_min_krw
    return TenantPrice(discount.complex_code, price, price, None)


def discounts_of(session: Session, solution: Solution) -> list[TenantDiscount]:
    statement = select(TenantDiscount).where(TenantDiscount.solution_id == solution.id)
    return list(session.scalars(statement.order_by(TenantDiscount.complex_code)))


def set_discount(
    session: Session, ctx: ServiceContext, solution: Solution, command: TenantDiscountIn
) -> TenantDiscount:
    """The seller sets (or changes) the discount for one complex's tenants."""
    ensure(
        ctx.actor, "set", DiscountsOf(solution), _l("Only the firm that sells this solution sets its tenant discounts.")
    )
    values = command.every_value()
    TenantDiscountIn.check(values)
    if values.get("price_krw") is not None and values["price_krw"] > solution.price_min_krw:
        raise fail("price_krw", _l("A tenant price is at most the list's lowest price."))
    statement = select(TenantDiscount).where(
        TenantDiscount.solution_id == solution.id, TenantDiscount.complex_code == values["complex_code"]
    )
    discount = session.scalar(statement.with_for_update())
    if discount is None:
        discount = TenantDiscount(
            solution_id=solution.id, complex_code=values["complex_code"], created_by_id=ctx.actor.id
        )
        session.add(discount)
    discount.percent, discount.price_krw = values.get("percent"), values.get("price_krw")
    session.flush()
    return discount


def remove_discount(session: Session, ctx: ServiceContext, solution: Solution, discount_id: int) -> None:
    ensure(
        ctx.actor, "set", DiscountsOf(solution), _l("Only the firm that sells this solution sets its tenant discounts.")
    )
    discount = session.get(TenantDiscount, discount_id)
    if discount is None or discount.solution_id != solution.id:
        raise NotFound(_l("No such tenant discount."))
    session.delete(discount)
    session.flush()


def complex_of(session: Session, viewer: User | None) -> str | None:
    """The industrial complex the viewer's firm is a tenant of (SMEs only), else None."""
    if viewer is None or viewer.role != Role.SME or viewer.organisation_id is None:
        return None
    org = session.get(Organisation, viewer.organisation_id)
    return org.industrial_complex if org is not None else None


# A tenant's need page asks it: built once per process, the complex bound at each call.
DISCOUNTED = select(TenantDiscount.solution_id).where(TenantDiscount.complex_code == bindparam("complex_code"))


def discounted_solution_ids(session: Session, complex_code: str) -> frozenset[int]:
    """The ids of the solutions with a discount for tenants of `complex_code`."""
    return frozenset(session.scalars(DISCOUNTED, {"complex_code": complex_code}))


def tenant_prices(session: Session, solutions: Iterable[Any], complex_code: str | None) -> dict[int, TenantPrice]:
    """Solution id → the tenant price for tenants of `complex_code` (one query for a page of solutions)."""
    by_id = {solution.id: solution for solution in solutions if isinstance(solution, Solution)}
    if complex_code is None or not by_id:
        return {}
    statement = select(TenantDiscount).where(
        TenantDiscount.solution_id.in_(by_id), TenantDiscount.complex_code == complex_code
    )
    return {d.solution_id: tenant_price(by_id[d.solution_id], d) for d in session.scalars(statement)}


def discounted_for_complex(
    session: Session, complex_code: str, categories: Iterable[str], limit: int = 5
) -> list[tuple[Solution, TenantPrice]]:
    """Published solutions in these categories with a discount for this complex's tenants, cheapest first."""
    statement = (
        select(Solution, TenantDiscount)
        .join(TenantDiscount, TenantDiscount.solution_id == Solution.id)
        .where(TenantDiscount.complex_code == complex_code, Solution.status == SolutionStatus.ACTIVE)
    )
    wanted = set(categories)
    found = [
        (solution, tenant_price(solution, discount))
        for solution, discount in session.execute(statement)
        if not wanted or wanted & set(solution.categories or [])
    ]
    return sorted(found, key=lambda pair: (pair[1].min_krw, pair[0].id))[:limit]
