"""Where a command may write: never over the project's sources, never over what it did not make.

Every writing command asks here first, before any work, so a mistyped `-d docs` or `-o mkdocs.yml` loses
nothing. A refusal is an OSError naming the path, which the CLI prints as one line.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from .project import Project

# Written into a site folder by `sotay build`: a later build may replace that folder whole.
SITE_MARKER = ".sotay-site"
# A site built by an earlier sotay, before the marker existed, holds the plugin's stylesheet.
EARLIER_SITE = "assets/sotay/sotay.css"

# What a file of each kind starts with: an existing file that does not is someone's else, and stays.
ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")  # a zip, a .docx
PDF_MAGIC = (b"%PDF-",)
TEXT_MAGIC = (b"{", b"<?xml")  # what sotay export and sotay schema write
ZIM_MAGIC = (b"ZIM\x04",)  # 5A 49 4D 04: the first four bytes of every ZIM file
ZIM_KIND = "tệp ZIM"


def _sources(project: Project) -> list[Path]:
    root = project.root.resolve()
    return [root, project.docs_dir.resolve(), project.directives_dir.resolve(), root / ".git"]


def refuse_source(target: Path, project: Project, *, folder: bool) -> None:
    """Refuse the project's root, docs/, directives/ and .git/, anything inside the last three, anything holding
    one of them, and its config file."""
    where = target.resolve()
    name = str(target)
    if where == project.config_file.resolve():
        raise OSError(errno.EEXIST, "là tệp cấu hình của dự án; hãy ghi ra chỗ khác", name)
    root, *inner = _sources(project)
    for source in (root, *inner):
        shown = "thư mục gốc" if source == root else f"thư mục nguồn {project.relative(source)}/"
        if where == source:
            raise OSError(errno.EEXIST, f"là {shown} của dự án; hãy ghi ra chỗ khác", name)
        if folder and source.is_relative_to(where):
            raise OSError(errno.EEXIST, f"chứa {shown} của dự án; hãy ghi ra chỗ khác", name)
    for source in inner:
        if where.is_relative_to(source):
            raise OSError(errno.EEXIST, f"nằm trong thư mục nguồn {project.relative(source)}/ của dự án; hãy ghi ra "
                                        "chỗ khác", name)


def refuse_output_file(target: Path, project: Project | None, magic: tuple[bytes, ...] | None, what: str) -> None:
    """A file to write: not a folder, not a source of the project, and, if a file is there already, one of the
    same kind (a new edition replaces the last one; a report or a photo under that name stays)."""
    name = str(target)
    if target.is_dir() or name.endswith(("/", "\\")):
        raise OSError(errno.EISDIR, "cần tên một tệp, không phải thư mục", name)
    if project is not None:
        refuse_source(target, project, folder=False)
    if not target.exists() and not target.is_symlink():
        return
    if not target.is_file():
        raise OSError(errno.EEXIST, f"đã có và không phải tệp thường; không ghi {what} lên đó", name)
    if magic is not None:
        with target.open("rb") as held:
            start = held.read(max(len(m) for m in magic))
        if not start.startswith(magic):
            raise OSError(errno.EEXIST, f"tệp đã có và không phải {what}, sotay không ghi đè lên; hãy chọn tên "
                                        "tệp khác", name)


def refuse_site_folder(target: Path, project: Project) -> None:
    """A folder a build replaces whole: not a source, not a file, and empty or made by an earlier build."""
    refuse_source(target, project, folder=True)
    name = str(target)
    if target.exists() and not target.is_dir():
        raise OSError(errno.ENOTDIR, "là một tệp, không phải thư mục", name)
    if target.is_dir() and any(target.iterdir()) and not made_by_build(target):
        raise OSError(errno.EEXIST, "đã có nội dung không do sotay build tạo ra, mà lần dựng sẽ thay cả thư mục; "
                                    "hãy chọn thư mục mới hoặc thư mục trống", name)


def made_by_build(folder: Path) -> bool:
    return (folder / SITE_MARKER).is_file() or (folder / EARLIER_SITE).is_file()


# Work in progress sits beside its target under a name that says which process made it, so that the next run
# can remove what a killed run (SIGKILL, a power cut) left behind without touching a run still going on.
_WORK = re.compile(r"^\.(?P<name>.+)\.(?:new|old|part)-(?P<pid>\d+)-[^/]*$")


def work_path(target: Path, kind: str, *, folder: bool) -> Path:
    """A fresh folder (or file) beside target for a run's work: `.NAME.KIND-PID-XXXX`; stale ones are removed."""
    target.parent.mkdir(parents=True, exist_ok=True)
    clean_stale(target)
    prefix = f".{target.name}.{kind}-{os.getpid()}-"
    if folder:
        return Path(tempfile.mkdtemp(prefix=prefix, dir=target.parent))
    fd, name = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=target.parent)
    os.close(fd)
    return Path(name)


def digest(*parts: str | bytes) -> str:
    """One SHA-256, in hex, of several parts; their boundaries count: ("ab", "c") differs from ("a", "bc")."""
    hashed = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        hashed.update(len(data).to_bytes(8, "big"))
        hashed.update(data)
    return hashed.hexdigest()


def file_digest(path: Path) -> str:
    """The SHA-256 of a file, in hex, read in blocks: what manifests record to tell a file was changed."""
    with path.open("rb") as file:
        return hashlib.file_digest(file, "sha256").hexdigest()


def shared_mode(path: Path, *, folder: bool) -> None:
    """Give what mkstemp or mkdtemp made (the owner's only) the permissions of any new file or folder, so that
    a colleague or a web server can read what a command wrote."""
    mask = os.umask(0)
    os.umask(mask)
    path.chmod((0o777 if folder else 0o666) & ~mask)


def replace_whole(target: Path, write: Callable[[Path], object]) -> None:
    """Write a file through `write(part)` into a part beside target, then rename it over target: the old file
    stays whole until the new one is, and a failed or interrupted run (Ctrl-C included) leaves no part."""
    part = work_path(target, "part", folder=False)
    try:
        write(part)
        shared_mode(part, folder=False)
        os.replace(part, target)
    finally:
        part.unlink(missing_ok=True)


def clean_stale(target: Path) -> None:
    """Remove the work a dead process left beside target."""
    try:
        entries = list(target.parent.iterdir())
    except OSError:
        return
    for entry in entries:
        match = _WORK.match(entry.name)
        if match is None or match["name"] != target.name or _alive(int(match["pid"])):
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            entry.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    return True
