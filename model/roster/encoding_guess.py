"""Which encoding a roster that is not UTF-8 is probably in: named in the error, never used to read it.

Rosters are read as UTF-8, or UTF-16/UTF-32 (which announce themselves with a byte order mark
or their NULs). Anything else is refused: a wrong guess would put wrong names in the map without
a word (Windows-1252's "Jürgen" is valid Windows-1250 and valid GBK too). Naming the likely
encoding tells the user what they have (a German Excel's "CSV" is Windows-1252, a Japanese one's
Shift_JIS), so they know which file to save again as UTF-8.
"""
from __future__ import annotations

import logging

log = logging.getLogger(__name__)

SAMPLE_BYTES = 256 * 1024  # plenty to tell the scripts apart; a huge roster is not read twice
MIN_EVIDENCE = 16  # bytes beyond ASCII: fewer fit too many code pages to name one
_WESTERN = "Windows-1252 (Western European) or a similar code page"
_CYRILLIC = "Windows-1251 (Cyrillic) or a similar code page"
# charset_normalizer's codec names -> what a user knows them by; single-byte Latin code pages
# decode each other's letters alike, so they are named as one family
_LABELS: dict[str, str] = {
    **dict.fromkeys(("cp1252", "cp1250", "cp1254", "cp1257", "latin_1", "iso8859_2", "iso8859_3",
                     "iso8859_4", "iso8859_9", "iso8859_10", "iso8859_13", "iso8859_14", "iso8859_15",
                     "iso8859_16", "mac_roman", "mac_latin2", "mac_iceland", "mac_turkish", "cp437",
                     "cp850", "cp852", "cp858", "hp_roman8"), _WESTERN),
    **dict.fromkeys(("cp1251", "koi8_r", "koi8_u", "iso8859_5", "mac_cyrillic", "cp866", "cp855",
                     "kz1048", "ptcp154"), _CYRILLIC),
    **dict.fromkeys(("cp932", "shift_jis", "shift_jis_2004", "shift_jisx0213"), "Shift_JIS (Japanese)"),
    **dict.fromkeys(("euc_jp", "euc_jis_2004", "euc_jisx0213", "iso2022_jp"), "EUC-JP (Japanese)"),
    **dict.fromkeys(("gb2312", "gbk", "gb18030", "hz"), "GBK (Simplified Chinese)"),
    **dict.fromkeys(("big5", "big5hkscs", "cp950"), "Big5 (Traditional Chinese)"),
    **dict.fromkeys(("cp949", "euc_kr", "johab", "iso2022_kr"), "EUC-KR (Korean)"),
    **dict.fromkeys(("cp1253", "iso8859_7", "mac_greek"), "Windows-1253 (Greek)"),
    **dict.fromkeys(("cp1255", "iso8859_8"), "Windows-1255 (Hebrew)"),
    **dict.fromkeys(("cp1256", "iso8859_6"), "Windows-1256 (Arabic)"),
    **dict.fromkeys(("cp874", "tis_620", "iso8859_11"), "Windows-874 (Thai)"),
    **dict.fromkeys(("cp1258",), "Windows-1258 (Vietnamese)"),
}


def likely_encoding(raw: bytes) -> str | None:
    """What the bytes are probably encoded in, as a user would recognise it; None if unsure."""
    try:
        import charset_normalizer
    except ImportError:  # only the message loses its hint
        return None
    sample = raw[:SAMPLE_BYTES]
    if sum(1 for byte in sample if byte >= 0x80) < MIN_EVIDENCE:
        return None
    try:
        matches = list(charset_normalizer.from_bytes(sample))
    except Exception:  # a hint is never worth an error of its own
        log.exception("could not guess the encoding of a roster")
        return None
    if not matches:
        return None
    least = min(match.chaos for match in matches)
    labels = {_LABELS.get(match.encoding) for match in matches if match.chaos == least}
    # several scripts read the bytes equally well (山田 is valid Shift_JIS, GBK and Big5): say nothing
    return labels.pop() if len(labels) == 1 else None
