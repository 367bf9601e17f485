"""Texts of patterns (verhalen/patterns/): variables, tests and the sentences that describe them."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    # patterns.variables
    "pat_session": ("Sessie", "Session"),
    "pat_language": ("Taal", "Language"),
    "pat_words": ("Woorden", "Words"),
    "pat_group_label": ("Groep", "Group"),
    "pat_perspective": ("Perspectief", "Perspective"),
    # patterns.tests
    "pat_no_such_pattern": (
        "patroon '{pattern_id}' bestaat niet; 'verhalen patterns list' toont alle ids",
        "pattern '{pattern_id}' does not exist; 'verhalen patterns list' shows every id",
    ),
    # patterns.sentences
    "pat_group": ("de groep '{name}'", "the group '{name}'"),
    "pat_stories_by": ("verhalen van {group}", "stories by {group}"),
    "pat_stories_from_perspective": (
        "verhalen uit het perspectief '{title}'",
        "stories from the perspective '{title}'",
    ),
    "pat_stories_option_chosen": (
        "verhalen waarin bij {topic} '{option}' gekozen is",
        "stories where '{option}' was chosen for {topic}",
    ),
    "pat_stories_option_not_chosen": (
        "verhalen waarin bij {topic} '{option}' niet gekozen is",
        "stories where '{option}' was not chosen for {topic}",
    ),
    "pat_stories_with": (
        "verhalen met {label} = {category}",
        "stories with {label} = {category}",
    ),
    "pat_related": ("{x} en {y} hangen samen ({p})", "{x} and {y} are related ({p})"),
    "pat_numbers": (" ({inside} tegen {outside}; {p})", " ({inside} vs {outside}; {p})"),
    "pat_group_tells_more": (
        "{who} vertelt vaker verhalen uit het perspectief '{title}'",
        "{who} more often tells stories from the perspective '{title}'",
    ),
    "pat_perspective_more_common": (
        "Bij {where} komt het perspectief '{title}' vaker voor",
        "In {where}, the perspective '{title}' is more common",
    ),
    "pat_more_often": ("vaker", "more often"),
    "pat_less_often": ("minder vaak", "less often"),
    "pat_option_chosen_often": (
        "Bij {where} is {often} '{option}' gekozen bij {topic}",
        "In {where}, '{option}' was {often} chosen for {topic}",
    ),
    "pat_category_more_often": (
        "Bij {where} is {label} vaker '{category}'",
        "In {where}, {label} is more often '{category}'",
    ),
    "pat_differs_between_groups": (
        "{scale} verschilt tussen de groepen van {choice} ({p})",
        "{scale} differs between the groups of {choice} ({p})",
    ),
    "pat_higher": ("hoger", "higher"),
    "pat_lower": ("lager", "lower"),
    "pat_median": ("mediaan", "median"),
    "pat_mean": ("gemiddeld", "mean"),
    "pat_among_group": ("bij {group}", "among {group}"),
    "pat_in_stories": ("bij {stories}", "in {stories}"),
    "pat_differs_where": (
        "{scale} is {word} {where} ({name} {mine} tegen {theirs}; {p})",
        "{scale} is {word} {where} ({name} {mine} vs {theirs}; {p})",
    ),
    "pat_no_values_yet": ("{label}: nog geen waarden", "{label}: no values yet"),
    "pat_without_value": ("{percent}% zonder waarde", "{percent}% without a value"),
    "pat_describe_scale": (
        "{label}: mediaan {median}, gemiddeld {mean} (sd {sd}; {total} verhalen, {missing})",
        "{label}: median {median}, mean {mean} (sd {sd}; {total} stories, {missing})",
    ),
    "pat_describe_option": (
        "{topic}: '{option}' gekozen in {chosen} van {total} verhalen ({share}; {missing})",
        "{topic}: '{option}' chosen in {chosen} of {total} stories ({share}; {missing})",
    ),
    "pat_describe_choice": (
        "{label}: het vaakst '{top}' ({most} van {total} verhalen, {share}; {missing})",
        "{label}: most often '{top}' ({most} of {total} stories, {share}; {missing})",
    ),
    "pat_no_stories_with_both": (
        "Geen verhalen met zowel {a} als {b}",
        "No stories with both {a} and {b}",
    ),
    "pat_too_few_to_test": (
        "Te weinig verhalen per groep om {a} en {b} te toetsen",
        "Too few stories per group to test {a} against {b}",
    ),
    "pat_no_clear_relation": (
        "Geen duidelijk verband tussen {a} en {b} ({p})",
        "No clear relation between {a} and {b} ({p})",
    ),
    "pat_the_higher": (
        "Hoe hoger {a}, hoe {word} {b} (ρ = {rho}; {p})",
        "The higher {a}, the {word} {b} (ρ = {rho}; {p})",
    ),
    # status
    "status_unknown": ("onbekend", "unknown"),
    "status_told": (
        "{tellers}{groups} vertelden {stories}",
        "{tellers}{groups} told {stories}",
    ),
    "status_told_one": (
        "{tellers}{groups} vertelde {stories}",
        "{tellers}{groups} told {stories}",
    ),
    "status_in_sessions": (" in {sessions}", " in {sessions}"),
    "status_without_known_tellers": (
        ", zonder bekende vertellers",
        ", without known storytellers",
    ),
    "status_without_teller": (
        "; {count} zonder bekende verteller",
        "; {count} without a known storyteller",
    ),
    # variables
    "var_where_usage": (
        "--where '{expression}': gebruik vraag=waarde, vraag>=getal of vraag~tekst",
        "--where '{expression}': use question=value, question>=number or question~text",
    ),
    "var_where_number": (
        "--where '{expression}': '{value}' is geen getal; vergelijk met >, >=, < of <= alleen "
        "met een getal",
        "--where '{expression}': '{value}' is not a number; compare with >, >=, < or <= only "
        "with a number",
    ),
    "var_where_unknown": (
        "--where '{expression}': '{name}' is geen vraag of kenmerk ({known})",
        "--where '{expression}': '{name}' is no question or tag ({known})",
    ),
    # report (make_report, init_catalysis) and report.data
    "rep_unknown_format": (
        "onbekend formaat '{formats}' (pdf, xlsx, both)",
        "unknown format '{formats}' (pdf, xlsx, both)",
    ),
    "rep_alpha_range": (
        "--alpha: kies een getal tussen 0 en 1",
        "--alpha: choose a number between 0 and 1",
    ),
    "rep_catalysis_exists": (
        "{existing} bestaat al; er is niets overschreven",
        "{existing} already exists; nothing was overwritten",
    ),
    "rep_all_excluded": (
        "alle verhalen zijn uitgesloten van de analyse: neem er weer op met "
        "'verhalen stories include'",
        "every story is excluded from the analysis: include some again with "
        "'verhalen stories include'",
    ),
    "rep_no_stories": (
        "het project heeft nog geen verhalen: lees ze eerst in met 'verhalen ingest'",
        "the project has no stories yet: read them in first with 'verhalen ingest'",
    ),
}
