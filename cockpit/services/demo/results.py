"""Test runs per level with improving pass rates, a regression in each latest run, and flaky cases."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from cockpit.domain.tests import Outcome, TestLevel
from cockpit.services.demo.catalog import CASE_SECONDS, TEST_LEVELS
from cockpit.services.demo.context import Demo, iso
from cockpit.store.writer import Writer

# 25 classes × 10 verbs × 10 conditions: 2,500 distinct automated cases per level.
MODULES = (
    ("sales", ("Order", "Quote", "Shipment", "Invoice", "Customer")),
    ("purchasing", ("PurchaseOrder", "GoodsReceipt", "Supplier", "Payable")),
    ("inventory", ("StockMovement", "Warehouse", "InventoryValuation", "Lot")),
    ("accounting", ("JournalEntry", "LedgerBalance", "TaxCalculation", "FixedAsset")),
    ("master", ("Product", "PriceList", "PaymentTerm", "BankAccount")),
    ("common", ("Approval", "Authority", "Numbering", "BusinessCalendar")),
)
CLASSES = tuple((module, entity) for module, entities in MODULES for entity in entities)
VERBS = (
    "create",
    "update",
    "cancel",
    "calculate",
    "validate",
    "approve",
    "export",
    "search",
    "reverse",
    "copy",
)
CONDITIONS = (
    "WithValidInput",
    "WhenQuantityIsZero",
    "WhenCreditLimitExceeded",
    "ForTaxExemptCustomer",
    "InForeignCurrency",
    "AtMonthEnd",
    "WithTaxRounding",
    "WhenMasterDataMissing",
    "WithLegacyCode",
    "UnderConcurrentUpdate",
)
CLASS_NAMES = {
    TestLevel.UNIT: "jp.example.hanbai.{module}.{entity}ServiceTest",
    TestLevel.INTEGRATION: "jp.example.hanbai.{module}.{entity}RepositoryIT",
    TestLevel.SYSTEM: "jp.example.hanbai.e2e.{module}.{entity}FlowTest",
    TestLevel.REGRESSION: "jp.example.hanbai.regression.{module}.{entity}RegressionTest",
}
FIELDS = ("totalAmount", "taxAmount", "quantity", "unitPrice", "discountAmount")
# Aligned with ``error_messages`` in the phrase tables.
EXCEPTIONS = (
    "java.net.SocketTimeoutException",
    "java.lang.NullPointerException",
    "java.sql.SQLIntegrityConstraintViolationException",
    "java.lang.IllegalStateException",
)
HOSTS = ("edi-gw.hanbai.local:8443", "bank-if.hanbai.local", "wms-api.hanbai.local")
SKIP_SHARE = 0.015
ERROR_SHARE = 0.2


@dataclass(frozen=True, slots=True)
class PoolCase:
    """One test that exists across runs, with what stays true of it from run to run."""

    suite: str
    classname: str
    name: str
    module: str
    fragility: float  # fails while the run's failure share is above it
    skipped: bool
    errors: bool  # an exception rather than an assertion when it fails
    seconds: float


def _pool(demo: Demo, level: TestLevel, size: int) -> list[PoolCase]:
    rng, text = demo.rng, demo.text
    low, high = CASE_SECONDS[level]
    processes = list(text["uat_processes"].items())
    scenarios = text["uat_scenarios"]
    pool = []
    for i in range(size):
        if level is TestLevel.UAT:
            process, label = processes[i % len(processes)]
            case = text["uat_case"].format(
                process=label, scenario=scenarios[i // len(processes) % len(scenarios)]
            )
            variant = i // (len(processes) * len(scenarios))
            name = text["uat_variant"].format(case=case, n=variant + 1) if variant else case
            suite, classname, module = label, f"uat.{process}", process
        else:
            module, entity = CLASSES[i % len(CLASSES)]
            method = i // len(CLASSES)
            # Vary verb and condition together so the first cases are not all one condition.
            condition = method % len(CONDITIONS)
            verb = (method // len(CONDITIONS) + condition) % len(VERBS)
            name = VERBS[verb] + CONDITIONS[condition]
            classname = CLASS_NAMES[level].format(module=module, entity=entity)
            suite = f"hanbai-{module}"
        pool.append(
            PoolCase(
                suite=suite,
                classname=classname,
                name=name,
                module=module,
                fragility=rng.random(),
                skipped=rng.random() < SKIP_SHARE,
                errors=level is not TestLevel.UAT and rng.random() < ERROR_SHARE,
                seconds=low * (high / low) ** rng.random(),
            )
        )
    return pool


def _failure(demo: Demo, level: TestLevel, case: PoolCase) -> tuple[str, str]:
    """(message, multi-line details) of an assertion that failed."""
    rng, text = demo.rng, demo.text
    expected = rng.randint(100, 99_999)
    actual = expected + rng.choice((-1, 1)) * rng.randint(1, 500)
    message = rng.choice(text["failure_messages"]).format(
        field=rng.choice(FIELDS), expected=expected, actual=actual
    )
    if level is TestLevel.UAT:
        details = text["uat_failure_details"].format(
            step=rng.randint(2, 9),
            message=message,
            expected=expected,
            actual=actual,
            evidence=f"evidence_{rng.randint(100, 999)}.png",
        )
        return message, details
    simple = case.classname.rsplit(".", 1)[1]
    details = "\n".join(
        (
            f"org.opentest4j.AssertionFailedError: {message}",
            "\tat org.junit.jupiter.api.AssertionFailureBuilder.build(AssertionFailureBuilder.java:151)",
            "\tat org.junit.jupiter.api.AssertEquals.failNotEqual(AssertEquals.java:197)",
            "\tat org.junit.jupiter.api.Assertions.assertEquals(Assertions.java:1145)",
            f"\tat {case.classname}.{case.name}({simple}.java:{rng.randint(40, 420)})",
            "\tat java.base/java.lang.reflect.Method.invoke(Method.java:580)",
            "\tat org.junit.platform.commons.util.ReflectionUtils.invokeMethod(ReflectionUtils.java:728)",
        )
    )
    return message, details


def _error(demo: Demo, case: PoolCase) -> tuple[str, str]:
    """(message, stack trace) of an exception thrown while the test ran."""
    rng, text = demo.rng, demo.text
    which = rng.randrange(len(EXCEPTIONS))
    message = text["error_messages"][which].format(host=rng.choice(HOSTS))
    simple = case.classname.rsplit(".", 1)[1]
    details = "\n".join(
        (
            f"{EXCEPTIONS[which]}: {message}",
            f"\tat jp.example.hanbai.common.infra.GatewayClient.call(GatewayClient.java:{rng.randint(60, 240)})",
            f"\tat jp.example.hanbai.{case.module}.Repository.load(Repository.java:{rng.randint(30, 180)})",
            f"\tat {case.classname}.{case.name}({simple}.java:{rng.randint(40, 420)})",
            "\tat java.base/java.lang.reflect.Method.invoke(Method.java:580)",
        )
    )
    return message, details


def _run_cases(
    demo: Demo, level: TestLevel, pool: list[PoolCase], *, size: int, failing: float, regress: set[int]
) -> tuple[list[dict[str, Any]], list[int]]:
    """The rows of one run, and the indices of the cases that passed."""
    rng = demo.rng
    rows: list[dict[str, Any]] = []
    passed: list[int] = []
    for i, case in enumerate(pool[:size]):
        message = details = ""
        if case.skipped:
            outcome = Outcome.SKIPPED
            message = rng.choice(demo.text["skip_messages"])
        elif case.fragility < failing or i in regress:
            outcome = Outcome.ERROR if case.errors else Outcome.FAILED
            message, details = _error(demo, case) if case.errors else _failure(demo, level, case)
        else:
            outcome = Outcome.PASSED
            passed.append(i)
        rows.append(
            {
                "suite": case.suite,
                "classname": case.classname,
                "name": case.name,
                "outcome": outcome.value,
                "seconds": round(case.seconds * rng.uniform(0.85, 1.2), 3),
                "message": message,
                "details": details,
                "flaky": 0,
            }
        )
    if level is not TestLevel.UAT:  # automated tests are rerun on failure; people are not
        for i in rng.sample(passed, k=min(len(passed), rng.randint(1, 3))):
            rows[i]["flaky"] = 1
    return rows, passed


def write_test_runs(w: Writer, demo: Demo) -> None:
    rng, scale = demo.rng, demo.scale
    for level, runs, first_size, last_size, first_rate, last_rate, gap_days in TEST_LEVELS:
        if scale.runs_per_level and scale.cases_per_run:  # set together (Scale)
            runs, first_size, last_size = scale.runs_per_level, scale.cases_per_run, scale.cases_per_run
        pool = _pool(demo, level, last_size)
        latest = demo.now - timedelta(hours=rng.uniform(1, 10))
        passed: list[int] = []
        for r in range(runs):
            progress = r / (runs - 1)
            size = round(first_size + (last_size - first_size) * progress)
            failing = 1 - (first_rate + (last_rate - first_rate) * progress)
            # A test that passed last time fails now: what a regression looks like in the trend.
            candidates = [i for i in passed if i < size and pool[i].fragility >= failing]
            regress = set(rng.sample(candidates, k=1)) if candidates else set()
            started = latest - timedelta(days=gap_days * (runs - 1 - r), minutes=rng.randint(0, 180))
            build = f"1.4.{400 - round((demo.now - started).total_seconds() / 28_800)}"
            run = w.insert(
                "test_runs",
                {
                    "level": level.value,
                    "name": demo.text["run_name"].format(
                        level=demo.text["levels"][level.value], n=r + 1, build=build
                    ),
                    "started_at": iso(started),
                    "source": f"results/{level.value}/TEST-{level.value}-{build}.xml",
                },
                summary="demo: test run",
            )
            rows, passed = _run_cases(demo, level, pool, size=size, failing=failing, regress=regress)
            for row in rows:
                row["run_id"] = run["id"]
            w.insert_many("test_cases", rows, summary=f"demo: {level.value} run {r + 1}")
