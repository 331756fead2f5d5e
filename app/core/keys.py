"""Key-encryption keys kept OUTSIDE the database, for secrets that must live inside it.

Every terminal of a store must be able to sign documents, so the store's signing key is kept
in the database, but never in clear: it is encrypted with AES-256-GCM under a key-encryption
key (KEK), 32 random bytes in a file of the per-user data directory
(`db.session.data_dir() / "keys" / "store-signing.key"`, mode 0600 on POSIX). A copy of the
database or of its backup alone therefore does not reveal the key.

Blob format: MAGIC (4 bytes) | key id (8 bytes, SHA-256 of the KEK, truncated) | nonce (12)
| ciphertext and tag. The key id tells "this terminal has another key file" apart from
"the data is damaged". Callers pass associated data (`aad`) naming what a blob belongs to
(e.g. the certificate fingerprint), so a blob copied into another row does not decrypt.

Several terminals (PostgreSQL): every terminal that signs needs the SAME key file. Copy it
from a terminal that has it with `showroom admin keys export --out FILE` and, on the other
terminal, `showroom admin keys import FILE` (or copy the file by hand and keep it private).
Keep a copy of the key file with the backups, but apart from the database backup. A lost
key file only stops signing with the current certificate (documents already signed still
verify: certificates are stored in clear); an administrator then creates a new certificate.

Errors: ShowroomError("encryption_key_unavailable", reason=..., path=...), reason one of
  "missing"    no key file on this terminal;
  "wrong_key"  the data was encrypted under another key file (copy the right one here);
  "damaged"    the key file or the encrypted data is not what this module wrote.

`name` selects the file: "store-signing" (above) or "personal" (ID, passport and licence
numbers, app/core/personal_data.py). Rotation (`rotate_begin` / `rotate_finish`, driven by
app/privacy/personal_key.py) writes the new key beside the old one as `<name>.key.next` first,
re-encrypts the data under it, and only then installs it, keeping the old file as
`<name>.key.<key id>.old`; a crash in between leaves both keys on disk, so nothing is lost.

Readable only by the app's user (issue #9): files are created 0600 in a 0700 directory on
POSIX, and a key file found readable by others is narrowed to 0600 when it is loaded. On
Windows the per-user data directory (%LOCALAPPDATA%) is private to the user by its ACL.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import shutil
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from app.core.errors import ShowroomError

SIGNING = "store-signing"
KEY_BYTES = 32
MAGIC = b"SRK1"
_ID_BYTES, _NONCE_BYTES = 8, 12


def key_dir() -> Path:
    from db.session import data_dir

    return data_dir() / "keys"


def key_path(name: str = SIGNING) -> Path:
    return key_dir() / f"{name}.key"


def _unavailable(reason: str, path: Path) -> ShowroomError:
    return ShowroomError("encryption_key_unavailable", reason=reason, path=str(path))


def _read(path: Path) -> bytes:
    if os.name != "nt":
        try:
            if path.stat().st_mode & 0o077:
                os.chmod(path, 0o600)  # someone loosened it: readable by this user only
        except OSError:
            pass
    try:
        key = path.read_bytes()
    except FileNotFoundError:
        raise _unavailable("missing", path) from None
    except OSError as e:
        raise _unavailable("damaged", path) from e
    if len(key) != KEY_BYTES:
        raise _unavailable("damaged", path)
    return key


def load_key(name: str = SIGNING) -> bytes:
    """The key file's 32 bytes; never creates one (decrypting needs the existing key)."""
    return _read(key_path(name))


def has_key(name: str = SIGNING) -> bool:
    return key_path(name).is_file()


