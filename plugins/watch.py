"""The file watcher of `sotay serve`: the system's own (inotify...), told of saves and never of reads; MkDocs'
polling one when SOTAY_WATCH=poll. Imported only when serving."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, cast

import watchdog.events as fs
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver, ObservedWatch

# What a save does to a file or a folder, whatever the editor: written in place, or written beside and renamed.
# Reads are left out: the native watchers report them, and every build reads the sources.
SAVES: list[type[fs.FileSystemEvent]] = [
    fs.FileCreatedEvent, fs.FileModifiedEvent, fs.FileClosedEvent, fs.FileMovedEvent, fs.FileDeletedEvent,
    fs.FileAttribEvent, fs.DirCreatedEvent, fs.DirMovedEvent, fs.DirDeletedEvent]


class _FoldersToo(fs.FileSystemEventHandler):
    """MkDocs' server drops every event about a folder; a folder moved out of the watched tree (to the bin) is
    told as that folder's removal alone, which must rebuild too: it reaches MkDocs as a file's."""

    def __init__(self, inner: fs.FileSystemEventHandler) -> None:
        super().__init__()
        self.inner = inner

    def dispatch(self, event: fs.FileSystemEvent) -> None:
        if isinstance(event, fs.DirDeletedEvent | fs.DirMovedEvent):
            event = fs.FileDeletedEvent(event.src_path)
        self.inner.dispatch(event)


class _SavesObserver(Observer):  # type: ignore[misc,valid-type]  # the platform's native watcher (inotify...)
    """Told of a save as it happens, where MkDocs' own watcher looks at every file twice a second (a save waited
    0.25 s on average before a rebuild began); reads are not reported."""

    def schedule(self, event_handler: fs.FileSystemEventHandler, path: str | Path, *, recursive: bool = False,
                 event_filter: list[type[fs.FileSystemEvent]] | None = None, **options: Any) -> ObservedWatch:
        watch = super().schedule(_FoldersToo(event_handler), path, recursive=recursive,
                                 event_filter=event_filter or SAVES, **options)
        return cast(ObservedWatch, watch)


# How long the server waits for a save's last event before it builds (MkDocs waits 0.1 s). The native watcher
# reports the events of one save within a millisecond or two; the polling one, in one look at the files.
QUIET = 0.05


def watcher() -> BaseObserver:
    """The native watcher; MkDocs' polling one when SOTAY_WATCH=poll (a network share, files of another system
    seen from a virtual machine: places where the native one may not hear of a save)."""
    if os.environ.get("SOTAY_WATCH", "").strip().lower() == "poll":
        from watchdog.observers.polling import PollingObserver
        return PollingObserver(timeout=0.5)
    return _SavesObserver()
