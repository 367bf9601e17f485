"""Texts of the workshop: cards, sheets, the kit (agenda, timeline, landscapes), results,
catalysis and proposals."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    # workshop
    "ws_question_recognise": ("Herken ik mij hierin?", "Do I recognise myself in this?"),
    "ws_question_says": (
        "Wat zegt dit over mij en het onderwerp?",
        "What does this say about me and the topic?",
    ),
    "ws_question_change": (
        "Welke mogelijkheden tot verandering komen hieruit naar voren?",
        "What possibilities for change come out of this?",
    ),
    "ws_unreviewed": (
        "let op: {count} vervangingen van namen zijn nog niet gecontroleerd en staan zo op het "
        "papier; controleer ze eerst met {command}",
        "note: {count} replacements of names have not been reviewed and are printed as they "
        "are; review them first with {command}",
    ),
    "ws_words": ("± {shown} woorden", "± {shown} words"),
    "ws_words_one": ("± {shown} woord", "± {shown} words"),
    "ws_cards_title": ("Verhaalkaarten", "Story cards"),
    "ws_no_stories": ("Geen verhalen.", "No stories."),
    "ws_name_proposed": ("naam: voorstel uit de verhalen", "name: proposed by the stories"),
    "ws_proposed": ("voorstel: {label}", "proposed: {label}"),
    "ws_no_description": ("(nog geen beschrijving)", "(no description yet)"),
    "ws_key_phrases": ("Kernzinnen", "Key phrases"),
    "ws_key_terms": ("Kernwoorden", "Key terms"),
    "ws_two_stories": ("Twee verhalen", "Two stories"),
    "ws_who_tells": ("Wie vertelt dit?", "Who tells it?"),
    "ws_questions": ("Vragen bij dit perspectief", "Questions"),
    "ws_sheets_title": ("Perspectiefbladen", "Perspective sheets"),
    # workshop/results.py
    "ws_unknown_perspective_number": (
        "onbekend perspectief {number}",
        "unknown perspective {number}",
    ),
    "ws_unknown_perspective_name": (
        "onbekend perspectief '{name}'",
        "unknown perspective '{name}'",
    ),
    "ws_number_missing": ("nummer ontbreekt", "number missing"),
    "ws_id_missing": ("id ontbreekt", "id missing"),
    "ws_text_missing": ("tekst ontbreekt", "text missing"),
    "ws_id_twice": ("id '{id}' staat er twee keer", "id '{id}' twice"),
    "ws_observation_known": (
        "waarneming '{id}' staat al in {file} met een andere tekst; kies een ander id",
        "observation '{id}' is already in {file} with another text; choose another id",
    ),
    "ws_unknown_observation": ("onbekende waarneming '{id}'", "unknown observation '{id}'"),
    "ws_observation_missing": ("waarneming ontbreekt", "observation missing"),
    "ws_perspective_missing": ("perspectief ontbreekt", "perspective missing"),
    "ws_proposal_empty": ("voorstel is leeg", "proposal is empty"),
    "ws_unknown_question": ("onbekende vraag '{id}'", "unknown question '{id}'"),
    "ws_same_question_twice": ("twee keer dezelfde vraag '{id}'", "the same question twice '{id}'"),
    "ws_no_landscape": (
        "'{text}' is geen landschap: twee schaal- of dyadevragen als x/y, of één driehoek",
        "'{text}' is no landscape: two scale or dyad questions as x/y, or one triad",
    ),
    "ws_landscape_missing": ("landschap ontbreekt", "landscape missing"),
    "ws_story_missing": ("verhaal ontbreekt", "story missing"),
    "ws_unknown_story": ("onbekend verhaal '{story}'", "unknown story '{story}'"),
    "ws_story_excluded": (
        "verhaal {story} is uitgesloten van de analyse",
        "story {story} is excluded from the analysis",
    ),
    "ws_triad_needs_shares": (
        "{id} is een driehoek: vul aandelen in (zoals 60/30/10), geen x en y",
        "{id} is a triad: fill in aandelen (shares, like 60/30/10), not x and y",
    ),
    "ws_shares_missing": ("aandelen ontbreken", "shares (aandelen) missing"),
    "ws_three_shares": ("'{parts}': drie aandelen nodig", "'{parts}': three shares needed"),
    "ws_shares_not_triad": (
        "aandelen horen bij een driehoek; dit landschap krijgt x en y",
        "shares (aandelen) belong to a triad; this landscape takes x and y",
    ),
    "ws_value_missing": ("{name} ontbreekt", "{name} missing"),
    "ws_value_not_number": ("{name} '{raw}' is geen getal", "{name} '{raw}' is no number"),
    "ws_value_outside": (
        "{name} {raw} ligt buiten {lo:g}–{hi:g} ({id})",
        "{name} {raw} is outside {lo:g}–{hi:g} ({id})",
    ),
    "ws_story_twice": (
        "verhaal {story} staat twee keer op {landscape}{table}",
        "story {story} is twice on {landscape}{table}",
    ),
    # workshop/template.py: names (read back in either language) and the explanation
    "ws_results_file": ("resultaten.xlsx", "results.xlsx"),
    "ws_sheet_explanation": ("uitleg", "explanation"),
    "ws_sheet_observations": ("waarnemingen", "observations"),
    "ws_sheet_interpretations": ("interpretaties", "interpretations"),
    "ws_sheet_perspectives": ("perspectieven", "perspectives"),
    "ws_sheet_proposals": ("verandervoorstellen", "change proposals"),
    "ws_sheet_landscape": ("landschap", "landscape"),
    "ws_col_id": ("id", "id"),
    "ws_col_patterns": ("patronen", "patterns"),
    "ws_col_text": ("tekst", "text"),
    "ws_col_observation": ("waarneming", "observation"),
    "ws_col_perspective": ("perspectief", "perspective"),
    "ws_col_number": ("nummer", "number"),
    "ws_col_name": ("naam", "name"),
    "ws_col_description": ("beschrijving", "description"),
    "ws_col_proposal": ("voorstel", "proposal"),
    "ws_col_who": ("wie", "who"),
    "ws_col_note": ("toelichting", "note"),
    "ws_col_landscape": ("landschap", "landscape"),
    "ws_col_table": ("tafel", "table"),
    "ws_col_story": ("verhaal", "story"),
    "ws_col_shares": ("aandelen", "shares"),
    "ws_expl_title": (
        "Resultaten van de duidingsbijeenkomst (sensemaking)",
        "Results of the sensemaking workshop",
    ),
    "ws_expl_fill": (
        "Vul per blad één regel per ding in; de eerste regel (kopjes) blijft staan.",
        "Fill in one row per item on each sheet; the first row (headers) stays.",
    ),
    "ws_expl_observations": (
        "{sheet}: {id} (kort eigen woord, uniek), {patterns} (ids uit het rapport, gescheiden "
        "door komma's; mag leeg), {text} (wat je ziet, zonder uitleg).",
        "{sheet}: {id} (a short word of your own, unique), {patterns} (ids from the report, "
        "separated by commas; may be empty), {text} (what you see, without explaining it).",
    ),
    "ws_expl_interpretations": (
        "{sheet}: {observation} (het id van een waarneming hier of in {catalysis}), {text} (dit "
        "kan betekenen dat …), {perspective} (nummer, of de naam van een nieuw perspectief; mag "
        "leeg).",
        "{sheet}: {observation} (the id of an observation here or in {catalysis}), {text} (this "
        "may mean that …), {perspective} (a number, or the name of a new perspective; may be "
        "empty).",
    ),
    "ws_expl_perspectives": (
        "{sheet}: {number} (niet veranderen), {name} en {description} zoals de groep ze noemt. "
        "Een lege cel laat de oude naam of beschrijving staan.",
        "{sheet}: {number} (do not change), {name} and {description} as the group puts them. An "
        "empty cell keeps the old name or description.",
    ),
    "ws_expl_proposals": (
        "{sheet}: {perspective} (nummer), {proposal} (verplicht), {who} (wie pakt het op), {note}.",
        "{sheet}: {perspective} (number), {proposal} (required), {who} (who takes it up), {note}.",
    ),
    "ws_expl_landscape": (
        "{sheet}: waar de groep elk verhaal op een landschap legde. {landscape} (de twee "
        "vraag-ids als x/y, zoals gevoel/verrassing, of het id van een driehoek; staat op het "
        "lege canvas), {table} (welke groep; mag leeg), {story} (het nummer op de kaart), x en "
        "y (in het bereik van de vragen, meestal 0–100) of bij een driehoek {shares} (drie "
        "delen die samen 100 zijn, zoals 60/30/10).",
        "{sheet}: where the group put each story on a landscape. {landscape} (the two question "
        "ids as x/y, like feeling/surprise, or the id of a triad; it is on the blank canvas), "
        "{table} (which group; may be empty), {story} (the number on the card), x and y (within "
        "the questions' range, mostly 0–100) or for a triad {shares} (three parts adding up to "
        "100, like 60/30/10).",
    ),
    "ws_expl_import": (
        "Terugzetten in het project: verhalen workshop import {file}",
        "Bring it back into the project: verhalen workshop import {file}",
    ),
    "ws_expl_errors": (
        "Bij een fout verandert er niets; elke fout staat op één regel als bestand:regel: reden.",
        "On any error nothing changes; each error is one line as file:row: reason.",
    ),
    "ws_landscapes_listed": (
        "Landschappen in dit project: {names}.",
        "Landscapes in this project: {names}.",
    ),
    "ws_not_xlsx": ("geen geldig .xlsx-bestand", "not a valid .xlsx file"),
    "ws_not_results": (
        "dit is geen resultatensjabloon van verhalen: verwacht de bladen {expected} (gevonden: "
        "{shown}); 'verhalen workshop template' maakt het sjabloon",
        "this is not a verhalen results template: expected the sheets {expected} (found: "
        "{shown}); 'verhalen workshop template' makes the template",
    ),
    "ws_column_missing": (
        "kolom '{header}' ontbreekt (de kopjes zijn: {expected})",
        "column '{header}' is missing (the headers are: {expected})",
    ),
    "ws_column_unknown": (
        "onbekende kolom '{header}' (de kopjes zijn: {expected})",
        "unknown column '{header}' (the headers are: {expected})",
    ),
    # review_sheet
    "ws_review_file": ("pseudonimisering.xlsx", "pseudonymisation.xlsx"),
    "ws_review_sheet_replacements": ("vervangingen", "replacements"),
    "ws_review_sheet_extra": ("extra termen", "extra terms"),
    "ws_review_sheet_howto": ("uitleg", "how to"),
    "ws_review_col_story": ("verhaal", "story"),
    "ws_review_col_title": ("titel", "title"),
    "ws_review_col_where": ("waar", "where"),
    "ws_review_col_kind": ("soort", "kind"),
    "ws_review_col_replacement": ("vervanging", "replacement"),
    "ws_review_col_found_by": ("gevonden door", "found by"),
    "ws_review_col_decision": ("besluit", "decision"),
    "ws_review_where_text": ("tekst", "text"),
    "ws_kind_person": ("persoon", "person"),
    "ws_kind_email": ("e-mail", "email"),
    "ws_kind_phone": ("telefoon", "phone"),
    "ws_kind_address": ("adres", "address"),
    "ws_kind_id": ("nummer", "id"),
    "ws_kind_place": ("plaats", "place"),
    "ws_kind_organisation": ("organisatie", "organisation"),
    "ws_engine_deduce_title": ("deduce (titel)", "deduce (title)"),
    "ws_engine_pattern": ("patroon", "pattern"),
    "ws_engine_list": ("projectlijst", "project list"),
    "ws_review_howto": ("Zo gebruik je dit bestand:", "How to use this file:"),
    "ws_review_step_read": (
        "1. Lees op het blad 'vervangingen' elke vervanging in haar context.",
        "1. On the sheet 'replacements', read every replacement in its context.",
    ),
    "ws_review_step_reject": (
        "2. Is het geen persoonsgegeven (een vals alarm)? Zet 'nee' in de kolom 'besluit'.",
        "2. Not personal data (a false alarm)? Put 'no' in the 'decision' column.",
    ),
    "ws_review_step_add": (
        "3. Mist er iets? Zet het op het blad 'extra termen' met een soort: persoon, e-mail, "
        "telefoon, adres, postcode, plaats, organisatie of term.",
        "3. Something missed? Add it to the sheet 'extra terms' with a kind: person, email, "
        "phone, address, postcode, place, organisation or term.",
    ),
    "ws_review_step_run": ("4. Sla op en voer uit: {command}", "4. Save and run: {command}"),
    "ws_review_engine": (
        "Namen herkend met: {engine} (zonder Frog). Plaatsen en organisaties blijven staan, "
        "tenzij verhalen.toml ze noemt in [privacy] replace.",
        "Names recognised with: {engine} (without Frog). Places and organisations stay unless "
        "verhalen.toml names them in [privacy] replace.",
    ),
    "ws_review_engine_frog": (
        "Namen herkend met: {engine} (Frog, met deduce). Plaatsen en organisaties blijven "
        "staan, tenzij verhalen.toml ze noemt in [privacy] replace.",
        "Names recognised with: {engine} (Frog, with deduce). Places and organisations stay "
        "unless verhalen.toml names them in [privacy] replace.",
    ),
    "ws_review_no_columns": (
        "{path}: geen kolommen 'term' en 'besluit' op het eerste blad",
        "{path}: no 'term' and 'decision' columns on the first sheet",
    ),
    "ws_review_bad_decision": (
        "'{value}' is geen besluit: laat het leeg (vervangen) of zet 'nee' (niet vervangen)",
        "'{value}' is no decision: leave it empty (replace) or put 'no' (do not replace)",
    ),
    "ws_review_no_kind": ("'{value}' is geen soort ({known})", "'{value}' is no kind ({known})"),
    # proposals
    "ws_proposals_head": (
        "# Verandervoorstellen uit duidingsbijeenkomsten (verhalen workshop import)",
        "# Change proposals from sensemaking workshops (verhalen workshop import)",
    ),
    "ws_proposals_unknown_key": (
        "onbekende sleutel '{key}' (verwacht alleen '{list}')",
        "unknown key '{key}' (expected only '{list}')",
    ),
    "ws_proposals_expected_list": (
        "verwacht '{list}:' met een lijst van voorstellen ({fields})",
        "expected '{list}:' with a list of proposals ({fields})",
    ),
    "ws_proposal_label": ("voorstel {number}", "proposal {number}"),
    "ws_proposal_expected": (
        "{label}: verwacht {head} en {last}",
        "{label}: expected {head} and {last}",
    ),
    "ws_proposal_unknown_key": (
        "{label}: onbekende sleutel '{key}' (bekend: {known})",
        "{label}: unknown key '{key}' (known: {known})",
    ),
    "ws_proposal_missing": ("{label}: {key} ontbreekt", "{label}: {key} is missing"),
    "ws_proposal_not_number": (
        "{label}: {key} '{raw}' is geen nummer",
        "{label}: {key} '{raw}' is not a number",
    ),
    "ws_proposal_no_perspective": (
        "{label}: {key} {number} bestaat niet (wel: {known}) en er staat geen {title} bij",
        "{label}: {key} {number} does not exist (known: {known}) and there is no {title}",
    ),
    "ws_proposal_empty_text": ("{label}: {key} is leeg", "{label}: {key} is empty"),
    # catalysis
    "ws_not_yaml": ("geen geldige YAML ({reason})", "not valid YAML ({reason})"),
    "ws_not_utf8": ("geen UTF-8-tekst", "not UTF-8 text"),
    "ws_catalysis_unknown_key": (
        "onbekende sleutel '{key}' (gebruik 'observaties')",
        "unknown key '{key}' (use 'observations')",
    ),
    "ws_catalysis_expected_list": (
        "verwacht een lijst 'observaties' met id, patronen, tekst en interpretaties",
        "expected a list 'observations' with id, patterns, text and interpretations",
    ),
    "ws_unknown_pattern": (
        "onbekend patroon '{id}' ('verhalen patterns list' toont alle ids)",
        "unknown pattern '{id}' ('verhalen patterns list' shows every id)",
    ),
    "ws_observation_expected": (
        "observatie {index}: verwacht id, patronen, tekst en interpretaties",
        "observation {index}: expected id, patterns, text and interpretations",
    ),
    "ws_observation_named": ("observatie '{id}'", "observation '{id}'"),
    "ws_observation_numbered": ("observatie {index}", "observation {index}"),
    "ws_catalysis_id_missing": ("id ontbreekt", "missing id"),
    "ws_catalysis_id_again": ("dit id komt al eerder voor", "this id is used before"),
    "ws_catalysis_key": ("onbekende sleutel '{key}'", "unknown key '{key}'"),
    "ws_catalysis_text_missing": ("tekst ontbreekt", "missing text"),
    "ws_catalysis_patterns_list": (
        "patronen: verwacht een lijst van ids",
        "patterns: expected a list of ids",
    ),
    "ws_catalysis_interpretations_list": (
        "interpretaties: verwacht een lijst",
        "interpretations: expected a list",
    ),
    "ws_interpretation_numbered": ("interpretatie {index}", "interpretation {index}"),
    "ws_interpretation_no_perspective": (
        "{where}: perspectief {number} bestaat niet (wel: {known})",
        "{where}: perspective {number} does not exist (known: {known})",
    ),
    "ws_catalysis_template": (
        "# Catalyse: waarnemingen bij de patronen, elk met interpretaties die elkaar\n"
        "# tegenspreken ('dit kan betekenen dat … maar ook dat …'). Zo begint de\n"
        "# duidingsbijeenkomst met vragen in plaats van conclusies.\n"
        "#\n"
        "# Haal het # weg voor de regels van het voorbeeld hieronder en schrijf je eigen\n"
        "# waarnemingen. 'verhalen report' zet ze in het rapport en controleert ze:\n"
        "# een onbekend patroon of perspectief wordt gemeld met de regel waar het staat.\n"
        "#\n"
        "# - id: een kort eigen woord, uniek\n"
        "# - patronen: ids uit de lijst onderaan (of het blad 'patronen' in het XLSX)\n"
        "# - perspectief: het nummer van een perspectief uit 'verhalen perspectives list',\n"
        "#   of de naam van een nieuw perspectief dat je in de verhalen ziet\n"
        "\n"
        "observaties:\n"
        "#  - id: voorbeeld\n"
        "#    patronen: [{first}, {second}]\n"
        "#    tekst: Wat je ziet in het patroon, zonder uitleg.\n"
        "#    interpretaties:\n"
        "#      - tekst: Dit kan betekenen dat …\n"
        "#        perspectief: {number}\n"
        "#      - tekst: Maar ook dat …\n"
        "#        perspectief: Een nieuw perspectief\n"
        "#      - Of dat …",
        "# Catalysis: observations about the patterns, each with interpretations that\n"
        "# compete ('this may mean that … but also that …'), so the sensemaking workshop\n"
        "# starts from questions rather than conclusions.\n"
        "#\n"
        "# Remove the # before the lines of the example below and write your own\n"
        "# observations. 'verhalen report' puts them in the report and checks them:\n"
        "# an unknown pattern or perspective is reported with the line where it is.\n"
        "#\n"
        "# - id: a short word of your own, unique\n"
        "# - patterns: ids from the list at the bottom (or the sheet 'patterns' of the XLSX)\n"
        "# - perspective: the number of a perspective in 'verhalen perspectives list',\n"
        "#   or the name of a new perspective you see in the stories\n"
        "\n"
        "observations:\n"
        "#  - id: example\n"
        "#    patterns: [{first}, {second}]\n"
        "#    text: What you see in the pattern, without explaining it.\n"
        "#    interpretations:\n"
        "#      - text: This may mean that …\n"
        "#        perspective: {number}\n"
        "#      - text: But also that …\n"
        "#        perspective: A new perspective\n"
        "#      - Or that …",
    ),
    "ws_catalysis_patterns_head": (
        "# Patronen, sterkste eerst (id: zin):",
        "# Patterns, strongest first (id: sentence):",
    ),
    "ws_catalysis_perspectives_head": (
        "# Perspectieven (nummer: titel):",
        "# Perspectives (number: title):",
    ),
    "ws_catalysis_more": (
        "# … en meer: alle ids staan op het blad 'patronen' van het rapport-XLSX.",
        "# … and more: every id is on the sheet 'patterns' of the report XLSX.",
    ),
}
