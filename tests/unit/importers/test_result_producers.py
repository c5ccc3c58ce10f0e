"""Every producer's result file is read with the cases that are in it, whatever its header claims."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone

import pytest

from cockpit.importers.junit import CASE_COLUMNS, read_results
from tests.paths import FIXTURES as FIXTURES_ROOT

FIXTURES = FIXTURES_ROOT / "junit"
JST = timezone(timedelta(hours=9))

# file → (format, cases, passed, failed, errors, skipped, flaky), counted by hand from each file's cases.
EXPECTED = {
    "surefire-flaky-rerun.xml": ("JUnit XML", 9, 4, 2, 2, 1, 2),
    "gradle.xml": ("JUnit XML", 4, 2, 1, 0, 1, 0),
    "pytest-xunit1.xml": ("JUnit XML", 7, 3, 1, 1, 2, 0),
    "pytest-xunit2.xml": ("JUnit XML", 4, 2, 1, 0, 1, 0),
    "jest-junit.xml": ("JUnit XML", 5, 3, 1, 0, 1, 0),
    "mocha-junit-reporter.xml": ("JUnit XML", 4, 2, 1, 0, 1, 0),
    "mocha-xunit.xml": ("JUnit XML", 4, 2, 1, 0, 1, 0),
    "cypress.xml": ("JUnit XML", 3, 2, 1, 0, 0, 0),
    "playwright.xml": ("JUnit XML", 4, 2, 1, 0, 1, 0),
    "karma.xml": ("JUnit XML", 3, 1, 1, 0, 1, 0),
    "go-junit-report.xml": ("JUnit XML", 5, 2, 1, 1, 1, 0),
    "phpunit.xml": ("JUnit XML", 5, 2, 1, 1, 1, 0),
    "robot-xunit.xml": ("JUnit XML", 4, 2, 1, 0, 1, 0),
    "cargo-nextest.xml": ("JUnit XML", 4, 3, 1, 0, 0, 1),
    "catch2.xml": ("JUnit XML", 3, 1, 1, 0, 1, 0),
    "bazel-test.xml": ("JUnit XML", 1, 0, 0, 1, 0, 0),
    "bazel-gtest.xml": ("JUnit XML", 4, 1, 1, 0, 2, 0),
    "ctest.xml": ("JUnit XML", 4, 1, 1, 0, 2, 0),
    "nasty-junit.xml": ("JUnit XML", 8, 7, 1, 0, 0, 0),
    "nunit2.xml": ("NUnit 2", 6, 2, 1, 1, 2, 0),
    "nunit3.xml": ("NUnit 3", 6, 2, 1, 1, 2, 0),
    "xunit2.xml": ("xUnit.net", 5, 2, 1, 0, 2, 0),
    "mstest.trx": ("MSTest TRX", 6, 2, 2, 1, 1, 0),
    "testng-results.xml": ("TestNG", 6, 4, 1, 0, 1, 1),
}


def read(name: str):
    """The file's results, each case (a tuple in column order) seen as a dict of its columns."""
    parsed = read_results(FIXTURES / name, naive_tz=UTC)
    return replace(parsed, cases=[dict(zip(CASE_COLUMNS, case, strict=True)) for case in parsed.cases])


def by_name(name: str) -> dict[str, dict]:
    return {case["name"]: case for case in read(name).cases}


def test_every_fixture_file_is_covered() -> None:
    assert sorted(p.name for p in FIXTURES.iterdir() if p.is_file()) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_the_cases_counted_are_the_cases_present(name: str) -> None:
    fmt, total, passed, failed, errors, skipped, flaky = EXPECTED[name]
    parsed = read(name)
    outcomes = Counter(case["outcome"] for case in parsed.cases)
    assert parsed.facts.format == fmt
    assert len(parsed.cases) == total
    assert (outcomes["passed"], outcomes["failed"], outcomes["error"], outcomes["skipped"]) == (
        passed,
        failed,
        errors,
        skipped,
    )
    assert sum(case["flaky"] for case in parsed.cases) == flaky
    assert all(case["name"] for case in parsed.cases)


def test_surefire_flaky_runs_pass_flagged_and_reruns_stay_failed() -> None:
    cases = by_name("surefire-flaky-rerun.xml")
    assert cases["sendsReminder"]["outcome"] == "passed" and cases["sendsReminder"]["flaky"] == 1
    assert cases["sendsReminder"]["message"] == "Timed out after 200 ms"
    assert "2 failed attempt" in cases["sendsReminder"]["details"]
    assert cases["archivesOldInvoices"]["flaky"] == 1
    assert cases["roundsTax"]["outcome"] == "failed" and cases["roundsTax"]["flaky"] == 0
    assert "2 rerun" in cases["roundsTax"]["details"] and "rerun 2" in cases["roundsTax"]["details"]
    assert cases["loadsCustomer"]["outcome"] == "error"
    assert cases["monthlyBatch"]["seconds"] == pytest.approx(1234.567)
    assert cases["rejectsNegativeAmount"]["message"] == "expected: <400> but was: <500>"
    assert (
        "POST /invoices amount=-1 -> 500" in cases["rejectsNegativeAmount"]["details"]
    )  # output of a failure


