"""How matches read on a page: links, channel names and reasons in the viewer's language."""

from __future__ import annotations

from typing import TYPE_CHECKING

from flask import url_for
from flask_babel import lazy_gettext as _l

from marketplace.i18n import current_language
from matching.kinds import Kind
from matching.structured import Reason

if TYPE_CHECKING:  # the engine (numpy, rapidfuzz) loads with the first match, not with the app
    from matching.engine import Match, Term

CHANNEL_LABELS = {
    "semantic": _l("meaning"),
    "lexical": _l("shared words"),
    "glossary": _l("glossary terms"),
    "fuzzy": _l("similar spelling"),
    "fit": _l("fit"),
}
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
    return url_for(endpoint, **{parameter: match.id})


def reason_text(reason: Reason) -> str:
    return reason.ko if current_language() == "ko" else reason.en


def term_text(term: Term) -> str:
    """'사출 · injection molding' where both are known, else the one there is."""
    return " · ".join(part for part in (term.ko, term.en) if part)


def channel_label(name: str) -> str:
    return str(CHANNEL_LABELS.get(name, name))


def kind_label(kind: Kind) -> str:
    return str(KIND_LABELS[kind])


TEMPLATE_HELPERS = {
    "match_url": match_url,
    "reason_text": reason_text,
    "term_text": term_text,
    "channel_label": channel_label,
    "match_kind_label": kind_label,
}
