"""The SQL of the schema migrations from 0008 on: the team around the file, go/no-go meetings, rehearsals,
hypercare (``migrations.py`` applies them in order; 0001–0007 are in ``schema_sql``). Never edit one that has
shipped: add a new one."""

from cockpit.store.schema_sql import ROW_META

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
