"""The SQL of each schema migration (``migrations.py`` applies them in order). Never edit one that has shipped:
add a new one."""

# Every edited table carries these; updates are ``WHERE id = ? AND version = ?``.
ROW_META = """
    version INTEGER NOT NULL DEFAULT 1,
    updated_by TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))
"""


SCHEMA_0001 = f"""
CREATE TABLE launch (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    name TEXT NOT NULL,
    go_live TEXT NOT NULL,
    timezone TEXT NOT NULL DEFAULT 'UTC',
    stage TEXT NOT NULL DEFAULT 'preparation'
        CHECK (stage IN ('preparation', 'cutover', 'hypercare', 'closed')),
    rollback_deadline TEXT,
    risk_red_min INTEGER NOT NULL DEFAULT 15,
    risk_amber_min INTEGER NOT NULL DEFAULT 5,
    {ROW_META}
);

CREATE TABLE people (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    role TEXT NOT NULL DEFAULT '',
    login TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    {ROW_META}
);

CREATE TABLE checklist_items (
    id INTEGER PRIMARY KEY,
    stage TEXT NOT NULL CHECK (stage IN ('preparation', 'go_live', 'follow_up')),
    category TEXT NOT NULL,
    title TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'not_started'
        CHECK (status IN ('not_started', 'in_progress', 'done', 'blocked', 'n_a')),
    owner TEXT NOT NULL DEFAULT '',
    due TEXT,
    blocked_reason TEXT NOT NULL DEFAULT '',
    evidence TEXT NOT NULL DEFAULT '',
    is_gate INTEGER NOT NULL DEFAULT 0,
    {ROW_META},
    CHECK (status != 'blocked' OR blocked_reason != '')
);

CREATE TABLE checklist_deps (
    item_id INTEGER NOT NULL REFERENCES checklist_items(id) ON DELETE CASCADE,
    depends_on_id INTEGER NOT NULL REFERENCES checklist_items(id) ON DELETE CASCADE,
    PRIMARY KEY (item_id, depends_on_id)
);

CREATE TABLE test_runs (
    id INTEGER PRIMARY KEY,
    level TEXT NOT NULL
        CHECK (level IN ('unit', 'integration', 'system', 'uat', 'regression', 'smoke')),
    name TEXT NOT NULL,
    started_at TEXT,
    source TEXT NOT NULL DEFAULT '',
    source_sha256 TEXT,
    {ROW_META}
);
CREATE INDEX test_runs_level ON test_runs(level, id);
CREATE UNIQUE INDEX test_runs_source_sha256 ON test_runs(source_sha256) WHERE source_sha256 IS NOT NULL;

CREATE TABLE test_cases (
    id INTEGER PRIMARY KEY,
    run_id INTEGER NOT NULL REFERENCES test_runs(id) ON DELETE CASCADE,
    suite TEXT NOT NULL DEFAULT '',
    classname TEXT NOT NULL DEFAULT '',
    name TEXT NOT NULL,
    outcome TEXT NOT NULL CHECK (outcome IN ('passed', 'failed', 'error', 'skipped')),
    seconds REAL NOT NULL DEFAULT 0,
    message TEXT NOT NULL DEFAULT '',
    details TEXT NOT NULL DEFAULT '',
    flaky INTEGER NOT NULL DEFAULT 0,
    {ROW_META}
);
CREATE INDEX test_cases_run ON test_cases(run_id);

CREATE TABLE runbook_steps (
    id INTEGER PRIMARY KEY,
    seq INTEGER NOT NULL,
    title TEXT NOT NULL,
    kind TEXT NOT NULL DEFAULT 'other'
        CHECK (kind IN ('backup', 'migrate', 'verify', 'switch', 'rollback_point', 'other')),
    owner TEXT NOT NULL DEFAULT '',
    planned_start TEXT NOT NULL,
    planned_minutes INTEGER NOT NULL CHECK (planned_minutes >= 0),
    status TEXT NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'running', 'done', 'failed', 'skipped')),
    actual_start TEXT,
    actual_end TEXT,
    {ROW_META}
);

CREATE TABLE step_deps (
    step_id INTEGER NOT NULL REFERENCES runbook_steps(id) ON DELETE CASCADE,
    depends_on_id INTEGER NOT NULL REFERENCES runbook_steps(id) ON DELETE CASCADE,
    PRIMARY KEY (step_id, depends_on_id)
);

CREATE TABLE migration_objects (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    source_rows INTEGER NOT NULL CHECK (source_rows >= 0),
    target_rows INTEGER CHECK (target_rows >= 0),
    rejected_rows INTEGER NOT NULL DEFAULT 0 CHECK (rejected_rows >= 0),
    tolerance_rows INTEGER NOT NULL DEFAULT 0 CHECK (tolerance_rows >= 0),
    accepted_reason TEXT NOT NULL DEFAULT '',
    accepted_by TEXT NOT NULL DEFAULT '',
    owner TEXT NOT NULL DEFAULT '',
    {ROW_META}
);

CREATE TABLE risks (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    category TEXT NOT NULL DEFAULT '',
    likelihood INTEGER NOT NULL CHECK (likelihood BETWEEN 1 AND 5),
    impact INTEGER NOT NULL CHECK (impact BETWEEN 1 AND 5),
    residual_likelihood INTEGER CHECK (residual_likelihood BETWEEN 1 AND 5),
    residual_impact INTEGER CHECK (residual_impact BETWEEN 1 AND 5),
    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'mitigated', 'closed', 'occurred')),
    mitigation TEXT NOT NULL DEFAULT '',
    contingency TEXT NOT NULL DEFAULT '',
    owner TEXT NOT NULL DEFAULT '',
    {ROW_META}
);

CREATE TABLE sla_policies (
    id INTEGER PRIMARY KEY,
    severity TEXT NOT NULL UNIQUE CHECK (severity IN ('P1', 'P2', 'P3', 'P4')),
    first_response_minutes INTEGER NOT NULL CHECK (first_response_minutes > 0),
    resolution_minutes INTEGER NOT NULL CHECK (resolution_minutes > 0),
    {ROW_META}
);

CREATE TABLE tickets (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    kind TEXT NOT NULL DEFAULT 'incident' CHECK (kind IN ('incident', 'inquiry', 'request', 'feedback')),
    severity TEXT NOT NULL CHECK (severity IN ('P1', 'P2', 'P3', 'P4')),
    status TEXT NOT NULL DEFAULT 'new'
        CHECK (status IN ('new', 'acknowledged', 'in_progress', 'waiting', 'resolved', 'closed')),
    reporter TEXT NOT NULL DEFAULT '',
    assignee TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT '',
    escalation_level INTEGER NOT NULL DEFAULT 0 CHECK (escalation_level >= 0),
    opened_at TEXT NOT NULL,
    first_response_at TEXT,
    resolved_at TEXT,
    {ROW_META}
);
CREATE INDEX tickets_status ON tickets(status, severity);

CREATE TABLE gate_criteria (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    label TEXT NOT NULL,
    params TEXT NOT NULL DEFAULT '{{}}',
    enabled INTEGER NOT NULL DEFAULT 1,
    {ROW_META}
);

CREATE TABLE signoffs (
    id INTEGER PRIMARY KEY,
    person TEXT NOT NULL,
    role TEXT NOT NULL DEFAULT '',
    decision TEXT NOT NULL DEFAULT 'pending'
        CHECK (decision IN ('pending', 'go', 'conditional_go', 'no_go')),
    decided_at TEXT,
    comment TEXT NOT NULL DEFAULT '',
    {ROW_META}
);

-- Append-only: who changed what, when, from which value to which.
CREATE TABLE audit (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('insert', 'update', 'delete', 'import', 'create')),
    table_name TEXT NOT NULL,
    row_id INTEGER,
    old TEXT,
    new TEXT,
    summary TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_table_row ON audit(table_name, row_id);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
    BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
    BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
"""


