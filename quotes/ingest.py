"""Reading articles from folders, text files, JSON Lines and HTML pages.

Every input becomes an ``Article`` or a ``Problem``: nothing is printed and one bad file never stops
the run. Articles are yielded one at a time, so a corpus is never held in memory. Text files keep
their text verbatim (line breaks and whitespace untouched) because quote offsets point into it.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import json
import os
import posixpath
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, BinaryIO

from quotes import furniture
from quotes.errors import InputError
from quotes.models import Article, Problem

MB = 1024 * 1024
MAX_BYTES = 5 * MB
"""The largest file (or JSON line) read as one article."""

TEXT_SUFFIXES = (".txt",)
JSONL_SUFFIXES = (".jsonl",)
HTML_SUFFIXES = (".html", ".htm")
ARTICLE_SUFFIXES = TEXT_SUFFIXES + JSONL_SUFFIXES + HTML_SUFFIXES
MANIFEST_NAME = "manifest.csv"
METADATA_FIELDS = ("outlet", "date", "title", "url", "author")
HEADLINE_WORDS = (2, 20)
"""Fewest and most words of a first line taken as a title."""
QUOTE_MARKS = "\"“”‘’'«»"

BINARY_NUL_FRACTION = 0.01
"""More NUL characters than this share of the text means a binary file; fewer are stray."""
BINARY_CONTROL_FRACTION = 0.1
"""More control characters (other than whitespace) than this share means a binary file."""

_CONTROL = re.compile("[\x01-\x08\x0e-\x1f\x7f-\x9f]")
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_HTML_FIELDS = (
    ("outlet", "sitename"),
    ("date", "date"),
    ("title", "title"),
    ("author", "author"),
    ("url", "url"),
)
"""Article field and the trafilatura document field that fills it."""

Metadata = Mapping[str, str]
"""Field name to a non-empty value: the five known fields and any others (kept as extra)."""
OUTSIDE = "symbolic link to a file outside the folder (refused)"
FOLDER_OUTSIDE = "symbolic link to a folder outside the folder (refused)"


@dataclass
class _Visit:
    """What one run has read so far: files by real path, folders by device and inode, and
    where each article id was first read from."""

    files: set[str] = field(default_factory=set)
    ids: dict[str, str] = field(default_factory=dict)
    folders: set[tuple[int, int]] = field(default_factory=set)

    def claim(self, item: Article, where: str) -> Article | Problem:
        """The article, or a problem when an article read earlier has its id (the first
        one read is kept, so offsets always point into the text stored under an id)."""
        first = self.ids.setdefault(item.id, where)
        if first != where:
            return Problem(where, f"duplicate article id {item.id!r} (first read from {first})")
        return item


@dataclass(frozen=True)
class _Manifest:
    """The rows of one folder's manifest.csv, keyed by normalised relative file path."""

    folder: str
    path: str
    rows: Mapping[str, Metadata]
    problems: tuple[Problem, ...] = ()


def iter_articles(paths: Sequence[str], outlet: str | None = None) -> Iterator[Article | Problem]:
    """Yield an Article for each article found under ``paths`` and a Problem for each failure.

    ``outlet`` is given to every article whose manifest, JSON line or page names no outlet.

    Folders are searched recursively (sorted) for .txt, .jsonl, .html and .htm files; a file reached
    twice (the same path given twice, or via a folder and directly) is read once; links inside a
    folder are followed; an article whose id was read before, and a symbolic link in a folder to
    a file or folder outside it, are problems.
    """
    if isinstance(paths, str | bytes):
        raise ValueError("iter_articles takes a sequence of paths, not a single path")
    if outlet is not None and not (outlet.strip() and _encodable(outlet)):
        raise ValueError(f"not a usable outlet name: {_escaped(outlet)!r}")
    return _iter_paths(list(paths), outlet)


