"""Partner PDFs: the upload rules (SPEC section 1) and private storage.

A PDF is checked before anything of it is stored: it must start as a PDF,
parse, have at least one page, carry no encryption at all and stay within
REGISTRATION_MAX_PDF_BYTES. Uploads over FILE_UPLOAD_MAX_MEMORY_SIZE arrive
as temporary files, and pypdf reads them by seeking, so a 10 MB document is
never held in memory whole.
"""

from __future__ import annotations

import hashlib
import logging
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core.files.storage import Storage, storages
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext
from pypdf import PdfReader
from pypdf.errors import PyPdfError

from console.lib.errors import DomainError
from console.lib.storage import STORAGE_ERRORS

PDF_MAGIC = b"%PDF-"

logger = logging.getLogger(__name__)


class DocumentRefused(DomainError):
    """The upload broke one rule; the message names it."""


class DocumentStorageError(DomainError):
    """The document store (disk or S3) failed; `kind` is the document that wasn't stored."""

    def __init__(self, kind: str) -> None:
        super().__init__(
            gettext(
                "This file couldn't be saved: the document store isn't answering. "
                "Your other answers are kept below: choose the file again and save in a minute."
            )
        )
        self.kind = kind


@dataclass(frozen=True)
class CheckedPdf:
    pages: int
    size: int
    sha256: str


def private_storage() -> Storage:
    """Looked up on every use, so tests and deployments can swap the backend by setting."""
    return storages["private"]


def pdf_check(upload: UploadedFile) -> CheckedPdf:
    """Accept the upload as a PDF or raise DocumentRefused saying which rule failed."""
    size = upload.size or 0
    limit = settings.REGISTRATION_MAX_PDF_BYTES
    if size == 0:
        raise DocumentRefused(gettext("The file is empty. Choose the PDF again."))
    if size > limit:
        raise DocumentRefused(
            gettext("The file is too large ({size}); the limit is {limit}.").format(
                size=filesizeformat(size), limit=filesizeformat(limit)
            )
        )
    upload.seek(0)
    if upload.read(len(PDF_MAGIC)) != PDF_MAGIC:
        raise DocumentRefused(
            gettext("This is not a PDF file: it doesn't start with a PDF header. Export it as PDF and try again.")
        )
    upload.seek(0)
    try:
        reader = PdfReader(upload, strict=False)
        if reader.is_encrypted:
            raise DocumentRefused(
                gettext("The PDF is password-protected or encrypted. Upload a copy without a password or restrictions.")
            )
        pages = len(reader.pages)
    except DocumentRefused:
        raise
    except (
        PyPdfError,
        ValueError,
        KeyError,
        TypeError,
        AttributeError,
        IndexError,
        UnicodeError,
        RecursionError,
    ) as error:
        raise DocumentRefused(
            gettext("The PDF is damaged and can't be read. Export it again and upload the new file.")
        ) from error
    if pages < 1:
        raise DocumentRefused(gettext("The PDF has no pages."))
    return CheckedPdf(pages=pages, size=size, sha256=_sha256(upload))


def pdf_store(*, upload: UploadedFile, partner_id: int, kind: str) -> str:
    """Save a checked upload under a generated name; the partner's file name is never a path.

    Raises DocumentStorageError when the store fails, so the form can say so and keep its data.
    """
    name = f"partners/{partner_id}/{kind}-{uuid.uuid4().hex}.pdf"
    upload.seek(0)
    try:
        return private_storage().save(name, upload)
    except STORAGE_ERRORS as error:
        logger.warning("Storing %s failed: %s", name, error)
        raise DocumentStorageError(kind) from error


def pdf_discard(names: list[str]) -> None:
    """Remove stored files whose rows were never committed; a store that fails here only leaves an orphan."""
    for name in names:
        try:
            private_storage().delete(name)
        except STORAGE_ERRORS as error:
            logger.warning("Removing %s failed, it stays in the store unreferenced: %s", name, error)


def _sha256(upload: UploadedFile) -> str:
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    return digest.hexdigest()
