"""Source URLs in the shapes real services give them: those carrying a secret are refused (and masked when
shown), ordinary ones are kept as given."""

from __future__ import annotations

import pytest

from cockpit.domain.url_secrets import MASK, redact_url, secret_parts
from cockpit.errors import BadInput
from cockpit.importers.sources import check_url

# (service, URL, the secret it carries, the part the refusal names)
SECRET_URLS = [
    (
        "AWS S3 presigned",
        "https://examplebucket.s3.amazonaws.com/results/junit.xml?X-Amz-Algorithm=AWS4-HMAC-SHA256"
        "&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20260524%2Fus-east-1%2Fs3%2Faws4_request"
        "&X-Amz-Date=20260524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host"
        "&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404",
        "aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404",
        "'X-Amz-Credential'",
    ),
    (
        "Azure blob SAS",
        "https://acme.blob.core.windows.net/results/junit.xml?sv=2022-11-02&ss=b&srt=o&sp=r"
        "&se=2026-12-31T00:00:00Z&spr=https&sig=Zm9vYmFyc2VjcmV0c2lnbmF0dXJl%3D",
        "Zm9vYmFyc2VjcmV0c2lnbmF0dXJl",
        "'sig'",
    ),
    (
        "GitLab private token",
        "https://gitlab.example.com/api/v4/projects/42/jobs/artifacts/main/raw/report.xml"
        "?job=test&private_token=glpat-Xy12Ab34Cd56Ef78Gh90",
        "glpat-Xy12Ab34Cd56Ef78Gh90",
        "'private_token'",
    ),
    (
        "GitHub token in the path",
        "https://ci.example/raw/ghp_0123456789abcdefghijABCDEFGHIJ012345/junit.xml",
        "ghp_0123456789abcdefghijABCDEFGHIJ012345",
        "path",
    ),
    (
        "GitHub token as user info",
        "https://x-access-token:ghs_0123456789abcdefghijABCDEFGHIJ@github.com/acme/erp/raw/main/risks.csv",
        "ghs_0123456789abcdefghijABCDEFGHIJ",
        "user name or password",
    ),
    (
        "Slack webhook",
        "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX",
        "XXXXXXXXXXXXXXXXXXXXXXXX",
        "path",
    ),
    (
        "Discord webhook",
        "https://discord.com/api/webhooks/123456789012345678/abcDEF-ghiJKL_mno",
        "abcDEF-ghiJKL_mno",
        "path",
    ),
    (
        "Google API key",
        "https://sheets.googleapis.com/v4/spreadsheets/1abc/values/Risks?key=AIzaSyA-1234567890abcdefghijklmnopqrstu",
        "AIzaSyA-1234567890abcdefghijklmnopqrstu",
        "'key'",
    ),
    ("basic user info", "https://bot:hunter2@ci.example/x.xml", "hunter2", "user name or password"),
    ("auth parameter", "https://ci.example/x.xml?auth=s3cr3t-auth", "s3cr3t-auth", "'auth'"),
    (
        "OAuth implicit fragment",
        "https://ci.example/x.xml#access_token=frag-s3cr3t&x=1",
        "frag-s3cr3t",
        "fragment",
    ),
    (
        "Java session",
        "https://ci.example/export.csv;jsessionid=0123ABCDEF0123",
        "0123ABCDEF0123",
        "'jsessionid'",
    ),
    ("OAuth code", "https://ci.example/callback/r.csv?code=oauth-code-s3cr3t", "oauth-code-s3cr3t", "'code'"),
    ("percent-encoded name", "https://ci.example/x.xml?%61pi%5Fkey=enc-s3cr3t", "enc-s3cr3t", "'api_key'"),
    ("apikey", "https://ci.example/x.xml?apikey=ak-s3cr3t", "ak-s3cr3t", "'apikey'"),
    ("password", "https://ci.example/x.xml?Password=pw-s3cr3t", "pw-s3cr3t", "'Password'"),
    ("client secret", "https://ci.example/x.xml?client_secret=cs-s3cr3t", "cs-s3cr3t", "'client_secret'"),
    ("signature", "https://ci.example/x.xml?signature=sg-s3cr3t", "sg-s3cr3t", "'signature'"),
    (
        "a URL nested in a parameter, encoded twice",
        "https://ci.example/go?next=https%253A%252F%252Fa.example%252Fr.csv%253Ftoken%253Dnested-s3cr3t",
        "nested-s3cr3t",
        "encoded",
    ),
]

HARMLESS_URLS = [
    "https://jenkins.example/job/erp-cutover/job/main/lastSuccessfulBuild/artifact/target/surefire-reports/TEST-x.xml",
    "https://jenkins.example/job/erp/123/testReport/api/xml?depth=1",
    "https://ci.example/risks.csv?page=2&format=csv#top",
    "https://erp.example/services/reports/export/cutover.csv?country_code=JP&author=kim",
    "https://github.com/acme/erp/raw/0123456789abcdef0123456789abcdef01234567/risks.csv",
    "https://gitlab.example.com/api/v4/projects/42/jobs/artifacts/main/raw/report.xml?job=test",
    "https://acme.sharepoint.com/sites/launch/Shared%20Documents/%E7%A7%BB%E8%A1%8C.xlsx",
    "http://127.0.0.1:8080/x.xml",
]


@pytest.mark.parametrize(("service", "url", "secret", "part"), SECRET_URLS, ids=[s[0] for s in SECRET_URLS])
def test_a_url_carrying_a_secret_is_refused_naming_the_part_and_the_fix(
    service: str, url: str, secret: str, part: str
) -> None:
    with pytest.raises(BadInput) as refused:
        check_url(url, with_credential=False)
    message = str(refused.value)
    assert part in message
    assert "keyring" in message  # the fix: the credential goes to the keyring, not the URL
    assert secret not in message  # the refusal may be logged: it shows the URL masked


@pytest.mark.parametrize(("service", "url", "secret", "part"), SECRET_URLS, ids=[s[0] for s in SECRET_URLS])
def test_the_masked_url_keeps_no_secret_and_names_where_it_was(
    service: str, url: str, secret: str, part: str
) -> None:
    masked = redact_url(url)
    assert secret not in masked
    assert MASK in masked
    assert masked.split("/")[2].rpartition("@")[2] == url.split("/")[2].rpartition("@")[2]  # the host is kept
    assert secret_parts(masked) == ()


def test_masking_keeps_what_is_not_secret() -> None:
    url = SECRET_URLS[1][1]
    assert redact_url(url) == (
        "https://acme.blob.core.windows.net/results/junit.xml?sv=2022-11-02&ss=b&srt=o&sp=r"
        f"&se=2026-12-31T00%3A00%3A00Z&spr=https&sig={MASK}"
    )


@pytest.mark.parametrize("url", HARMLESS_URLS)
def test_an_ordinary_url_is_kept_as_given(url: str) -> None:
    assert secret_parts(url) == ()
    assert check_url(url, with_credential=False) == url
    assert redact_url(url) == url


def test_an_address_that_is_not_even_a_url_is_refused_as_such_and_masked_whole() -> None:
    with pytest.raises(BadInput, match="not a web address"):
        check_url("https://[::1/junit.xml?token=unclosed-canary", with_credential=False)
    assert redact_url("https://[::1/junit.xml?token=unclosed-canary") == MASK
