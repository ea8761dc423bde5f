"""Atomic file writing: a temporary file in the target's folder, then :func:`os.replace`.

An interrupted write (an error, Ctrl-C, a full disk) leaves the earlier file intact and no
half-written file behind. Used by the model-file writer, the command line and reports.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from mkba.errors import MkbaTypeError, SpecificationError

__all__ = ["atomic_path", "check_path", "write_bytes", "write_text"]


def check_path(path: object, what: str) -> Path:
    """``path`` as a Path, if it names a file in an existing folder; else raise.

    Called before anything is written, so a bad argument never touches a good file.
    """
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


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temporary path next to ``path``; move it onto ``path`` when the block succeeds.

    The temporary file keeps the suffix of ``path`` (writers such as pandas choose the
    format by suffix). When the block raises, the temporary file is removed and ``path``
    is left as it was.

    Parameters
    ----------
    path : str or PathLike
        The file to (re)write. Its folder must exist.

    Yields
    ------
    pathlib.Path
        Where to write the new content.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> with atomic_path(d / "a.txt") as tmp:
    ...     _ = tmp.write_text("hallo")
    >>> (d / "a.txt").read_text()
    'hallo'
    """
    target = Path(path)
    fd, name = tempfile.mkstemp(
        prefix=f".{target.stem}.", suffix=f".tmp{target.suffix}", dir=target.parent or "."
    )
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        # mkstemp makes the file 0600: keep the mode of the file replaced, else 0644
        os.chmod(tmp, target.stat().st_mode & 0o777 if target.exists() else 0o644)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path`` atomically."""
    with atomic_path(path) as tmp:
        tmp.write_bytes(data)


def write_text(path: str | os.PathLike[str], text: str, encoding: str = "utf-8") -> None:
    """Write ``text`` to ``path`` atomically (UTF-8 by default, newlines as given)."""
    write_bytes(path, text.encode(encoding))
