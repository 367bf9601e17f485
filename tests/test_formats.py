"""Every input format, built in the test with the real libraries, read into the store."""

from __future__ import annotations

from support import (
    answers,
    by_title,
    ingest_ok,
    rejected,
    stories,
    teller_answers,
    write_docx,
    write_odt,
)
from support import write_xlsx as make_xlsx

from verhalen.ingest import read_options

# -- plain text and Markdown ------------------------------------------------------------------


def test_txt_single_story(project):
    path = project.root / "brug.txt"
    path.write_text("De brug over de rivier was kapot.\nNiemand kwam kijken.\n", encoding="utf-8")

    report = ingest_ok(project, [path])

    [story] = stories(project)
    assert report.stored == [story.id]
    assert story.text == "De brug over de rivier was kapot.\nNiemand kwam kijken."
    assert story.title is None
    assert story.source_path == "brug.txt"
    assert story.source_format == "txt"
    assert story.location == "1"
    assert story.words == 10


def test_txt_several_stories_separated_by_dashes(project):
    path = project.root / "drie.txt"
    path.write_text(
        "Het eerste verhaal gaat over de markt.\n"
        "---\n"
        "Het tweede verhaal gaat over het park.\n"
        "---\n"
        "\n"
        "Het derde verhaal gaat over de school.\n",
        encoding="utf-8",
    )

    ingest_ok(project, [path])

    got = [(s.text, s.location) for s in stories(project)]
    assert got == [
        ("Het eerste verhaal gaat over de markt.", "1"),
        ("Het tweede verhaal gaat over het park.", "3"),
        ("Het derde verhaal gaat over de school.", "6"),  # the blank line is skipped
    ]


def test_txt_header_lines_give_title_storyteller_and_session(project, register):
    register()
    path = project.root / "kop.txt"
    path.write_text(
        "Titel: Het hek bij het sportpark\n"
        "Verteller: V01\n"
        "Sessie: 1\n"
        "\n"
        "Er stond ineens een hek.\n"
        "---\n"
        "Titel: Het plein\n"
        "Verteller: Ruud\n"  # a name works as well as an id
        "\n"
        "Op het plein werd gefeest.\n",
        encoding="utf-8",
    )

    ingest_ok(project, [path])

    found = by_title(project)
    hek, plein = found["Het hek bij het sportpark"], found["Het plein"]
    assert hek.text == "Er stond ineens een hek."  # header lines are not story text
    assert (hek.storyteller_id, hek.storyteller_name, hek.group) == ("V01", "Anja", "inwoner")
    assert hek.session == "1"
    assert plein.storyteller_id == "V02"
    assert plein.session is None


def test_txt_short_first_line_is_a_title_but_a_sentence_is_not(project):
    path = project.root / "titels.txt"
    path.write_text(
        "De lege stoel\n"
        "\n"
        "De trainer zette een lege stoel in de kring.\n"
        "---\n"
        "Het begon allemaal met een brief van de gemeente.\n"
        "\n"
        "Daarna bleef het stil.\n",
        encoding="utf-8",
    )

    ingest_ok(project, [path])

    first, second = stories(project)
    assert first.title == "De lege stoel"
    assert first.text == "De trainer zette een lege stoel in de kring."
    assert second.title is None  # a first line ending in a full stop is part of the story
    assert second.text.startswith("Het begon allemaal met een brief")
    assert second.text.endswith("Daarna bleef het stil.")


def test_md_heading_is_the_title(project):
    path = project.root / "verhaal-01.md"
    path.write_text(
        "# De speeltuin aan de Beukenlaan\n\nDe vereniging wilde zelf bouwen.\n", encoding="utf-8"
    )

    ingest_ok(project, [path])

    [story] = stories(project)
    assert story.title == "De speeltuin aan de Beukenlaan"
    assert story.text == "De vereniging wilde zelf bouwen."
    assert story.source_format == "md"


def test_txt_in_windows_encoding_with_bom_and_crlf(project):
    (project.root / "oud.txt").write_bytes("Het café ging dicht.\r\n".encode("cp1252"))
    (project.root / "bom.txt").write_bytes("\ufeffDe één na laatste bus.\r\n".encode())

    ingest_ok(project, [project.root / "oud.txt", project.root / "bom.txt"])

    assert sorted(s.text for s in stories(project)) == [
        "De één na laatste bus.",
        "Het café ging dicht.",
    ]


# -- Word and OpenDocument ------------------------------------------------------------------