def _iter_paths(paths: Sequence[str], outlet: str | None) -> Iterator[Article | Problem]:
    visit = _Visit()
    for path in paths:
        for item in _iter_path(os.fspath(path), visit):
            if isinstance(item, Problem):
                yield _printable(item)
            else:
                yield replace(item, outlet=outlet) if outlet and not item.outlet else item


def _printable(problem: Problem) -> Problem:
    """The problem with any unpaired surrogate (from a file name that is not UTF-8) written
    as an escape, so that it can be stored and printed."""
    return Problem(_escaped(problem.path), _escaped(problem.reason))


def _escaped(text: str) -> str:
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def _iter_path(path: str, visit: _Visit) -> Iterator[Article | Problem]:
    if os.path.isdir(path):
        yield from _walk(path, visit)
    elif os.path.isfile(path):
        yield from _iter_single_file(path, visit)
    elif os.path.lexists(path):
        yield Problem(path, _not_regular(path, "not a regular file or folder"))
    else:
        yield Problem(path, "no such file or folder")


def _iter_single_file(path: str, visit: _Visit) -> Iterator[Article | Problem]:
    name = os.path.basename(path)
    if not _is_article_name(name):
        yield Problem(path, f"not an article file (expected one of {', '.join(ARTICLE_SUFFIXES)})")
        return
    folder = os.path.dirname(path) or "."
    manifest = _load_manifest(folder, folder)
    metadata = manifest.rows.get(name, {}) if manifest else {}
    yield from _read_file(path, name, metadata, visit)


@dataclass
class _Folder:
    """A folder being walked: its entries still to visit and the manifests that apply."""

    entries: Iterator[os.DirEntry[str]]
    manifests: tuple[_Manifest, ...]


def _walk(root: str, visit: _Visit) -> Iterator[Article | Problem]:
    """Every article under ``root``, in sorted order; folders are kept on a stack rather than
    walked by recursion, so that no depth of folders can exhaust the interpreter's stack."""
    stack: list[_Folder] = []
    yield from _enter(root, root, (), visit, stack)
    while stack:
        entry = next(stack[-1].entries, None)
        if entry is None:
            stack.pop()
        else:
            yield from _visit_entry(root, entry, stack[-1].manifests, visit, stack)


def _enter(
    root: str, folder: str, manifests: tuple[_Manifest, ...], visit: _Visit, stack: list[_Folder]
) -> Iterator[Problem]:
    """Read ``folder``'s manifest and entries and put it on the stack of folders being walked
    (unless a link led to it before: each folder is read once, so links make no loops)."""
    try:
        status = os.stat(folder)
    except OSError as error:
        yield Problem(folder, f"cannot read folder: {_os_reason(error)}")
        return
    if (status.st_dev, status.st_ino) in visit.folders:
        return
    visit.folders.add((status.st_dev, status.st_ino))
    manifest = _load_manifest(folder, root)
    if manifest is not None:
        manifests = (*manifests, manifest)
        if _first_visit(manifest.path, visit):
            yield from manifest.problems
    try:
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError as error:
        yield Problem(folder, f"cannot read folder: {_os_reason(error)}")
        return
    stack.append(_Folder(iter(entries), manifests))


def _visit_entry(
    root: str,
    entry: os.DirEntry[str],
    manifests: tuple[_Manifest, ...],
    visit: _Visit,
    stack: list[_Folder],
) -> Iterator[Article | Problem]:
    if entry.name.startswith("."):
        return
    leaves = entry.is_symlink() and not _inside(entry.path, root)  # all else lies inside
    if entry.is_dir() and leaves:
        yield Problem(entry.path, FOLDER_OUTSIDE)
    elif entry.is_dir():
        yield from _enter(root, entry.path, manifests, visit, stack)
    elif not _is_article_name(entry.name):
        return
    elif entry.is_file() and leaves:
        yield Problem(entry.path, OUTSIDE)
    elif entry.is_file():
        article_id = _relative(entry.path, root)
        yield from _read_file(entry.path, article_id, _lookup(manifests, entry.path), visit)
    else:  # a broken link, a pipe or a device named like an article: reported, never opened
        yield Problem(entry.path, _not_regular(entry.path, "not a regular file"))


