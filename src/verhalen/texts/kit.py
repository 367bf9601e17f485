"""Texts of the workshop kit: agenda, timeline, landscapes and their axes and legends."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    # kit
    "kit_file_landscape": ("landschap.pdf", "landscape.pdf"),
    "kit_file_blank": ("landschap-leeg.pdf", "landscape-blank.pdf"),
    "kit_file_legend": ("landschap-legenda.pdf", "landscape-legend.pdf"),
    "kit_file_timeline": ("tijdlijn.pdf", "timeline.pdf"),
    "kit_file_elements": ("verhaalelementen.pdf", "story-elements.pdf"),
    "kit_file_composite": ("samengesteld-verhaal.pdf", "composite-story.pdf"),
    "kit_file_agenda": ("programma.pdf", "agenda.pdf"),
    "kit_paper": ("--paper {paper}: a4 of a3", "--paper {paper}: a4 or a3"),
    "kit_no_landscape": (
        "geen landschap: het formulier heeft geen twee schaalvragen of dyades en geen driehoek",
        "no landscape: the form has no two scale or dyad questions and no triad",
    ),
    # kit_agenda
    "kit_unknown_exercise": (
        "--exercises {name}: onbekende opdracht (kies uit: {choices})",
        "--exercises {name}: unknown exercise (choose from: {choices})",
    ),
    "kit_ex_landscape": ("Landschap", "Landscape"),
    "kit_ex_landscape_materials": (
        "{blank} (A3), {landscape}, {legend}, verhaalkaarten, post-its",
        "{blank} (A3), {landscape}, {legend}, story cards, sticky notes",
    ),
    "kit_ex_landscape_lay": (
        "Leg het lege landschap op tafel en lees de twee vragen en hun uitersten hardop.",
        "Lay the empty landscape on the table; read the two questions and their ends aloud.",
    ),
    "kit_ex_landscape_place": (
        "Iedereen legt een paar kaarten waar de groep vindt dat ze horen, en zegt in één zin "
        "waarom daar.",
        "Everyone places a few cards where the group thinks they belong, and says in one "
        "sentence why there.",
    ),
    "kit_ex_landscape_compare": (
        "Leg het landschap met de antwoorden van de vertellers ernaast. Waar verschilt de plek "
        "van de groep van die van de verteller?",
        "Put the landscape with the storytellers' own answers beside it. Where does the group's "
        "place differ from the storyteller's?",
    ),
    "kit_ex_landscape_look": (
        "Kijk naar drukke hoeken en lege plekken: welke verhalen ontbreken? Schrijf "
        "waarnemingen op post-its: wat je ziet, nog zonder uitleg.",
        "Look at crowded corners and empty places: which stories are missing? Write "
        "observations on sticky notes: what you see, no explanation yet.",
    ),
    "kit_ex_landscape_explain": (
        "Zoek bij elke waarneming twee uitleggen die elkaar tegenspreken, en noteer de "
        "verhaalnummers. Maak een foto voordat de kaarten van tafel gaan.",
        "Find two explanations that contradict each other for every observation, and note the "
        "story numbers. Take a photo before the cards leave the table.",
    ),
    "kit_ex_timeline": ("Tijdlijn", "Timeline"),
    "kit_ex_timeline_materials": (
        "{timeline}, schaar, plakband, gekleurde stickers, stiften",
        "{timeline}, scissors, tape, coloured stickers, markers",
    ),
    "kit_ex_timeline_cut": (
        "Knip de stroken los en plak ze op volgorde aan elkaar (strook 2 op het lipje van "
        "strook 1): één lange lijn aan de muur.",
        "Cut the strips apart and tape them together in order (strip 2 on the tab of strip 1): "
        "one long line on the wall.",
    ),
    "kit_ex_timeline_walk": (
        "Loop langs de lijn en lees per periode een paar titels; pak de kaart erbij als je meer "
        "wilt weten.",
        "Walk along the line and read a few titles per period; take the card when you want to "
        "know more.",
    ),
    "kit_ex_timeline_stickers": (
        "Plak stickers: groen waar het goed ging, rood waar het wrong, geel bij een keerpunt.",
        "Add stickers: green where things went well, red where they chafed, yellow at a "
        "turning point.",
    ),
    "kit_ex_timeline_events": (
        "Schrijf boven de lijn wat er in die tijd speelde: gebeurtenissen, besluiten, "
        "veranderingen.",
        "Write above the line what was going on at the time: events, decisions, changes.",
    ),
    "kit_ex_timeline_changes": (
        "Wat verandert er door de tijd, en wat blijft hetzelfde? Schrijf waarnemingen en bij "
        "elk twee uitleggen op.",
        "What changes over time, and what stays the same? Write observations with two "
        "explanations each.",
    ),
    "kit_ex_elements": ("Verhaalelementen", "Story elements"),
    "kit_ex_elements_materials": (
        "{elements} op etiketvellen 70 × 37 mm, verhaalkaarten, grote vellen papier",
        "{elements} on 70 × 37 mm label sheets, story cards, large sheets of paper",
    ),
    "kit_ex_elements_read": (
        "Elke tafel neemt 6 tot 10 kaarten. Lees een verhaal en schrijf op een etiket één "
        "element dat je erin vindt, met het verhaalnummer.",
        "Each table takes 6 to 10 cards. Read a story and write one element you find in it on "
        "a label, with the story number.",
    ),
    "kit_ex_elements_kinds": (
        "Personage: wie komt erin voor (een rol, geen naam)? Situatie: welk moment of "
        "probleem? Waarde: wat vindt iemand belangrijk? Thema: waar gaat het over?",
        "Character: who is in it (a role, not a name)? Situation: which moment or problem? "
        "Value: what does someone find important? Theme: what is it about?",
    ),
    "kit_ex_elements_cluster": (
        "Plak de etiketten op een groot vel en schuif ze in groepjes die bij elkaar horen.",
        "Stick the labels on a large sheet and move them into clusters that belong together.",
    ),
    "kit_ex_elements_name": (
        "Geef elk groepje een naam in jullie eigen woorden: dat zijn de nieuwe elementen ('het "
        "wachten', 'de regelvaste ambtenaar').",
        "Name each cluster in your own words: these are the new elements ('the waiting', 'the "
        "by-the-book official').",
    ),
    "kit_ex_composite": ("Samengesteld verhaal", "Composite story"),
    "kit_ex_composite_materials": (
        "{composite} (A3), de etiketten uit de vorige opdracht",
        "{composite} (A3), the labels from the previous exercise",
    ),
    "kit_ex_composite_choose": (
        "Kies per tafel een perspectief, thema of vraag.",
        "Each table chooses a perspective, theme or question.",
    ),
    "kit_ex_composite_build": (
        "Bouw met de etiketten een nieuw verhaal op het sjabloon: wie, waar en wanneer, wat er "
        "gebeurt, het keerpunt, de afloop, wat er op het spel staat.",
        "Build a new story on the template from the labels: who, where and when, what happens, "
        "the turning point, the outcome, what is at stake.",
    ),
    "kit_ex_composite_possible": (
        "Het verhaal hoeft niet echt gebeurd te zijn, maar moet kunnen: elk deel komt uit de "
        "verhalen (noteer de nummers).",
        "The story need not have happened, but it must be possible: every part comes from the "
        "stories (note the numbers).",
    ),
    "kit_ex_composite_tell": (
        "Vertel het verhaal aan de andere tafels. Herkennen zij het? Wat zou er anders moeten?",
        "Tell the story to the other tables. Do they recognise it? What should change?",
    ),
    "kit_ex_proposals": (
        "Schrijf verandervoorstellen op: wat, wie pakt het op, en waarom.",
        "Write change proposals: what, who takes it up, and why.",
    ),
    "kit_ex_perspectives": ("Perspectievenronde", "Perspective round"),
    "kit_ex_perspectives_materials": (
        "perspectiefbladen en de kaarten van die perspectieven",
        "perspective sheets and the cards of those perspectives",
    ),
    "kit_ex_perspectives_read": (
        "Elke tafel krijgt twee of drie perspectiefbladen. Lees het blad en de fragmenten "
        "hardop voor.",
        "Each table gets two or three perspective sheets. Read the sheet and the fragments aloud.",
    ),
    "kit_ex_perspectives_discuss": (
        "Bespreek de drie vragen op het blad, één voor één.",
        "Discuss the three questions on the sheet, one at a time.",
    ),
    "kit_ex_perspectives_name": (
        "Klopt de naam? Geef het perspectief een naam en een beschrijving in de woorden van de "
        "groep; noteer kaarten die bij een ander perspectief horen.",
        "Does the name fit? Name the perspective and describe it in the group's own words; note "
        "cards that belong to another perspective.",
    ),
    "kit_welcome": ("welkom", "welcome"),
    "kit_welcome_what": ("doel, spelregels, privacy", "aim, ground rules, privacy"),
    "kit_reading": ("verhalen lezen", "reading stories"),
    "kit_reading_what": (
        "iedereen leest in stilte 8 tot 10 kaarten",
        "everyone reads 8 to 10 cards in silence",
    ),
    "kit_break": ("pauze", "break"),
    "kit_closing": ("terugblik", "closing"),
    "kit_closing_what": (
        "elke tafel deelt haar sterkste inzicht; vervolgafspraken",
        "each table shares its strongest insight; next steps",
    ),
    "kit_agenda_title": ("Programma", "Agenda"),
    "kit_workshop": ("duidingsbijeenkomst", "sensemaking workshop"),
    "kit_exercise": ("Opdracht: {name} ({minutes} min)", "Exercise: {name} ({minutes} min)"),
    "kit_materials": ("Materiaal", "Materials"),
    "kit_reminder": (
        "Er zijn geen foute verhalen. Schrijf waarnemingen eerst zonder uitleg op, en zoek "
        "daarna bij elke waarneming minstens twee uitleggen. Meer in de handleiding: "
        "workshops/handleiding-sensemaking.md.",
        "There are no wrong stories. Write observations down without explanation first, then "
        "find at least two explanations for each. More in the facilitator guide: "
        "workshops/handleiding-sensemaking.md.",
    ),
    # kit_sheets
    "kit_el_character": ("Personage", "Character"),
    "kit_el_character_prompt": (
        "Wie komt erin voor? Een rol, geen naam. Wat wil die, wat doet die?",
        "Who is in it? A role, not a name. What do they want, what do they do?",
    ),
    "kit_el_situation": ("Situatie", "Situation"),
    "kit_el_situation_prompt": (
        "Welk moment, probleem of keerpunt? Wat gebeurt er?",
        "Which moment, problem or turning point? What happens?",
    ),
    "kit_el_value": ("Waarde", "Value"),
    "kit_el_value_prompt": (
        "Wat vindt iemand hier belangrijk? Wat staat er op het spel?",
        "What does someone find important here? What is at stake?",
    ),
    "kit_el_theme": ("Thema", "Theme"),
    "kit_el_theme_prompt": (
        "Waar gaat dit verhaal eigenlijk over, onder de oppervlakte?",
        "What is this story really about, under the surface?",
    ),
    "kit_labels_size": ("3 × 8 etiketten van 70 × 37 mm op A4", "3 × 8 labels of 70 × 37 mm on A4"),
    "kit_elements_title": ("Verhaalelementen", "Story elements"),
    "kit_elements_doc": ("Verhaalelementen ({size})", "Story elements ({size})"),
    "kit_labels_plain": (
        "Dit eerste blad op gewoon papier; de bladen 2 tot en met 5 op etiketvellen met 24 "
        "etiketten (3 × 8) van 70 × 37 mm zonder rand.",
        "This first page on plain paper; pages 2 to 5 on label sheets with 24 labels (3 × 8) "
        "of 70 × 37 mm without margins.",
    ),
    "kit_labels_print": (
        "Print op 100 % (niet 'passend maken'). Geen etiketvellen? Print op gewoon papier, "
        "knip langs de lijnen en plak met plakband.",
        "Print at 100 % (not 'fit to page'). No label sheets? Print on plain paper, cut along "
        "the lines and use tape.",
    ),
    "kit_labels_pages": (
        "Blad 2: personages · blad 3: situaties · blad 4: waarden · blad 5: thema's (24 per "
        "blad; print er zoveel als nodig).",
        "Page 2: characters · page 3: situations · page 4: values · page 5: themes (24 per "
        "page; print as many as you need).",
    ),
    "kit_labels_one": (
        "Eén element per etiket, met het verhaalnummer. De etiketten passen in de vakken van "
        "het sjabloon voor een samengesteld verhaal.",
        "One element per label, with the story number. The labels fit the boxes of the "
        "composite-story template.",
    ),
    "kit_label_story": ("verhaal #", "story #"),
    "kit_composite_title": ("Samengesteld verhaal", "Composite story"),
    "kit_box_who": ("1. Wie", "1. Who"),
    "kit_box_who_prompt": ("de personages: wie komen erin voor?", "the characters: who is in it?"),
    "kit_box_where": ("2. Waar en wanneer", "2. Where and when"),
    "kit_box_where_prompt": ("de situatie waarin het begint", "the situation it starts in"),
    "kit_box_what": ("3. Wat gebeurt er", "3. What happens"),
    "kit_box_what_prompt": ("wat zet het verhaal in gang?", "what sets the story going?"),
    "kit_box_turn": ("4. Het keerpunt", "4. The turning point"),
    "kit_box_turn_prompt": ("wat verandert er, of wie?", "what or who changes?"),
    "kit_box_outcome": ("5. De afloop", "5. The outcome"),
    "kit_box_outcome_prompt": ("hoe loopt het af, voor wie?", "how does it end, and for whom?"),
    "kit_box_stake": ("6. Wat staat er op het spel", "6. What is at stake"),
    "kit_box_stake_prompt": ("de waarden en het thema", "the values and the theme"),
    "kit_composite_head": ("tafel: __________   titel:", "table: __________   title:"),
    "kit_composite_sentence": ("Ons verhaal in één zin:", "Our story in one sentence:"),
    "kit_composite_sources": ("Uit de verhalen (nummers):", "From the stories (numbers):"),
    "kit_composite_footer": (
        "Plak de etiketten uit de opdracht verhaalelementen in de vakken.",
        "Stick the labels from the story-elements exercise in the boxes.",
    ),
    # kit_timeline
    "kit_choose_from": ("kies uit: {choices}", "choose from: {choices}"),
    "kit_by_unknown": (
        "--by {by}: onbekende vraag ({choose})",
        "--by {by}: unknown question ({choose})",
    ),
    "kit_by_no_order": (
        "--by {by}: een {type}-vraag geeft geen volgorde ({choose})",
        "--by {by}: a {type} question gives no order ({choose})",
    ),
    "kit_no_answer": ("geen antwoord", "no answer"),
    "kit_no_session": ("geen sessie", "no session"),
    "kit_by_session": ("op sessie", "by session"),
    "kit_old_to_new": ("(oud → nieuw)", "(old → new)"),
    "kit_timeline_title": ("Tijdlijn", "Timeline"),
    "kit_page": ("blad {page}/{pages}", "page {page}/{pages}"),
    "kit_timeline_footer": (
        "✂ Knip langs de stippellijnen en plak elke strook op het grijze lipje van de vorige. "
        "Nummer = verhaalnummer (zoals op de kaarten).",
        "✂ Cut along the dotted lines and tape each strip onto the grey tab of the one before. "
        "Number = story number (as on the cards).",
    ),
    "kit_strip": ("strook {number}", "strip {number}"),
    "kit_tape_here": ("plak strook {number} hier", "tape strip {number} here"),
    # kit_landscape and landscape_place
    "kit_placed": (
        "{placed} verhalen geplaatst, {unplaced} niet",
        "{placed} stories placed, {unplaced} not",
    ),
    "kit_legend_file": ("Legenda: {file}", "Legend: {file}"),
    "kit_table_group": ("tafel / groep: ________________", "table / group: ________________"),
    "kit_place_note": (
        "Leg de kaarten waar de groep ze plaatst, of schrijf hun nummers op die plek. Maak een "
        "foto of noteer per verhaal de plek voordat de kaarten van tafel gaan.",
        "Lay the cards where the group places them, or write their numbers there. Take a photo "
        "or note each story's place before the cards leave the table.",
    ),
    "kit_landscape_title": ("Landschap: {questions}", "Landscape: {questions}"),
    "kit_triad_how": (
        "Elke hoek is 100 % van dat antwoord; hoe dichter bij een hoek, hoe meer het verhaal "
        "daarover gaat. Het midden is van elk een derde.",
        "Each corner is 100 % of that answer; the nearer a corner, the more the story is about "
        "it. The centre is a third of each.",
    ),
    "kit_no_room": (
        "verhaal {id}: geen plaats op het canvas",
        "story {id}: no room on the canvas",
    ),
    # landscape_axes
    "kit_kind_scale_or_dyad": ("schaal- of dyadevraag", "scale or dyad question"),
    "kit_kind_scale": ("schaalvraag", "scale question"),
    "kit_no_axis_questions": (
        "het formulier heeft geen schaalvragen of dyades",
        "the form has no scale or dyad questions",
    ),
    "kit_option_unknown": (
        "{option} {id}: onbekende vraag ({choose})",
        "{option} {id}: unknown question ({choose})",
    ),
    "kit_triad_hint": ("een driehoek: --triad {id}", "a triad: --triad {id}"),
    "kit_not_axis": (
        "{option} {id}: geen {kind} maar {type} ({choose}){hint}",
        "{option} {id}: not a {kind} but {type} ({choose}){hint}",
    ),
    "kit_no_scale_left": (
        "{option}: geen schaalvraag over (het formulier heeft er {count})",
        "{option}: no scale question left (the form has {count})",
    ),
    "kit_same_axes": (
        "--x en --y zijn dezelfde vraag ({id}): kies er twee uit {choices}",
        "--x and --y are the same question ({id}): choose two from {choices}",
    ),
    "kit_no_triads": ("het formulier heeft geen driehoeken", "the form has no triads"),
    "kit_not_triad": (
        "{option} {id}: geen driehoek maar {type} ({choose})",
        "{option} {id}: not a triad but {type} ({choose})",
    ),
    "kit_triad_with_axes": (
        "--triad gaat niet samen met --x of --y: een driehoek heeft zijn eigen hoeken",
        "--triad does not go with --x or --y: a triad has its own corners",
    ),
    # landscape_legend
    "kit_spreading_note": (
        "Nummer = verhaalnummer (zoals op de kaarten). Verhalen met (bijna) dezelfde antwoorden "
        "liggen zo dicht mogelijk rond hun punt (•), het laagste nummer waar het kan op het punt; "
        "een nummer dat verder dan één plaats opschoof, heeft een dun lijntje naar zijn punt.",
        "Number = story number (as on the cards). Stories with (nearly) the same answers lie as "
        "close as they can around their point (•), the lowest number on the point where it fits; a "
        "number moved further than one place has a thin line to its point.",
    ),
    "kit_results_triad": (
        "In het resultatensjabloon (blad landschap): landschap {key}, het verhaalnummer en de "
        "drie delen zoals de groep het verhaal legde (bijvoorbeeld 60/30/10).",
        "In the results template (sheet landschap): landscape {key}, the story number and the "
        "three shares as the group placed the story (for example 60/30/10).",
    ),
    "kit_results_axes": (
        "In het resultatensjabloon (blad landschap): landschap {key}, het verhaalnummer en x "
        "({lo_x:g}–{hi_x:g}) en y ({lo_y:g}–{hi_y:g}) zoals de groep het verhaal legde.",
        "In the results template (sheet landschap): landscape {key}, the story number and x "
        "({lo_x:g}–{hi_x:g}) and y ({lo_y:g}–{hi_y:g}) as the group placed the story.",
    ),
    "kit_col_group": ("groep", "group"),
    "kit_col_title": ("titel", "title"),
    "kit_legend_title": ("Legenda bij het landschap", "Landscape legend"),
    "kit_corners": (
        "{top} (boven), {left} (linksonder), {right} (rechtsonder)",
        "{top} (top), {left} (bottom left), {right} (bottom right)",
    ),
    "kit_triad": ("Driehoek", "Triad"),
    "kit_across": ("Horizontaal", "Across"),
    "kit_up": ("Verticaal", "Up"),
    "kit_not_placed": ("Niet geplaatst", "Not placed"),
    "kit_unplaced_triad": (
        "Deze verhalen hebben de driehoek niet ingevuld of 'niet van toepassing' gekozen.",
        "These stories left the triad empty or chose 'not applicable'.",
    ),
    "kit_unplaced_axes": (
        "Deze verhalen hebben geen antwoord op een van de twee vragen.",
        "These stories have no answer to one of the two questions.",
    ),
    "kit_no_answer_to": ("geen antwoord op", "no answer to"),
}
