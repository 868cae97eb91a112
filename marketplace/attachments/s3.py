"""The S3-compatible store (AWS S3, MinIO, Ceph …) through boto3, every call bounded in time."""

from __future__ import annotations

from typing import Any

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

from marketplace.attachments.storage import StoredFileMissing, checked_key


class S3Storage:
    def __init__(self, client: Any, bucket: str) -> None:
        self.client, self.bucket = client, bucket

    @classmethod
    def from_config(cls, config: Any) -> S3Storage:
        bucket = config.get("ATTACHMENT_S3_BUCKET")
        if not bucket:
            raise ValueError("ATTACHMENT_STORAGE=s3 needs ATTACHMENT_S3_BUCKET")
        timeouts = Config(
            connect_timeout=float(config.get("ATTACHMENT_S3_TIMEOUT_SECONDS", 10)),
            read_timeout=float(config.get("ATTACHMENT_S3_TIMEOUT_SECONDS", 10)),
            retries={"max_attempts": 2, "mode": "standard"},
        )
        client = boto3.client(
            "s3",
            endpoint_url=config.get("ATTACHMENT_S3_ENDPOINT_URL") or None,
            region_name=config.get("ATTACHMENT_S3_REGION") or None,
            # Empty: boto3's own chain (AWS_ACCESS_KEY_ID …, an instance role).
            aws_access_key_id=config.get("ATTACHMENT_S3_ACCESS_KEY_ID") or None,
            aws_secret_access_key=config.get("ATTACHMENT_S3_SECRET_ACCESS_KEY") or None,
            config=timeouts,
        )
        return cls(client, bucket)

    def put(self, key: str, data: bytes, content_type: str) -> None:
        self.client.put_object(Bucket=self.bucket, Key=checked_key(key), Body=data, ContentType=content_type)

    def get(self, key: str) -> bytes:
        try:
            answer = self.client.get_object(Bucket=self.bucket, Key=checked_key(key))
        except ClientError as error:
            if error.response.get("Error", {}).get("Code") in ("NoSuchKey", "404"):
                raise StoredFileMissing(key) from error
            raise
        body: bytes = answer["Body"].read()
        return body

    def delete(self, key: str) -> None:
        self.client.delete_object(Bucket=self.bucket, Key=checked_key(key))
