"""Factories for each model: valid defaults, any field overridable."""

from __future__ import annotations

import itertools

from flask import Flask
from sqlalchemy.orm import Session

from marketplace.auth.models import ORGANISATION_ROLES, ApiToken, Role, User
from marketplace.auth.passwords import hash_password
from marketplace.auth.services import create_api_token
from marketplace.needs.models import Need, NeedStatus
from marketplace.organisations.brn import complete_brn
from marketplace.organisations.models import Organisation, OrganisationKind

PASSWORD = "correct horse battery"
_sequence = itertools.count(1)


def make_organisation(session: Session, kind: OrganisationKind = OrganisationKind.SME, **fields) -> Organisation:
    n = next(_sequence)
    values = {
        "kind": kind,
        "name": f"테스트정밀 {n}",
        "business_number": complete_brn(f"{100 + n % 800:03d}81{n:04d}"),
        "ksic_division": "25",
        "region": "gyeonggi",
        "industrial_complex": "sihwa",
        "employees": 40,
        "annual_revenue_krw": 8_000_000_000,
        "smart_factory_level": "basic",
        "contact_phone": "031-000-0000",
    } | fields
    organisation = Organisation(**values)
    session.add(organisation)
    session.commit()
    return organisation


def make_user(app: Flask, session: Session, role: Role = Role.SME, password: str = PASSWORD, **fields) -> User:
    n = next(_sequence)
    if "organisation" not in fields and role in ORGANISATION_ROLES:
        fields["organisation"] = make_organisation(session, ORGANISATION_ROLES[role])
    with app.app_context():
        password_hash = hash_password(password)
    user = User(
        email=fields.pop("email", f"user{n}@example.kr"),
        display_name=fields.pop("display_name", f"사용자 {n}"),
        role=role,
        password_hash=password_hash,
        **fields,
    )
    session.add(user)
    session.commit()
    return user


def make_api_token(app: Flask, session: Session, user: User, name: str = "test") -> tuple[ApiToken, str]:
    with app.app_context():
        token, plain = create_api_token(session, user, name)
    session.commit()
    return token, plain


def make_need(session: Session, owner: User, **fields) -> Need:
    values = {
        "title": "사출성형 라인 MES 구축",
        "description": "사출기 12대의 가동률과 불량률을 실시간으로 보고 싶습니다.",
        "category": "mes",
        "funding_tier": "basic",
        "budget_krw": 80_000_000,
        "region": owner.organisation.region,
        "industrial_complex": owner.organisation.industrial_complex,
        "status": NeedStatus.OPEN,
    } | fields
    need = Need(organisation_id=owner.organisation_id, author_id=owner.id, **values)
    session.add(need)
    session.commit()
    return need
