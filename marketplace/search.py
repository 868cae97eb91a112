"""Free-text search, filters, sorting and stable pagination shared by every kind of listing.

Korean is written with and without spaces (사출성형, 사출 성형), so both the stored text and the
query are compared with spaces removed: a listing matches when every query term occurs in it.
When a query has a typo no listing contains it, so titles are also compared fuzzily (rapidfuzz):
titles are short, which keeps that pass cheap (see ../shared/PERFORMANCE.md, "Lexical").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from rapidfuzz import fuzz, process
from sqlalchemy import ColumnElement, Select, event, func, select
from sqlalchemy.orm import Session

T = TypeVar("T")

MAX_PER_PAGE = 100
MAX_PAGE = 10**6  # beyond any real list: a bigger page number is refused (API) or read as page 1 (pages)
FUZZY_MIN_QUERY = 3  # shorter queries match too much by chance
FUZZY_CUTOFF = 75.0  # partial_ratio; one wrong syllable in a four-syllable word scores 75
_SPACE = re.compile(r"\s+")


def compact(text: str) -> str:
    """Lower-case, Unicode-normalised (NFKC), without any whitespace."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", text or "").lower())


def query_terms(q: str) -> list[str]:
    return [term for term in (compact(part) for part in _SPACE.split(q or "")) if term]


def build_search_text(parts: Iterable[str | None]) -> str:
    """The stored form of a listing's searchable text (parts joined, then compacted)."""
    return compact(" ".join(part for part in parts if part))


def keep_search_text(model: type, parts: Callable[[Any], Iterable[str | None]]) -> None:
    """Recompute `model.search_text` from `parts(obj)` on every insert and update."""

    def refresh(_mapper: Any, _connection: Any, target: Any) -> None:
        target.search_text = build_search_text(parts(target))

    event.listen(model, "before_insert", refresh)
    event.listen(model, "before_update", refresh)


@dataclass(frozen=True)
class Page(Generic[T]):
    items: list[T]
    total: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


def _like_term(term: str) -> str:
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _matching_ids(session: Session, model: Any, conditions: Sequence[ColumnElement[bool]], q: str) -> list[int]:
    """Ids of listings matching q, best first: exact title, exact text, then fuzzy title matches."""
    terms = query_terms(q)
    exact = select(model.id, model.title).where(
        *conditions, *(model.search_text.like(_like_term(term), escape="\\") for term in terms)
    )
    rows = session.execute(exact).all()
    in_title = {row.id for row in rows if all(term in compact(row.title) for term in terms)}
    in_text = {row.id for row in rows} - in_title
    ranked = sorted(in_title, reverse=True) + sorted(in_text, reverse=True)
    whole = compact(q)
    if len(whole) < FUZZY_MIN_QUERY:
        return ranked
    found = set(ranked)
    titles = {
        row.id: compact(row.title)
        for row in session.execute(select(model.id, model.title).where(*conditions))
        if row.id not in found
    }
    fuzzy = process.extract(whole, titles, scorer=fuzz.partial_ratio, score_cutoff=FUZZY_CUTOFF, limit=None)
    # process.extract on a dict yields (choice, score, key); best score first, newest on ties.
    fuzzy.sort(key=lambda hit: (-hit[1], -hit[2]))
    return ranked + [hit[2] for hit in fuzzy]


def paginate(
    session: Session,
    model: Any,
    conditions: Sequence[ColumnElement[bool]],
    q: str,
    order: Sequence[Any] | None,
    page: int,
    per_page: int,
) -> Page[Any]:
    """One page of listings. `order` None means by relevance (with q) or newest first.

    Every order ends with the id, so a listing never appears on two pages or on none.
    """
    page, per_page = min(max(1, page), MAX_PAGE), min(max(1, per_page), MAX_PER_PAGE)
    start = (page - 1) * per_page
    if q:
        ids = _matching_ids(session, model, conditions, q)
        if order is None:
            chosen = ids[start : start + per_page]
            by_id = {obj.id: obj for obj in session.scalars(select(model).where(model.id.in_(chosen)))}
            return Page([by_id[i] for i in chosen], len(ids), page, per_page)
        conditions = [model.id.in_(ids)]
    statement: Select[Any] = select(model).where(*conditions)
    total = session.scalar(select(func.count()).select_from(statement.subquery())) or 0
    ordering = [*(order or [model.created_at.desc()]), model.id.desc()]
    items = list(session.scalars(statement.order_by(*ordering).offset(start).limit(per_page)))
    return Page(items, total, page, per_page)