def _read_file(
    path: str, article_id: str, metadata: Metadata, visit: _Visit
) -> Iterator[Article | Problem]:
    if not _first_visit(path, visit):
        return
    suffix = os.path.splitext(path)[1].lower()
    try:
        if suffix in JSONL_SUFFIXES:
            yield from _read_jsonl(path, article_id, metadata, visit)
        elif suffix in HTML_SUFFIXES:
            yield visit.claim(_html_article(_read_bytes(path), article_id, path, metadata), path)
        else:
            yield visit.claim(_text_article(_read_bytes(path), article_id, path, metadata), path)
    except InputError as error:
        yield Problem(path, str(error))


def _text_article(data: bytes, article_id: str, path: str, metadata: Metadata) -> Article:
    text = checked_text(decode_text(data), "empty file")
    title = metadata.get("title") or headline(text)
    return _build_article(article_id, text, path, {**metadata, "title": title or ""})


def headline(text: str) -> str | None:
    """The first line of a text when it reads as a headline: a few words, not page furniture,
    not a sentence or clause ending in ``. , ; :``, with the article's text after it."""
    lines = furniture.paragraphs(text)
    if len(lines) < 2 or lines[0].is_furniture:
        return None
    first = text[lines[0].start : lines[0].end].strip()
    ending = first.rstrip(QUOTE_MARKS)[-1:]
    if not HEADLINE_WORDS[0] <= len(first.split()) <= HEADLINE_WORDS[1] or ending in ".,;:":
        return None
    opening = first[:1]
    return first if opening.isupper() or opening.isdigit() or opening in QUOTE_MARKS else None


def _html_article(data: bytes, article_id: str, path: str, metadata: Metadata) -> Article:
    text, found = extract_html(data)
    return _build_article(article_id, text, path, {**found, **metadata})


def _build_article(article_id: str, text: str, path: str, metadata: Metadata) -> Article:
    for name, value in (("id", article_id), ("path", path), *metadata.items()):
        if not _encodable(name) or not _encodable(value):
            raise InputError(f"not valid text: unpaired surrogate character in the {name}")
    extra = tuple(sorted((k, v) for k, v in metadata.items() if k not in METADATA_FIELDS and v))
    return Article(
        id=article_id,
        text=text,
        sha256=_sha256(text),
        outlet=metadata.get("outlet") or None,
        date=metadata.get("date") or None,
        title=metadata.get("title") or None,
        url=metadata.get("url") or None,
        author=metadata.get("author") or None,
        path=path,
        extra=extra,
    )


def location(article: Article) -> str:
    """Where an article was read from, for a problem: its file, with the id for a JSON line."""
    path = article.path or article.id
    return f"{path} (id {article.id!r})" if path.lower().endswith(JSONL_SUFFIXES) else path


# --- text ------------------------------------------------------------------------------------


