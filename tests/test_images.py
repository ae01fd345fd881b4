"""PNG and SVG of the map: headless, capped in size, any script, written atomically."""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PIL import Image

from export.drawing import images
from export.drawing.images import png_scale, write_png, write_svg
from model.templates.catalog import build_template
from tests.export_maps import small_map


def test_png_is_a_picture_of_the_map(tmp_path: Path) -> None:
    path = tmp_path / "map.png"
    info = write_png(build_template("order-to-cash"), path, scale=0.5)
    with Image.open(path) as im:
        assert im.format == "PNG"
        assert im.size == (info.width, info.height)
        rgb = im.convert("RGB")
        colours = {c for _n, c in rgb.getcolors(maxcolors=1_000_000) or []}
    assert (255, 255, 255) in colours
    assert (0x4E, 0x79, 0xA7) in colours  # the first department's colour strip
    assert len(colours) > 50  # text and lines, not a blank page


def test_png_size_is_capped_for_huge_maps(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # the 2,000-person map is ~2,170 x 19,600 pt: asked at 2 px/pt it would be 170 megapixels
    scale = png_scale(2166, 19624, 2.0)
    assert 2166 * scale <= images.MAX_SIDE and 19624 * scale <= images.MAX_SIDE
    assert (2166 * scale) * (19624 * scale) <= images.MAX_PIXELS
    assert png_scale(100, 100, 2.0) == 2.0  # small maps get what they ask for
    monkeypatch.setattr(images, "MAX_PIXELS", 250_000)
    info = write_png(small_map(), tmp_path / "capped.png", scale=4.0)
    assert info.width * info.height <= 250_000 * 1.01
    assert info.scale < 4.0


def test_png_scale_rejects_nonsense() -> None:
    for bad in (0, -1, float("nan"), float("inf")):
        with pytest.raises(ValueError):
            png_scale(100, 100, bad)


def test_svg_is_valid_xml_with_the_text_and_font_fallbacks(tmp_path: Path) -> None:
    path = tmp_path / "map.svg"
    write_svg(small_map(), path)
    content = path.read_text(encoding="utf-8")
    root = ET.fromstring(content)
    texts = "".join("".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}text"))
    assert 'Zoë <b>O\'Brien</b> & "Co"' in texts  # escaped in the file, intact when read
    assert "أحمد الراشد" in texts  # logical order: the viewer shapes it
    assert "王小明" in texts and "김민준" in texts
    assert not any(0xE000 <= ord(ch) <= 0xF8FF for ch in texts)  # no private-use shaped glyphs
    assert "'Noto Sans'" in content and "sans-serif" in content
    title = root.find("{http://www.w3.org/2000/svg}title")
    assert title is not None and title.text == "Test <walk> & co"


def test_redacted_svg_names_nobody(tmp_path: Path) -> None:
    path = tmp_path / "r.svg"
    write_svg(small_map(), path, redact=True)
    content = ET.fromstring(path.read_text(encoding="utf-8"))
    texts = "".join(content.itertext())
    assert "王小明" not in texts and "Ирина Петрова" not in texts


def test_failed_write_leaves_the_old_file_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "map.png"
    path.write_bytes(b"old picture")

    def broken_replace(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError):
        write_png(small_map(), path, scale=0.3)
    with pytest.raises(OSError):
        write_svg(small_map(), tmp_path / "map.png")
    assert path.read_bytes() == b"old picture"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.png"]  # no temp files left


def test_images_overwrite_an_existing_export(tmp_path: Path) -> None:
    path = tmp_path / "map.svg"
    path.write_text("old")
    write_svg(small_map(), path)
    assert path.read_text(encoding="utf-8").startswith("<?xml")
