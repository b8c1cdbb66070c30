"""Who may see what: the access model of the web app.

- Loopback host (127.0.0.1, ::1, localhost) without --shared: one person at their own machine; no
  login, everything visible. Pages answer only to a loopback Host header (a web page elsewhere cannot
  rebind its own name to 127.0.0.1 and read the results).
- Any other host (or --shared): the reviewer logs in at /login with the password stored in the
  database (hashlib.scrypt, random salt); a unit opens the link the reviewer made for it (/u/<token>,
  stored only as its sha256), which sets a unit session. A unit sees only its own batches.
- Sessions are cookies signed (HMAC-SHA256) with a random secret kept in the data folder (0600):
  HttpOnly, SameSite=Strict, Secure behind https. POSTs must come from the same origin.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import ipaddress
import json
import os
import secrets
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from checker.web.store import Store

COOKIE = "fzcheck_session"
SECRET_FILE = "secret.key"
PASSWORD_KEY = "reviewer_password"
MIN_PASSWORD = 8
REVIEWER_HOURS = 12
UNIT_DAYS = 30
# scrypt cost: about 50 ms and 16 MB per attempt on a current machine (OWASP's minimum is n=2**17 with
# r=8 for 128 MB; this is a login of one reviewer, throttled below, not a password database to steal).
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
LOGIN_FAILURES = 10  # per client address ...
LOGIN_WINDOW = 300.0  # ... in this many seconds, then logins from it wait


@dataclass(frozen=True)
class Viewer:
    """Who is asking: local (no login), reviewer, unit (of a link), or nobody."""

    role: str
    link: int | None = None

    @property
    def sees_all(self) -> bool:
        return self.role in ("local", "reviewer")

    @property
    def may_upload(self) -> bool:
        return self.role in ("local", "reviewer", "unit")

    @property
    def owner(self) -> str:
        """What a batch it uploads is owned by."""
        return f"link:{self.link}" if self.role == "unit" else self.role

    def may_see(self, owner: str) -> bool:
        return self.sees_all or (self.role == "unit" and owner == self.owner)


NOBODY = Viewer("nobody")
LOCAL = Viewer("local")


def is_loopback(host: str) -> bool:
    if host.strip("[]").lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


# --- passwords ------------------------------------------------------------------------------


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P, dklen=32)
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${salt.hex()}${digest.hex()}"


def verify_password(password: str, stored: str | None) -> bool:
    if not stored:
        return False
    try:
        kind, n, r, p, salt, digest = stored.split("$")
        if kind != "scrypt":
            return False
        got = hashlib.scrypt(
            password.encode(), salt=bytes.fromhex(salt), n=int(n), r=int(r), p=int(p), dklen=len(digest) // 2
        )
    except (ValueError, MemoryError):
        return False
    return hmac.compare_digest(got.hex(), digest)


def set_password(store: Store, password: str) -> None:
    store.set_setting(PASSWORD_KEY, hash_password(password))


def has_password(store: Store) -> bool:
    return bool(store.setting(PASSWORD_KEY))


# --- secret and sessions --------------------------------------------------------------------


def load_secret(folder: Path) -> bytes:
    """The data folder's signing secret, created (mode 0600) on first use."""
    path = folder / SECRET_FILE
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        os.chmod(path, 0o600)
        secret = path.read_bytes()
        if len(secret) >= 32:
            return secret
        path.unlink()
        return load_secret(folder)
    secret = secrets.token_bytes(32)
    with os.fdopen(fd, "wb") as fh:
        fh.write(secret)
    return secret


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class Sessions:
    """Signed session cookies, and the checks done on each request."""

    def __init__(self, store: Store, secret: bytes) -> None:
        self.store = store
        self.secret = secret
        self.failures: dict[str, list[float]] = {}

    def sign(self, payload: dict[str, Any]) -> str:
        body = base64.urlsafe_b64encode(json.dumps(payload, separators=(",", ":")).encode()).decode().rstrip("=")
        mac = hmac.new(self.secret, body.encode(), hashlib.sha256).hexdigest()
        return f"{body}.{mac}"

    def unsign(self, value: str) -> dict[str, Any] | None:
        body, _, mac = value.partition(".")
        expected = hmac.new(self.secret, body.encode(), hashlib.sha256).hexdigest()
        if not hmac.compare_digest(mac, expected):
            return None
        try:
            payload = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
        except ValueError:
            return None
        if not isinstance(payload, dict) or payload.get("exp", 0) < time.time():
            return None
        return payload

    def password_stamp(self) -> str:
        """Changes with the password, so that setting a new one ends every reviewer session."""
        return hashlib.sha256((self.store.setting(PASSWORD_KEY) or "").encode()).hexdigest()[:16]

    def reviewer_cookie(self) -> tuple[str, int]:
        age = REVIEWER_HOURS * 3600
        return self.sign({"role": "reviewer", "pw": self.password_stamp(), "exp": time.time() + age}), age

    def unit_cookie(self, link_id: int) -> tuple[str, int]:
        age = UNIT_DAYS * 86400
        return self.sign({"role": "unit", "link": link_id, "exp": time.time() + age}), age

    def viewer(self, cookie: str | None) -> Viewer:
        payload = self.unsign(cookie) if cookie else None
        if payload is None:
            return NOBODY
        if payload.get("role") == "reviewer" and payload.get("pw") == self.password_stamp():
            return Viewer("reviewer")
        link = payload.get("link")
        if payload.get("role") == "unit" and isinstance(link, int) and self.store.link_active(link):
            return Viewer("unit", link)
        return NOBODY

    # --- login throttle ---------------------------------------------------------------------

    def throttled(self, client: str) -> bool:
        now = time.time()
        recent = [t for t in self.failures.get(client, []) if now - t < LOGIN_WINDOW]
        self.failures[client] = recent
        return len(recent) >= LOGIN_FAILURES

    def failed(self, client: str) -> None:
        self.failures.setdefault(client, []).append(time.time())


def same_origin(headers: Any, scheme: str) -> bool:
    """Whether a POST comes from a page of this server (Origin, else Sec-Fetch-Site, else Referer).

    A request with none of them is no browser's cross-site form or script (browsers send Origin on
    every POST), so it is let through: command-line clients may upload.
    """
    host = headers.get("host", "")
    mine = f"{scheme}://{host}"
    origin = headers.get("origin")
    if origin is not None:
        return origin == mine
    site = headers.get("sec-fetch-site")
    if site is not None:
        return site in ("same-origin", "none")
    referer = headers.get("referer")
    if referer is not None:
        return referer == mine or referer.startswith(mine + "/")
    return True
