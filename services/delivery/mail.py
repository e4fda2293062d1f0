"""E-mail over SMTP with aiosmtplib: an HTML part with a plain-text alternative, and inline
images (the digest's chart). Settings are explicit (`SmtpConfig`), built by the composition
root from `UCCN_SMTP_*` and `UCCN_MAIL_FROM`."""

from __future__ import annotations

from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import make_msgid

import aiosmtplib


@dataclass(frozen=True, slots=True)
class SmtpConfig:
    host: str
    port: int = 587
    user: str | None = None
    password: str | None = None
    starttls: bool = True
    sender: str = "UCCN Hub <noreply@localhost>"
    timeout_s: float = 30.0


@dataclass(frozen=True, slots=True)
class Image:
    cid: str  # referenced from the HTML as `cid:<cid>`
    png: bytes


@dataclass(frozen=True, slots=True)
class Email:
    to: str
    subject: str
    text: str
    html: str | None = None
    images: tuple[Image, ...] = field(default=())
    idempotency_key: str | None = None  # sent as a header, for the receiving side's records
    language: str | None = None


def build_message(email: Email, sender: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = email.to
    message["Subject"] = email.subject
    message["Message-ID"] = make_msgid(domain="uccn-hub")
    if email.idempotency_key:
        message["X-UCCN-Key"] = email.idempotency_key
    message.set_content(email.text)
    if email.html is not None:
        message.add_alternative(email.html, subtype="html")
        html_part = message.get_body(("html",))
        for image in email.images:
            if html_part is not None:
                html_part.add_related(image.png, "image", "png", cid=f"<{image.cid}>")
    if email.language:  # after the content: setting it clears the Content-* headers
        message["Content-Language"] = email.language
    return message


class SmtpMailer:
    """Sends each e-mail in a connection of its own (a digest and a few reminders an hour do
    not need a pool); a refusal or a broken connection raises `aiosmtplib.SMTPException`."""

    def __init__(self, config: SmtpConfig) -> None:
        self.config = config

    async def send(self, email: Email) -> None:
        config = self.config
        await aiosmtplib.send(
            build_message(email, config.sender),
            hostname=config.host,
            port=config.port,
            username=config.user or None,
            password=config.password or None,
            start_tls=config.starttls,
            timeout=config.timeout_s,
        )