# Remote sources (DESIGN.md §3): the file keeps the URL and a keyring reference, never the secret.
# The reference's shape is fixed by a CHECK, so the column cannot hold a token even by mistake.
SCHEMA_0002 = f"""
CREATE TABLE sources (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE CHECK (trim(name) != ''),
    url TEXT NOT NULL CHECK (url LIKE 'http://%' OR url LIKE 'https://%'),
    kind TEXT NOT NULL CHECK (kind IN ('results', 'table')),
    level TEXT CHECK (level IN ('unit', 'integration', 'system', 'uat', 'regression', 'smoke')),
    table_kind TEXT CHECK (table_kind IN ('checklist', 'risks', 'tickets', 'steps', 'objects')),
    auth TEXT NOT NULL DEFAULT 'none' CHECK (auth IN ('none', 'token', 'basic')),
    username TEXT NOT NULL DEFAULT '',
    keyring_ref TEXT UNIQUE CHECK (
        keyring_ref IS NULL
        OR (length(keyring_ref) = 39 AND keyring_ref GLOB 'source-*'
            AND substr(keyring_ref, 8) NOT GLOB '*[^0-9a-f]*')
    ),
    poll_minutes INTEGER CHECK (poll_minutes IS NULL OR poll_minutes > 0),
    last_polled_at TEXT,
    last_status TEXT NOT NULL DEFAULT 'never'
        CHECK (last_status IN ('never', 'imported', 'not_modified', 'unchanged', 'failed')),
    last_message TEXT NOT NULL DEFAULT '',
    last_etag TEXT,
    last_modified TEXT,
    last_sha256 TEXT,
    {ROW_META},
    CHECK ((kind = 'results' AND level IS NOT NULL AND table_kind IS NULL)
        OR (kind = 'table' AND table_kind IS NOT NULL AND level IS NULL)),
    CHECK ((auth = 'none') = (keyring_ref IS NULL)),
    CHECK (auth != 'basic' OR username != '')
);
"""


