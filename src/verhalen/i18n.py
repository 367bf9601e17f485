"""Messages for people, Dutch by default and English on request.

Keys are English identifiers; every message a user reads goes through `t()` so a report,
a CLI line and an error read in the project's language.
"""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # ingest problems
    "empty_story": {"nl": "leeg verhaal", "en": "empty story"},
    "unknown_storyteller": {
        "nl": "onbekende verteller '{name}'",
        "en": "unknown storyteller '{name}'",
    },
    "unreadable": {"nl": "onleesbaar bestand: {why}", "en": "unreadable file: {why}"},
    "unsupported": {
        "nl": "bestandstype {ext} wordt niet ondersteund",
        "en": "file type {ext} is not supported",
    },
    "no_such_path": {"nl": "bestaat niet", "en": "does not exist"},
    "unmapped_column": {
        "nl": "geen kolom voor '{field}' gevonden (kolommen: {columns}); geef --map {field}=KOLOM",
        "en": "no column found for '{field}' (columns: {columns}); pass --map {field}=COLUMN",
    },
    "map_unknown_column": {
        "nl": "--map {field}={column}: kolom bestaat niet",
        "en": "--map {field}={column}: no such column",
    },
    "answer_invalid": {"nl": "{question}: {why}", "en": "{question}: {why}"},
    "archive_too_large": {
        "nl": "archief pakt uit tot {size} MB, meer dan de grens van {limit} MB",
        "en": "archive expands to {size} MB, beyond the limit of {limit} MB",
    },
    "why_not_a_document": {
        "nl": "geen geldig {kind}-bestand ({detail})",
        "en": "not a valid {kind} file ({detail})",
    },
    "why_xml_entities": {
        "nl": "het document declareert XML-entiteiten (een DTD); die worden om "
        "veiligheidsredenen niet gelezen",
        "en": "the document declares XML entities (a DTD), which are refused for safety",
    },
    "why_xml_too_deep": {
        "nl": "de XML in het document is te diep genest",
        "en": "the XML in the document is nested too deeply",
    },
    "why_members": {
        "nl": "{n} onderdelen in het archief",
        "en": "{n} parts in the archive",
    },
    "why_too_many_rows": {"nl": "meer dan {n} rijen", "en": "more than {n} rows"},
    "why_too_many_cells": {"nl": "meer dan {n} cellen", "en": "more than {n} cells"},
    "why_too_large": {"nl": "groter dan {limit} MB", "en": "larger than {limit} MB"},
    "why_bad_utf16": {"nl": "geen geldige UTF-16-tekst", "en": "not valid UTF-16 text"},
    "why_bad_csv": {"nl": "geen geldige CSV ({detail})", "en": "not valid CSV ({detail})"},
    "nf_no_header": {
        "nl": "geen kopregel 'Data column name' (geen NarraFirma-formulier)",
        "en": "no 'Data column name' header row (not a NarraFirma form)",
    },
    "nf_unsupported_type": {
        "nl": "vraagtype '{kind}' wordt niet ondersteund",
        "en": "question type '{kind}' is not supported",
    },
    "no_speaker_turns": {
        "nl": "geen beurten van de verteller gevonden",
        "en": "no storyteller turns found",
    },
    "duplicate_storyteller": {
        "nl": "verteller '{name}' staat twee keer in het bestand",
        "en": "storyteller '{name}' appears twice in the file",
    },
    "storyteller_no_id": {"nl": "verteller zonder id", "en": "storyteller without an id"},
    # answer validation
    "not_an_option": {
        "nl": "'{value}' is geen keuze (kies uit: {options})",
        "en": "'{value}' is not an option (choose from: {options})",
    },
    "not_a_number": {"nl": "'{value}' is geen getal", "en": "'{value}' is not a number"},
    "out_of_range": {"nl": "{value} ligt buiten {lo}–{hi}", "en": "{value} is outside {lo}–{hi}"},
    "not_boolean": {"nl": "'{value}' is geen ja/nee", "en": "'{value}' is not yes/no"},
    # ingest outcome
    "ingest_done": {
        "nl": "{stories} ingelezen uit {files}",
        "en": "{stories} ingested from {files}",
    },
    "ingest_dry": {
        "nl": "proef: {stories} zouden worden ingelezen uit {files}",
        "en": "dry run: {stories} would be ingested from {files}",
    },
    "ingest_unchanged": {
        "nl": "{files} al ingelezen en niet veranderd",
        "en": "{files} already ingested and unchanged",
    },
    "ingest_nothing": {"nl": "niets veranderd", "en": "nothing changed"},
    "ingest_exact_dup": {
        "nl": "{stories} stonden er al precies zo in en zijn overgeslagen",
        "en": "{stories} were already present word for word and were skipped",
    },
    "ingest_exact_dup_one": {
        "nl": "{stories} stond er al precies zo in en is overgeslagen",
        "en": "{stories} was already present word for word and was skipped",
    },
    "exact_dup_line": {
        "nl": "{where}: al aanwezig als verhaal {id} ('{title}'), overgeslagen",
        "en": "{where}: already present as story {id} ('{title}'), skipped",
    },
    "batch_dup_line": {
        "nl": "{where}: hetzelfde verhaal als {first}, overgeslagen",
        "en": "{where}: the same story as {first}, skipped",
    },
    "ingest_near_dup": {
        "nl": "{stories} lijken sterk op een ander verhaal: bekijk ze met "
        "'verhalen stories list --flagged'",
        "en": "{stories} closely resemble another story: review them with "
        "'verhalen stories list --flagged'",
    },
    "ingest_near_dup_one": {
        "nl": "{stories} lijkt sterk op een ander verhaal: bekijk het met "
        "'verhalen stories list --flagged'",
        "en": "{stories} closely resembles another story: review it with "
        "'verhalen stories list --flagged'",
    },
    "ingest_storytellers": {
        "nl": "{storytellers} bijgewerkt",
        "en": "{storytellers} updated",
    },
    "ingest_rejected": {
        "nl": "{problems} gevonden; niets ingelezen (gebruik --skip-invalid om de rest wel in "
        "te lezen)",
        "en": "{problems} found; nothing ingested (use --skip-invalid to ingest the rest)",
    },
    "ingest_skipped_invalid": {
        "nl": "{problems} overgeslagen; afgewezen invoer staat in {path}",
        "en": "{problems} skipped; rejected input is listed in {path}",
    },
    # project
    "no_project": {
        "nl": "geen verhalen-project gevonden in {path} of een map erboven "
        "(maak er een met 'verhalen init PAD')",
        "en": "no verhalen project found in {path} or any parent folder "
        "(create one with 'verhalen init PATH')",
    },
    "project_exists": {
        "nl": "{path} bevat al een project; er is niets overschreven",
        "en": "{path} already holds a project; nothing was overwritten",
    },
    "project_name_control": {
        "nl": "projectnaam {name}: een naam is één regel, zonder regeleinde, tab of ander "
        "stuurteken",
        "en": "project name {name}: a name is one line, without a line break, tab or other "
        "control character",
    },
    "project_created": {"nl": "project gemaakt in {path}", "en": "project created in {path}"},
    "store_newer": {
        "nl": "de opslag heeft schemaversie {found}, deze versie van verhalen kent tot {known}",
        "en": "the store has schema version {found}; this version of verhalen knows up to {known}",
    },
    "store_read_only": {
        "nl": "de projectmap is alleen-lezen (een beveiligde schijf of gedeelde map); verhalen "
        "kan het project lezen maar niets veranderen: kopieer de map naar een plek waar je mag "
        "schrijven, of vraag schrijfrechten",
        "en": "the project folder is read-only (a protected disk or shared folder); verhalen can "
        "read the project but change nothing: copy the folder to a place where you may write, "
        "or ask for write access",
    },
    "store_busy": {
        "nl": "het project is bezig met een andere opdracht (de opslag bleef {seconds} seconden "
        "bezet); probeer het opnieuw als die klaar is",
        "en": "the project is busy with another command (the store stayed locked for {seconds} "
        "seconds); try again when it has finished",
    },
    # stories
    "story_not_found": {"nl": "verhaal {id} bestaat niet", "en": "story {id} does not exist"},
    "no_stories": {"nl": "geen verhalen gevonden", "en": "no stories found"},
    "exported": {"nl": "{stories} geschreven naar {path}", "en": "{stories} written to {path}"},
    "bad_format": {"nl": "onbekend formaat '{fmt}'", "en": "unknown format '{fmt}'"},
}


