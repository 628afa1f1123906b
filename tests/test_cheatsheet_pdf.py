"""PDF tests: the real site built once with PLAYBOOK_PDF=true, the PDFs read back: their text
and its sizes with PDFium (pypdfium2), their structure (outline, links, images, drawing
operators) with pypdf."""

from __future__ import annotations

import functools
import math
import re
import statistics
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pypdfium2
import pypdfium2.raw as pdfium
import pytest
from playwright.sync_api import Page
from pypdf import PdfReader
from pypdf.generic import ContentStream
from test_cheatsheet_build import FORMULAS, QUESTION_TERMS, STEPS, small_site

from conftest import PUBLIC_URL, ROOT, PageWatch, run_mkdocs_build
from mkdocs_playbook.cheatsheet.pdf import PdfError, wait_until_printable
from site_pages import built_file, built_pages, soup_of

pytestmark = pytest.mark.browser

SHEETS = {"cheat-sheet-a4.pdf": (595, 842), "cheat-sheet-letter.pdf": (612, 792)}
ALL_PDFS = (*SHEETS, "playbook.pdf")
# Mermaid's syntax, not its words: prose may say "participants" (2PC) or "subgraph".
MERMAID_SOURCE = re.compile(
    r"flowchart (?:TD|LR|TB)|graph (?:TD|LR|TB)|sequenceDiagram|subgraph \w+\n"
    r"|participant \S+ as |-->|->>"
)
PATH_OPERATORS = {b"m", b"l", b"c", b"v", b"y", b"re", b"h"}
# The smallest diagram text on paper, in points: a 16 px label fitted to the paper shrinks with
# its drawing (1 CSS px prints as 0.75 pt before any fitting).
MIN_DIAGRAM_PT = 6.0


def source_formulas() -> list[str]:
    """The formulas exactly as capacity-estimation.md writes them (first column of its table)."""
    page = (ROOT / "docs" / "capacity-estimation.md").read_text(encoding="utf-8")
    rows = [line for line in page.splitlines() if line.startswith("| **")]
    formulas = [row.split("|")[1].replace("**", "").strip() for row in rows[:4]]
    assert len(formulas) == 4 and formulas[0].startswith("Peak QPS =")
    return formulas


@pytest.fixture(scope="session")
def pdf_site(public_pdf_site: tuple[Path, str]) -> tuple[Path, str]:
    """The project's site built with its PDFs, once per session; and what the build logged."""
    return public_pdf_site


def resources(obj: Any) -> list[Any]:
    """Every resource dictionary of a page, including those of nested form XObjects."""
    found = []
    pending = [obj.get("/Resources")]
    while pending:
        current = pending.pop()
        if current is None:
            continue
        current = current.get_object()
        found.append(current)
        for xobject in (current.get("/XObject") or {}).values():
            xobject = xobject.get_object()
            if xobject.get("/Subtype") == "/Form":
                pending.append(xobject.get("/Resources"))
    return found


@dataclass(frozen=True)
class TextRun:
    """A stretch of one printed line in one size, as PDFium reads its characters."""

    text: str
    page: int
    size_pt: float
    """Its size on paper: font size x the characters' matrix (text matrix x CTM)."""
    scale: float
    """How much that matrix scales (CSS px to pt: Chromium writes text matrices of scale 1)."""


@dataclass(frozen=True)
class ParsedPdf:
    """What the tests read from one PDF, gathered in one pass (PDFium reads the whole
    playbook's text in 1.8 s; pypdf's extraction took 17 s)."""

    reader: PdfReader
    page_texts: list[str]
    page_sizes: list[tuple[float, float]]
    runs: list[TextRun]
    """Every run of visible text (whitespace-only runs are left out), page by page."""
    images: int
    uris: list[str]

    @property
    def text(self) -> str:
        return re.sub(r"\s+", " ", " ".join(self.page_texts))

    def path_operations(self, page_number: int) -> int:
        content = ContentStream(self.reader.pages[page_number].get_contents(), self.reader)
        return sum(1 for _, operator in content.operations if operator in PATH_OPERATORS)


LINE_END_HYPHEN = "\ufffe"
"""What PDFium reads a hyphen that ends a line as (a word broken at its own hyphen)."""


def page_text(textpage: pypdfium2.PdfTextPage) -> str:
    text: str = textpage.get_text_range()
    return text.replace(LINE_END_HYPHEN, "-")


