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


# The team around the file and the lead's offline review (issue 12).
# ``presence``: one heartbeat row per open window, rewritten every few seconds and read as "who has the
# file open" until it ages out; it is neither a lock nor a change to the launch, so it has no version columns
# and no audit rows. ``snapshot``: one row in a copy taken by ``cockpit snapshot`` (none in a live file),
# which makes every cockpit open that copy read-only. ``review_notes``: a lead's note on a row or on the
# launch (``table_name``/``row_id`` empty), audited like any other row.
SCHEMA_0008 = f"""
CREATE TABLE presence (
    window TEXT PRIMARY KEY,
    actor TEXT NOT NULL,
    host TEXT NOT NULL,
    pid INTEGER NOT NULL,
    opened_at TEXT NOT NULL,
    last_seen TEXT NOT NULL
);
CREATE TABLE snapshot (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    taken_at TEXT NOT NULL,
    taken_by TEXT NOT NULL,
    source TEXT NOT NULL
);
CREATE TABLE review_notes (
    id INTEGER PRIMARY KEY,
    table_name TEXT,
    row_id INTEGER,
    text TEXT NOT NULL CHECK (length(trim(text)) > 0),
    author TEXT NOT NULL,
    written_at TEXT NOT NULL,
    {ROW_META}
);
CREATE INDEX review_notes_row ON review_notes(table_name, row_id);
"""


# Decision rounds (移行判定会議, issue 13). Opening a round freezes the evidence: the whole ``status --json``
# document of that moment as canonical JSON with its SHA-256, and each criterion's verdict in
# ``round_criteria`` (what the minutes and the round's screen show). A round is closed by its decision;
# verdicts and conditions belong to one round. Conditions stay open until someone marks them met.
SCHEMA_0009 = f"""
CREATE TABLE decision_rounds (
    id INTEGER PRIMARY KEY,
    number INTEGER NOT NULL UNIQUE CHECK (number >= 1),
    title TEXT NOT NULL DEFAULT '',
    held_at TEXT NOT NULL,
    chair TEXT NOT NULL CHECK (trim(chair) != ''),
    attendees TEXT NOT NULL DEFAULT '[]',
    evidence TEXT NOT NULL,
    evidence_sha256 TEXT NOT NULL CHECK (length(evidence_sha256) = 64),
    decision TEXT CHECK (decision IS NULL
        OR decision = 'go' OR decision = 'no_go' OR decision = 'conditional_go' OR decision = 'postponed'),
    decision_comment TEXT NOT NULL DEFAULT '',
    decided_by TEXT NOT NULL DEFAULT '',
    decided_at TEXT,
    {ROW_META}
);
CREATE UNIQUE INDEX decision_rounds_one_open ON decision_rounds(decision IS NULL) WHERE decision IS NULL;

CREATE TABLE round_criteria (
    id INTEGER PRIMARY KEY,
    round_id INTEGER NOT NULL REFERENCES decision_rounds(id),
    criterion_id INTEGER NOT NULL,
    kind TEXT NOT NULL,
    params TEXT NOT NULL DEFAULT '{{}}',
    ok INTEGER NOT NULL CHECK (ok = 0 OR ok = 1),
    detail TEXT NOT NULL DEFAULT '',
    UNIQUE (round_id, criterion_id)
);

CREATE TABLE round_verdicts (
    id INTEGER PRIMARY KEY,
    round_id INTEGER NOT NULL REFERENCES decision_rounds(id),
    person TEXT NOT NULL,
    role TEXT NOT NULL DEFAULT '',
    verdict TEXT NOT NULL CHECK (verdict = 'go' OR verdict = 'no_go' OR verdict = 'conditional_go'),
    comment TEXT NOT NULL DEFAULT '',
    signed_at TEXT NOT NULL,
    {ROW_META},
    UNIQUE (round_id, person)
);

CREATE TABLE round_conditions (
    id INTEGER PRIMARY KEY,
    round_id INTEGER NOT NULL REFERENCES decision_rounds(id),
    verdict_id INTEGER REFERENCES round_verdicts(id),
    text TEXT NOT NULL CHECK (trim(text) != ''),
    owner TEXT NOT NULL DEFAULT '',
    due TEXT,
    met_by TEXT NOT NULL DEFAULT '',
    met_at TEXT,
    evidence TEXT NOT NULL DEFAULT '',
    {ROW_META},
    CHECK ((met_at IS NULL) = (met_by = ''))
);
CREATE INDEX round_conditions_round ON round_conditions(round_id);
"""


