"""A bundled font for the text a person types into a fillable PDF form (the story form).

reportlab's form fields take only the 14 standard fonts, which have no Cyrillic, Greek, CJK or
Arabic, and which a PDF program draws from its own copy: an answer typed in another script
shows as boxes or question marks. So the story form names one of the playbook's own fonts
in its fields instead, embedded WHOLE (not the subset a page needs: the person may type any
character) as a composite font (Type0, Identity-H, glyph id = character code) with a
ToUnicode map, so the PDF program that fills the form can draw and re-read every character.

A field has one font, so it is the family of the script the map is mostly written in (Noto Sans
for Latin, Greek and Cyrillic, Droid Sans Fallback for Chinese and Japanese, ...); a PDF program
draws a character that face lacks (Latin letters in a Chinese map's form) with a font of its own,
or as a box.

Not subset, on purpose: reportlab's form fields take no font of ours at all (this module adds it
with pypdf), and a subset holds only the characters already on the form, so an answer typed with
any other would print as boxes. Measured (Dec 2026, fontTools, every character the face has kept,
hinting and layout tables dropped; deflated sizes): Droid Sans Fallback 2,146 -> 2,113 KB (its
glyphs are built from shared parts: nothing to drop), NanumSquare 282 -> 279 KB, Noto Sans 259
-> 117 KB (its hinting). The story form of the example is 330 KB, a Chinese map's 2.4 MB.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from functools import cache

from pypdf import PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    FloatObject,
    IndirectObject,
    NameObject,
    NumberObject,
    StreamObject,
    TextStringObject,
)
from reportlab.pdfbase.ttfonts import TTFontFile

from export import fonts

RESOURCE = "/CWText"  # the font's name in the form's resources (/DA "/CWText 10 Tf 0 g")


def family_for(texts: Iterable[str]) -> str:
    """The bundled family that draws most of the letters in `texts` (Noto Sans when there are none).

    The faces for other scripts have few Latin letters or none (Droid Sans Fallback has no A to Z), so
    a map written mostly in Latin letters keeps Noto Sans even with a name or two in another script."""
    counts: Counter[str] = Counter()
    for text in texts:
        for run, font, _rtl in fonts.split_runs(text):
            counts[fonts.family_of(font)] += sum(1 for ch in run if ch.isalpha())
    best = counts.most_common(1)
    return best[0][0] if best and best[0][1] else fonts.SANS


@cache
def _face(family: str) -> TTFontFile:
    return TTFontFile(str(fonts.FONT_DIR / fonts.FONT_FILES[family]))


def _hex(text: str) -> str:
    return text.encode("utf-16-be").hex().upper()


def _to_unicode(face: TTFontFile) -> bytes:
    """The CMap from glyph id (the character code) back to the character, for copy and search."""
    first: dict[int, int] = {}
    for char, gid in sorted(face.charToGlyph.items()):
        if gid and not 0xD800 <= char <= 0xDFFF:
            first.setdefault(gid, char)
    runs: list[list[int]] = []  # [first gid, last gid, first char]: glyphs in a row for characters in a row
    for gid, char in sorted(first.items()):
        last = runs[-1] if runs else None
        if last and gid == last[1] + 1 and char == last[2] + gid - last[0] and gid & 0xFF and char & 0xFF \
                and char < 0xFFFF:
            last[1] = gid  # a range never crosses a last byte, of the glyph id or the character (the format)
        else:
            runs.append([gid, gid, char])
    lines = ["/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap",
             "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
             "/CMapName /Adobe-Identity-UCS def", "/CMapType 2 def",
             "1 begincodespacerange", "<0000> <FFFF>", "endcodespacerange"]
    for start in range(0, len(runs), 100):  # at most 100 entries per block (the CMap format)
        chunk = runs[start:start + 100]
        lines.append(f"{len(chunk)} beginbfrange")
        lines += [f"<{lo:04X}> <{hi:04X}> <{_hex(chr(char))}>" for lo, hi, char in chunk]
        lines.append("endbfrange")
    lines += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return "\n".join(lines).encode("ascii")


def _widths(face: TTFontFile) -> ArrayObject:
    """/W: [gid [width]] for every glyph a character maps to (in 1/1000 em)."""
    widths: dict[int, float] = {}
    for char, gid in face.charToGlyph.items():
        if char in face.charWidths:
            widths.setdefault(gid, face.charWidths[char])
    out = ArrayObject()
    row: list[int] = []
    for gid in sorted(widths):  # glyphs in a row share one entry: [first [w w w ...]]
        if row and gid == row[-1] + 1:
            row.append(gid)
            continue
        if row:
            out += [NumberObject(row[0]), ArrayObject(FloatObject(round(widths[g], 2)) for g in row)]
        row = [gid]
    if row:
        out += [NumberObject(row[0]), ArrayObject(FloatObject(round(widths[g], 2)) for g in row)]
    return out


def _stream(writer: PdfWriter, data: bytes, **extra: int) -> IndirectObject:
    stream = DecodedStreamObject()
    stream.set_data(data)
    for key, value in extra.items():
        stream[NameObject(f"/{key}")] = NumberObject(value)
    compressed: StreamObject = stream.flate_encode()
    return writer._add_object(compressed)  # pypdf's way to add an indirect object (a stream must be one)


def add_form_font(writer: PdfWriter, family: str) -> str:
    """Embed `family`'s regular face whole and add it to the form's resources (/AcroForm /DR);
    returns the default appearance (/DA) that names it, for the fields and the form."""
    face = _face(family)
    data = (fonts.FONT_DIR / fonts.FONT_FILES[family]).read_bytes()
    name = NameObject("/" + bytes(face.name).decode("ascii", "replace"))
    descriptor = DictionaryObject({
        NameObject("/Type"): NameObject("/FontDescriptor"),
        NameObject("/FontName"): name,
        NameObject("/Flags"): NumberObject(face.flags & ~1 | 32),  # nonsymbolic: text, not pictures
        NameObject("/FontBBox"): ArrayObject(FloatObject(v) for v in face.bbox),
        NameObject("/ItalicAngle"): FloatObject(face.italicAngle),
        NameObject("/Ascent"): FloatObject(face.ascent),
        NameObject("/Descent"): FloatObject(face.descent),
        NameObject("/CapHeight"): FloatObject(face.capHeight),
        NameObject("/StemV"): NumberObject(face.stemV),
        NameObject("/FontFile2"): _stream(writer, data, Length1=len(data)),
    })
    cid_font = DictionaryObject({
        NameObject("/Type"): NameObject("/Font"),
        NameObject("/Subtype"): NameObject("/CIDFontType2"),
        NameObject("/BaseFont"): name,
        NameObject("/CIDSystemInfo"): DictionaryObject({
            NameObject("/Registry"): TextStringObject("Adobe"),
            NameObject("/Ordering"): TextStringObject("Identity"),
            NameObject("/Supplement"): NumberObject(0),
        }),
        NameObject("/FontDescriptor"): writer._add_object(descriptor),
        NameObject("/DW"): NumberObject(round(face.defaultWidth)),
        NameObject("/W"): _widths(face),
        NameObject("/CIDToGIDMap"): NameObject("/Identity"),
    })
    font = DictionaryObject({
        NameObject("/Type"): NameObject("/Font"),
        NameObject("/Subtype"): NameObject("/Type0"),
        NameObject("/BaseFont"): name,
        NameObject("/Encoding"): NameObject("/Identity-H"),
        NameObject("/DescendantFonts"): ArrayObject([writer._add_object(cid_font)]),
        NameObject("/ToUnicode"): _stream(writer, _to_unicode(face)),
    })
    acro_form = writer._root_object[NameObject("/AcroForm")].get_object()
    assert isinstance(acro_form, DictionaryObject)  # reportlab wrote the fields: the form is there
    resources = acro_form.setdefault(NameObject("/DR"), DictionaryObject()).get_object()
    resources.setdefault(NameObject("/Font"), DictionaryObject()).get_object()[
        NameObject(RESOURCE)] = writer._add_object(font)
    return f"{RESOURCE} 10 Tf 0 g"