def page_runs(textpage: pypdfium2.PdfTextPage, page: int) -> list[TextRun]:
    """The page's characters grouped into runs: a run ends at a line break PDFium infers, or
    where the size changes (the spaces it infers between words stay in the run)."""
    runs: list[TextRun] = []
    chars: list[str] = []
    current: tuple[float, float] | None = None

    def end_run() -> None:
        if current is not None and "".join(chars).strip():
            runs.append(TextRun("".join(chars), page, current[0] * current[1], current[1]))
        chars.clear()

    matrix = pdfium.FS_MATRIX()
    for index in range(textpage.count_chars()):
        char = chr(pdfium.FPDFText_GetUnicode(textpage, index))
        if pdfium.FPDFText_IsGenerated(textpage, index):
            if char in "\r\n":
                end_run()
                current = None
            else:
                chars.append(char)
            continue
        pdfium.FPDFText_GetMatrix(textpage, index, matrix)
        scale = math.sqrt(abs(matrix.a * matrix.d - matrix.b * matrix.c))
        size = (pdfium.FPDFText_GetFontSize(textpage, index), scale)
        if size != current:
            end_run()
            current = size
        chars.append(char)
    end_run()
    return runs


def parse_pdf(path: Path) -> ParsedPdf:
    reader = PdfReader(path)
    document = pypdfium2.PdfDocument(path)
    page_texts: list[str] = []
    runs: list[TextRun] = []
    try:
        for number in range(len(document)):
            textpage = document[number].get_textpage()
            page_texts.append(page_text(textpage))
            runs += page_runs(textpage, number)
    finally:
        document.close()
    return ParsedPdf(
        reader=reader,
        page_texts=page_texts,
        page_sizes=[
            (float(page.mediabox.width), float(page.mediabox.height)) for page in reader.pages
        ],
        runs=runs,
        images=sum(
            1
            for page in reader.pages
            for resource in resources(page)
            for xobject in (resource.get("/XObject") or {}).values()
            if xobject.get_object().get("/Subtype") == "/Image"
        ),
        uris=[
            str(annotation.get_object()["/A"].get("/URI", ""))
            for page in reader.pages
            for annotation in page.get("/Annots") or []
            if "/A" in annotation.get_object()
        ],
    )


@pytest.fixture(scope="module")
def parsed(pdf_site: tuple[Path, str]) -> Callable[[str], ParsedPdf]:
    """Each PDF of the site parsed once for the whole module, when a test first asks for it."""
    return functools.cache(lambda name: parse_pdf(pdf_site[0] / name))


def diagram_words(site: Path, urls: Iterable[str]) -> set[str]:
    """Every word of the diagrams' labels on these built pages, from the light drawing (the one
    that prints)."""
    return {
        word
        for url in urls
        for svg in soup_of(built_file(site, url)).select(
            "[data-diagram] [data-diagram-palette=light]"
        )
        for text in svg.find_all("text")
        for word in text.get_text(" ").split()
    }


def book_diagram_pages(site: Path) -> list[str]:
    """The pages of the whole playbook that have diagrams (the cheat sheet is not in it)."""
    return [
        url
        for url in built_pages(site)
        if url != "cheat-sheet/" and "data-diagram" in built_file(site, url).read_text("utf-8")
    ]


def diagram_text_sizes(pdf: ParsedPdf, words: set[str]) -> list[tuple[float, str, int]]:
    """Each run of diagram text in the PDF: its size on paper in pt (font size x text matrix x
    CTM), its text and its page. A run counts as diagram text when every word of it is a word
    of a diagram label; prose runs have other words, and any label-only run that is not in a
    diagram (a table cell "Cache") only makes the smallest size smaller, never larger."""
    return [
        (run.size_pt, " ".join(run.text.split()), run.page)
        for run in pdf.runs
        if all(word in words for word in run.text.split())
    ]


def test_pdfs_are_written_and_linked_from_the_cheat_sheet(pdf_site: tuple[Path, str]) -> None:
    site, log = pdf_site
    for name in ALL_PDFS:
        assert (site / name).read_bytes().startswith(b"%PDF-"), name
    links = soup_of(site / "cheat-sheet" / "index.html").select(".playbook-cheatsheet-pdfs a")
    assert [str(link["href"]) for link in links] == [f"../{name}" for name in ALL_PDFS]
    assert "playbook cheat sheet: PDFs rendered in" in log


@pytest.mark.parametrize("name", list(SHEETS))
def test_cheat_sheet_prints_on_at_most_two_pages(
    parsed: Callable[[str], ParsedPdf], name: str
) -> None:
    sizes = parsed(name).page_sizes
    assert 1 <= len(sizes) <= 2
    for size in sizes:
        assert size == pytest.approx(SHEETS[name], abs=1.5)