def _write_private(path: Path, data: bytes, *, replace: bool) -> bool:
    """Write `data` to `path` readable by the owner only, all at once: a reader never sees a
    half-written key. Returns False when the file exists already and `replace` is False."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if os.name != "nt":
        os.chmod(path.parent, 0o700)
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        if replace:
            os.replace(tmp, path)
            return True
        try:
            # Never overwrite a key another process created meanwhile: link (POSIX) and
            # rename (Windows) both fail when the target exists.
            if os.name == "nt":
                os.rename(tmp, path)
            else:
                os.link(tmp, path)
        except FileExistsError:
            return False
        return True
    finally:
        tmp.unlink(missing_ok=True)


def load_or_create_key(name: str = SIGNING) -> bytes:
    """The key, creating a fresh random one first if this terminal has none."""
    path = key_path(name)
    if not path.exists():
        _write_private(path, secrets.token_bytes(KEY_BYTES), replace=False)
    return _read(path)


def key_id(key: bytes) -> bytes:
    return hashlib.sha256(b"showroom-kek" + key).digest()[:_ID_BYTES]


def key_file_id(path: Path) -> bytes:
    """The id of the key in the file at `path` (checked against the store's before import)."""
    return key_id(_read(Path(path)))


def encrypt(plaintext: bytes, *, aad: bytes, name: str = SIGNING) -> bytes:
    """Encrypt under this terminal's key file (created if missing)."""
    key = load_or_create_key(name)
    nonce = secrets.token_bytes(_NONCE_BYTES)
    return MAGIC + key_id(key) + nonce + AESGCM(key).encrypt(nonce, plaintext, aad)


def blob_key_id(blob: bytes) -> bytes | None:
    """The id of the key a blob was encrypted under, or None if it is not one of ours."""
    if len(blob) < len(MAGIC) + _ID_BYTES + _NONCE_BYTES + 16 or not blob.startswith(MAGIC):
        return None
    return blob[len(MAGIC) : len(MAGIC) + _ID_BYTES]


def decrypt(blob: bytes, *, aad: bytes, name: str = SIGNING) -> bytes:
    path = key_path(name)
    key = load_key(name)
    wanted = blob_key_id(blob)
    if wanted is None:
        raise _unavailable("damaged", path)
    if wanted != key_id(key):
        raise _unavailable("wrong_key", path)
    start = len(MAGIC) + _ID_BYTES
    nonce, ciphertext = blob[start : start + _NONCE_BYTES], blob[start + _NONCE_BYTES :]
    try:
        return AESGCM(key).decrypt(nonce, ciphertext, aad)
    except InvalidTag:
        raise _unavailable("damaged", path) from None


def encrypt_with(key: bytes, plaintext: bytes, *, aad: bytes) -> bytes:
    """Encrypt under explicit key bytes (key rotation re-encrypts under the next key)."""
    nonce = secrets.token_bytes(_NONCE_BYTES)
    return MAGIC + key_id(key) + nonce + AESGCM(key).encrypt(nonce, plaintext, aad)


def next_key_path(name: str) -> Path:
    return key_path(name).with_name(f"{name}.key.next")


def rotate_begin(name: str) -> bytes:
    """The next key for `name`: the pending one if a rotation was interrupted, else a new
    random key written to `<name>.key.next` (private) before any data is re-encrypted."""
    path = next_key_path(name)
    if path.exists():
        return _read(path)
    key = secrets.token_bytes(KEY_BYTES)
    _write_private(path, key, replace=True)
    return _read(path)


def rotate_finish(name: str) -> Path:
    """Install the next key as the current one; the old one is kept as `.<id>.old`."""
    nxt = next_key_path(name)
    key = _read(nxt)
    path = key_path(name)
    if path.exists():
        old = _read(path)
        if old != key:
            shutil.copy2(path, path.with_name(f"{path.name}.{key_id(old).hex()}.old"))
    _write_private(path, key, replace=True)
    nxt.unlink(missing_ok=True)
    return path


def export_key(dest: Path, name: str = SIGNING) -> Path:
    """Copy this terminal's key file to `dest` (readable by the owner only)."""
    key = load_key(name)
    if not _write_private(Path(dest), key, replace=True):  # pragma: no cover - replace=True
        raise _unavailable("damaged", Path(dest))
    return Path(dest)


def import_key(src: Path, name: str = SIGNING) -> Path:
    """Install `src` as this terminal's key file, keeping any different one that was there
    as `<name>.key.<key id>.old` (data encrypted under it may still need it)."""
    key = _read(Path(src))
    path = key_path(name)
    if path.exists():
        old = _read(path)
        if old == key:
            return path
        shutil.copy2(path, path.with_name(f"{path.name}.{key_id(old).hex()}.old"))
    _write_private(path, key, replace=True)
    return path


__all__ = [
    "SIGNING",
    "key_path",
    "load_key",
    "has_key",
    "load_or_create_key",
    "encrypt",
    "decrypt",
    "blob_key_id",
    "key_id",
    "export_key",
    "import_key",
    "encrypt_with",
    "next_key_path",
    "rotate_begin",
    "rotate_finish",
]