def decode_text(data: bytes) -> str:
    """Decode file bytes: a UTF-8 BOM is dropped, then UTF-8, else cp1252, else Latin-1."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    elif data.startswith(_UTF16_BOMS):
        return _decode_utf16(data)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _decode_utf16(data: bytes) -> str:
    try:
        return data.decode("utf-16")
    except UnicodeDecodeError as error:
        raise InputError("not valid text: broken UTF-16") from error


def checked_text(text: str, empty_reason: str = "empty file") -> str:
    """Return ``text`` with stray NULs made spaces; raise InputError for empty or binary text."""
    if not text.strip():
        raise InputError(empty_reason)
    nuls = text.count("\x00")
    controls = sum(1 for _ in _CONTROL.finditer(text))
    if nuls > BINARY_NUL_FRACTION * len(text) or controls > BINARY_CONTROL_FRACTION * len(text):
        raise InputError("not valid text: binary file")
    text = text.replace("\x00", " ") if nuls else text
    if not text.strip():
        raise InputError(empty_reason)
    return text


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _sha256(text: str) -> str:
    try:
        return hashlib.sha256(text.encode("utf-8")).hexdigest()
    except UnicodeEncodeError as error:
        raise InputError("not valid text: unpaired surrogate character") from error


def _read_bytes(path: str) -> bytes:
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_BYTES + 1)
            if len(data) > MAX_BYTES:
                raise InputError(_too_large(os.fstat(handle.fileno()).st_size))
    except OSError as error:
        raise InputError(f"cannot read: {_os_reason(error)}") from error
    return data


def _too_large(size: int) -> str:
    return f"too large ({size / MB:.1f} MB > {MAX_BYTES // MB} MB)"


def _not_regular(path: str, reason: str) -> str:
    if os.path.islink(path) and not os.path.exists(path):
        return "cannot read: broken symbolic link"
    return reason


def _os_reason(error: OSError) -> str:
    return error.strerror or str(error)


# --- JSON Lines ------------------------------------------------------------------------------


def _read_jsonl(
    path: str, file_id: str, metadata: Metadata, visit: _Visit
) -> Iterator[Article | Problem]:
    try:
        with open(path, "rb") as handle:
            for number, line, size in _lines(handle):
                if line is not None and not line.strip():
                    continue
                try:
                    article = _jsonl_article(line, size, f"{file_id}:{number}", path, metadata)
                    yield visit.claim(article, f"{path}:{number}")
                except InputError as error:
                    yield Problem(f"{path}:{number}", str(error))
    except OSError as error:
        raise InputError(f"cannot read: {_os_reason(error)}") from error


def _lines(handle: BinaryIO) -> Iterator[tuple[int, bytes | None, int]]:
    """Yield (line number, line, size in bytes); a line over MAX_BYTES is skipped, given as None."""
    number = 0
    while line := handle.readline(MAX_BYTES + 1):
        number += 1
        size = len(line)
        if size > MAX_BYTES:
            while not line.endswith(b"\n") and (line := handle.readline(MAX_BYTES)):
                size += len(line)
            yield number, None, size
        else:
            yield number, line, size


def _jsonl_article(
    line: bytes | None, size: int, fallback_id: str, path: str, metadata: Metadata
) -> Article:
    if line is None:
        raise InputError(_too_large(size))
    record = _json_object(decode_text(line).rstrip("\r\n"))
    text = record.get("text")
    if not isinstance(text, str):
        raise InputError("JSON line has no 'text' string")
    text = checked_text(text, "empty text")
    fields = {**metadata, **_record_metadata(record)}
    record_id = record.get("id")
    article_id = fallback_id if record_id is None or record_id == "" else _as_string(record_id)
    return _build_article(article_id, text, path, fields)


def _json_object(line: str) -> dict[str, Any]:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        raise InputError(f"broken JSON line: {error.msg} (column {error.colno})") from error
    except RecursionError as error:
        raise InputError("broken JSON line: nested too deeply") from error
    if not isinstance(record, dict):
        raise InputError(f"broken JSON line: expected an object, found {type(record).__name__}")
    return record


def _record_metadata(record: Mapping[str, Any]) -> dict[str, str]:
    fields = {}
    for key, value in record.items():
        if key in ("id", "text") or value is None or value == "":
            continue
        fields[key] = _as_string(value)
    return fields


def _as_string(value: object) -> str:
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


# --- HTML --------------------------------------------------------------------------------------


def extract_html(data: bytes) -> tuple[str, dict[str, str]]:
    """Main text and metadata (outlet, date, title, author, url) of an HTML page, by trafilatura."""
    try:
        import trafilatura
    except ImportError as error:
        reason = " ".join(str(error).split())
        raise InputError(f"cannot read HTML: trafilatura cannot be imported ({reason})") from error
    document = trafilatura.bare_extraction(data, with_metadata=True, include_comments=False)
    text = _document_field(document, "text")
    if document is None or not text:
        raise InputError("no article text found in the HTML")
    found = {field: _document_field(document, name) for field, name in _HTML_FIELDS}
    return checked_text(text, "no article text found in the HTML"), {
        field: value for field, value in found.items() if value
    }


def _document_field(document: object, name: str) -> str:
    value = document.get(name) if isinstance(document, dict) else getattr(document, name, None)
    return value.strip() if isinstance(value, str) else ""


# --- folders and manifests ---------------------------------------------------------------------


def _is_article_name(name: str) -> bool:
    return name.lower().endswith(ARTICLE_SUFFIXES)


def _first_visit(path: str, visit: _Visit) -> bool:
    real = os.path.realpath(path)
    if real in visit.files:
        return False
    visit.files.add(real)
    return True


def _inside(path: str, folder: str) -> bool:
    """Whether ``path``, links followed, is ``folder`` or lies under it."""
    real, base = os.path.realpath(path), os.path.realpath(folder)
    return real == base or real.startswith(base.rstrip(os.sep) + os.sep)


def _relative(path: str, folder: str) -> str:
    return os.path.relpath(path, folder).replace(os.sep, "/")


def _lookup(manifests: Sequence[_Manifest], path: str) -> Metadata:
    """The row of the nearest manifest that names ``path``, or no metadata."""
    for manifest in reversed(manifests):
        row = manifest.rows.get(_relative(path, manifest.folder))
        if row is not None:
            return row
    return {}


def _load_manifest(folder: str, root: str) -> _Manifest | None:
    path = os.path.join(folder, MANIFEST_NAME)
    if not os.path.isfile(path):
        return None
    if os.path.islink(path) and not _inside(path, root):
        return _Manifest(folder, path, {}, (Problem(path, OUTSIDE),))
    try:
        text = decode_text(_read_bytes(path))
        return _parse_manifest(folder, path, text)
    except (InputError, csv.Error) as error:
        reason = " ".join(str(error).split())
        return _Manifest(folder, path, {}, (Problem(path, f"unusable manifest: {reason}"),))


def _parse_manifest(folder: str, path: str, text: str) -> _Manifest:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    if "file" not in [name.strip() for name in reader.fieldnames or ()]:
        raise InputError("no 'file' column")
    rows: dict[str, Metadata] = {}
    problems: list[Problem] = []
    for raw in reader:
        row = {key.strip(): value.strip() for key, value in raw.items() if _is_cell(key, value)}
        where = f"{path}:{reader.line_num}"
        try:
            key = _manifest_key(folder, row.pop("file", ""), rows)
        except InputError as error:
            problems.append(Problem(where, str(error)))
            continue
        rows[key] = row
    return _Manifest(folder, path, rows, tuple(problems))


def _is_cell(key: object, value: object) -> bool:
    return isinstance(key, str) and isinstance(value, str) and bool(value.strip())


def _manifest_key(folder: str, name: str, rows: Mapping[str, Metadata]) -> str:
    """The normalised relative path a manifest row names; InputError if it cannot be used."""
    if not name:
        raise InputError("manifest row names no file")
    unix = name.replace("\\", "/")
    key = posixpath.normpath(unix)
    if os.path.isabs(name) or unix.startswith("/") or re.match(r"[A-Za-z]:", unix):
        raise InputError(f"manifest names a file outside its folder (refused): {name!r}")
    if key == ".." or key.startswith("../"):
        raise InputError(f"manifest names a file outside its folder (refused): {name!r}")
    if key in rows:
        raise InputError(f"manifest names {name!r} twice (later row ignored)")
    if not os.path.isfile(os.path.join(folder, *key.split("/"))):
        raise InputError(f"manifest names a missing file: {name!r}")
    return key