@pytest.mark.parametrize("name", list(SHEETS))
def test_cheat_sheet_text_is_complete(parsed: Callable[[str], ParsedPdf], name: str) -> None:
    text = parsed(name).text
    for needle in (*STEPS, *QUESTION_TERMS, "2\u20133 min", "3\u20135 min", "5\u20137 min"):
        assert needle in text, needle
    for formula in FORMULAS:
        assert formula in text, formula
    for formula in source_formulas():
        assert formula in text, formula
    for needle in ("Public API", "Entry", "Write path", "Observability", "No DLQ", "Evolution"):
        assert needle in text, needle


@pytest.mark.parametrize("name", ALL_PDFS)
def test_no_mermaid_source_is_printed(parsed: Callable[[str], ParsedPdf], name: str) -> None:
    text = parsed(name).text
    assert MERMAID_SOURCE.findall(text) == []


@pytest.mark.parametrize("name", ALL_PDFS)
def test_diagrams_are_vector_drawings(parsed: Callable[[str], ParsedPdf], name: str) -> None:
    pdf = parsed(name)
    assert pdf.images == 0, "a diagram (or anything else) was printed as a bitmap"
    text = pdf.text
    for label in ("Users/Clients", "API Gateway", "L7 Load Balancer", "Stream (Kafka)"):
        assert label in text, f"the reference diagram's {label!r} is missing"
    diagram_page, *_ = [
        number for number, page in enumerate(pdf.page_texts) if "Projections/Search" in page
    ]
    assert pdf.path_operations(diagram_page) > 100, "the diagram's boxes and arrows are missing"


def test_whole_playbook_has_every_page_and_its_diagrams(
    parsed: Callable[[str], ParsedPdf],
) -> None:
    pdf = parsed("playbook.pdf")
    reader = pdf.reader
    outline = [str(item.title) for item in reader.outline if not isinstance(item, list)]
    assert outline[:3] == [
        "System Design Interview Playbook",
        "Interview Approach & Mindset",
        "8-Step Flow (timeboxed)",
    ]
    assert "Question Bank (with concise answers)" in outline
    assert "Cheat sheet" not in outline and "Flashcards" not in outline
    assert not [title for title in outline if "Authoring" in title]
    assert reader.metadata is not None
    assert reader.metadata.title == "System Design Interview Playbook"
    text = pdf.text
    for label in ("Step 1: Clarify", "Event bus", "Single-flight lock", "Users/Clients"):
        assert label in text, f"diagram label {label!r} is missing"


@pytest.mark.parametrize("name", ALL_PDFS)
def test_links_point_to_the_public_site(parsed: Callable[[str], ParsedPdf], name: str) -> None:
    uris = parsed(name).uris
    assert uris, "the PDF has no links"
    assert not [uri for uri in uris if "127.0.0.1" in uri]
    assert any(uri.startswith(PUBLIC_URL) for uri in uris)


@pytest.mark.parametrize("name", ALL_PDFS)
def test_diagram_text_prints_at_6pt_or_larger(
    pdf_site: tuple[Path, str], parsed: Callable[[str], ParsedPdf], name: str
) -> None:
    """Every diagram's labels, edge labels, titles and step numbers print at 6 pt or more: on
    the cheat sheets (A4 and Letter, the reference diagram in its column) and in the whole
    playbook (its widest diagram fitted to A4)."""
    site = pdf_site[0]
    urls = ["cheat-sheet/"] if name in SHEETS else book_diagram_pages(site)
    assert len(urls) >= (1 if name in SHEETS else 4)
    words = diagram_words(site, urls)
    runs = diagram_text_sizes(parsed(name), words)
    printed = {word for _, text, _ in runs for word in text.split()}
    assert printed == words, f"diagram words not found in {name}: {sorted(words - printed)[:10]}"
    size, text, page = min(runs)
    print(f"{name}: smallest diagram text {size:.2f} pt ({text!r}, page {page + 1})")
    small = sorted({(round(pt, 2), run, at + 1) for pt, run, at in runs if pt < MIN_DIAGRAM_PT})
    assert small == [], f"diagram text under {MIN_DIAGRAM_PT} pt in {name}"


def content_scale(runs: list[TextRun]) -> float:
    """How much a PDF page's text is scaled from CSS px to pt (the most common scale of its
    runs): 0.75 as printed, less where Chromium shrank the page to fit its widest element."""
    scales = [round(run.scale, 4) for run in runs]
    return statistics.mode(scales) if scales else 0.75