def test_nasty_names_times_and_output_survive() -> None:
    parsed = read("nasty-junit.xml")
    cases = {case["name"]: case for case in parsed.cases}
    assert cases["line one\r\nline two"]["seconds"] == pytest.approx(1234.5)
    assert cases["raw break"]["seconds"] == pytest.approx(0.5)  # XML turns a raw line break into a space
    assert cases["עברית مرحبا 😀 e\u0301 \u00a0nbsp"]["seconds"] == 0.0  # a negative time counts as 0
    assert cases["<script>alert(\"x\")</script> & 'quotes'"]["seconds"] == 0.0  # NaN too
    assert cases["no classname"]["seconds"] == pytest.approx(0.012)
    assert cases["no classname"]["classname"] == "outer"  # empty classname falls back to the suite
    assert cases["prints fake XML"]["suite"] == "inner ✓"
    fake = cases["prints fake XML"]
    assert fake["outcome"] == "failed" and fake["message"] == "multi"
    assert '<testcase name="fake"/> ]]> still output' in fake["details"]
    assert cases["a case straight under testsuites"]["classname"] == "top.level"
    assert parsed.facts.name == "夜間回帰 nightly"
    assert parsed.facts.started_at == datetime(2024, 4, 30, 23, 0, tzinfo=JST)


def test_phpunit_cases_in_nested_suites_take_the_innermost_suite() -> None:
    cases = by_name("phpunit.xml")
    assert cases["testTax with data set #1"]["suite"] == "Tests\\Unit\\PriceTest::testTax"
    assert cases["testNet"]["suite"] == "Tests\\Unit\\PriceTest"
    assert cases["testCheckout"]["classname"] == "Tests.Feature.CheckoutTest"


def test_googletest_status_words_mark_skipped_cases_without_children() -> None:
    cases = by_name("bazel-gtest.xml")
    assert cases["DISABLED_Slow"]["outcome"] == "skipped"
    assert cases["Removes"]["outcome"] == "failed"


def test_ctest_failure_keeps_the_test_output() -> None:
    cases = by_name("ctest.xml")
    assert "REQUIRE( cart.size() == 0 )" in cases["cart_remove"]["details"]
    assert cases["cart_add"]["details"] == ""  # a passing test's output is not kept


def test_bazel_cdata_holding_a_testcase_tag_is_not_counted() -> None:
    assert [case["name"] for case in read("bazel-test.xml").cases] == ["//shop:cart_test"]


def test_rfc1123_and_zoned_timestamps() -> None:
    assert read("mocha-xunit.xml").facts.started_at == datetime(2024, 5, 1, 1, 15, 30, tzinfo=UTC)
    assert read("go-junit-report.xml").facts.started_at == datetime(2024, 5, 1, 10, 15, 30, tzinfo=JST)


def test_a_naive_timestamp_is_read_in_the_given_zone() -> None:
    parsed = read_results(FIXTURES / "gradle.xml", naive_tz=JST)
    assert parsed.facts.started_at == datetime(2024, 5, 1, 1, 15, 30, tzinfo=JST)


def test_nunit_cases_get_class_and_method_from_the_full_name() -> None:
    two = by_name("nunit2.xml")
    assert two["ComputesTotal"]["classname"] == "Shop.CartTests"
    assert two["ComputesTotal"]["message"] == "Expected: 108"
    assert two["ExportsPdf"]["message"] == "PDF renderer not installed"
    assert two["Adds(1,2)"]["suite"] == "CartTests"
    three = by_name("nunit3.xml")
    assert three["LoadsCustomer"]["outcome"] == "error"
    assert three["Adds(1,2)"]["classname"] == "Shop.CartTests"
    assert "computing total" in three["ComputesTotal"]["details"]


def test_xunit_names_drop_the_type_prefix_and_skips_keep_their_reason() -> None:
    cases = by_name("xunit2.xml")
    assert cases["Adds(a: 1, b: 2)"]["classname"] == "Shop.CartTests"
    assert cases["ExportsPdf"]["message"] == "PDF renderer not installed"
    assert cases["ComputesTotal"]["seconds"] == pytest.approx(0.02)


def test_trx_data_rows_are_the_cases_and_classes_come_from_the_definitions() -> None:
    cases = by_name("mstest.trx")
    assert "Rounds" not in cases
    assert cases["Rounds (101,109)"]["outcome"] == "failed"
    assert cases["TalksToLedger"]["classname"] == "Shop.LedgerTests"
    assert cases["TalksToLedger"]["outcome"] == "error"
    assert cases["TalksToLedger"]["seconds"] == pytest.approx(30.0)
    assert cases["AddsAnItem"]["classname"] == "Shop.CartTests"
    assert cases["AddsAnItem"]["suite"] == "shop.tests.dll"


def test_testng_skips_configuration_methods_and_flags_a_retried_pass() -> None:
    cases = read("testng-results.xml").cases
    names = [case["name"] for case in cases]
    assert "setUp" not in names and "tearDown" not in names
    assert "adds(1, 2)" in names and "adds(3, 4)" in names
    ledger = [case for case in cases if case["name"] == "talksToLedger"]
    assert len(ledger) == 1 and ledger[0]["flaky"] == 1 and ledger[0]["outcome"] == "passed"