# Tamper evidence: each audit row carries the hash of the row before it and its own (``store/chain.py``).
# The append-only triggers are dropped while the rows already there are chained, then put back.
SCHEMA_0009_AUDIT = """
DROP TRIGGER audit_no_update;
ALTER TABLE audit ADD COLUMN prev_hash TEXT NOT NULL DEFAULT '';
ALTER TABLE audit ADD COLUMN hash TEXT NOT NULL DEFAULT '';
"""


# Rehearsals (移行リハーサル) and the rollback decision (issue 13). A rehearsal is a run of the runbook on a copy
# of production: its steps' actual times and its objects' counts live in their own tables, so the live run's
# rows are never touched. At most one rehearsal is open at a time (the partial unique index). ``name`` is ''
# when none was given: the viewer's language says "Rehearsal N" / "リハーサルN". A step flagged
# ``rollback_point`` asks for the decision (continue or roll back) before it starts; steps flagged
# ``rollback_path`` run only after a roll-back decision. The kind's CHECK cannot be altered, hence flags.
SCHEMA_0010 = f"""
CREATE TABLE rehearsals (
    id INTEGER PRIMARY KEY,
    number INTEGER NOT NULL UNIQUE CHECK (number >= 1),
    name TEXT NOT NULL DEFAULT '',
    started_at TEXT NOT NULL,
    closed_at TEXT,
    {ROW_META}
);
CREATE UNIQUE INDEX rehearsals_one_open ON rehearsals((closed_at IS NULL)) WHERE closed_at IS NULL;
CREATE TABLE rehearsal_steps (
    id INTEGER PRIMARY KEY,
    rehearsal_id INTEGER NOT NULL REFERENCES rehearsals(id) ON DELETE CASCADE,
    step_id INTEGER NOT NULL REFERENCES runbook_steps(id) ON DELETE CASCADE,
    actual_start TEXT NOT NULL,
    actual_end TEXT,
    {ROW_META},
    UNIQUE (rehearsal_id, step_id)
);
CREATE TABLE rehearsal_counts (
    id INTEGER PRIMARY KEY,
    rehearsal_id INTEGER NOT NULL REFERENCES rehearsals(id) ON DELETE CASCADE,
    object_id INTEGER NOT NULL REFERENCES migration_objects(id) ON DELETE CASCADE,
    target_rows INTEGER CHECK (target_rows >= 0),
    rejected_rows INTEGER NOT NULL DEFAULT 0 CHECK (rejected_rows >= 0),
    {ROW_META},
    UNIQUE (rehearsal_id, object_id)
);
ALTER TABLE runbook_steps ADD COLUMN rollback_point INTEGER NOT NULL DEFAULT 0
    CHECK (rollback_point = 0 OR rollback_point = 1);
ALTER TABLE runbook_steps ADD COLUMN rollback_path INTEGER NOT NULL DEFAULT 0
    CHECK (rollback_path = 0 OR rollback_path = 1);
CREATE TABLE rollback_decisions (
    id INTEGER PRIMARY KEY,
    step_id INTEGER NOT NULL UNIQUE REFERENCES runbook_steps(id) ON DELETE CASCADE,
    decision TEXT NOT NULL CHECK (decision = 'continue' OR decision = 'roll_back'),
    reason TEXT NOT NULL CHECK (trim(reason) != ''),
    decided_by TEXT NOT NULL,
    decided_at TEXT NOT NULL,
    {ROW_META}
);
"""


# Hypercare KPIs (issue 14): each KPI's target and direction, and the values that arrive for it, typed,
# imported from a table or pulled from a Prometheus server. A value is never edited, only added (or removed
# with its KPI), but it carries the version columns like every row a user writes.
SCHEMA_0011 = f"""
CREATE TABLE kpis (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL CHECK (trim(name) != ''),
    unit TEXT NOT NULL DEFAULT '',
    target REAL NOT NULL,
    direction TEXT NOT NULL CHECK (direction = 'at_least' OR direction = 'at_most'),
    query TEXT NOT NULL DEFAULT '',
    {ROW_META}
);
CREATE TABLE kpi_values (
    id INTEGER PRIMARY KEY,
    kpi_id INTEGER NOT NULL REFERENCES kpis(id) ON DELETE CASCADE,
    at TEXT NOT NULL,
    value REAL NOT NULL,
    source TEXT NOT NULL DEFAULT '',
    {ROW_META}
);
CREATE INDEX kpi_values_kpi ON kpi_values(kpi_id, at);
"""