def test_docx_heading_per_story_document_title_is_not_a_story(project, register):
    register()
    path = write_docx(
        project.root / "tafel-1.docx",
        [
            ("h1", "Verhalen van tafel 1"),  # paragraph 1: the document's title
            ("h2", "De brug"),  # 2
            ("p", "Verteller: V01"),  # 3
            ("p", "De brug was kapot."),  # 4
            ("p", "Toen kwam de gemeente."),  # 5
            ("h2", "Het plein"),  # 6
            ("p", "Verteller: Ruud"),  # 7
            ("p", "Op het plein werd gefeest."),  # 8
        ],
    )

    report = ingest_ok(project, [path])

    assert report.problems == []
    got = [(s.title, s.text, s.storyteller_id, s.location) for s in stories(project)]
    assert got == [
        ("De brug", "De brug was kapot.\n\nToen kwam de gemeente.", "V01", "2"),
        ("Het plein", "Op het plein werd gefeest.", "V02", "6"),
    ]


def test_odt_heading_per_story(project, register):
    register()
    path = write_odt(
        project.root / "sanne.odt",
        [
            ("h1", "Bijeenkomst in het buurthuis"),
            ("h2", "Eerste keer meedoen"),
            ("p", "Verteller: V03"),
            ("p", "Ik wist niet wat ik kon verwachten."),
            ("h2", "De tweede avond"),
            ("p", "Toen kende ik al iedereen."),
        ],
    )

    ingest_ok(project, [path])

    got = [(s.title, s.text, s.storyteller_id, s.location) for s in stories(project)]
    assert got == [
        ("Eerste keer meedoen", "Ik wist niet wat ik kon verwachten.", "V03", "2"),
        ("De tweede avond", "Toen kende ik al iedereen.", None, "5"),
    ]
    assert {s.source_format for s in stories(project)} == {"odt"}


# -- transcripts --------------------------------------------------------------------------------

VTT = """WEBVTT

NOTE sessie: 2

1
00:00:01.000 --> 00:00:03.000
<v Interviewer>Welkom, vertel maar.

2
00:00:03.000 --> 00:00:05.000
[verhaal: De bus]

3
00:00:05.000 --> 00:00:08.000
<v Anja>De bus reed niet meer door onze wijk.

4
00:00:08.000 --> 00:00:10.000
<v Interviewer>Wat deed je toen?

5
00:00:10.000 --> 00:00:12.000
<v Anja>Ik belde de wethouder op.

6
00:00:12.000 --> 00:00:14.000
[verhaal: Het buurthuis]

7
00:00:14.000 --> 00:00:16.000
<v Anja>Het buurthuis ging dicht in de zomer.
"""


def test_vtt_voices_markers_and_session_note(project, register):
    register()
    path = project.root / "gesprek-anja.vtt"
    path.write_text(VTT, encoding="utf-8")

    ingest_ok(project, [path])

    bus, buurthuis = stories(project)
    assert bus.title == "De bus"
    assert bus.text == "De bus reed niet meer door onze wijk.\n\nIk belde de wethouder op."
    assert bus.storyteller_id == "V01"  # the voice's name, resolved to the registered id
    assert bus.session == "2"
    assert "Wat deed je toen?" in bus.context  # interviewer turns are context, not story
    assert "Welkom, vertel maar." in bus.context  # the opening talk before the first marker
    assert "Interviewer" not in bus.text
    assert buurthuis.title == "Het buurthuis"
    assert buurthuis.text == "Het buurthuis ging dicht in de zomer."
    assert buurthuis.source_format == "vtt"


def test_srt_name_colon_cues(project, register):
    register()
    path = project.root / "gesprek-fatima.srt"
    path.write_text(
        "1\n00:00:01,000 --> 00:00:03,000\nInterviewer: Fijn dat je er bent.\n\n"
        "2\n00:00:03,000 --> 00:00:05,000\nFatima: Het loket was altijd dicht als ik kwam.\n\n"
        "3\n00:00:05,000 --> 00:00:07,000\nInterviewer: En toen?\n\n"
        "4\n00:00:07,000 --> 00:00:09,000\nFatima: Toen heb ik een brief geschreven.\n",
        encoding="utf-8",
    )

    ingest_ok(project, [path])

    [story] = stories(project)
    assert story.storyteller_id == "V03"
    assert story.text == (
        "Het loket was altijd dicht als ik kwam.\n\nToen heb ik een brief geschreven."
    )
    assert story.context == "Interviewer: Fijn dat je er bent.\nInterviewer: En toen?"
    assert story.source_format == "srt"


