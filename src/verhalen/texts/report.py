"""Texts of the catalysis report: cover, glance, method and perspective chapters."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    # cover and frame
    "subtitle": ("Catalyserapport", "Catalysis report"),
    "data_date": ("Stand van de verhalen: {date}", "Stories as of {date}"),
    "cover_note": (
        "Materiaal voor de duidingsbijeenkomst: patronen en mogelijke interpretaties, geen "
        "conclusies.",
        "Material for the sensemaking workshop: patterns and possible interpretations, not "
        "conclusions.",
    ),
    "cover_made": ("Gemaakt met verhalen {version}", "Made with verhalen {version}"),
    "contents": ("Inhoud", "Contents"),
    "page": ("pagina", "page"),
    "footer": ("{name} · catalyserapport", "{name} · catalysis report"),
    "file_pdf": ("catalysisrapport.pdf", "catalysis-report.pdf"),
    "report_folder": ("rapport", "report"),
    "file_xlsx": ("catalysisrapport.xlsx", "catalysis-report.xlsx"),
    # glance
    "glance": ("In één oogopslag", "At a glance"),
    "fig_storytellers": ("vertellers", "storytellers"),
    "fig_stories": ("verhalen", "stories"),
    "fig_sessions": ("sessies", "sessions"),
    "fig_perspectives": ("perspectieven", "perspectives"),
    "fig_patterns": ("opvallende patronen", "notable patterns"),
    "words_line": (
        "Samen {words} woorden; de helft van de verhalen telt meer dan {median} woorden.",
        "Together {words} words; half of the stories are longer than {median} words.",
    ),
    "unassigned_line": (
        "{share} van de verhalen past bij geen enkel perspectief.",
        "{share} of the stories fit no perspective.",
    ),
    "strongest": ("De sterkste patronen", "The strongest patterns"),
    "panel_groups": ("Vertellers per groep", "Storytellers per group"),
    "panel_perspectives": ("Verhalen per perspectief", "Stories per perspective"),
    "unknown_group": ("onbekend", "unknown"),
    "no_session": ("zonder sessie", "no session"),
    # method
    "method": (
        "Hoe de verhalen zijn verzameld en geanalyseerd",
        "How the stories were collected and analysed",
    ),
    "collected": ("Verzamelen", "Collecting"),
    "formats_one": ("één bestandsvorm", "one file format"),
    "formats_many": ("{n} bestandsvormen", "{n} file formats"),
    "nowhere": ("past nergens bij", "fits nowhere"),
    "sessions_line": ("Verhalen per sessie: {list}.", "Stories per session: {list}."),
    "formats_line": (
        "De verhalen zijn ingelezen uit {files} ({list}).",
        "The stories were read from {files} ({list}).",
    ),
    "form": ("Het verhalenformulier", "The story form"),
    "form_intro": (
        "Na elk verhaal beantwoordden de vertellers vragen over hun verhaal en over zichzelf. "
        "Hun eigen antwoorden zeggen wat het verhaal voor hen betekende.",
        "After each story the storytellers answered questions about their story and about "
        "themselves. Their own answers say what the story meant to them.",
    ),
    "about_story": ("Over het verhaal", "About the story"),
    "about_storyteller": ("Over de verteller", "About the storyteller"),
    "type_single": ("één keuze uit: {options}", "one choice of: {options}"),
    "type_multiple": ("meer keuzes uit: {options}", "several choices of: {options}"),
    "type_scale": ("schaal {lo} tot {hi}", "scale {lo} to {hi}"),
    "type_scale_labels": (
        "schaal {lo} ({low}) tot {hi} ({high})",
        "scale {lo} ({low}) to {hi} ({high})",
    ),
    "type_boolean": ("ja of nee", "yes or no"),
    "type_number": ("een getal", "a number"),
    "type_text": ("open antwoord", "open answer"),
    "type_triad": (
        "driehoek: drie delen die samen 100 zijn, of nvt",
        "triad: three shares adding up to 100, or n/a",
    ),
    "type_dyad": (
        "dyade: 0 tot 100 tussen twee polen, of nvt",
        "dyad: 0 to 100 between two poles, or n/a",
    ),
    "type_stones": ("stenen op een veld: x en y 0 tot 100", "stones on a canvas: x and y 0 to 100"),
    "no_form": ("Het project heeft (nog) geen vragen.", "The project has no questions (yet)."),
    "privacy": ("Privacy", "Privacy"),
    "privacy_done": (
        "Namen, e-mailadressen, telefoonnummers en adressen in de verhalen zijn vervangen door "
        "plaatshouders zoals [PERSOON-1]: {replacements} vervangingen ({kinds}) in {changed} van "
        "de {stories} verhalen; namen herkend met {engine}. Door de begeleider gecontroleerd: "
        "{reviewed} vervangingen, nog niet gecontroleerd: {unreviewed}. Dit rapport toont "
        "alleen die versie. Open antwoorden ({questions}) worden niet gepseudonimiseerd en "
        "staan daarom niet in dit rapport.",
        "Names, e-mail addresses, phone numbers and addresses in the stories were replaced by "
        "placeholders such as [PERSON-1]: {replacements} replacements ({kinds}) in {changed} of "
        "the {stories} stories; names recognised with {engine}. Reviewed by the facilitator: "
        "{reviewed} replacements, not yet reviewed: {unreviewed}. This report shows only that "
        "version. Open answers ({questions}) are not pseudonymised and are therefore left out "
        "of this report.",
    ),
    "privacy_done_short": (
        "Namen, e-mailadressen, telefoonnummers en adressen in de verhalen zijn vervangen door "
        "plaatshouders zoals [PERSOON-1]: {replacements} vervangingen ({kinds}) in {changed} van "
        "de {stories} verhalen; namen herkend met {engine}. Door de begeleider gecontroleerd: "
        "{reviewed} vervangingen, nog niet gecontroleerd: {unreviewed}. Dit rapport toont "
        "alleen die versie.",
        "Names, e-mail addresses, phone numbers and addresses in the stories were replaced by "
        "placeholders such as [PERSON-1]: {replacements} replacements ({kinds}) in {changed} of "
        "the {stories} stories; names recognised with {engine}. Reviewed by the facilitator: "
        "{reviewed} replacements, not yet reviewed: {unreviewed}. This report shows only that "
        "version.",
    ),
    "privacy_todo": (
        "Let op: de verhalen zijn nog niet gepseudonimiseerd. Voer 'verhalen anonymize' uit "
        "voordat je dit rapport deelt.",
        "Note: the stories have not been pseudonymised yet. Run 'verhalen anonymize' before "
        "you share this report.",
    ),
    "perspectives_method": ("Perspectieven", "Perspectives"),
    "run_line": (
        "De verhalen zijn op {date} automatisch gegroepeerd in kandidaat-perspectieven "
        "(run {run}): embeddings '{embedder}', startgetal (seed) {seed}. Ze zijn {stability} "
        "keer gegroepeerd, telkens op een steekproef van 80% van de verhalen; de perspectieven "
        "zijn de groepen die daarbij steeds samen vielen, en hun stabiliteit is hoe vaak dat "
        "gebeurde. Dat gaf {perspectives}.",
        "On {date} the stories were grouped automatically into candidate perspectives "
        "(run {run}): embeddings '{embedder}', seed {seed}. They were grouped {stability} "
        "times, each time on a sample of 80% of the stories; the perspectives are the groups "
        "that kept landing together, and their stability is how often they did. That gave "
        "{perspectives}.",
    ),
    "run_fixed_k": (
        "Er is om precies {k} perspectieven gevraagd.",
        "Exactly {k} perspectives were asked for.",
    ),
    "run_guided": (
        "De groepering is gestuurd met eigen thema's: {themes}.",
        "The grouping was guided by own themes: {themes}.",
    ),
    "run_unassigned": (
        "{share} van de verhalen past bij geen perspectief ('{nowhere}'); bij het clusteren was "
        "dat {model_share}.",
        "{share} of the stories fit no perspective ('{nowhere}'); at clustering it was "
        "{model_share}.",
    ),
    "run_unassigned_same": (
        "{share} van de verhalen past bij geen perspectief ('{nowhere}').",
        "{share} of the stories fit no perspective ('{nowhere}').",
    ),
    "run_edits": (
        "Daarna heeft de facilitator de perspectieven bewerkt: {edits}.",
        "The facilitator then edited the perspectives: {edits}.",
    ),
    "run_versions": ("Versies: {versions}.", "Versions: {versions}."),
    "run_too_short": (
        "{stories} met minder dan {min_words} echte woorden zijn niet gegroepeerd maar apart "
        "gezet als '{title}'; ze tellen niet mee in het aandeel dat nergens bij past.",
        "{stories} with fewer than {min_words} real words were not clustered but set apart as "
        "'{title}'; they do not count in the share that fits nowhere.",
    ),
    "excluded_line": (
        "{stories} uitgesloten van de analyse (ze staan niet in dit rapport, de patronen en de "
        "perspectieven):",
        "{stories} excluded from the analysis (they are not in this report, the patterns or "
        "the perspectives):",
    ),
    "run_none": (
        "De verhalen zijn nog niet in perspectieven gegroepeerd ('verhalen cluster').",
        "The stories have not been grouped into perspectives yet ('verhalen cluster').",
    ),
    "edit_rename": ("hernoemd", "renamed"),
    "edit_describe": ("beschreven", "described"),
    "edit_merge": ("samengevoegd", "merged"),
    "edit_split": ("gesplitst", "split"),
    "edit_move": ("verhaal verplaatst", "story moved"),
    "edit_delete": ("opgeheven", "dissolved"),
    "edit_activate": ("run gekozen", "run chosen"),
    "patterns_method": ("Patronen", "Patterns"),
    "patterns_method_text": (
        "Elk paar van antwoorden, vertellerskenmerken, sessie, taal, lengte en perspectief is "
        "getoetst met de toets die bij hun soort past: χ² of Fisher (keuze met keuze), "
        "Mann-Whitney of Kruskal-Wallis (keuze met getal) en Spearman (getal met getal). Alle "
        "p-waarden zijn samen gecorrigeerd voor het aantal toetsen (Benjamini-Hochberg); een "
        "patroon heet opvallend bij een gecorrigeerde p onder {alpha}{effect}. Categorieën met "
        "minder dan {min_group} verhalen staan in de tabellen maar doen niet mee in de toets. "
        "Van de {pairs} paren zijn er {tested} getoetst; {significant} zijn opvallend.",
        "Every pair of answers, storyteller attributes, session, language, length and "
        "perspective was tested with the test that fits their kinds: χ² or Fisher (choice with "
        "choice), Mann-Whitney or Kruskal-Wallis (choice with number) and Spearman (number with "
        "number). All p-values were corrected together for the number of tests "
        "(Benjamini-Hochberg); a pattern is called notable at a corrected p below "
        "{alpha}{effect}. Categories with fewer than {min_group} stories are shown in the "
        "tables but left out of the test. Of the {pairs} pairs, {tested} were tested; "
        "{significant} are notable.",
    ),
    "patterns_min_effect": (
        " en een effectgrootte van minstens {effect}",
        " and an effect size of at least {effect}",
    ),
    "patterns_caution": (
        "Een patroon zegt dat iets samen voorkomt, niet waarom. Wat het betekent, bepalen de "
        "deelnemers van de duidingsbijeenkomst.",
        "A pattern says that things go together, not why. What it means is for the "
        "participants of the sensemaking workshop to decide.",
    ),
    # perspectives
    "perspectives": ("Perspectieven", "Perspectives"),
    "perspectives_intro": (
        "Een perspectief is een groep verhalen die in woorden en betekenis op elkaar lijken, "
        "automatisch gevonden en daarna door de facilitator nagelopen. Het is een voorstel om "
        "over te praten, geen indeling die vastligt.",
        "A perspective is a group of stories that are alike in wording and meaning, found "
        "automatically and then reviewed by the facilitator. It is a proposal to talk about, "
        "not a fixed classification.",
    ),
    "perspective_title": ("Perspectief {number}: {title}", "Perspective {number}: {title}"),
    "perspective_size": (
        "{stories} ({share} van alle verhalen), verteld door {storytellers}.",
        "{stories} ({share} of all stories), told by {storytellers}.",
    ),
    "no_description": (
        'Nog geen beschrijving (verhalen perspectives describe {number} "…").',
        'No description yet (verhalen perspectives describe {number} "…").',
    ),
    "key_terms": ("Kernwoorden: {terms}.", "Key terms: {terms}."),
    "key_phrases": ("Kernzinnen: {phrases}.", "Key phrases: {phrases}."),
    "model_label": (
        "Naam die het model voorstelde: {label}.",
        "The model's proposed name: {label}.",
    ),
    "name_proposed": (
        "De naam is een voorstel uit de verhalen zelf; geef een eigen naam met verhalen "
        'perspectives rename {number} "…".',
        "The name is a proposal taken from the stories themselves; give your own with verhalen "
        'perspectives rename {number} "…".',
    ),
    "summary": ("In een paar zinnen", "In a few sentences"),
    "summary_line": ("“{sentence}” (verhaal {story})", "“{sentence}” (story {story})"),
    "near_miss": ("Een verhaal dat er bijna bij hoort", "A story that almost belongs"),
    "near_miss_intro": (
        "Dit verhaal staat in perspectief {number}, maar ligt van alle verhalen daarbuiten het "
        "dichtst bij dit perspectief: een grensgeval om over te praten.",
        "This story is in perspective {number}, yet of all stories outside this perspective it "
        "lies closest to it: a borderline case to talk about.",
    ),
    "stability_robust": (
        "Stabiliteit {value}: stevig. Bij opnieuw groeperen van steekproeven uit de verhalen "
        "komt deze groep steeds terug.",
        "Stability {value}: robust. When samples of the stories are grouped again, this group "
        "comes back every time.",
    ),
    "stability_fair": (
        "Stabiliteit {value}: redelijk. Bij opnieuw groeperen van steekproeven komt deze groep "
        "meestal terug, soms in een andere samenstelling.",
        "Stability {value}: fair. When samples are grouped again, this group usually comes "
        "back, sometimes with other stories.",
    ),
    "stability_shaky": (
        "Stabiliteit {value}: wankel. Bij opnieuw groeperen van steekproeven valt deze groep "
        "vaak anders uit; lees hem als een voorlopige groepering.",
        "Stability {value}: shaky. When samples are grouped again, this group often turns out "
        "differently; read it as a tentative grouping.",
    ),
    "stability_none": ("Stabiliteit: niet gemeten.", "Stability: not measured."),
    "who_tells": ("Wie vertelt het?", "Who tells it?"),
    "who_tells_caption": (
        "Aandeel van de verhalen per {group}: in dit perspectief tegenover alle verhalen.",
        "Share of the stories per {group}: in this perspective against all stories.",
    ),
    "this_perspective": ("dit perspectief", "this perspective"),
    "all_stories": ("alle verhalen", "all stories"),
    "all_storytellers": ("alle vertellers", "all storytellers"),
    "stories_word": ("verhalen", "stories"),
    "storytellers_word": ("vertellers", "storytellers"),
    "share_of_stories": ("aandeel van de verhalen", "share of the stories"),
    "group": ("groep", "group"),
    "exemplars": ("Voorbeeldverhalen", "Example stories"),
    "story_source": ("verhaal {id}", "story {id}"),
    "story_untitled": ("Verhaal {id}", "Story {id}"),
    "words": ("{n} woorden", "{n} words"),
    "notable": ("Opvallend in dit perspectief", "Notable in this perspective"),
    "notable_none": (
        "Geen patronen die in dit perspectief duidelijk afwijken.",
        "No patterns that clearly stand out in this perspective.",
    ),
    "cell_more": (
        "{what}: {inside} in dit perspectief tegen {outside} in de andere verhalen",
        "{what}: {inside} in this perspective against {outside} in the other stories",
    ),
    "cell_less": (
        "{what}: {inside} in dit perspectief tegen {outside} in de andere verhalen (minder vaak)",
        "{what}: {inside} in this perspective against {outside} in the other stories (less often)",
    ),
    "chosen": ("'{option}' gekozen bij {topic}", "'{option}' chosen for {topic}"),
    "median_line": (
        "{what}: mediaan {inside} in dit perspectief tegen {outside} in de andere verhalen",
        "{what}: median {inside} in this perspective against {outside} in the other stories",
    ),
    "interpretations_here": (
        "Interpretaties bij dit perspectief",
        "Interpretations for this perspective",
    ),
    "unassigned_intro": (
        "Deze verhalen lijken op geen van de perspectieven genoeg om erbij te horen. Juist zulke "
        "verhalen kunnen een stem laten horen die weinig klinkt.",
        "These stories are not close enough to any perspective to belong to it. Such stories "
        "can carry a voice that is rarely heard.",
    ),
}
