"""Safe file access: atomic writing and bounded reading.

Writing goes to a temporary file in the target's folder, then :func:`os.replace`: an
interrupted write (an error, Ctrl-C, a full disk) leaves the earlier file intact and no
half-written file behind. Used by the model-file writer, the command line and reports.

Reading (:func:`read_bounded`) takes regular files only, never blocks on a FIFO or a
device, and reads at most a limit, so ``/dev/zero``, a named pipe or a file that grows
while it is read gives a clear error rather than a hang or a MemoryError.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

from mkba.errors import MkbaTypeError, SpecificationError

__all__ = ["atomic_path", "check_path", "read_bounded", "write_bytes", "write_text"]


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


def read_bounded(path: str | os.PathLike[str], limit: int, what: str, *, fix: str = ""
                 ) -> bytes:
    """The bytes of the regular file ``path``, refusing anything else or anything larger.

    Symbolic links are followed; what they point to must be a regular file (not a folder,
    a FIFO, a socket or a device such as ``/dev/zero``). The file is opened without
    blocking (a FIFO is refused, not waited on) and at most ``limit + 1`` bytes are read,
    so a file that grows while it is read is still refused.

    Parameters
    ----------
    path : str or PathLike
    limit : int
        The largest size accepted, in bytes.
    what : str
        What the file is, for the message (e.g. ``"model file"``).
    fix : str
        Added to the message when the file is too large (what to do instead).

    Raises
    ------
    SpecificationError
        The file does not exist, cannot be opened, is not a regular file or is larger
        than ``limit``; the message names the file, the problem and the fix.

    Examples
    --------
    >>> read_bounded("/dev/zero", 10, "table")
    Traceback (most recent call last):
    ...
    mkba.errors.SpecificationError: /dev/zero: the table is not a regular file (it is a character device); give the path of an ordinary file
    """  # noqa: E501
    name = os.fspath(path) if isinstance(path, str | os.PathLike) else repr(path)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)
                     | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        raise SpecificationError(f"{name}: cannot read the {what}: the file does not exist; "
                                 "check the name and the folder") from None
    except OSError as exc:
        raise SpecificationError(f"{name}: cannot read the {what}: {exc.strerror or exc}"
                                 ) from None
    except (ValueError, TypeError):  # a null byte in the path, or not a path at all
        raise SpecificationError(f"{name!r}: cannot read the {what}: not a valid path (it "
                                 "holds a null byte or another character a path cannot "
                                 "have); correct the path") from None
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise SpecificationError(f"{name}: the {what} is not a regular file (it is "
                                     f"{_kind(mode)}); give the path of an ordinary file")
        size = os.fstat(fd).st_size
        if size > limit:
            raise SpecificationError(f"{name}: the {what} is {size:,} bytes; at most "
                                     f"{limit:,} bytes are read{fix}")
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as exc:
        raise SpecificationError(f"{name}: cannot read the {what}: {exc.strerror or exc}"
                                 ) from None
    finally:
        os.close(fd)
    if size > limit:
        raise SpecificationError(f"{name}: the {what} is larger than {limit:,} bytes (it grew "
                                 "while it was read); at most that many bytes are read"
                                 f"{fix}")
    return b"".join(chunks)


def _kind(mode: int) -> str:
    for test, kind in ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe (FIFO)"),
                       (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
                       (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return kind
    return "not an ordinary file"