def test_speaker_transcript_without_markers_splits_at_a_new_storyteller(project, register):
    register()
    path = project.root / "groepsgesprek.txt"
    path.write_text(
        "Sessie: 3\n"  # 1
        "\n"  # 2
        "Interviewer: Welkom allemaal.\n"  # 3
        "Anja: De straat werd opengebroken zonder bericht.\n"  # 4
        "Interviewer: Hoe ging dat verder?\n"  # 5
        "Anja: Uiteindelijk kwam er een brief, veel te laat.\n"  # 6
        "Ruud: Bij mij belde de gemeente zelf op om te vragen wat wij wilden.\n"  # 7
        "Interviewer: Dank jullie wel.\n",  # 8
        encoding="utf-8",
    )

    ingest_ok(project, [path])

    anja, ruud = stories(project)
    assert anja.storyteller_id == "V01"
    assert anja.text == (
        "De straat werd opengebroken zonder bericht.\n\n"
        "Uiteindelijk kwam er een brief, veel te laat."
    )
    assert anja.context == "Interviewer: Welkom allemaal.\nInterviewer: Hoe ging dat verder?"
    assert anja.session == "3"
    assert anja.location == "3"
    assert ruud.storyteller_id == "V02"
    assert ruud.text == "Bij mij belde de gemeente zelf op om te vragen wat wij wilden."
    assert ruud.location == "7"
    assert "Interviewer" not in anja.text + ruud.text


def test_speaker_transcript_markers_split_and_title_stories(project, register):
    register()
    path = project.root / "gesprek.txt"
    path.write_text(
        "Gespreksleider: Welkom.\n"  # 1
        "\n"  # 2
        "[verhaal: De markt]\n"  # 3
        "Anja: Een verhaal over de markt.\n"  # 4
        "Gespreksleider: Ja?\n"  # 5
        "Anja: En de marktmeester was aardig.\n"  # 6
        "\n"  # 7
        "[verhaal: Het park]\n"  # 8
        "Anja: Een verhaal over het park.\n",  # 9
        encoding="utf-8",
    )

    ingest_ok(project, [path])

    markt, park = stories(project)
    assert (markt.title, markt.location) == ("De markt", "3")
    assert markt.text == "Een verhaal over de markt.\n\nEn de marktmeester was aardig."
    assert markt.context == "Gespreksleider: Welkom.\nGespreksleider: Ja?"
    assert (park.title, park.location, park.text) == (
        "Het park",
        "8",
        "Een verhaal over het park.",
    )
    assert markt.storyteller_id == park.storyteller_id == "V01"


# -- tables ---------------------------------------------------------------------------------------


def test_csv_dutch_headers_answers_multiple_choice_and_booleans(project, register):
    register()
    path = project.root / "antwoorden.csv"
    path.write_text(
        "Titel,Verhaal,Verteller,Sessie,Hoe liep het af?,Betrokkenen,Training,Gevoel\n"
        "De brug,De brug was kapot.,V01,1,goed,inwoners;ambtenaren,ja,70\n"
        "Het plein,Het plein was vol.,Ruud,1,Slecht,ondernemers,nee,20\n",
        encoding="utf-8",
    )

    ingest_ok(project, [path])

    brug, plein = stories(project)
    assert (brug.title, brug.text, brug.storyteller_id, brug.session, brug.location) == (
        "De brug",
        "De brug was kapot.",
        "V01",
        "1",
        "2",
    )
    assert plein.storyteller_id == "V02"
    got = answers(project)
    # 'Hoe liep het af?' is the question text of afloop; options are stored as the form spells them
    assert got[brug.id] == {
        "afloop": "goed",
        "betrokkenen": ["inwoners", "ambtenaren"],
        "training": True,
        "gevoel": 70,
    }
    assert got[plein.id] == {
        "afloop": "slecht",
        "betrokkenen": ["ondernemers"],
        "training": False,
        "gevoel": 20,
    }


def test_csv_semicolon_separated_in_windows_encoding(project):
    path = project.root / "excel.csv"
    path.write_bytes(
        'verhaal;afloop;betrokkenen\nHet café, eindelijk open;goed;"inwoners;ondernemers"\n'.encode(
            "cp1252"
        )
    )

    ingest_ok(project, [path])

    [story] = stories(project)
    assert story.text == "Het café, eindelijk open"
    assert answers(project)[story.id] == {
        "afloop": "goed",
        "betrokkenen": ["inwoners", "ondernemers"],
    }


