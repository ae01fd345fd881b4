"""Roster headers as HR systems write them in other languages, mapped to the same fields.

A German export says Vorname/Nachname/Abteilung/Vorgesetzter, a Japanese one 姓/名/部署/上司;
they are the same columns as First Name/Last Name/Department/Manager. Only the columns an HR
export has (names, title, department, contact, manager, ID, employer) are listed: the walk's
own columns (stage, hands_off_to, ...) come from Contract Walk's export, which writes English.

Where a word means "first name" in a pair and "name" alone (Spanish nombre, Korean 이름) it is
listed as the first name: alone, the first name is the whole name. French nom is the family
name for the same reason. Accents are optional (Prenom, Telefono).
"""
from __future__ import annotations

import unicodedata

_WORDS: dict[str, tuple[str, ...]] = {
    "name": (
        "vollständiger name", "mitarbeiter", "mitarbeitername", "nom complet", "nom et prénom",
        "prénom et nom", "collaborateur", "salarié", "nombre completo", "nombre y apellidos", "empleado",
        "nome completo", "funcionário", "colaborador", "nome e cognome", "nominativo", "dipendente",
        "naam", "volledige naam", "medewerker",
        "氏名", "名前", "社員名", "従業員名", "フルネーム", "姓名", "员工姓名", "員工姓名", "성명", "직원명",
    ),
    "first_name": (
        "vorname", "prénom", "nombre", "nome", "primeiro nome", "voornaam", "名", "下の名前", "이름",
    ),
    "last_name": (
        "nachname", "familienname", "nom", "nom de famille", "apellido", "apellidos", "sobrenome",
        "apelido", "cognome", "achternaam", "姓", "苗字", "성",
    ),
    "title": (
        "stelle", "funktion", "berufsbezeichnung", "stellenbezeichnung", "jobtitel", "poste", "fonction",
        "intitulé du poste", "puesto", "cargo", "função", "ruolo", "qualifica", "mansione", "functie",
        "functietitel", "役職", "職位", "職種", "肩書き", "肩書", "职位", "职务", "職務", "岗位", "職稱",
        "职称", "직위", "직책", "직함",
    ),
    "department": (
        "abteilung", "bereich", "service", "département", "departamento", "área", "setor", "sector",
        "reparto", "dipartimento", "ufficio", "afdeling", "部署", "部門", "所属", "所属部署", "部门", "科室",
        "부서", "소속",
    ),
    "email": (
        "e mail adresse", "email adresse", "courriel", "adresse e mail", "adresse email", "correo",
        "correo electrónico", "posta elettronica", "e mailadres", "メール", "メールアドレス", "eメール",
        "邮箱", "郵箱", "电子邮件", "電子郵件", "이메일", "메일",
    ),
    "phone": (
        "telefon", "telefonnummer", "mobil", "handy", "téléphone", "portable", "teléfono", "móvil",
        "celular", "telefone", "cellulare", "telefoon", "telefoonnummer", "mobiel", "電話", "電話番号",
        "携帯", "电话", "手机", "手機", "전화", "전화번호", "휴대폰",
    ),
    "location": (
        "standort", "ort", "büro", "lieu", "ville", "bureau", "ubicación", "sede", "oficina", "ciudad",
        "localização", "cidade", "escritório", "città", "locatie", "vestiging", "standplaats", "勤務地",
        "拠点", "所在地", "地点", "地點", "办公地点", "城市", "근무지", "위치",
    ),
    "reports_to": (
        "vorgesetzter", "vorgesetzte", "führungskraft", "responsable", "supérieur", "supérieur hiérarchique",
        "n+1", "jefe", "jefe directo", "gestor", "chefe", "responsabile", "leidinggevende", "上司", "上長",
        "所属長", "上级", "上級", "直属上级", "直屬上級", "상사", "상급자",
    ),
    "id": (
        "personalnummer", "mitarbeiternummer", "mitarbeiter id", "pers nr", "matricule", "identifiant",
        "número de empleado", "id empleado", "legajo", "matrícula", "matricola", "personeelsnummer",
        "社員番号", "従業員番号", "社員id", "工号", "工號", "员工编号", "員工編號", "사번", "직원번호",
        "사원번호",
    ),
    "organisation": (
        "firma", "unternehmen", "gesellschaft", "société", "entreprise", "empresa", "compañía", "azienda",
        "società", "bedrijf", "会社", "会社名", "公司", "회사",
    ),
}


def _bare(word: str) -> str:
    """The word without its accents (Prénom -> prenom), as a header typed on a plain keyboard."""
    decomposed = unicodedata.normalize("NFD", word)
    return unicodedata.normalize("NFC", "".join(ch for ch in decomposed if not unicodedata.combining(ch)))


def other_language_aliases() -> dict[str, str]:
    """Header (normalised: any case, spacing) -> field key, accented and plain spellings."""
    aliases: dict[str, str] = {}
    for key, words in _WORDS.items():
        for word in words:
            aliases.setdefault(word, key)
            if all(ord(ch) < 0x370 for ch in word):  # Latin only: Kana's voicing marks are letters' own
                aliases.setdefault(_bare(word), key)
    return aliases
