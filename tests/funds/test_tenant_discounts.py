"""Tenant discounts: who sets them, the arithmetic to the won, and who sees the tenant price."""

from __future__ import annotations

import pytest

from funds.benefits import discounts
from funds.benefits.schemas import TenantDiscountIn
from funds.models import TenantDiscount
from marketplace.auth.models import Role
from marketplace.errors import Forbidden, ValidationFailed
from marketplace.solutions.models import SolutionStatus
from tests.factories import context_of, make_organisation, make_solution, make_user


def command(**fields) -> TenantDiscountIn:
    values = {"complex_code": "banwol", "percent": None, "price_krw": None} | fields
    return TenantDiscountIn.model_construct(_fields_set=set(values), **values)


@pytest.fixture
def seller(app, db_session):
    return make_user(app, db_session, Role.SUPPLIER)


@pytest.mark.parametrize(
    ("price", "percent", "expected"),
    [
        (10_000_000, 10, 9_000_000),
        (33_333_333, 15, 28_333_333),  # 28,333,333.05 → down to the won
        (99_999_999, 33, 66_999_999),  # 66,999,999.33
        (1, 50, 0),
        (12_345_679, 100, 0),
        (12_345_679, 1, 12_222_222),  # 12,222,222.21
    ],
)
def test_percent_off_rounds_down_to_the_won(price, percent, expected):
    assert discounts.discounted(price, percent) == expected


def test_a_percentage_lowers_both_ends_of_the_range(app, db_session, seller):
    solution = make_solution(db_session, seller, price_min_krw=33_333_333, price_max_krw=99_999_999)
    discount = discounts.set_discount(db_session, context_of(seller), solution, command(percent=15))
    price = discounts.tenant_price(solution, discount)
    assert (price.min_krw, price.max_krw, price.percent) == (28_333_333, 84_999_999, 15)


def test_a_tenant_price_is_one_price_at_most_the_lowest_list_price(app, db_session, seller):
    solution = make_solution(db_session, seller, price_min_krw=20_000_000, price_max_krw=50_000_000)
    discount = discounts.set_discount(db_session, context_of(seller), solution, command(price_krw=17_500_000))
    price = discounts.tenant_price(solution, discount)
    assert (price.min_krw, price.max_krw, price.percent) == (17_500_000, 17_500_000, None)
    with pytest.raises(ValidationFailed) as refused:
        discounts.set_discount(db_session, context_of(seller), solution, command(price_krw=20_000_001))
    assert "price_krw" in refused.value.fields


def test_setting_again_changes_the_one_discount_of_the_complex(app, db_session, seller):
    solution = make_solution(db_session, seller)
    discounts.set_discount(db_session, context_of(seller), solution, command(percent=10))
    discounts.set_discount(db_session, context_of(seller), solution, command(percent=20))
    sihwa = discounts.set_discount(db_session, context_of(seller), solution, command(complex_code="sihwa", percent=5))
    found = discounts.discounts_of(db_session, solution)
    assert [(d.complex_code, d.percent) for d in found] == [("banwol", 20), ("sihwa", 5)]
    discounts.remove_discount(db_session, context_of(seller), solution, sihwa.id)
    assert db_session.query(TenantDiscount).filter_by(solution_id=solution.id).count() == 1


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({}, "percent"),  # neither
        ({"percent": 10, "price_krw": 1_000_000}, "percent"),  # both
        ({"percent": 0}, "percent"),
        ({"percent": 101}, "percent"),
        ({"percent": 12.5}, "percent"),
        ({"percent": True}, "percent"),
        ({"price_krw": 0}, "price_krw"),
        ({"price_krw": -5}, "price_krw"),
        ({"price_krw": "9000000"}, "price_krw"),
        ({"complex_code": "atlantis", "percent": 10}, "complex_code"),
    ],
)
def test_bad_discounts_name_their_field_and_write_nothing(app, db_session, seller, fields, field):
    solution = make_solution(db_session, seller)
    with pytest.raises(ValidationFailed) as refused:
        discounts.set_discount(db_session, context_of(seller), solution, command(**fields))
    assert field in refused.value.fields
    assert db_session.query(TenantDiscount).count() == 0


@pytest.mark.parametrize("role", [Role.SME, Role.SPONSOR, Role.SUPPLIER, Role.OFFICER, Role.MENTOR])
def test_only_the_seller_sets_discounts(app, db_session, seller, role):
    solution = make_solution(db_session, seller)
    with pytest.raises(Forbidden):
        discounts.set_discount(db_session, context_of(make_user(app, db_session, role)), solution, command(percent=5))


def test_a_sponsor_selling_solutions_sets_its_own(app, db_session):
    sponsor = make_user(app, db_session, Role.SPONSOR)
    solution = make_solution(db_session, sponsor)
    assert discounts.set_discount(db_session, context_of(sponsor), solution, command(percent=5)).percent == 5


def test_only_tenants_of_the_complex_get_the_price(app, db_session, seller):
    solution = make_solution(db_session, seller, categories=["fems"])
    discounts.set_discount(db_session, context_of(seller), solution, command(percent=10))
    tenant = make_user(
        app, db_session, Role.SME, organisation=make_organisation(db_session, industrial_complex="banwol")
    )
    elsewhere = make_user(
        app, db_session, Role.SME, organisation=make_organisation(db_session, industrial_complex="sihwa")
    )
    assert discounts.complex_of(db_session, tenant) == "banwol"
    assert (
        discounts.tenant_prices(db_session, [solution], discounts.complex_of(db_session, tenant))[solution.id].min_krw
        == 9_000_000
    )
    assert discounts.tenant_prices(db_session, [solution], discounts.complex_of(db_session, elsewhere)) == {}
    assert discounts.complex_of(db_session, seller) is None  # a supplier is nobody's tenant
    assert discounts.complex_of(db_session, None) is None
    listed = discounts.discounted_for_complex(db_session, "banwol", ["fems"])
    assert [s.id for s, _price in listed] == [solution.id]
    assert discounts.discounted_for_complex(db_session, "banwol", ["mes"]) == []
    solution.status = SolutionStatus.ARCHIVED
    assert discounts.discounted_for_complex(db_session, "banwol", ["fems"]) == []
