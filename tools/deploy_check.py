"""A build for the web must not point at this machine.

mkdocs.yml defaults ``site_url`` to http://127.0.0.1:8000/ so that local builds and ``make serve``
work. The build writes site_url into the sitemap, every page's canonical link and the flashcard
exports (flashcards.json, the links in flashcards.tsv and flashcards.apkg) and the links in the
PDFs: deployed with the default, they all send readers and crawlers to the reader's own machine.

    python3 tools/deploy_check.py url [URL]   refuse a local or missing SITE_URL (exit 2)
    python3 tools/deploy_check.py notice      print one line when SITE_URL is local or missing
    python3 tools/deploy_check.py site DIR    list the local URLs left in a built site (exit 1)

``url`` and ``notice`` read $SITE_URL when no URL is given. Standard library only: ``make`` runs
this with the machine's Python, before the virtualenv exists.
"""

from __future__ import annotations

import gzip
import ipaddress
import os
import re
import socket
import sys
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

EXAMPLE = "SITE_URL=https://you.github.io/playbook/"
DEFAULT_SITE_URL = "http://127.0.0.1:8000/"  # mkdocs.yml: site_url: !ENV [SITE_URL, ...]

# Files that hold absolute URLs built from site_url, besides the pages' canonical links. The
# compressed ones are read decompressed (the .apkg is a zip around an SQLite database).
PLAIN_FILES = ("flashcards.json", "flashcards.tsv", "sitemap.xml")
GZIP_FILES = ("sitemap.xml.gz",)
ZIP_FILES = ("flashcards.apkg",)

# A PDF link's target: a literal string (with backslash escapes) or a hex string.
PDF_URI = re.compile(rb"/URI\s*(?:\(((?:\\.|[^\\)])*)\)|<([0-9A-Fa-f\s]*)>)", re.DOTALL)
PDF_STREAM = re.compile(rb"stream\r?\n(.*?)\r?\nendstream", re.DOTALL)
PDF_ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}

# The scheme and authority of an absolute http(s) or ws(s) URL in any text.
URL_AUTHORITY = re.compile(r"\b(?:https?|wss?)://(\[[0-9A-Fa-f:.]+\](?::\d+)?|[^\s/?#\"'<>\\]+)")

EXIT_LOCAL_LEFT = 1
EXIT_REFUSED = 2


def is_local_host(host: str) -> bool:
    """True for a name or address that means this machine: localhost, loopback, unspecified."""
    host = host.strip("[]").rstrip(".").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    if re.fullmatch(r"[0-9.]+", host):
        try:  # the shorthand forms browsers accept too: 127.1, 2130706433
            host = socket.inet_ntoa(socket.inet_aton(host))
        except OSError:
            return False
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_loopback or address.is_unspecified


def url_problem(url: str | None) -> str | None:
    """Why ``url`` cannot be a deployed site's address, or None when it can."""
    if url is None or not url.strip():
        return f"SITE_URL is not set (mkdocs.yml's local default is {DEFAULT_SITE_URL})"
    parts = urlsplit(url.strip())
    try:
        host = parts.hostname
    except ValueError:
        host = None
    if parts.scheme not in ("http", "https") or not host:
        return f"SITE_URL={url} is not an absolute http(s) URL"
    if is_local_host(host):
        return f"SITE_URL={url} is an address of this machine"
    return None


def local_urls(text: str) -> Iterator[str]:
    """Every absolute URL in ``text`` whose host is this machine."""
    for match in URL_AUTHORITY.finditer(text):
        try:
            host = urlsplit("http://" + match.group(1)).hostname
        except ValueError:
            continue
        if host and is_local_host(host):
            end = re.match(r"[^\s\"'<>\\]*", text[match.end() :])
            yield match.group(0) + (end.group(0) if end else "")


def _pdf_literal(raw: bytes) -> bytes:
    """A PDF literal string's bytes, its escapes (\\ddd octal, \\n, \\( ...) undone."""

    def undo(match: re.Match[bytes]) -> bytes:
        escaped = match.group(1)
        if escaped[:1].isdigit():
            return bytes([int(escaped, 8) & 0xFF])
        return PDF_ESCAPES.get(escaped, escaped if escaped not in b"\r\n" else b"")

    return re.sub(rb"\\([0-7]{1,3}|.)", undo, raw, flags=re.DOTALL)


def pdf_uris(data: bytes) -> Iterator[str]:
    """The target of every link in a PDF, in its plain objects and its compressed streams."""
    parts = [data]
    for stream in PDF_STREAM.finditer(data):
        try:
            parts.append(zlib.decompress(stream.group(1)))
        except zlib.error:
            continue  # not a Flate stream (an image, a font): no link in it
    for part in parts:
        for match in PDF_URI.finditer(part):
            if match.group(1) is not None:
                yield _text(_pdf_literal(match.group(1)))
            else:
                yield _text(bytes.fromhex(re.sub(rb"\s", b"", match.group(2)).decode()))


