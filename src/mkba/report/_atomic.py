"""Atomic file writing: a report is either written completely or not at all.

Output goes to a temporary file in the target's folder, which then replaces the target
with :func:`os.replace` (atomic on POSIX and Windows). A failure removes the temporary
file and leaves whatever was at the target untouched.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from mkba.errors import MkbaTypeError, SpecificationError

__all__ = ["atomic_path", "check_path", "write_text"]


def check_path(path: object, what: str) -> Path:
    """``path`` as a Path, if it names a file in an existing folder; else raise."""
    if not isinstance(path, str | os.PathLike):
        raise MkbaTypeError(f"{what}: path must be a str or a Path, got {type(path).__name__}")
    out = Path(path)
    if out.is_dir():
        raise SpecificationError(f"{what}: {str(out)!r} is a folder; give a file name in it")
    if not out.parent.is_dir():
        raise SpecificationError(
            f"{what}: folder {str(out.parent)!r} does not exist; create it first"
        )
    return out


@contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """Yield a temporary path next to ``path``; on success move it over ``path``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "out.txt"
    >>> with atomic_path(target) as tmp:
    ...     _ = tmp.write_text("done")
    >>> target.read_text()
    'done'
    """
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        with suppress(OSError):
            tmp.unlink()
        raise


def write_text(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` atomically."""
    with atomic_path(path) as tmp:
        tmp.write_text(text, encoding="utf-8")