IRREGULAR_NL = {"lid": "leden", "kind": "kinderen", "raadslid": "raadsleden", "stad": "steden"}


def plural(word: str, n: int, lang: str = "nl") -> str:
    """`word` for `n` things: Dutch plural rules for the common cases, English adds s."""
    if n == 1 or not word:
        return word
    if lang != "nl":
        return word if word.endswith("s") else word + "s"
    for singular, many in IRREGULAR_NL.items():
        if word.endswith(singular):
            return word[: -len(singular)] + many
    if word.endswith(("er", "el", "em", "en", "je", "ie", "é")) or word[-1] in "aiouy":
        return word + "s"
    if len(word) > 3 and word[-2] == word[-3] and word[-2] in "aeou" and word[-1] not in "aeiou":
        return word[:-2] + word[-1] + "en"  # ambtenaar -> ambtenaren
    if word.endswith(("s", "x")):
        return word  # "anders", "pers": leave what no simple rule gets right
    if (
        len(word) > 2
        and word[-1] not in "aeiou"
        and word[-2] in "aeiou"
        and word[-3] not in "aeiou"
    ):
        return word + word[-1] + "en"  # kat -> katten (short vowel)
    return word + "en"


NOUNS = {
    "story": ("verhaal", "verhalen", "story", "stories"),
    "file": ("bestand", "bestanden", "file", "files"),
    "problem": ("probleem", "problemen", "problem", "problems"),
    "storyteller": ("verteller", "vertellers", "storyteller", "storytellers"),
    "session": ("sessie", "sessies", "session", "sessions"),
    "question": ("vraag", "vragen", "question", "questions"),
    "perspective": ("perspectief", "perspectieven", "perspective", "perspectives"),
}


def count(n: int, noun: str, lang: str = "nl") -> str:
    """'1 verhaal', '3 verhalen', '1 story', '3 stories'."""
    one_nl, many_nl, one_en, many_en = NOUNS[noun]
    if lang == "nl":
        return f"{n} {one_nl if n == 1 else many_nl}"
    return f"{n} {one_en if n == 1 else many_en}"


def number(value: float, lang: str = "nl", decimals: int = 0) -> str:
    """A number as people in `lang` write it: 25.274 and 159,5 in Dutch; 25,274 and 159.5 in
    English."""
    text = f"{value:,.{decimals}f}"
    if lang == "nl":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def say(lang: str, nl: str, en: str) -> str:
    """A one-off message in the project's language (Dutch unless English is asked for)."""
    return en if lang == "en" else nl


def t(key: str, lang: str = "nl", /, **values: object) -> str:
    """The message `key` in `lang` (falls back to Dutch), filled with `values`.

    With `n=1` among the values, the singular variant `key_one` is used where there is one.
    """
    if values.get("n") == 1 and f"{key}_one" in MESSAGES:
        key = f"{key}_one"
    texts = MESSAGES[key]
    return texts.get(lang, texts["nl"]).format(**values)
