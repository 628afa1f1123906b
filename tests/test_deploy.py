"""Deploys point at the deployed site: tools/deploy_check.py and the Makefile targets that use it.

mkdocs.yml defaults site_url to http://127.0.0.1:8000/, and the build writes site_url into the
sitemap, the canonical links, the flashcard exports and the PDFs' links. `make deploy-check`
refuses a local SITE_URL before building, then checks that nothing built still points here.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import subprocess
import sys
import zlib
from pathlib import Path
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup

from conftest import PUBLIC_URL, ROOT, run_mkdocs_build

pytestmark = pytest.mark.build

DEPLOY_CHECK = ROOT / "tools" / "deploy_check.py"
PUBLIC = PUBLIC_URL
LOCAL = re.compile(rb"127\.0\.0\.1|localhost|\[::1\]")
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def mkdocs_default_site_url() -> str:
    match = re.search(r'site_url: !ENV \[SITE_URL, "([^"]+)"\]', (ROOT / "mkdocs.yml").read_text())
    assert match, "mkdocs.yml no longer reads site_url from SITE_URL with a default"
    return match.group(1)


def environment(site_url: str | None) -> dict[str, str]:
    """This process's environment with SITE_URL as given (None: unset) and no parent make's."""
    drop = {"SITE_URL", "MAKEFLAGS", "MFLAGS", "MAKELEVEL", "MAKEOVERRIDES"}
    env = {name: value for name, value in os.environ.items() if name not in drop}
    if site_url is not None:
        env["SITE_URL"] = site_url
    return env


def deploy_check(*args: str, site_url: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(DEPLOY_CHECK), *args],
        cwd=ROOT,
        env=environment(site_url),
        capture_output=True,
        text=True,
        check=False,
    )


def make(*args: str, site_url: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["make", "--no-print-directory", *args],
        cwd=ROOT,
        env=environment(site_url),
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )


LOCAL_URLS = [
    None,
    "",
    "http://127.0.0.1:8000/",
    "http://localhost:8000/",
    "http://LOCALHOST/playbook/",
    "http://docs.localhost/",
    "http://127.0.0.2/",
    "http://127.1:8000/",
    "http://[::1]:8000/",
    "http://[::ffff:127.0.0.1]/",
    "http://0.0.0.0:8000/",
    "you.github.io/playbook/",  # no scheme: not a URL a browser can be sent to
]


@pytest.mark.parametrize("url", LOCAL_URLS)
def test_deploy_check_refuses_a_site_url_that_is_unset_or_this_machine(url: str | None) -> None:
    result = deploy_check("url", site_url=url)
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith("deploy-check: refusing to build for deployment: SITE_URL")
    assert f"SITE_URL={PUBLIC} make deploy-check" in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize(
    "url",
    [PUBLIC, "https://example.org/", "http://playbook.example:8080/docs/", "https://10.1.2.3/"],
)
def test_deploy_check_accepts_the_address_of_another_host(url: str) -> None:
    result = deploy_check("url", site_url=url)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


@pytest.mark.parametrize("url", [None, "http://localhost:8000/"])
def test_make_deploy_check_refuses_before_setting_up_or_building(url: str | None) -> None:
    result = make("deploy-check", site_url=url)
    assert result.returncode == 2, result.stdout + result.stderr
    assert result.stdout == "", "make deploy-check did something before refusing"
    refusal, make_error = result.stderr.splitlines()
    assert refusal.startswith("deploy-check: refusing to build for deployment: SITE_URL")
    assert "deploy-check] Error 2" in make_error


def notices(result: subprocess.CompletedProcess[str]) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("Note: SITE_URL")]


def test_make_build_says_once_when_site_url_is_left_local() -> None:
    """`make -n build` expands the real recipe (running nothing), and the notice is printed while
    make expands it: what it shows here is what `make build` prints before building."""
    default = make("-n", "build")
    assert default.returncode == 0, default.stderr
    assert notices(default) == [
        f"Note: SITE_URL is not set (mkdocs.yml's local default is {mkdocs_default_site_url()}), "
        "so the sitemap, canonical links, flashcard exports and PDF links point at this machine "
        f"(to deploy: `SITE_URL={PUBLIC} make deploy-check`)."
    ]
    assert "mkdocs build --strict --site-dir site" in default.stdout  # the build itself

    assert len(notices(make("-n", "build", site_url="http://localhost:8000/"))) == 1
    for public in (make("-n", "build", site_url=PUBLIC), make("-n", "build", f"SITE_URL={PUBLIC}")):
        assert public.returncode == 0, public.stderr
        assert notices(public) == []
        assert "SITE_URL" not in public.stderr


@pytest.fixture(scope="module")
def public_site(public_pdf_site: tuple[Path, str]) -> Path:
    """The site as `SITE_URL=... make deploy-check` builds it: with its PDFs."""
    return public_pdf_site[0]


@pytest.fixture(scope="module")
def default_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built with SITE_URL unset, as `make build` does by default (without PDFs)."""
    site = tmp_path_factory.mktemp("default-site")
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("SITE_URL", raising=False)
        result = run_mkdocs_build(site, extra_env={"PLAYBOOK_PDF": "false"})
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stderr}"
    return site


