"""Rosters from HR systems set up in other languages: their headers map by themselves, and a file
saved in a local code page (a German or Japanese Excel's "CSV") is refused naming that code page."""
from __future__ import annotations

from pathlib import Path

import pytest

from model.roster.columns import RosterError, detect_mapping
from model.roster.encoding_guess import likely_encoding
from model.roster.to_map import import_roster
from tests.cli_harness import folder_state, refused

HR_FIELDS = ["id", "name", "title", "department", "reports_to", "email"]


@pytest.mark.parametrize("header, fields", [
    ("Personalnummer;Vorname;Nachname;Position;Abteilung;Vorgesetzter;E-Mail-Adresse;Standort",
     ["id", "first_name", "last_name", "title", "department", "reports_to", "email", "location"]),
    ("Matricule;Prenom;Nom;Poste;Service;Responsable;Courriel;Téléphone",  # 'Prenom' typed without accent
     ["id", "first_name", "last_name", "title", "department", "reports_to", "email", "phone"]),
    ("Número de empleado;Nombre;Apellidos;Puesto;Departamento;Jefe;Correo electrónico;Empresa",
     ["id", "first_name", "last_name", "title", "department", "reports_to", "email", "organisation"]),
    ("Matrícula;Nome;Sobrenome;Cargo;Setor;Gestor", ["id", "first_name", "last_name", "title", "department",
                                                    "reports_to"]),
    ("Matricola;Nome;Cognome;Ruolo;Reparto;Responsabile", ["id", "first_name", "last_name", "title",
                                                          "department", "reports_to"]),
    ("Personeelsnummer;Voornaam;Achternaam;Functie;Afdeling;Leidinggevende",
     ["id", "first_name", "last_name", "title", "department", "reports_to"]),
    ("社員番号;氏名;役職;部署;上司;メールアドレス", HR_FIELDS),
    ("工号;姓名;职位;部门;直属上级;邮箱", HR_FIELDS),
    ("工號;姓名;職位;部門;直屬上級;電子郵件", HR_FIELDS),
    ("사번;성;이름;직위;부서;상사;이메일",
     ["id", "last_name", "first_name", "title", "department", "reports_to", "email"]),
    ("Name;Title;Abteilung;Manager", ["name", "title", "department", "reports_to"]),  # English still first
])
def test_hr_headers_in_other_languages_map_by_themselves(header: str, fields: list[str]) -> None:
    assert list(detect_mapping(header.split(";")).values()) == fields


def test_a_japanese_and_a_korean_export_read_family_name_first(tmp_path: Path) -> None:
    ja = tmp_path / "ja.csv"
    ja.write_text("社員番号,姓,名,役職,部署,上司\n1,山田,太郎,部長,営業部,\n"
                  "2,佐藤,花子,課長,法務部,1\n", "utf-8")
    doc = import_roster(ja).document
    people = {p.name: p for p in doc.people.values()}
    assert list(people) == ["山田太郎", "佐藤花子"]
    assert people["佐藤花子"].reports_to == people["山田太郎"].id
    assert {d.name for d in doc.departments.values()} == {"営業部", "法務部"}
    ko = tmp_path / "ko.csv"
    ko.write_text("사번,성,이름,직위,부서\n1,김,민준,부장,영업부\n", "utf-8")
    assert [p.name for p in import_roster(ko).document.people.values()] == ["김민준"]


GERMAN = ("Personalnummer;Vorname;Nachname;Position;Abteilung\n1;Jürgen;Groß;Leiter;Vertrieb\n"
          "2;Anna;Weiß;Juristin;Rechtsabteilung für Straßenverkehr\n3;Zoë;Müller-Lüdenscheidt;Café €;Straße\n"
          "4;Björn;Ångström;Ärztin;Öffentlichkeitsarbeit\n")
JAPANESE = "社員番号,姓,名,役職,部署\n1,山田,太郎,部長,営業部\n2,佐藤,花子,課長,法務部\n"


@pytest.mark.parametrize("text, codec, named", [
    (GERMAN, "cp1252", "probably Windows-1252 (Western European)"),
    (JAPANESE, "cp932", "probably Shift_JIS (Japanese)"),
    ("工号,姓名,职位,部门\n1,李娜,总经理,销售部\n2,王伟,律师,法务部\n", "gbk",
     "probably GBK (Simplified Chinese)"),
    ("Имя,Должность\nИван Петров,Водитель\nАнна,Юрист\n", "cp1251", "probably Windows-1251 (Cyrillic)"),
])
def test_a_roster_in_a_local_code_page_is_refused_naming_it(
    text: str, codec: str, named: str, tmp_path: Path
) -> None:
    roster = tmp_path / "staff.csv"
    roster.write_bytes(text.encode(codec))
    before = folder_state(tmp_path)
    said = refused("import-csv", roster, "-o", tmp_path / "staff.cwalk")
    assert "staff.csv is not a text CSV file in UTF-8 (line " in said and named in said, said
    assert "save it as 'CSV UTF-8'" in said
    assert folder_state(tmp_path) == before


@pytest.mark.parametrize("raw", [
    "name,title\nZoë,Chef\n".encode("latin-1"),  # one letter fits every Western code page
    "name\n山田\n".encode("cp932"),  # valid Shift_JIS, GBK and Big5 alike
])
def test_too_little_to_go_on_names_no_encoding(raw: bytes, tmp_path: Path) -> None:
    assert likely_encoding(raw) is None
    roster = tmp_path / "r.csv"
    roster.write_bytes(raw)
    with pytest.raises(RosterError) as caught:
        import_roster(roster)
    assert "has characters in another encoding)" in caught.value.problems[0]
