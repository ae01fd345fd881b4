"""The family name inside a Chinese, Japanese or Korean name written without a space.

李娜, 田中太郎 and 김민준 are one word to the redaction, so only the whole name was replaced:
a note saying 小李, 田中さん or 김 과장 printed the family name in a redacted playbook. These
scripts write the family name first; this finds it, so it is replaced too (in text of
these scripts only, where names sit inside words: model.redaction.scrub). A family name of
one character (李, 김, 이) is also an everyday character or syllable (이 is a Korean particle),
so it is replaced only where it names someone: with a title or an address (李经理, 小李,
김 과장, 林さん); a longer one (田中, 欧阳) wherever it is written.
"""
from __future__ import annotations

# two-character family names (Chinese compound surnames, Korean two-syllable ones): the rest
# take one character
_COMPOUND_NAMES = """
欧阳 歐陽 司马 司馬 诸葛 諸葛 上官 东方 東方 皇甫 尉迟 尉遲 公孙 公孫 令狐 慕容 夏侯 长孙 長孫 宇文 司徒 端木
西门 西門 南宫 南宮 独孤 獨孤 轩辕 軒轅 百里 呼延 澹台 澹臺 公冶 太史 申屠 钟离 鍾離 闻人 聞人 万俟 萬俟
남궁 황보 제갈 선우 독고 사공 서문 동방 어금 망절
"""
_COMPOUND = frozenset(_COMPOUND_NAMES.split())


# what stands before or after a one-character family name when it names a person
_BEFORE = ("小", "老", "阿")
_AFTER = ("经理", "經理", "总", "總", "先生", "女士", "小姐", "老师", "老師", "工", "主任", "总监",
          "總監", "董", "部长", "部長", "处长", "處長", "科长", "科長", "课长", "課長", "姐", "哥",
          "さん", "様", "氏", "君", "社長", "先輩")
_AFTER_KO = ("씨", "님", "과장", "부장", "대리", "팀장", "사원", "주임", "차장", "이사", "대표", "선생님",
             "교수", "실장", "본부장", "사장", "상무", "전무")


def _han(ch: str) -> bool:
    o = ord(ch)
    return 0x3400 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF or 0x20000 <= o <= 0x3FFFF


def _kana(ch: str) -> bool:
    return 0x3040 <= ord(ch) <= 0x30FF


def _hangul(ch: str) -> bool:
    return 0xAC00 <= ord(ch) <= 0xD7AF


def family_forms(word: str) -> list[str]:
    """The forms in which the family name of `word` (a whole name written without spaces) names
    its person in a text; none for a name that is not one of these."""
    family = family_name(word)
    if family is None:
        return []
    if len(family) > 1:
        return [family]
    if _hangul(family):  # Korean spaces its words: the syllable as a word (김 과장이), or with a title
        return [family] + [family + title for title in _AFTER_KO]
    return [before + family for before in _BEFORE] + [family + after for after in _AFTER]


def family_name(word: str) -> str | None:
    """The family name that starts `word` (a whole name written without spaces), or None when
    the name is not one of these or is too short to hold a given name as well."""
    if len(word) < 2:
        return None
    if word[:2] in _COMPOUND and len(word) > 2:
        return word[:2]
    if all(_hangul(ch) for ch in word):
        return word[:1] if len(word) <= 4 else None
    lead = next((i for i, ch in enumerate(word) if not _han(ch)), len(word))
    if lead and lead < len(word) and all(_kana(ch) for ch in word[lead:]):
        return word[:lead]  # 田中さくら: the kanji before the kana
    if all(_han(ch) for ch in word):
        if len(word) == 4:
            return word[:2]  # 田中太郎: Japanese names are mostly two and two
        return word[:1] if len(word) <= 3 else None
    return None