def canonical_links(site: Path) -> dict[str, str]:
    """Each page's canonical link, read from its <head> alone (where a link element lives):
    parsing the whole of every page took ten times as long."""
    links = {}
    for page in sorted(site.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        head = BeautifulSoup(html.partition("</head>")[0], "html.parser")
        link = head.select_one('link[rel="canonical"]')
        if link is not None:
            links[page.relative_to(site).as_posix()] = str(link["href"])
    return links


def sitemap_locations(data: bytes) -> list[str]:
    return [loc.text or "" for loc in ElementTree.fromstring(data).iter(f"{SITEMAP_NS}loc")]


@pytest.mark.browser
def test_a_build_for_a_public_url_leaves_no_local_url(public_site: Path) -> None:
    """Read back without the tool: every absolute URL the build made is the public one."""
    site = public_site
    deck = json.loads((site / "flashcards.json").read_text(encoding="utf-8"))
    assert deck["deck"]["site_url"] == PUBLIC
    tsv = (site / "flashcards.tsv").read_text(encoding="utf-8")
    tsv_links = re.findall(r'href="+(https?://[^"]+)"', tsv)  # quotes are doubled in TSV fields
    assert len(tsv_links) >= 50
    assert [link for link in tsv_links if not link.startswith(PUBLIC)] == []
    for name in ("sitemap.xml", "sitemap.xml.gz"):
        data = (site / name).read_bytes()
        locations = sitemap_locations(gzip.decompress(data) if name.endswith(".gz") else data)
        assert len(locations) >= 15 and all(loc.startswith(PUBLIC) for loc in locations), name
    canonical = canonical_links(site)
    assert len(canonical) >= 15 and all(url.startswith(PUBLIC) for url in canonical.values())
    raw = {name: (site / name).read_bytes() for name in ("flashcards.json", "flashcards.tsv")}
    raw["sitemap.xml"] = (site / "sitemap.xml").read_bytes()
    assert {name: LOCAL.findall(data) for name, data in raw.items() if LOCAL.search(data)} == {}

    result = deploy_check("site", str(site))
    assert result.returncode == 0, result.stderr
    checked = result.stdout
    for name in ("flashcards.json", "flashcards.tsv", "flashcards.apkg", "sitemap.xml.gz"):
        assert name in checked
    for pdf in ("cheat-sheet-a4.pdf", "cheat-sheet-letter.pdf", "playbook.pdf"):
        assert pdf in checked, "the PDFs were not built or not checked"
    assert f"the canonical links of {len(list(site.rglob('*.html')))} pages" in checked


def test_the_check_finds_every_local_url_a_default_build_leaves(default_site: Path) -> None:
    """A silent check could pass a local build: this one names each file that holds one."""
    result = deploy_check("site", str(default_site))
    assert result.returncode == 1, result.stdout
    found = {line.split(": ")[0].strip() for line in result.stderr.splitlines()[1:]}
    canonical = canonical_links(default_site)
    assert found == {
        "flashcards.json",
        "flashcards.tsv",
        "flashcards.apkg:collection.anki2",
        "sitemap.xml",
        "sitemap.xml.gz",
        f"canonical links of {len(canonical)} pages",
    }
    default = mkdocs_default_site_url()
    assert len(canonical) >= 15 and all(url.startswith(default) for url in canonical.values())


def pdf_with_links(plain: str, compressed: str) -> bytes:
    """A PDF's link objects as Chromium writes them: a literal string with octal escapes (every
    non-alphanumeric byte, as in playbook.pdf) and a hex string inside a Flate object stream."""
    escaped = "".join(c if c.isalnum() else f"\\{ord(c):03o}" for c in plain)
    hex_uri = compressed.encode().hex().upper()
    stream = zlib.compress(f"<< /S /URI /URI <{hex_uri}> >>".encode())
    return (
        b"%PDF-1.4\n1 0 obj\n<< /Type /Annot /Subtype /Link /A << /S /URI /URI ("
        + escaped.encode()
        + b") >> >>\nendobj\n2 0 obj\n<< /Type /ObjStm /Filter /FlateDecode >>\nstream\n"
        + stream
        + b"\nendstream\nendobj\n%%EOF\n"
    )


def fake_site(root: Path, pdf: bytes) -> Path:
    root.mkdir()
    (root / "sitemap.xml").write_text(f"<urlset><url><loc>{PUBLIC}</loc></url></urlset>")
    (root / "book.pdf").write_bytes(pdf)
    return root


def test_the_check_reads_links_inside_pdfs(tmp_path: Path) -> None:
    local = fake_site(
        tmp_path / "local",
        pdf_with_links("http://127.0.0.1:8000/flow/#clarify", "http://localhost:8000/close/"),
    )
    result = deploy_check("site", str(local))
    assert result.returncode == 1
    assert [line.strip() for line in result.stderr.splitlines()] == [
        f"deploy-check: 2 local URL(s) left in {local}/:",
        "book.pdf: http://127.0.0.1:8000/flow/#clarify (and 1 more)",
    ]
    public = fake_site(tmp_path / "public", pdf_with_links(PUBLIC + "flow/", PUBLIC + "close/"))
    assert deploy_check("site", str(public)).returncode == 0


def test_the_check_refuses_a_folder_that_is_not_a_built_site(tmp_path: Path) -> None:
    result = deploy_check("site", str(tmp_path))
    assert result.returncode == 2
    assert "is not a built site" in result.stderr
