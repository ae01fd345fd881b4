"""The PDF playbook, read back with pypdf: text as typed in every script, contents,
embedded fonts, page sizes, redaction, long text, atomic writing, options."""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader

from export.playbook import SECTIONS, ExportCancelled, PlaybookError, write_playbook
from model.document import Document
from model.entities import MapInfo, Person
from tests.playbook_maps import HOSTILE_PEOPLE, HOSTILE_STORIES, LONG_WORD, hostile_map

TODAY = dt.date(2026, 11, 23)
A4 = (595, 842)
LETTER = (612, 792)


def squash(text: str) -> str:
    """Text without any whitespace (wrapping puts line breaks anywhere)."""
    return re.sub(r"\s+", "", text)


def pages_text(path: Path) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(str(path)).pages]


def is_arabic(text: str) -> bool:
    return any("\u0600" <= ch <= "\u06ff" for ch in text)


def arabic_present(word: str, text: str) -> bool:
    """An Arabic word is in the extracted text in some form (shaped glyphs normalise back)."""
    norm = squash(unicodedata.normalize("NFKC", text))
    target = squash(word)
    return target in norm or target[::-1] in norm


@pytest.fixture(scope="module")
def hostile_pdf(tmp_path_factory: pytest.TempPathFactory) -> tuple[Document, Path]:
    doc = hostile_map()
    path = tmp_path_factory.mktemp("pdf") / "hostile.pdf"
    write_playbook(doc, path, today=TODAY)
    return doc, path


@pytest.fixture(scope="module")
def hostile_text(hostile_pdf: tuple[Document, Path]) -> str:
    return "\n".join(pages_text(hostile_pdf[1]))


def test_every_name_and_story_prints_as_typed(hostile_text: str) -> None:
    flat = squash(hostile_text)
    for name in HOSTILE_PEOPLE:
        if is_arabic(name):
            for word in name.split():
                assert arabic_present(word, hostile_text), word
        elif "😀" in name:  # the emoji becomes its named placeholder, the rest as typed
            assert squash(name.replace("😀", "[grinning face]")) in flat
        else:
            assert squash(name) in flat, name
    for name, story in HOSTILE_STORIES.items():
        if name == "Νίκος Παπαδόπουλος":
            continue  # replaced by the 30,000-character story (next test)
        if is_arabic(story):
            assert all(arabic_present(word, hostile_text) for word in story.split()[:3])
        else:
            assert squash(story) in flat, story
    assert squash('Walk <of> the "Contract" & more') in flat
    assert squash("ACME <GmbH> & Co") in flat


def test_long_story_and_long_word_flow_over_pages(
    hostile_pdf: tuple[Document, Path], hostile_text: str
) -> None:
    doc, _path = hostile_pdf
    writer = next(p for p in doc.people.values() if p.name == "Νίκος Παπαδόπουλος")
    story = writer.story.hand_on
    assert len(story) == 30000
    flat = squash(hostile_text)
    assert squash(story[:200]) in flat
    assert squash(story[-200:]) in flat
    assert LONG_WORD in flat
    pages_with_story = [t for t in pages_text(_path) if "sentence" in t]
    assert len(pages_with_story) >= 5  # it really flowed over several pages


def test_contents_lists_sections_with_their_pages(hostile_pdf: tuple[Document, Path]) -> None:
    texts = pages_text(hostile_pdf[1])
    reader = PdfReader(str(hostile_pdf[1]))
    outline = {item.title: reader.get_destination_page_number(item) + 1
               for item in reader.outline if not isinstance(item, list)}
    contents = texts[1]
    assert contents.lstrip().startswith("Contents")
    titles = {
        "The map": "map",
        "The walk, step by step": "walk",
        "Where the walk may lose the customer": "insights",
        "Roles and their stories": "roles",
        "Departments": "departments",
        "Check-ups over time": "checkups",
        "Coaching sessions": "sessions",
        "Reach out next": "reach-out",
    }
    for title in titles:
        match = re.search(re.escape(title) + r"\s*\.*\s*(\d+)", contents)
        assert match, f"{title} is not in the contents"
        page = int(match.group(1))
        assert title in texts[page - 1], f"{title} is not on page {page}"
        assert outline[title] == page, f"the contents say page {page}, the bookmark {outline[title]}"


def test_fonts_are_embedded_and_no_helvetica(hostile_pdf: tuple[Document, Path]) -> None:
    reader = PdfReader(str(hostile_pdf[1]))
    seen = set()
    for page in reader.pages:
        fonts = page["/Resources"].get_object().get("/Font")
        for ref in (fonts.get_object().values() if fonts else []):
            font = ref.get_object()
            base = str(font.get("/BaseFont"))
            seen.add(base)
            assert "Helvetica" not in base and "Times" not in base
            descendants = font.get("/DescendantFonts")
            descriptor = (descendants[0].get_object() if descendants else font).get("/FontDescriptor")
            assert descriptor is not None, base
            descriptor = descriptor.get_object()
            embedded = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            assert embedded, f"{base} not embedded"
    assert any("NotoSans" in name for name in seen)
    assert any("DroidSansFallback" in name for name in seen)  # CJK really set in a CJK font


