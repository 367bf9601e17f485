"""The sensemaking workshop: what goes to the room and what comes back.

- `cards`: story cards, one per story, grouped by perspective;
- `sheets`: perspective sheets with the questions for the room;
- `template`: the results workbook the facilitator fills in (sheet names and headers in the
  project's language, read in either);
- `results`: that workbook imported, every row checked first, then applied in one transaction.

The kit for the room (agenda, landscapes, timeline, element sheets) is `verhalen.kit`; the change
proposals file is `verhalen.proposals`. Cards and sheets only show what people may read.
"""

from verhalen.workshop.cards import WORKSHOP_DIR, Card, cards, unreviewed_warning, write_cards
from verhalen.workshop.sheets import QUESTIONS, Sheet, sheets, write_sheets

__all__ = [
    "QUESTIONS",
    "WORKSHOP_DIR",
    "Card",
    "Sheet",
    "cards",
    "sheets",
    "unreviewed_warning",
    "write_cards",
    "write_sheets",
]