def test_every_page_of_the_playbook_prints_at_the_intended_scale(
    parsed: Callable[[str], ParsedPdf],
) -> None:
    """1 CSS px prints as 0.75 pt unless something on the page is wider than the paper, when
    Chromium shrinks the whole page to fit: pages with a table printed at 0.73 while Material's
    tables bled into the margins, and inline code that wraps pushed its padding past them."""
    pdf = parsed("playbook.pdf")
    runs_by_page: list[list[TextRun]] = [[] for _ in pdf.page_texts]
    for run in pdf.runs:
        runs_by_page[run.page].append(run)
    scales = {number + 1: content_scale(runs) for number, runs in enumerate(runs_by_page)}
    shrunk = {number: scale for number, scale in scales.items() if abs(scale - 0.75) > 0.0005}
    assert len(scales) > 20 and not shrunk, f"pages shrunk to fit: {shrunk}"


DIAGRAM_FAILS = '<div class="mermaid"><p class="playbook-diagram-error">Parse error</p></div>'


@pytest.mark.parametrize(
    ("markup", "timeout_ms", "message"),
    [
        (
            '<form data-calculator="peak-qps"></form>',
            500,
            "form[data-calculator]:not([data-ready]) did not start in 0.5 s "
            "(open the page in a browser: its console says why)",
        ),
        (DIAGRAM_FAILS, 500, "a diagram could not be drawn: Parse error"),
        # A deadline that passes before the first check, as on a busy machine: the page is
        # judged by what it shows then, not reported as never started.
        (DIAGRAM_FAILS, 1, "a diagram could not be drawn: Parse error"),
    ],
    ids=["widget-never-starts", "diagram-fails", "diagram-fails-deadline-passed"],
)
def test_a_page_that_cannot_print_is_named_with_what_stops_it(
    base_url: str, light_page: tuple[Page, PageWatch], markup: str, timeout_ms: int, message: str
) -> None:
    """In Chromium, on a page of the served site whose content is a calculator no script starts,
    or a diagram that failed: the build stops with the page and the reason, never a bare timeout."""
    page, _ = light_page
    page.route(
        base_url + "stalled/", lambda route: route.fulfill(body=markup, content_type="text/html")
    )
    page.goto(base_url + "stalled/")
    with pytest.raises(PdfError) as raised:
        wait_until_printable(page, timeout_ms=timeout_ms)
    assert str(raised.value) == f"{base_url}stalled/: {message}"


INSTANT = "  font: false\n  features:\n    - navigation.instant\n"
PRINTOUTS = re.compile(r"printouts: (\d+) made, (\d+) from the cache")


@pytest.mark.build
def test_a_rebuild_prints_only_the_page_whose_files_changed(tmp_path: Path) -> None:
    """What Chromium printed is kept by content hash: built again with one page edited, the
    site gets that page printed anew (its new text in the book) and everything else from the
    cache, the cheat sheets byte for byte."""
    pages = {
        "index.md": "# Home\n\n## Terms\n\nTERM\n:   Its answer.\n",
        "second.md": "# Second\n\nThe first version of this page.\n",
    }
    config = small_site(
        tmp_path, "sections:\n  - page: index.md\n    heading: Terms\npdf: true", pages
    )
    # A public address and instant navigation, as this site has them: each page fetches the
    # sitemap, whose dates are the commit's.
    text = config.read_text(encoding="utf-8").replace("  font: false\n", INSTANT)
    config.write_text(f"site_url: {PUBLIC_URL}\n{text}", encoding="utf-8")

    def build(site: str, commit_time: str) -> tuple[Path, tuple[int, int]]:
        # The sitemap's dates come from the commit (SOURCE_DATE_EPOCH): another commit, the
        # same printouts.
        epoch = {"SOURCE_DATE_EPOCH": commit_time}
        result = run_mkdocs_build(tmp_path / site, config, extra_env=epoch)
        assert result.returncode == 0, result.stderr
        counts = PRINTOUTS.search(result.stderr)
        assert counts is not None, result.stderr
        made, reused = (int(count) for count in counts.groups())
        return tmp_path / site, (made, reused)

    first, counts = build("first", "1700000000")
    assert counts == (4, 0)  # the sheet on A4 and Letter, and the two pages of the book
    (tmp_path / "docs" / "second.md").write_text(
        "# Second\n\nThe second version of this page.\n", encoding="utf-8"
    )
    second, counts = build("second", "1800000000")
    assert counts == (1, 3)
    for sheet in SHEETS:
        assert (second / sheet).read_bytes() == (first / sheet).read_bytes(), sheet
    book = parse_pdf(second / "playbook.pdf").text
    assert "The second version of this page." in book and "first version" not in book
    assert "Its answer." in book
