"""Whoosh's segment writer with its per-posting costs taken out; it writes the files Whoosh's own writer writes.

A segment has about 500 postings per entry. Whoosh's writer sorts them all in one pool, then hands them one by
one to the postings writer, reading each one's field length back from the segment's compressed length column.
Here postings are grouped by term as they come (only the terms are sorted), the lengths are read once per
field, and each term's postings go into the postings writer's blocks a block at a time. All three stand on
internals of whoosh-reloaded 2.7.5, pinned in pyproject.toml: `SegmentWriter.pool` and `_flush_segment`, and
the block buffer of `W3PostingsWriter`. A test checks that the files are byte for byte those of Whoosh's writer.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from operator import itemgetter
from pathlib import Path
from typing import Any

from whoosh.codec.whoosh3 import W3FieldWriter, W3PostingsWriter
from whoosh.filedb.filestore import FileStorage
from whoosh.index import _DEF_INDEX_NAME, TOC, clean_files
from whoosh.writing import SegmentWriter

Posting = tuple[str, bytes, int, float, bytes | None]  # (field, term, entry number, weight, value)


class TermPool:
    """A segment's postings by (field, term). Whoosh's writer adds them entry by entry, so each term's come in
    the order of the entries; a merge adds an older segment's after them, and those are sorted."""

    def __init__(self) -> None:
        self._items: list[Posting] = []
        self.add = self._items.append  # called once per posting: a bound C method, no Python frame

    def terms(self) -> Iterator[tuple[str, bytes, list[Posting]]]:
        """(field, term, its postings by entry number), by field and term."""
        grouped: dict[tuple[str, bytes], list[Posting]] = {}
        for item in self._items:
            grouped.setdefault((item[0], item[1]), []).append(item)
        self._items.clear()
        for key in sorted(grouped):
            postings = grouped.pop(key)
            postings.sort(key=_ENTRY)  # in order already, unless a merge added another segment's
            yield key[0], key[1], postings

    def iter_postings(self) -> Iterator[Posting]:
        """Whoosh's pool interface: every posting, by field, term and entry number."""
        for _field, _term, postings in self.terms():
            yield from postings

    def cleanup(self) -> None:
        self._items.clear()


_ENTRY = itemgetter(2)


class _Lengths:
    """A segment's field lengths, read once per field from its per-document reader: the same stored (rounded)
    lengths Whoosh reads there posting by posting."""

    def __init__(self, reader: Any) -> None:
        self.reader = reader
        self._fields: dict[str, list[int | None]] = {}

    def of(self, fieldname: str) -> list[int | None]:
        lengths = self._fields.get(fieldname)
        if lengths is None:
            read = self.reader.doc_field_length
            lengths = self._fields[fieldname] = [read(d, fieldname) for d in range(self.reader.doc_count_all())]
        return lengths

    def doc_field_length(self, docnum: int, fieldname: str) -> int | None:
        return self.of(fieldname)[docnum]


class Writer(SegmentWriter):  # type: ignore[misc]
    """A SegmentWriter that keeps its postings in a TermPool and writes them a term at a time."""

    def __init__(self, ix: Any, **kwargs: Any) -> None:
        super().__init__(ix, **kwargs)
        self.pool = TermPool()  # Whoosh's own held nothing yet

    def _flush_segment(self) -> None:
        self.perdocwriter.close()
        lengths = _Lengths(self.per_document_reader()) if self.codec.length_stats else None
        fields = self.fieldwriter
        if isinstance(fields, W3FieldWriter):
            _write_terms(fields, self.schema, lengths, self.pool.terms())
        else:  # another codec: its own writer, posting by posting
            fields.add_postings(self.schema, lengths, self.pool.iter_postings())
        fields.close()
        if lengths is not None:
            lengths.reader.close()


def _write_terms(fields: Any, schema: Any, lengths: _Lengths | None,
                 terms: Iterator[tuple[str, bytes, list[Posting]]]) -> None:
    """What FieldWriter.add_postings does, a term at a time (the schema has no spelling field, whose postings
    Whoosh marks with entry number -1)."""
    current = None
    field_lengths: list[int | None] | None = None
    for fieldname, term, postings in terms:
        if fieldname != current:
            if current is not None:
                fields.finish_field()
            fields.start_field(fieldname, schema[fieldname])
            current = fieldname
            field_lengths = lengths.of(fieldname) if lengths is not None else None
        fields.start_term(term)
        _add_postings(fields._postwriter, postings, field_lengths)
        fields.finish_term()
    if current is not None:
        fields.finish_field()


def _add_postings(writer: W3PostingsWriter, postings: list[Posting], lengths: list[int | None] | None) -> None:
    """W3PostingsWriter.add_posting for each of a term's postings, a block's worth at a time: the same blocks,
    block statistics and bytes."""
    limit = writer._blocklimit
    start, count = 0, len(postings)
    while start < count:
        if len(writer._ids) >= limit:
            writer._write_block()
        end = min(count, start + limit - len(writer._ids))
        _fields, _terms, docnums, weights, values = zip(*postings[start:end], strict=True)
        writer._ids.extend(docnums)
        writer._weights.extend(weights)
        writer._values.extend(filter(None, values))
        writer._maxweight = max(writer._maxweight, *weights)
        if lengths is not None:
            known = list(filter(None, map(lengths.__getitem__, docnums)))
            if known:
                low = min(known)
                if writer._minlength is None or low < writer._minlength:
                    writer._minlength = low
                writer._maxlength = max(writer._maxlength, *known)
        start = end


def adopt(folder: Path, part: Path) -> None:
    """Make the segments of the index in `part` (a folder inside `folder`, written by another process) segments of
    the index in `folder` too, after its own: their files move up, and a new table of contents lists them all."""
    storage = FileStorage(str(folder))
    ours, theirs = TOC.read(storage, _DEF_INDEX_NAME), TOC.read(FileStorage(str(part)), _DEF_INDEX_NAME)
    ids = tuple(f"{segment.segment_id()}." for segment in theirs.segments)
    for path in part.iterdir():
        if path.name.startswith(ids):  # the segments' files; not the table of contents, nor Whoosh's lock file
            os.replace(path, folder / path.name)
    shutil.rmtree(part)
    segments, generation = ours.segments + theirs.segments, ours.generation + 1
    TOC(ours.schema, segments, generation).write(storage, _DEF_INDEX_NAME)
    clean_files(storage, _DEF_INDEX_NAME, generation, segments)  # the older table of contents