def _sizes(path: Path) -> list[tuple[int, int]]:
    return [
        (round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in PdfReader(str(path)).pages
    ]


def test_a4_with_landscape_map_pages(hostile_pdf: tuple[Document, Path]) -> None:
    sizes = _sizes(hostile_pdf[1])
    texts = pages_text(hostile_pdf[1])
    assert sizes[0] == A4 and sizes[-1] == A4
    landscape = [i for i, s in enumerate(sizes) if s == (A4[1], A4[0])]
    assert landscape, "the map gets landscape pages"
    assert set(sizes) <= {A4, (A4[1], A4[0])}
    assert all("The map" in texts[i] for i in landscape)  # only the map section is landscape


def test_letter_pages(tmp_path: Path) -> None:
    path = tmp_path / "letter.pdf"
    write_playbook(hostile_map(long_story=False), path, page_size="Letter", today=TODAY)
    sizes = _sizes(path)
    assert set(sizes) <= {LETTER, (LETTER[1], LETTER[0])}
    assert LETTER in sizes and (LETTER[1], LETTER[0]) in sizes


def test_page_x_of_y_and_metadata(hostile_pdf: tuple[Document, Path]) -> None:
    reader = PdfReader(str(hostile_pdf[1]))
    total = len(reader.pages)
    assert f"Page2of{total}" in squash(reader.pages[1].extract_text())
    assert f"Page{total}of{total}" in squash(reader.pages[-1].extract_text())
    assert "Page1of" not in squash(reader.pages[0].extract_text())  # the cover has no footer
    meta = reader.metadata
    assert meta.title == 'Walk <of> the "Contract" & more'
    assert meta.author == "Coach & Co"
    assert "ACME <GmbH> & Co" in meta.subject


def test_redaction_leaves_out_names_and_contacts(tmp_path: Path) -> None:
    doc = hostile_map(long_story=False)
    path = tmp_path / "redacted.pdf"
    write_playbook(doc, path, redact=True, today=TODAY)
    text = "\n".join(pages_text(path))
    flat = squash(text)
    for person in doc.people.values():
        name = person.name
        if is_arabic(name):
            assert not any(arabic_present(word, text) for word in name.split()), name
        elif "😀" in name:
            assert "Renée" not in text and "Dubois" not in text
        else:
            assert squash(name) not in flat, name
        if person.email:
            assert person.email not in flat
    assert "@" not in text
    assert "555" not in text  # phone numbers left out
    assert "Redacted copy" in text
    assert "Юрист" in text  # people are named by role instead
    # a name typed inside free text (the session's notes, an action item's owner) is replaced too
    assert "Weconnectedthewalk" not in flat
    assert squash("We walked the map with Account executive <i> (Sales & <Marketing>)") in flat


def test_empty_map_still_makes_a_sensible_playbook(tmp_path: Path) -> None:
    path = tmp_path / "blank.pdf"
    write_playbook(Document(MapInfo(title="")), path, today=TODAY)
    texts = pages_text(path)
    joined = "\n".join(texts)
    assert "Untitled map" in joined
    # issue 15: the empty sections are one short "Still to do" page, not a page each; with nothing
    # else to list, no contents page (it listed that page alone)
    assert len(texts) == 2 and "Contents" not in joined
    still = texts[-1]
    assert "Still to do" in still
    for title in ("The map", "The walk, step by step", "Roles and their stories", "Coaching sessions"):
        assert title in still


def test_sections_and_page_size_are_checked(tmp_path: Path) -> None:
    doc = hostile_map(long_story=False)
    with pytest.raises(PlaybookError, match="unknown section 'maps'"):
        write_playbook(doc, tmp_path / "x.pdf", sections=["maps"])
    with pytest.raises(PlaybookError, match="page size"):
        write_playbook(doc, tmp_path / "x.pdf", page_size="a3")
    with pytest.raises(PlaybookError, match="at least one section"):
        write_playbook(doc, tmp_path / "x.pdf", sections=[])
    assert not list(tmp_path.iterdir())
    path = tmp_path / "some.pdf"
    write_playbook(doc, path, sections=["walk", "cover"], today=TODAY)  # printed in SECTIONS order
    texts = pages_text(path)
    assert len(texts) >= 2
    assert "CONTRACT WALK PLAYBOOK" in texts[0]
    assert "The walk, step by step" in texts[1]
    assert "Contents" not in "".join(texts) and "Roles and their stories" not in "".join(texts)
    assert SECTIONS[0] == "cover" and "reach-out" in SECTIONS


def test_failed_export_leaves_existing_pdf_intact(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "play.pdf"
    path.write_bytes(b"%PDF-1.4 the old playbook")
    from reportlab.platypus import Flowable

    from export.pdf.parts import roles as pdf_roles

    class Broken(Flowable):
        def wrap(self, w: float, h: float) -> tuple[float, float]:
            return 10, 10

        def draw(self) -> None:
            raise RuntimeError("boom")  # fails half-way through writing the pages

    original = pdf_roles.role
    monkeypatch.setattr(pdf_roles, "role", lambda *a: [*original(*a), Broken()])
    with pytest.raises(PlaybookError, match="boom"):
        write_playbook(hostile_map(long_story=False), path, today=TODAY)
    assert path.read_bytes() == b"%PDF-1.4 the old playbook"
    assert [p.name for p in tmp_path.iterdir()] == ["play.pdf"]


def test_layout_problem_names_the_person(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from reportlab.platypus import Spacer

    from export.pdf.parts import roles as pdf_roles

    original = pdf_roles.story

    def too_tall(ctx, person):  # type: ignore[no-untyped-def]
        out = original(ctx, person)
        if person.name == "Анна Кузнецова":
            out.append(Spacer(10, 5000))  # taller than any page, and it cannot split
        return out

    monkeypatch.setattr(pdf_roles, "story", too_tall)
    with pytest.raises(PlaybookError, match="Анна Кузнецова"):
        write_playbook(hostile_map(long_story=False), tmp_path / "x.pdf", sections=["roles"], today=TODAY)
    assert not (tmp_path / "x.pdf").exists()


def test_unwritable_targets_raise_oserror(tmp_path: Path) -> None:
    doc = hostile_map(long_story=False)
    with pytest.raises(OSError, match="does not exist"):
        write_playbook(doc, tmp_path / "missing" / "x.pdf", sections=["walk"])
    with pytest.raises(OSError):
        write_playbook(doc, tmp_path, sections=["walk"])


def test_progress_and_cancel(tmp_path: Path) -> None:
    doc = hostile_map(long_story=False)
    seen: list[float | str] = []
    write_playbook(doc, tmp_path / "ok.pdf", progress=seen.append, today=TODAY)
    fractions = [v for v in seen if isinstance(v, float)]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0 and len(fractions) > 3
    assert any(isinstance(v, str) for v in seen)

    path = tmp_path / "cancel.pdf"
    path.write_bytes(b"old")
    calls = {"n": 0}

    def cancel() -> bool:
        calls["n"] += 1
        return calls["n"] > 5  # cancelled in the middle of laying out the pages

    with pytest.raises(ExportCancelled):
        write_playbook(doc, path, cancel=cancel, today=TODAY)
    assert path.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cancel.pdf", "ok.pdf"]


def test_each_export_builds_a_fresh_story(tmp_path: Path) -> None:
    doc = hostile_map(long_story=False)
    first, second = tmp_path / "a.pdf", tmp_path / "b.pdf"
    write_playbook(doc, first, today=TODAY)
    write_playbook(doc, second, today=TODAY)
    assert pages_text(first) == pages_text(second)


def test_example_map_playbook(tmp_path: Path) -> None:
    from model.example import build_example

    doc = build_example()
    path = tmp_path / "example.pdf"
    write_playbook(doc, path, today=TODAY)
    texts = pages_text(path)
    joined = "\n".join(texts)
    for person in doc.people.values():
        assert squash(person.name) in squash(joined), person.name
    for dept in doc.departments.values():
        assert squash(dept.name) in squash(joined)
    for session in doc.sessions.values():
        for item in session.action_items:
            assert squash(item.text) in squash(joined)
    assert "Overdue" in joined or all(a.done for s in doc.sessions.values() for a in s.action_items)


def test_person_without_department_or_story(tmp_path: Path) -> None:
    doc = Document()
    doc.add("person", Person(name="Lone <Wolf> & Co", title=""))
    path = tmp_path / "lone.pdf"
    write_playbook(doc, path, today=TODAY)
    joined = squash("\n".join(pages_text(path)))
    assert squash("Lone <Wolf> & Co") in joined
    assert "Noline-of-sightstoryyet." in joined


def test_progress_section_lists_what_changed_since_a_snapshot(tmp_path):
    import pypdf

    from export.playbook import write_playbook
    from model.entities import Handoff, Person
    from model.templates.catalog import build_template

    earlier = build_template("order-to-cash")
    now = earlier.clone()
    first = next(iter(now.people))
    newcomer = now.add("person", Person("Nina <New> & 李", title="Buyer", stage="sell"))
    now.add("handoff", Handoff(newcomer.id, first, what="warm leads"))
    out = tmp_path / "progress.pdf"
    write_playbook(now, out, baseline=earlier, baseline_label="session 1", sections=["progress"])
    text = " ".join(page.extract_text() for page in pypdf.PdfReader(out).pages)
    assert "Progress since session 1" in text and "Nina <New> & 李" in text and "warm leads" in text
    # without an earlier version the section is left out of a full playbook
    write_playbook(now, out)
    assert "Progress since" not in " ".join(p.extract_text() for p in pypdf.PdfReader(out).pages)
