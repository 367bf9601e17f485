"""storyform.yaml: there and valid. The parsed form is kept for the answers check."""

from __future__ import annotations

from verhalen.doctor.context import Context
from verhalen.errors import VerhalenError
from verhalen.form import StoryForm, load_form
from verhalen.project import FORM_NAME


def check_form(ctx: Context) -> None:
    path = ctx.root / FORM_NAME
    if not path.exists():
        ctx.form = StoryForm()
        ctx.add(
            "warning",
            "form",
            ctx.say(
                f"{FORM_NAME} ontbreekt: verhalen werkt alsof het formulier geen vragen "
                "heeft, en negeert alle opgeslagen antwoorden",
                f"{FORM_NAME} is missing: verhalen works as if the form had no questions "
                "and ignores every stored answer",
            ),
            ctx.say(
                f"zet {FORM_NAME} terug uit een reservekopie, of begin opnieuw met "
                "'verhalen form new'",
                f"restore {FORM_NAME} from a backup, or start again with 'verhalen form new'",
            ),
        )
        return
    try:
        ctx.form = load_form(path)
    except (VerhalenError, OSError, UnicodeDecodeError) as exc:
        lines = [line.replace(str(ctx.root) + "/", "") for line in str(exc).splitlines()]
        ctx.add(
            "error",
            "form",
            ctx.say(
                f"{FORM_NAME} klopt niet: {'; '.join(lines)}",
                f"{FORM_NAME} is not valid: {'; '.join(lines)}",
            ),
            ctx.say(
                f"verbeter {FORM_NAME} op de genoemde plaats; 'verhalen form check' "
                "controleert het opnieuw",
                f"correct {FORM_NAME} at the place named; 'verhalen form check' checks it again",
            ),
        )
