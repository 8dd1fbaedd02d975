"""Private file storage: partner documents on the filesystem or on S3.

Two things django-storages' S3 backend doesn't do on its own, and a 10 MB
upload or download in a web process needs:

- **Uploads stream from disk.** Django keeps an upload over
  FILE_UPLOAD_MAX_MEMORY_SIZE in a temporary file; handing boto3 that file's
  *path* lets s3transfer read each part from disk as it sends it. Given an
  open file object instead, it reads every multipart part into memory first.
- **Downloads stream to the client.** `S3Storage.open()` downloads the whole
  object into a spooled temporary file before the first byte can be sent;
  `open_stream` reads the GET's body as the response is written.

`STORAGE_ERRORS` is what a storage outage raises (a refused connection, a
timeout, a missing bucket, denied credentials, a full disk), so callers can
turn it into a clear message instead of a 500.
"""

from __future__ import annotations

from typing import IO, Any

from boto3.exceptions import Boto3Error
from boto3.s3.transfer import TransferConfig
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError
from django.core.files import File
from django.core.files.storage import Storage
from storages.backends.s3 import S3Storage
from storages.utils import clean_name

STORAGE_ERRORS: tuple[type[BaseException], ...] = (OSError, BotoCoreError, ClientError, Boto3Error)


def s3_storage(
    *,
    bucket_name: str,
    endpoint_url: str | None = None,
    region_name: str | None = None,
    addressing_style: str | None = None,
    connect_timeout: int = 5,
    read_timeout: int = 30,
) -> dict[str, object]:
    """The STORAGES entry for private documents in an S3 bucket (settings.py and tests build it here)."""
    return {
        "BACKEND": "console.lib.storage.PrivateS3Storage",
        "OPTIONS": {
            "bucket_name": bucket_name,
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
            "endpoint_url": endpoint_url,
            "region_name": region_name,
            "addressing_style": addressing_style,
            # An unreachable store fails a request within seconds, with a message
            # (registration/documents.py), instead of botocore's 60 s timeouts and retries.
            "client_config": Config(
                connect_timeout=connect_timeout,
                read_timeout=read_timeout,
                retries={"max_attempts": 3, "mode": "standard"},
            ),
            # Parts of 8 MB, two at a time, each read from the upload's temporary file as it is sent.
            "transfer_config": TransferConfig(max_concurrency=2),
        },
    }


class PrivateS3Storage(S3Storage):
    """S3Storage that streams both ways (see the module docstring)."""

    def _save(self, name: str, content: File) -> str:
        temporary_file_path = getattr(content, "temporary_file_path", None)
        if temporary_file_path is None:  # small uploads are in memory already
            return str(super()._save(name, content))
        cleaned = clean_name(name)
        key = self._normalize_name(cleaned)
        self.bucket.Object(key).upload_file(
            temporary_file_path(), ExtraArgs=self._get_write_parameters(key, content), Config=self.transfer_config
        )
        return str(cleaned)

    def open_stream(self, name: str) -> tuple[IO[bytes], int]:
        response: dict[str, Any] = self.bucket.Object(self._normalize_name(clean_name(name))).get()
        return response["Body"], int(response["ContentLength"])


def open_stream(storage: Storage, name: str) -> tuple[IO[bytes], int]:
    """A stored file opened for reading as it is sent, and its size.

    Raises FileNotFoundError when the file is gone, or one of STORAGE_ERRORS.
    """
    streaming = getattr(storage, "open_stream", None)
    if streaming is not None:
        try:
            stream: tuple[IO[bytes], int] = streaming(name)
        except ClientError as error:
            if error.response.get("Error", {}).get("Code") in {"NoSuchKey", "404"}:
                raise FileNotFoundError(name) from error
            raise
        return stream
    file = storage.open(name, "rb")
    return file, int(file.size)
