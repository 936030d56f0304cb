"""Passphrase-encrypted backup files, for carrying data on a USB stick.

AES-256-GCM over 1 MiB chunks, the key derived from the passphrase with scrypt and a random salt.
Each chunk's nonce holds its number and its associated data says whether it is the last one, so a
reordered, truncated or altered file is refused rather than half-restored. Memory stays small
whatever the size of the database.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import struct
from collections.abc import Iterator
from pathlib import Path

from ...errors import UserError

MAGIC = b"MWP-ENCRYPTED-BACKUP-1\n"
CHUNK = 1024 * 1024
KDF_N, KDF_R, KDF_P = 2**15, 8, 1
_HEADER = struct.Struct(">16s8sIII")  # salt, nonce prefix, n, r, p
_LENGTH = struct.Struct(">I")
_KDF_MEMORY = 64 * 1024 * 1024


def is_encrypted(path: Path) -> bool:
    try:
        with Path(path).open("rb") as f:
            return f.read(len(MAGIC)) == MAGIC
    except OSError:
        return False


def _key(passphrase: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    if not passphrase:
        raise UserError("Type the passphrase for the backup.")
    return hashlib.scrypt(
        passphrase.encode("utf-8", "surrogatepass"),
        salt=salt,
        n=n,
        r=r,
        p=p,
        maxmem=256 * 1024 * 1024,
        dklen=32,
    )


def _sensible(n: int, r: int, p: int) -> bool:
    """Key settings this program could have written, bounded before scrypt sees them: a header
    changed on the stick must not ask for gigabytes of memory or minutes of work."""
    power_of_two = n >= 2 and n & (n - 1) == 0
    return power_of_two and 1 <= r <= 16 and 1 <= p <= 4 and 128 * r * n <= _KDF_MEMORY


def encrypt_file(source: Path, target: Path, passphrase: str) -> None:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    salt, prefix = secrets.token_bytes(16), secrets.token_bytes(8)
    aes = AESGCM(_key(passphrase, salt, KDF_N, KDF_R, KDF_P))
    with Path(source).open("rb") as src, Path(target).open("wb") as dst:
        dst.write(MAGIC + _HEADER.pack(salt, prefix, KDF_N, KDF_R, KDF_P))
        data, index = src.read(CHUNK), 0
        while True:
            following = src.read(CHUNK)
            last = not following
            sealed = aes.encrypt(prefix + struct.pack(">I", index), data, _aad(index, last))
            dst.write(_LENGTH.pack(len(sealed)) + sealed)
            if last:
                break
            data, index = following, index + 1
        dst.flush()
        os.fsync(dst.fileno())


def decrypt_file(source: Path, target: Path, passphrase: str) -> None:
    with Path(target).open("wb") as dst:
        for data in _plaintext(source, passphrase):
            dst.write(data)


def plaintext_digest(source: Path, passphrase: str) -> bytes:
    """The SHA-256 of what an encrypted file holds, read without writing the plaintext anywhere."""
    sha = hashlib.sha256()
    for data in _plaintext(source, passphrase):
        sha.update(data)
    return sha.digest()


def _plaintext(source: Path, passphrase: str) -> Iterator[bytes]:
    """The decrypted chunks of `source`, each authenticated before it is given out."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    damaged = UserError(f"{Path(source).name} is damaged or not a complete backup.")
    with Path(source).open("rb") as src:
        if src.read(len(MAGIC)) != MAGIC:
            raise UserError(f"{Path(source).name} is not an encrypted MWP Desktop backup.")
        header = src.read(_HEADER.size)
        if len(header) != _HEADER.size:
            raise damaged
        salt, prefix, n, r, p = _HEADER.unpack(header)
        if not _sensible(n, r, p):
            raise UserError(
                f"{Path(source).name} is damaged (its key settings are impossible), "
                "so it cannot be opened."
            )
        aes = AESGCM(_key(passphrase, salt, n, r, p))
        index = 0
        while True:
            raw = src.read(_LENGTH.size)
            if len(raw) != _LENGTH.size:
                raise damaged  # ended before the chunk marked last
            (length,) = _LENGTH.unpack(raw)
            if length > CHUNK + 16:
                raise damaged
            sealed = src.read(length)
            if len(sealed) != length:
                raise damaged
            nonce = prefix + struct.pack(">I", index)
            for last in (False, True):
                try:
                    data = aes.decrypt(nonce, sealed, _aad(index, last))
                    break
                except InvalidTag:
                    continue
            else:
                if index == 0:
                    raise UserError("The passphrase is wrong, or the backup file is damaged.")
                raise damaged
            if last and src.read(1):
                raise damaged
            yield data
            if last:
                return
            index += 1


def _aad(index: int, last: bool) -> bytes:
    return b"mwp-backup" + struct.pack(">IB", index, int(last))