# Support clocks as service desks count them, and the reviews after go-live (issue 14). A policy's
# ``working_days`` NULL is 24×7; otherwise its clocks count ``working_hours`` on those days in the launch's
# zone, less ``public_holidays`` (a region of the ``holidays`` package, '' for none) and ``team_holidays``.
# A ticket waiting on its reporter pauses its clocks: each wait is a ``ticket_pauses`` row, written beside
# the ticket's audited update (like ``step_attempts``). A review freezes the period's figures (JSON) when it
# is recorded; its improvement actions are tracked until done; lessons are kept by phase.
SCHEMA_0012 = f"""
ALTER TABLE sla_policies ADD COLUMN update_minutes INTEGER CHECK (update_minutes IS NULL OR update_minutes > 0);
ALTER TABLE sla_policies ADD COLUMN working_days TEXT;
ALTER TABLE sla_policies ADD COLUMN working_hours TEXT NOT NULL DEFAULT '09:00-18:00';
ALTER TABLE sla_policies ADD COLUMN public_holidays TEXT NOT NULL DEFAULT 'JP';
ALTER TABLE tickets ADD COLUMN last_update_at TEXT;
CREATE TABLE team_holidays (
    id INTEGER PRIMARY KEY,
    day TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL DEFAULT '',
    {ROW_META}
);
CREATE TABLE ticket_pauses (
    id INTEGER PRIMARY KEY,
    ticket_id INTEGER NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
    started_at TEXT NOT NULL,
    ended_at TEXT,
    started_by TEXT NOT NULL DEFAULT ''
);
CREATE INDEX ticket_pauses_ticket ON ticket_pauses(ticket_id);
CREATE TABLE ticket_links (
    id INTEGER PRIMARY KEY,
    ticket_id INTEGER NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('step', 'risk', 'test')),
    target TEXT NOT NULL,
    {ROW_META},
    UNIQUE (ticket_id, kind, target)
);
CREATE TABLE reviews (
    id INTEGER PRIMARY KEY,
    held_at TEXT NOT NULL,
    cadence TEXT NOT NULL DEFAULT 'daily' CHECK (cadence IN ('daily', 'weekly')),
    attendees TEXT NOT NULL DEFAULT '',
    period_start TEXT NOT NULL,
    period_end TEXT NOT NULL,
    figures TEXT NOT NULL DEFAULT '{{}}',
    findings TEXT NOT NULL DEFAULT '',
    {ROW_META}
);
CREATE TABLE improvement_actions (
    id INTEGER PRIMARY KEY,
    review_id INTEGER REFERENCES reviews(id) ON DELETE SET NULL,
    title TEXT NOT NULL,
    owner TEXT NOT NULL DEFAULT '',
    due TEXT,
    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done')),
    done_at TEXT,
    {ROW_META}
);
CREATE TABLE lessons (
    id INTEGER PRIMARY KEY,
    phase TEXT NOT NULL CHECK (phase IN ('preparation', 'cutover', 'hypercare', 'closed')),
    kind TEXT NOT NULL CHECK (kind IN ('went_well', 'change')),
    text TEXT NOT NULL,
    {ROW_META}
);
"""


# Every run's counts by outcome (``read_runs``) come from this index alone, without reading the cases; it
# starts with run_id, so it also serves every lookup the index it replaces served (one index to keep up on
# import, as before).
SCHEMA_0013 = """
CREATE INDEX test_cases_counts ON test_cases(run_id, outcome, flaky);
DROP INDEX test_cases_run;
"""

# Each run's counts by outcome, kept on its row: a run's cases never change after the import that writes them
# and its counts together, so no index over every case has to be kept up for them (an import's 0.04 s).
SCHEMA_0014 = """
ALTER TABLE test_runs ADD COLUMN total INTEGER NOT NULL DEFAULT 0;
ALTER TABLE test_runs ADD COLUMN passed INTEGER NOT NULL DEFAULT 0;
ALTER TABLE test_runs ADD COLUMN failed INTEGER NOT NULL DEFAULT 0;
ALTER TABLE test_runs ADD COLUMN errors INTEGER NOT NULL DEFAULT 0;
ALTER TABLE test_runs ADD COLUMN skipped INTEGER NOT NULL DEFAULT 0;
ALTER TABLE test_runs ADD COLUMN flaky INTEGER NOT NULL DEFAULT 0;
CREATE INDEX test_cases_run ON test_cases(run_id);
DROP INDEX test_cases_counts;
"""
