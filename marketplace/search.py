"""Free-text search, filters, sorting and stable pagination shared by every kind of listing.

Korean is written with and without spaces (사출성형, 사출 성형), so both the stored text and the
query are compared with spaces removed: a listing matches when every query term occurs in it.
When a query has a typo no listing contains it, so titles are also compared fuzzily (rapidfuzz).
Both passes read only the rows a character index (marketplace.search_index) says can match.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from sqlalchemy import (
    ARRAY,
    BigInteger,
    ColumnElement,
    Select,
    String,
    and_,
    any_,
    bindparam,
    cast,
    event,
    func,
    select,
)
from sqlalchemy.orm import Session

from marketplace.search_text import compact

if TYPE_CHECKING:
    import numpy as np

T = TypeVar("T")

MAX_PER_PAGE = 100
MAX_PAGE = 10**6  # beyond any real list: a bigger page number is refused (API) or read as page 1 (pages)
FUZZY_MIN_QUERY = 3  # shorter queries match too much by chance
FUZZY_CUTOFF = 75.0  # partial_ratio; one wrong syllable in a four-syllable word scores 75
_SPACE = re.compile(r"\s+")
ALLOWED_CHUNK = 10_000  # ids asked about in one statement, on a database without array parameters
# More candidate ids than this: every passing id is read instead (one scan of the status index beats
# looking up as many ids one by one).
FEW_IDS = 40_000
# On SQLite, ids are looked up only when fewer than the table's rows / LOOKUP_COST: a lookup by primary
# key (into rows that hold their texts) cost about as much as 12 steps of the scan that reads every
# passing id (100,000 needs: 1,240 ids 4 ms, 10,617 ids 49 ms, the scan 39 ms; the list tested
# during SQLite's own scan of the status index cost more than either, 57 ms for 10,617 ids).
LOOKUP_COST = 12
# Every passing id as one comma-separated string, per database.
AGGREGATE: dict[str, Callable[[Any], Any]] = {
    "sqlite": lambda column: func.group_concat(column, ","),
    "postgresql": lambda column: func.string_agg(cast(column, String), ","),
}


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


def _matching_ids(session: Session, model: Any, conditions: Sequence[ColumnElement[bool]], q: str) -> list[int]:
    """Ids of listings matching q, best first: exact title, exact text, then fuzzy title matches. The
    table's search index finds the candidates; the database says, in one question for both kinds of
    hit, which of them pass the filters."""
    import numpy as np  # with the search index, on the first search: importing the app loads neither

    from marketplace.search_index import search_index

    index = search_index(model).sync(session)
    terms = query_terms(q)
    ids, titled = index.exact_hits(terms)
    whole = compact(q)
    fuzzy_ids, scores = (
        index.fuzzy_hits(whole, FUZZY_CUTOFF, exclude=ids)
        if len(whole) >= FUZZY_MIN_QUERY
        else (np.zeros(0, dtype=np.int64), np.zeros(0))
    )
    passing_ids = _passing_ids(session, model, conditions, np.concatenate([ids, fuzzy_ids]), len(index))
    passing = np.isin(ids, passing_ids)
    # Newest (highest id) first within each group.
    in_title, in_text = -np.sort(-ids[passing & titled]), -np.sort(-ids[passing & ~titled])
    allowed = np.isin(fuzzy_ids, passing_ids)
    fuzzy_ids, scores = fuzzy_ids[allowed], scores[allowed]
    # Best score first, newest on ties (np.lexsort: the last key first).
    in_fuzzy = fuzzy_ids[np.lexsort((-fuzzy_ids, -scores))]
    return [*in_title.tolist(), *in_text.tolist(), *in_fuzzy.tolist()]


def _passing_ids(
    session: Session, model: Any, conditions: Sequence[ColumnElement[bool]], ids: np.ndarray, rows: int
) -> np.ndarray:
    """The ids among `ids` that pass the filters (`rows`: about how many the table holds); none, no
    question. Few ids are sent as one parameter (a JSON array on SQLite, an array on PostgreSQL: one
    statement however many, nothing for the driver to expand) and looked up; many, every passing id is
    read once, which costs the database one index scan. Read through Core on the session's connection:
    the ORM's per-row work cost more than the database's."""
    import numpy as np

    if not len(ids):
        return np.zeros(0, dtype=np.int64)
    connection = session.connection()
    dialect = connection.dialect.name
    if dialect not in AGGREGATE:  # another database: ask in chunks under its parameter limit
        found: set[int] = set()
        listed = ids.tolist()
        for start in range(0, len(listed), ALLOWED_CHUNK):
            chunk = listed[start : start + ALLOWED_CHUNK]
            found.update(connection.execute(select(model.id).where(*conditions, model.id.in_(chunk))).scalars())
        return np.fromiter(found, np.int64, len(found))
    few = len(ids) <= FEW_IDS and (dialect != "sqlite" or len(ids) * LOOKUP_COST < rows)
    if few and dialect == "sqlite" and conditions:
        # SQLite, without statistics, takes an equality on an indexed column (status) for a few rows
        # and walks that index over the whole table, testing each row against the list: wrapped in
        # likely(), the filters can use no index, so the few ids are looked up by primary key instead.
        conditions = [func.likely(and_(*conditions))]
    among = [_among(dialect, model, ids.tolist())] if few else []
    text = connection.execute(select(AGGREGATE[dialect](model.id)).where(*conditions, *among)).scalar() or ""
    # Parsed in C: 100,000 ids in 1.4 ms, against 26 ms through str.split and a list of strings.
    return np.fromstring(text, dtype=np.int64, sep=",")


def _among(dialect: str, model: Any, ids: list[int]) -> ColumnElement[bool]:
    """SQL: the row's id is one of `ids`, given as a single parameter."""
    if dialect == "postgresql":
        return model.id == any_(bindparam("candidate_ids", ids, type_=ARRAY(BigInteger)))
    values = func.json_each(bindparam("candidate_ids", json.dumps(ids))).table_valued("value")
    return model.id.in_(select(values.c.value))


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
