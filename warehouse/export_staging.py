"""An export's staging folder, the swap of its months into ``articles/``, and the
recovery of what an export killed mid-way (SIGKILL, power loss) left behind.

Each export writes under ``OUT/.staging-<pid>-<random>/`` (beside ``articles/``,
never in it; made new by this export, so never a running export's of the same pid in
another pid namespace, nor a symlink another user planted), holding an exclusive
``flock`` on its ``lock`` file while it runs:

* ``new/source=*/month=*``: the months it wrote;
* ``replaced/source=*/month=*``: the live months it renamed away, each for the
  instant between that rename and the rename of its new folder into place.

A month's files of another format are hard-linked (else copied) into its new
folder, never moved out of the live one, so until the swap the live month is
whole. A kill leaves at worst one month renamed into ``replaced/``; the next
export (or this one's error path) puts it back when nothing took its place, then
deletes the staging folder. Readers of ``articles/`` never see a second copy of a
month, and the lock tells a dead export's folder from a running one's.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from warehouse.leftovers import alive

PREFIX = ".staging-"
LOCK = "lock"
NEW = "new"
REPLACED = "replaced"


class Staging:
    """This process's staging folder under ``out_dir``, locked while open."""

    def __init__(self, out_dir: Path, root: Path) -> None:
        self.root = root
        self.out_dir = out_dir
        self.path = out_dir / f"{PREFIX}{os.getpid()}"  # made unique by open()
        self._made = False
        self._fd: int | None = None

    @property
    def new(self) -> Path:
        return self.path / NEW

    @property
    def replaced(self) -> Path:
        return self.path / REPLACED

    def open(self) -> None:
        """Recover the staging folders of dead exports, then create and lock this one."""
        recover(self.out_dir, self.root)
        # A folder of its own, never one found there: a name of this pid may be a
        # running export's in another pid namespace (containers sharing the folder,
        # its lock held) or a symlink planted by another user; the error path would
        # restore from it and delete it (k36c).
        self.path = Path(tempfile.mkdtemp(prefix=f"{PREFIX}{os.getpid()}-", dir=self.out_dir))
        self._made = True
        self._fd = os.open(self.path / LOCK, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o600)
        fcntl.flock(self._fd, fcntl.LOCK_EX)

    def close(self) -> None:
        """Put back any month still renamed away, remove the folder, release the lock."""
        try:
            if self._made and self.path.is_dir():
                restore(self.path, self.root)
                shutil.rmtree(self.path, ignore_errors=True)
        finally:
            self._made = False
            if self._fd is not None:
                os.close(self._fd)
                self._fd = None

    def swap(self) -> tuple[int, int]:
        """Move each month of ``new/`` over its counterpart in ``root``: (months, files)."""
        partitions = files = 0
        if not self.new.exists():
            return 0, 0
        with swapping(self.root):
            for source_dir in sorted(p for p in self.new.iterdir() if p.is_dir()):
                for month_dir in sorted(p for p in source_dir.iterdir() if p.is_dir()):
                    dest = self.root / source_dir.name / month_dir.name
                    dest.parent.mkdir(parents=True, exist_ok=True)
                    written = [f for f in month_dir.iterdir() if f.is_file()]
                    _link_other_formats(dest, month_dir, {f.suffix for f in written})
                    old = self.replaced / source_dir.name / month_dir.name
                    if dest.exists():
                        old.parent.mkdir(parents=True, exist_ok=True)
                        os.replace(dest, old)
                    os.replace(month_dir, dest)
                    shutil.rmtree(old, ignore_errors=True)
                    partitions += 1
                    files += len(written)
        return partitions, files


def _link_other_formats(dest: Path, staged: Path, suffixes: set[str]) -> None:
    """Link what ``dest`` holds besides this export's format into its staged month (a
    copy where links fail): a JSONL export to the folder of a Parquet one replaces the
    JSONL files of the months it writes, never their Parquet files, nor a folder or
    symlink a user keeps there (u40: a folder was dropped with the old month)."""
    if not dest.is_dir():
        return
    for f in dest.iterdir():
        target = staged / f.name
        if target.exists() or target.is_symlink():
            continue
        if f.is_symlink():
            os.symlink(os.readlink(f), target)
        elif f.is_dir():
            shutil.copytree(f, target, symlinks=True, copy_function=_link_or_copy)
        elif f.suffix not in suffixes:
            _link_or_copy(f, target)


def _link_or_copy(src: str | Path, dst: str | Path) -> None:
    """Hard-link ``src`` to ``dst``, else copy it (another file system, no links)."""
    try:
        os.link(src, dst, follow_symlinks=False)
    except OSError:
        shutil.copy2(src, dst, follow_symlinks=False)


def restore(staging: Path, root: Path) -> None:
    """Rename back into ``root`` every month of ``staging/replaced`` that nothing replaced."""
    replaced = staging / REPLACED
    if not replaced.is_dir():
        return
    with swapping(root):
        _put_back(replaced, root)


def _put_back(replaced: Path, root: Path) -> None:
    for old in sorted(replaced.glob("*/*")):
        dest = root / old.parent.name / old.name
        # Only a folder an export renamed there: never a symlink, which readers of
        # articles/ would follow (k36c).
        if old.is_dir() and not old.is_symlink() and not dest.exists():
            dest.parent.mkdir(parents=True, exist_ok=True)
            os.replace(old, dest)


def recover(out_dir: Path, root: Path) -> None:
    """Restore and remove the staging folders under ``out_dir`` of this user's exports
    no longer running (their lock is free; without a lock file, their process is gone)."""
    if not out_dir.is_dir():
        return
    for staging in sorted(out_dir.glob(PREFIX + "*")):
        if staging.is_symlink() or not staging.is_dir():
            continue
        if staging.lstat().st_uid != os.getuid():
            continue  # another user's (a shared output folder): not ours to put back
        with _if_dead(staging) as dead:
            if dead:
                restore(staging, root)
                shutil.rmtree(staging, ignore_errors=True)


@contextlib.contextmanager
def _if_dead(staging: Path) -> Iterator[bool]:
    """Yield whether the export owning ``staging`` is gone, holding its lock meanwhile
    (a folder without a lock file: killed before it took one, if its process is gone;
    one of this process's id is a leftover, since this export has not made its own)."""
    try:
        fd = os.open(staging / LOCK, os.O_RDWR)
    except FileNotFoundError:
        pid = staging.name.removeprefix(PREFIX).split("-")[0]  # <pid>[-<random>]
        yield pid.isdigit() and (int(pid) == os.getpid() or not alive(int(pid)))
        return
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        yield True
    finally:
        os.close(fd)


@contextlib.contextmanager
def swapping(root: Path) -> Iterator[None]:
    """Hold the exclusive ``flock`` of ``root`` (``articles/``) while months are renamed
    in and out of it: an export that came between another's two renames of a month
    found it gone, carried none of its other format's files, and put its own month in
    its place; the other then failed on its rename and deleted the month it had renamed
    away (k36c). Two exports into one folder swap one after the other."""
    fd = os.open(root, os.O_RDONLY | os.O_DIRECTORY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)
