"""Reading an upload from a request and sending a kept file back, so that no file ever runs in the browser."""

from __future__ import annotations

import io

from flask import Response, current_app, request, send_file

from marketplace.attachments.kinds import DOCUMENT
from marketplace.attachments.models import Attachment
from marketplace.attachments.services import NO_SUCH_FILE, AttachFile
from marketplace.attachments.storage import Storage, StoredFileMissing, storage_for
from marketplace.errors import NotFound

# A served file is a document of its own: nothing in it may load, run, or reach our pages.
FILE_POLICY = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox"


def store() -> Storage:
    return storage_for(current_app)


def max_bytes() -> int:
    return int(current_app.config["ATTACHMENT_MAX_BYTES"])


def command_from_request() -> AttachFile:
    """The upload in the form's `file` field (and its `role`), read no further than one byte past the limit."""
    upload = request.files.get("file")
    limit = max_bytes()
    data = upload.stream.read(limit + 1) if upload is not None else b""
    return AttachFile(
        filename=(upload.filename or "") if upload is not None else "",
        data=data,
        role=request.form.get("role") or DOCUMENT,
        max_bytes=limit,
    )


def file_response(attachment: Attachment) -> Response:
    try:
        data = store().get(attachment.storage_key)
    except StoredFileMissing as missing:  # the store lost it (restored from an older backup): as if never there
        raise NotFound(NO_SUCH_FILE) from missing
    response = send_file(
        io.BytesIO(data),
        mimetype=attachment.content_type,
        as_attachment=not attachment.is_image,
        download_name=attachment.filename,
        etag=attachment.sha256,
        max_age=None,
    )
    response.cache_control.private = True
    response.headers["Content-Security-Policy"] = FILE_POLICY
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cross-Origin-Resource-Policy"] = "same-origin"
    return response
