"""How much an imported file may hold: far beyond any real launch, low enough that a hostile or mistaken
file is refused in a moment instead of filling the memory or holding the launch file for minutes.

The reference workload (``cockpit demo --size large``) has 2,000 checklist items, 5,000 tickets and runs of
2,500 cases; ``huge`` five times that. Each limit is ten times ``huge`` or more. The README states them.
"""

from __future__ import annotations

from cockpit.errors import BadInput
from cockpit.i18n import tr

# By ``TableKind`` value (a TableKind looks its own up): `import junit` starts without the sources' module.
MAX_TABLE_ROWS: dict[str, int] = {
    "checklist": 100_000,
    "risks": 20_000,
    "tickets": 250_000,
    "steps": 20_000,
    "objects": 50_000,
    "kpi_values": 250_000,  # a value every minute for five KPIs over a month is 216,000
}
MAX_ANY_TABLE_ROWS = max(MAX_TABLE_ROWS.values())  # a table read before its kind is known
MAX_TABLE_COLUMNS = 500  # our exports have about 20; a ticket system's, rarely more than 100
MAX_CASES_PER_RUN = 1_000_000  # test cases in one run, all of its result files together

# An .xlsx is a zip of XML: 50 MB on disk can unpack to gigabytes. Its directory states every member's
# unpacked size, and Python's zipfile never unpacks more than the directory states, so these are checked
# before openpyxl opens the workbook.
MAX_XLSX_UNPACKED_BYTES = 400 * 1024 * 1024  # all members together
MAX_XLSX_MEMBER_BYTES = 250 * 1024 * 1024  # one sheet, or the shared strings, which openpyxl holds in memory
MAX_XLSX_RATIO = 100  # unpacked / packed: real sheets pack 5-20 times; a zip bomb, thousands
RATIO_CHECKED_FROM_BYTES = 1024 * 1024  # tiny members pack oddly and can do no harm


def too_many_rows(name: str, *, limit: int) -> BadInput:
    return BadInput(
        tr(
            "{name} has more than {limit} rows, the most one import of this kind takes. Split the file "
            "into parts of at most {limit} rows and import each. Nothing was written.",
            name=name,
            limit=f"{limit:,}",
        )
    )


def too_many_columns(name: str, *, limit: int) -> BadInput:
    return BadInput(
        tr(
            "{name} has more than {limit} columns, the most an import takes. Remove the columns not "
            "needed (or split the file) and import again. Nothing was written.",
            name=name,
            limit=f"{limit:,}",
        )
    )


def too_many_cases(name: str, *, limit: int) -> BadInput:
    return BadInput(
        tr(
            "{name}: a test run takes at most {limit} test cases, and there are more. Split the results "
            "into several runs and import each. Nothing was written.",
            name=name,
            limit=f"{limit:,}",
        )
    )
