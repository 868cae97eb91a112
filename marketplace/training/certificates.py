"""A learner's completion certificate, as a PDF (marketplace/pdf.py), in the reader's language."""

from __future__ import annotations

from flask_babel import gettext as _

from marketplace import reference
from marketplace.pdf import Block, Grid, Heading, Text, pdf_document
from marketplace.training.models import Enrolment


def certificate_pdf(enrolment: Enrolment, locale: str) -> bytes:
    """The certificate of a completed enrolment: who, which course, run by whom, attendance and the date."""
    course = enrolment.course
    sessions = course.sessions
    period = f"{sessions[0].day.isoformat()} – {sessions[-1].day.isoformat()}" if sessions else ""
    place = _("Online") if course.online else (course.place or "")
    blocks: list[Block] = [
        Heading(enrolment.learner_name),
        Text(
            _(
                "%(name)s of %(organisation)s has completed the course below.",
                name=enrolment.learner_name,
                organisation=enrolment.organisation.name_in(locale),
            ),
            size=12,
        ),
        Grid(
            [_("Course"), _("Details")],
            [
                [_("Title"), course.title],
                [_("Topic"), reference.label("training_topics", course.topic, locale)],
                [_("Level"), reference.label("training_levels", course.level, locale)],
                [_("Organiser"), course.organisation.name_in(locale)],
                [_("Period"), period],
                [_("Place"), place],
                [
                    _("Sessions attended"),
                    _("%(attended)d of %(total)d", attended=enrolment.sessions_attended, total=len(sessions)),
                ],
                [_("Completed on"), enrolment.completed_on.isoformat() if enrolment.completed_on else ""],
                [_("Certificate number"), enrolment.certificate_number],
            ],
        ),
        Text(_("Issued through Sangsaeng, the win-win smart-factory marketplace."), size=9),
    ]
    return pdf_document(_("Certificate of completion"), blocks, subject=course.title)


def certificate_filename(enrolment: Enrolment) -> str:
    return f"certificate-{enrolment.certificate_number}.pdf"
