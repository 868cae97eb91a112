"""How matches read on a page: links, a score out of 100 and short reasons in the viewer's language.

An owner reads why an offer fits, not which channel scored it: the domain terms both texts share,
that they are similar in meaning (only when the meaning model was used for the listing), and the
facts that fit or fall short (fits.py).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from flask import current_app, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from markupsafe import Markup

from marketplace.i18n import current_language
from matching.kinds import Kind
from matching.structured import Reason

if TYPE_CHECKING:  # the engine (numpy, rapidfuzz) loads with the first match, not with the app
    from matching.engine import Match, Term

# The meaning model's share of a score (out of 1) from which "similar in meaning" is worth saying.
MEANING_SHOWN = 0.1
# Shared terms named in a reason: a few say what the match is about, a long list hides it.
SHOWN_TERMS = 5
KIND_LABELS = {
    Kind.NEED: _l("Needs that fit"),
    Kind.SOLUTION: _l("Solutions"),
    Kind.PROGRAMME: _l("Sponsor programmes"),
    Kind.MENTOR: _l("Mentors"),
}
ENDPOINTS = {
    Kind.NEED: ("needs.show", "need_id"),
    Kind.SOLUTION: ("solutions.show", "solution_id"),
    Kind.PROGRAMME: ("programmes.show", "programme_id"),
    Kind.MENTOR: ("mentors.show", "mentor_id"),
}


def match_url(match: Match) -> str:
    endpoint, parameter = ENDPOINTS[match.kind]
    values: dict[str, Any] = {parameter: match.id}
    return url_for(endpoint, **values)


def reason_text(reason: Reason) -> str:
    return reason.ko if current_language() == "ko" else reason.en


@dataclass(frozen=True)
class Explained:
    """One reason as shown: its sentence and whether it counts for (True) or against the match."""

    text: str
    good: bool
    shared: bool = False  # the shared terms (styled as such)


def score_out_of_100(match: Match) -> int:
    return round(match.score * 100)


def shared_terms_text(terms: list[Term], korean: bool | None = None) -> str:
    """'비전 검사, 불량' in Korean, 'vision inspection, defect' in English (the other where one is missing):
    at most SHOWN_TERMS, none that an earlier one already says (molding after injection molding)."""
    korean = current_language() == "ko" if korean is None else korean
    shown: list[str] = []
    for term in terms:
        text = (term.ko or term.en) if korean else (term.en or term.ko)
        if text and not any(text in earlier or earlier in text for earlier in shown):
            shown.append(text)
    return ", ".join(shown[:SHOWN_TERMS])


def explanation(match: Match) -> list[Explained]:
    """The reasons an owner reads, strongest first; a listing dropped by a filter gives only why."""
    korean = current_language() == "ko"  # once, not once a reason (a page has about 80)

    def text(reason: Reason) -> str:
        return reason.ko if korean else reason.en

    if not match.allowed:
        return [Explained(text(reason), reason.good) for reason in match.reasons if not reason.good][:1]
    reasons = []
    if match.terms:
        shared = shared_terms_text(match.terms, korean)
        reasons.append(Explained(_("Works on the same things: %(terms)s", terms=shared), True, True))
    if match.channels.get("semantic", 0.0) >= MEANING_SHOWN:
        reasons.append(Explained(_("Similar in meaning"), True))
    reasons.extend(Explained(text(reason), reason.good) for reason in match.reasons)
    return reasons


def kind_label(kind: Kind) -> str:
    return str(KIND_LABELS[kind])


# Match lists kept rendered per process (match_list_html): a few KB each.
RENDERED_LISTS = 512


@dataclass
class _Rendered:
    lists: OrderedDict[tuple, Markup] = field(default_factory=OrderedDict)
    lock: threading.Lock = field(default_factory=threading.Lock)


def _card_key(match: Match, profiles: Mapping[str, Any], price_for: Any) -> tuple:
    """Everything templates/matches/_matches.html reads of one card: the match's own fields, the profile and
    the tenant price shown beside it (each read again for every page, so a new rating or discount shows at once)."""
    price = price_for(match) if price_for is not None and match.allowed and match.kind == Kind.SOLUTION else None
    return (
        str(match.kind),
        match.id,
        match.title,
        match.score,
        match.allowed,
        tuple((term.ko, term.en) for term in match.terms),
        match.channels.get("semantic", 0.0) >= MEANING_SHOWN,
        tuple((reason.ko, reason.en, reason.good) for reason in match.reasons),
        repr(profiles.get(f"{match.kind}:{match.id}")),
        repr(price),
    )


def match_list_html(matches: Sequence[Match], kind: Kind, profiles: Mapping[str, Any]) -> Markup:
    """The `match_list` macro of templates/matches/_matches.html, rendered once per process for the same cards.

    Rendering the cards (about twenty a need page, each with its reasons, links and badges) was the largest part
    of a warm need page's CPU, and a need shows the same cards to every visitor until its ranking changes. The
    key holds everything the macro reads (`_card_key`), the language and the path the links start from, so an
    equal key renders equal HTML and nothing shown is staler than the values read for this page. Per process,
    bounded (least recently used out after RENDERED_LISTS)."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    price_for = app.jinja_env.globals.get("tenant_price_for")
    cards = tuple(_card_key(match, profiles, price_for) for match in matches)
    key = (str(kind), current_language(), request.script_root, cards)
    rendered: _Rendered = app.extensions.setdefault("matches.rendered_lists", _Rendered())
    with rendered.lock:
        html = rendered.lists.get(key)
        if html is not None:
            rendered.lists.move_to_end(key)
            return html
    macro = app.jinja_env.get_template("matches/_matches.html").module.match_list
    html = macro(matches, kind, profiles)  # Markup: the template escapes what it writes (autoescape)
    with rendered.lock:
        rendered.lists[key] = html
        while len(rendered.lists) > RENDERED_LISTS:
            rendered.lists.popitem(last=False)
    return html


TEMPLATE_HELPERS = {
    "match_list_html": match_list_html,
    "match_url": match_url,
    "reason_text": reason_text,
    "match_explanation": explanation,
    "match_score": score_out_of_100,
    "match_kind_label": kind_label,
}
