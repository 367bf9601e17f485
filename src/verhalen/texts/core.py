"""Texts of ingest, the store, projects and stories."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    # answers everywhere (forms, sheets, reports, doctor advice)
    "yes": ("ja", "yes"),
    "no": ("nee", "no"),
    # ingest problems
    "empty_story": ("leeg verhaal", "empty story"),
    "unknown_storyteller": (
        "onbekende verteller '{name}'",
        "unknown storyteller '{name}'",
    ),
    "unreadable": ("onleesbaar bestand: {why}", "unreadable file: {why}"),
    "unsupported": (
        "bestandstype {ext} wordt niet ondersteund",
        "file type {ext} is not supported",
    ),
    "no_such_path": ("bestaat niet", "does not exist"),
    "unmapped_column": (
        "geen kolom voor '{field}' gevonden (kolommen: {columns}); geef --map {field}=KOLOM",
        "no column found for '{field}' (columns: {columns}); pass --map {field}=COLUMN",
    ),
    "map_unknown_column": (
        "--map {field}={column}: kolom bestaat niet",
        "--map {field}={column}: no such column",
    ),
    "answer_invalid": ("{question}: {why}", "{question}: {why}"),
    "archive_too_large": (
        "archief pakt uit tot {size} MB, meer dan de grens van {limit} MB",
        "archive expands to {size} MB, beyond the limit of {limit} MB",
    ),
    "why_not_a_document": (
        "geen geldig {kind}-bestand ({detail})",
        "not a valid {kind} file ({detail})",
    ),
    "why_xml_entities": (
        "het document declareert XML-entiteiten (een DTD); die worden om "
        "veiligheidsredenen niet gelezen",
        "the document declares XML entities (a DTD), which are refused for safety",
    ),
    "why_xml_too_deep": (
        "de XML in het document is te diep genest",
        "the XML in the document is nested too deeply",
    ),
    "why_members": (
        "{n} onderdelen in het archief",
        "{n} parts in the archive",
    ),
    "why_too_many_rows": ("meer dan {n} rijen", "more than {n} rows"),
    "why_too_many_cells": ("meer dan {n} cellen", "more than {n} cells"),
    "why_too_large": ("groter dan {limit} MB", "larger than {limit} MB"),
    "why_binary": ("binaire gegevens, geen tekst", "binary data, not text"),
    "why_unknown_encoding": ("onbekende tekstcodering", "unknown text encoding"),
    "why_bad_subtitles": ("geen geldige {kind} ({detail})", "not valid {kind} ({detail})"),
    "why_no_subtitles": ("geen ondertitels gevonden", "no subtitles found"),
    "why_bad_document": ("geen geldig document ({detail})", "not a valid document ({detail})"),
    "why_bad_utf16": ("geen geldige UTF-16-tekst", "not valid UTF-16 text"),
    "why_bad_csv": ("geen geldige CSV ({detail})", "not valid CSV ({detail})"),
    "why_csv_open_quote": (
        "een aanhalingsteken gaat open en niet meer dicht: is het bestand afgekapt?",
        "a quote opens and never closes: was the file cut off?",
    ),
    "why_csv_inner_quote": (
        "tekst na een sluitend aanhalingsteken; schrijf een aanhalingsteken binnen een cel dubbel "
        '("")',
        'text after a closing quote; write a quote inside a cell twice ("")',
    ),
    "nf_no_header": (
        "geen kopregel 'Data column name' (geen NarraFirma-formulier)",
        "no 'Data column name' header row (not a NarraFirma form)",
    ),
    "nf_unsupported_type": (
        "vraagtype '{kind}' wordt niet ondersteund",
        "question type '{kind}' is not supported",
    ),
    "no_speaker_turns": (
        "geen beurten van de verteller gevonden",
        "no storyteller turns found",
    ),
    "teller_answer_conflict": (
        "{qid}: '{value}' wijkt af van '{other}' voor dezelfde verteller in een eerdere rij; "
        "kies er één",
        "{qid}: '{value}' differs from '{other}' for the same storyteller in an earlier row; "
        "choose one",
    ),
    "duplicate_storyteller": (
        "verteller '{name}' staat twee keer in het bestand",
        "storyteller '{name}' appears twice in the file",
    ),
    "storyteller_no_id": ("verteller zonder id", "storyteller without an id"),
    # answer validation
    "not_an_option": (
        "'{value}' is geen keuze (kies uit: {options})",
        "'{value}' is not an option (choose from: {options})",
    ),
    "not_a_number": ("'{value}' is geen getal", "'{value}' is not a number"),
    "out_of_range": ("{value} ligt buiten {lo}–{hi}", "{value} is outside {lo}–{hi}"),
    "not_boolean": ("'{value}' is geen ja/nee", "'{value}' is not yes/no"),
    # ingest outcome
    "ingest_done": (
        "{stories} ingelezen uit {files}",
        "{stories} ingested from {files}",
    ),
    "ingest_dry": (
        "proef: {stories} zouden worden ingelezen uit {files}",
        "dry run: {stories} would be ingested from {files}",
    ),
    "ingest_unchanged": (
        "{files} al ingelezen en niet veranderd",
        "{files} already ingested and unchanged",
    ),
    "ingest_nothing": ("niets veranderd", "nothing changed"),
    "ingest_exact_dup": (
        "{stories} stonden er al precies zo in en zijn overgeslagen",
        "{stories} were already present word for word and were skipped",
    ),
    "ingest_exact_dup_one": (
        "{stories} stond er al precies zo in en is overgeslagen",
        "{stories} was already present word for word and was skipped",
    ),
    "exact_dup_line": (
        "{where}: al aanwezig als verhaal {id} ('{title}'), overgeslagen",
        "{where}: already present as story {id} ('{title}'), skipped",
    ),
    "batch_dup_line": (
        "{where}: hetzelfde verhaal als {first}, overgeslagen",
        "{where}: the same story as {first}, skipped",
    ),
    "ingest_near_dup": (
        "{stories} lijken sterk op een ander verhaal: bekijk ze met "
        "'verhalen stories list --flagged'",
        "{stories} closely resemble another story: review them with "
        "'verhalen stories list --flagged'",
    ),
    "ingest_near_dup_one": (
        "{stories} lijkt sterk op een ander verhaal: bekijk het met "
        "'verhalen stories list --flagged'",
        "{stories} closely resembles another story: review it with "
        "'verhalen stories list --flagged'",
    ),
    "ingest_storytellers": (
        "{storytellers} bijgewerkt",
        "{storytellers} updated",
    ),
    "ingest_rejected": (
        "{problems} gevonden; niets ingelezen (gebruik --skip-invalid om de rest wel in te lezen)",
        "{problems} found; nothing ingested (use --skip-invalid to ingest the rest)",
    ),
    "ingest_skipped_invalid": (
        "{problems} overgeslagen; afgewezen invoer staat in {path}",
        "{problems} skipped; rejected input is listed in {path}",
    ),
    # project
    "store_gone": (
        "{store} ontbreekt of is leeg: de verhalen van dit project zijn er niet; "
        "'verhalen doctor' zegt hoe je een reservekopie terugzet",
        "{store} is missing or empty: this project's stories are not there; "
        "'verhalen doctor' says how to restore a backup",
    ),
    "no_project": (
        "geen verhalen-project gevonden in {path} of een map erboven "
        "(maak er een met 'verhalen init PAD')",
        "no verhalen project found in {path} or any parent folder "
        "(create one with 'verhalen init PATH')",
    ),
    "project_exists": (
        "{path} bevat al een project; er is niets overschreven",
        "{path} already holds a project; nothing was overwritten",
    ),
    "project_name_control": (
        "projectnaam {name}: een naam is één regel, zonder regeleinde, tab of ander stuurteken",
        "project name {name}: a name is one line, without a line break, tab or other "
        "control character",
    ),
    "project_created": ("project gemaakt in {path}", "project created in {path}"),
    "store_newer": (
        "de opslag heeft schemaversie {found}, deze versie van verhalen kent tot {known}",
        "the store has schema version {found}; this version of verhalen knows up to {known}",
    ),
    "store_read_only": (
        "de projectmap is alleen-lezen (een beveiligde schijf of gedeelde map); verhalen "
        "kan het project lezen maar niets veranderen: kopieer de map naar een plek waar je mag "
        "schrijven, of vraag schrijfrechten",
        "the project folder is read-only (a protected disk or shared folder); verhalen can "
        "read the project but change nothing: copy the folder to a place where you may write, "
        "or ask for write access",
    ),
    "store_busy": (
        "het project is bezig met een andere opdracht (de opslag bleef {seconds} seconden "
        "bezet); probeer het opnieuw als die klaar is",
        "the project is busy with another command (the store stayed locked for {seconds} "
        "seconds); try again when it has finished",
    ),
    # stories
    "story_not_found": ("verhaal {id} bestaat niet", "story {id} does not exist"),
    "no_stories": ("geen verhalen gevonden", "no stories found"),
    "exported": ("{stories} geschreven naar {path}", "{stories} written to {path}"),
    "template_unknown": (
        "sjabloon '{template}': kies uit {known}",
        "template '{template}': choose from {known}",
    ),
}
