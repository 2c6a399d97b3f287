"""The registry of datasets: every table the lab can download, with its URL name, its title in
Spanish (English through the catalogue), its scope, its columns and the function that reads its
rows. The routes, the workbook, the results page and the reports all go through it.

A dataset's `rows(read)` is called inside one consistent read (reading.py) and returns plain
tuples in column order; `table(read)` wraps them in the writers' Table shape."""
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from .formats import Column, Table

WORKSHOP = "workshop"   # one workshop's datasets: /talleres/<id>/exportar/<name>.<format>
LAB = "lab"             # the lab's map: /mapa/exportar/<name>.<format>
DIAGNOSIS = "diagnosis" # one diagnosis: /diagnosticos/<id>/exportar/<name>.<format>


@dataclass(frozen=True)
class Dataset:
    name: str                       # in URLs and file names: lower case, no spaces
    title: Any                      # lazy translation
    scope: str
    columns: Sequence[Column]
    rows: Callable[[Any], list]     # (read) -> rows
    header: Callable[[Any], list] = field(default=lambda read: [])
    order: int = 100                # place among the scope's datasets (sheets, buttons)

    def table(self, read) -> Table:
        return self.table_of(self.rows(read), self.header(read))

    def table_of(self, rows, header) -> Table:
        return Table(name=self.name, title=self.title, columns=self.columns, rows=rows, header=header)


_DATASETS: dict[str, dict[str, Dataset]] = {WORKSHOP: {}, LAB: {}, DIAGNOSIS: {}}


def register(dataset: Dataset):
    """Add a dataset; a second one with the same name in the same scope is a programming error."""
    scope = _DATASETS[dataset.scope]
    if dataset.name in scope:
        raise ValueError(f"dataset {dataset.name!r} registered twice in scope {dataset.scope!r}")
    scope[dataset.name] = dataset
    return dataset


def datasets(scope) -> list[Dataset]:
    """The scope's datasets in their order (the workbook's sheet order)."""
    return sorted(_DATASETS[scope].values(), key=lambda dataset: dataset.order)


def find(scope, name) -> Dataset | None:
    return _DATASETS[scope].get(name)