class CanonicalLinks(HTMLParser):
    """The href of every ``<link rel="canonical">`` and the content of ``og:url`` in a page."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "link" and "canonical" in values.get("rel", "").lower().split():
            self.urls.append(values.get("href", ""))
        elif tag == "meta" and values.get("property") == "og:url":
            self.urls.append(values.get("content", ""))


@dataclass
class SiteReport:
    checked: list[str]
    pages: int
    found: dict[str, list[str]]  # file (relative to the site) -> the local URLs in it
    pages_found: dict[str, str]  # page (relative to the site) -> its local canonical URL

    @property
    def count(self) -> int:
        return sum(len(urls) for urls in self.found.values()) + len(self.pages_found)


def _text(data: bytes) -> str:
    return data.decode("utf-8", errors="replace")


def check_site(site: Path) -> SiteReport:
    """Look for local URLs in the files a deployment serves that carry absolute URLs."""
    found: dict[str, list[str]] = {}
    checked: list[str] = []

    def record(name: str, text: str) -> None:
        urls = list(local_urls(text))
        if urls:
            found.setdefault(name, []).extend(urls)

    for name in PLAIN_FILES + GZIP_FILES + ZIP_FILES:
        path = site / name
        if not path.is_file():
            continue
        checked.append(name)
        if name in GZIP_FILES:
            record(name, _text(gzip.decompress(path.read_bytes())))
        elif name in ZIP_FILES:
            with zipfile.ZipFile(path) as archive:
                for member in archive.namelist():
                    record(f"{name}:{member}", _text(archive.read(member)))
        else:
            record(name, _text(path.read_bytes()))

    for path in sorted(site.rglob("*.pdf")):
        name = path.relative_to(site).as_posix()
        checked.append(name)
        record(name, "\n".join(pdf_uris(path.read_bytes())))

    pages = sorted(site.rglob("*.html"))
    pages_found: dict[str, str] = {}
    for page in pages:
        parser = CanonicalLinks()
        html = _text(page.read_bytes())
        head_end = html.find("</head>")  # both links live in the head
        parser.feed(html if head_end < 0 else html[:head_end])
        for url in parser.urls:
            if any(True for _ in local_urls(url)):
                pages_found[page.relative_to(site).as_posix()] = url
    return SiteReport(checked, len(pages), found, pages_found)


def _refuse(problem: str) -> int:
    print(
        f"deploy-check: refusing to build for deployment: {problem}. Set SITE_URL to the "
        f"address the site will be served from, e.g. `{EXAMPLE} make deploy-check`.",
        file=sys.stderr,
    )
    return EXIT_REFUSED


def main(argv: list[str]) -> int:
    command, args = (argv[0], argv[1:]) if argv else ("", [])
    if command == "url" and len(args) <= 1:
        problem = url_problem(args[0] if args else os.environ.get("SITE_URL"))
        return _refuse(problem) if problem else 0
    if command == "notice" and not args:
        problem = url_problem(os.environ.get("SITE_URL"))
        if problem:
            print(
                f"Note: {problem}, so the sitemap, canonical links, flashcard exports and PDF "
                f"links point at this machine (to deploy: `{EXAMPLE} make deploy-check`)."
            )
        return 0
    if command == "site" and len(args) == 1:
        site = Path(args[0])
        if not (site / "sitemap.xml").is_file():
            print(f"deploy-check: {site}/ is not a built site (no sitemap.xml)", file=sys.stderr)
            return EXIT_REFUSED
        report = check_site(site)
        if report.count:
            print(f"deploy-check: {report.count} local URL(s) left in {site}/:", file=sys.stderr)
            for name, urls in sorted(report.found.items()):
                more = f" (and {len(urls) - 1} more)" if len(urls) > 1 else ""
                print(f"  {name}: {urls[0]}{more}", file=sys.stderr)
            if report.pages_found:
                page, url = next(iter(sorted(report.pages_found.items())))
                print(
                    f"  canonical links of {len(report.pages_found)} pages: {page}: {url}",
                    file=sys.stderr,
                )
            return EXIT_LOCAL_LEFT
        print(
            f"deploy-check: no local URL in {site}/ ({', '.join(report.checked)} and the "
            f"canonical links of {report.pages} pages)"
        )
        return 0
    print(__doc__, file=sys.stderr)
    return EXIT_REFUSED


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