def test_xlsx_english_headers_and_storyteller_columns(project):
    path = make_xlsx(
        project.root / "stadhuis.xlsx",
        [
            [
                "Story title",
                "Story",
                "Participant",
                "Session",
                "afloop",
                "nodig",
                "training",
                "rol",
            ],
            [
                "Park",
                "Het park werd groen.",
                "X9",
                "2",
                "gemengd",
                "tijd; vertrouwen",
                "Ja",
                "raadslid",
            ],
            ["Weg", "De weg was lang.", None, "2", "nog niet bekend", None, "nee", None],
        ],
    )

    ingest_ok(project, [path])

    park, weg = stories(project)
    assert (park.title, park.text, park.session, park.location) == (
        "Park",
        "Het park werd groen.",
        "2",
        "2",
    )
    # a row that carries storyteller answers registers its storyteller, with its group
    assert (park.storyteller_id, park.group) == ("X9", "raadslid")
    assert teller_answers(project)["X9"] == {"rol": "raadslid"}
    assert weg.storyteller_id is None
    got = answers(project)
    assert got[park.id] == {"afloop": "gemengd", "nodig": ["vertrouwen", "tijd"], "training": True}
    assert got[weg.id] == {"afloop": "nog niet bekend", "training": False}
    assert park.source_format == "xlsx"


def test_column_map_overrides_detection(project, register):
    register()
    path = make_xlsx(
        project.root / "eigen.xlsx",
        [
            ["Verhaal", "MijnTekst", "Kop", "wie", "Hoe ging het"],
            ["Samenvatting, niet de tekst", "Het echte verhaal.", "Gemapt", "V03", "gemengd"],
        ],
    )
    options = read_options(
        project,
        column_map=(
            ("text", "MijnTekst"),
            ("title", "Kop"),
            ("storyteller", "wie"),
            ("afloop", "Hoe ging het"),
        ),
    )

    ingest_ok(project, [path], options=options)

    [story] = stories(project)
    assert story.text == "Het echte verhaal."  # not the auto-detected 'Verhaal' column
    assert story.title == "Gemapt"
    assert story.storyteller_id == "V03"
    assert answers(project)[story.id] == {"afloop": "gemengd"}


def test_session_option_fills_stories_without_a_session(project):
    path = project.root / "a.txt"
    path.write_text("Sessie: eigen\n\nEen verhaal.\n---\nNog een verhaal.\n", encoding="utf-8")

    ingest_ok(project, [path], options=read_options(project, session="sessie 9"))

    assert [s.session for s in stories(project)] == ["eigen", "sessie 9"]


def test_folder_is_walked_and_lock_and_hidden_files_are_skipped(project):
    folder = project.root / "bronnen"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text("Verhaal a.\n", encoding="utf-8")
    (folder / "sub" / "b.md").write_text("Verhaal b.\n", encoding="utf-8")
    (folder / "~$tafel.docx").write_bytes(b"lock file of an open Word document")
    (folder / ".verborgen.txt").write_text("Niet inlezen.\n", encoding="utf-8")
    (folder / "notities.pdf").write_bytes(b"%PDF-1.4")

    report = ingest_ok(project, [folder])

    assert report.files == 2
    assert [s.source_path for s in stories(project)] == ["bronnen/a.txt", "bronnen/sub/b.md"]


def test_one_storyteller_with_two_answers_to_one_question_rejects_the_file(project):
    """Before, the last row silently won ('raadslid' became 'inwoner')."""
    path = make_xlsx(
        project.root / "sessie.xlsx",
        [
            ["Titel", "Verhaal", "Verteller", "rol"],
            ["Park", "Het park werd groen.", "X9", "raadslid"],
            ["Weg", "De weg was lang.", "X9", "raadslid"],
            ["Plein", "Het plein liep vol.", "X9", "inwoner"],
        ],
    )

    assert rejected(project, [path]) == [
        "sessie.xlsx:4: rol: 'inwoner' wijkt af van 'raadslid' voor dezelfde verteller in een "
        "eerdere rij; kies er één"
    ]
    assert stories(project) == []


def test_a_csv_cut_off_inside_a_quoted_story_is_refused_with_its_row(project):
    """Before, the cut-off story was stored as if whole ("…hoe het voelde o")."""
    path = project.root / "afgekapt.csv"
    path.write_text(
        'titel,verhaal\nPark,"Het park werd groen."\nWeg,"De weg was lang en hoe het voelde o',
        encoding="utf-8",
    )

    assert rejected(project, [path]) == [
        "afgekapt.csv:3: onleesbaar bestand: geen geldige CSV (een aanhalingsteken gaat open en "
        "niet meer dicht: is het bestand afgekapt?)"
    ]
    assert stories(project) == []