# Why: SQLite checks ``x IN ('a', 'b', …)`` inside a CHECK by building a temporary b-tree for every row
# written; importing 100,000 test cases spent longer in that one check than in reading the file.
# The same rule spelt with ``=`` and ``OR`` costs next to nothing. SQLite cannot alter a CHECK, so the
# table is rebuilt (same columns, same order, same rows, same index).
SCHEMA_0003 = f"""
CREATE TABLE test_cases_rebuilt (
    id INTEGER PRIMARY KEY,
    run_id INTEGER NOT NULL REFERENCES test_runs(id) ON DELETE CASCADE,
    suite TEXT NOT NULL DEFAULT '',
    classname TEXT NOT NULL DEFAULT '',
    name TEXT NOT NULL,
    outcome TEXT NOT NULL
        CHECK (outcome = 'passed' OR outcome = 'failed' OR outcome = 'error' OR outcome = 'skipped'),
    seconds REAL NOT NULL DEFAULT 0,
    message TEXT NOT NULL DEFAULT '',
    details TEXT NOT NULL DEFAULT '',
    flaky INTEGER NOT NULL DEFAULT 0,
    {ROW_META}
);
INSERT INTO test_cases_rebuilt
    (id, run_id, suite, classname, name, outcome, seconds, message, details, flaky, version, updated_by, updated_at)
    SELECT id, run_id, suite, classname, name, outcome, seconds, message, details, flaky, version, updated_by,
           updated_at
    FROM test_cases;
DROP TABLE test_cases;
ALTER TABLE test_cases_rebuilt RENAME TO test_cases;
CREATE INDEX test_cases_run ON test_cases(run_id);
"""


