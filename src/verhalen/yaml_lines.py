"""Hand-written YAML read so that a mistake can point at its line.

The facilitator writes `catalyse.yaml`, change proposals and guided themes by hand; a problem
found after parsing ("item 3 has no name") is only useful with the line it is on. Mappings and
lists read here remember their lines; invalid YAML and text that is not UTF-8 are a
`RejectedBatch` naming the file and the line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from verhalen import faults
from verhalen.errors import Problem, RejectedBatch, VerhalenError
from verhalen.i18n import t


class _Mapping(dict):
    """A YAML mapping that remembers its line, so a problem can point into the file."""

    line: int | None = None


class _Loader(yaml.SafeLoader):
    pass


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> _Mapping:
    out = _Mapping(loader.construct_mapping(node, deep=True))
    out.line = node.start_mark.line + 1
    return out


class _Sequence(list):
    """A YAML list that remembers the line of each item."""

    lines: tuple[int, ...] = ()


def _construct_sequence(loader: _Loader, node: yaml.SequenceNode) -> _Sequence:
    out = _Sequence(loader.construct_sequence(node, deep=True))
    out.lines = tuple(n.start_mark.line + 1 for n in node.value)
    return out


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


def read_yaml(path: Path, lang: str = "nl") -> Any:
    """A hand-written YAML file whose mappings and lists remember their line numbers.

    Invalid YAML or text that is not UTF-8 is a `RejectedBatch` naming the file and the line;
    a file that cannot be read is a `VerhalenError`. Used for `catalyse.yaml`, guided themes and
    the workshop's change proposals, so all point into the file the same way."""
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)  # a SafeLoader
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise RejectedBatch(
            [
                Problem(
                    path.name,
                    mark.line + 1 if mark else None,
                    t("ws_not_yaml", lang, reason=getattr(exc, "problem", None) or exc),
                )
            ]
        ) from None
    except UnicodeDecodeError:
        raise RejectedBatch([Problem(path.name, None, t("ws_not_utf8", lang))]) from None
    except OSError as exc:
        raise VerhalenError(f"{path}: {faults.reason(exc, lang)}") from None