# Table imports (CSV / .xlsx), one row each: the file's SHA-256 lets the same file imported twice be
# refused, naming who imported it when, as result files are by test_runs.source_sha256. Not unique: an
# import the user asked to repeat is recorded too. Written once, never updated, so no version columns.
SCHEMA_0004 = """
CREATE TABLE table_imports (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL
        CHECK (kind = 'checklist' OR kind = 'risks' OR kind = 'tickets' OR kind = 'steps' OR kind = 'objects'),
    source TEXT NOT NULL,
    source_sha256 TEXT NOT NULL CHECK (length(source_sha256) = 64),
    rows INTEGER NOT NULL CHECK (rows >= 0),
    dependencies INTEGER NOT NULL DEFAULT 0 CHECK (dependencies >= 0),
    left_out INTEGER NOT NULL DEFAULT 0 CHECK (left_out >= 0),
    skipped INTEGER NOT NULL DEFAULT 0 CHECK (skipped >= 0),
    imported_by TEXT NOT NULL,
    imported_at TEXT NOT NULL
);
CREATE INDEX table_imports_sha256 ON table_imports(kind, source_sha256);
"""


# Runbook retries and reasons, and who accepted a reconciliation difference when (issue 9). A failed step
# is retried as a new attempt: the row keeps the current attempt (its number, times, status), and each
# attempt it leaves behind is kept in ``step_attempts`` with its times and why it failed, so the history
# never loses a failure. ``status_reason`` says why a step failed or was skipped. Written in the same
# transaction as the step's audited update (whose old values name the attempt), like ``step_deps``.
SCHEMA_0005 = """
ALTER TABLE runbook_steps ADD COLUMN status_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE runbook_steps ADD COLUMN attempt INTEGER NOT NULL DEFAULT 1 CHECK (attempt >= 1);
ALTER TABLE migration_objects ADD COLUMN accepted_at TEXT;
CREATE TABLE step_attempts (
    id INTEGER PRIMARY KEY,
    step_id INTEGER NOT NULL REFERENCES runbook_steps(id) ON DELETE CASCADE,
    attempt INTEGER NOT NULL CHECK (attempt >= 1),
    actual_start TEXT,
    actual_end TEXT,
    outcome TEXT NOT NULL CHECK (outcome = 'failed' OR outcome = 'done'),
    reason TEXT NOT NULL DEFAULT '',
    recorded_by TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    UNIQUE (step_id, attempt)
);
"""


# A re-import updates the launch rows it matches (by our export's ID, a ticket's key, an object's name):
# each import records how many rows it updated, how many it left unchanged and how many it left out
# because the team changed the same cells since the export. ``rows`` stays the count of rows added.
SCHEMA_0006 = """
ALTER TABLE table_imports ADD COLUMN updated INTEGER NOT NULL DEFAULT 0 CHECK (updated >= 0);
ALTER TABLE table_imports ADD COLUMN unchanged INTEGER NOT NULL DEFAULT 0 CHECK (unchanged >= 0);
ALTER TABLE table_imports ADD COLUMN conflicts INTEGER NOT NULL DEFAULT 0 CHECK (conflicts >= 0);
"""


# A large import is written by short transactions, out of sight until its last one (``store.staging``):
# the rows of ``table_name`` whose ids are from ``first_id`` to ``last_id`` (for a test run, the run, whose
# cases go with it) are being written, or were left half-written by an import that died, and no reader
# shows them. ``host``/``pid``/``touched_at`` tell a running import from a dead one, whose rows the next
# import removes.
SCHEMA_0007 = """
CREATE TABLE import_staging (
    id INTEGER PRIMARY KEY,
    table_name TEXT NOT NULL,
    first_id INTEGER NOT NULL,
    last_id INTEGER NOT NULL CHECK (last_id >= first_id),
    label TEXT NOT NULL DEFAULT '',
    host TEXT NOT NULL,
    pid INTEGER NOT NULL,
    actor TEXT NOT NULL,
    started_at TEXT NOT NULL,
    touched_at TEXT NOT NULL
);
"""
