/**
 * DDL of the audit journal. The journal is the record of money: every write
 * is inserted as an intent BEFORE it is sent and settled after, so the triggers
 * below make the table append-only at the database level — a bug elsewhere in
 * the app cannot erase or rewrite what was spent.
 *
 * - entries: one row per write; DELETE is refused; the intent columns never
 *   change; an outcome moves only pending → unknown|succeeded|failed and
 *   unknown → succeeded|failed. Once settled it is frozen.
 * - events: every transition, written by triggers; itself append-only.
 */
export const JOURNAL_SCHEMA_VERSION = 1

export const JOURNAL_DDL = `
CREATE TABLE IF NOT EXISTS entries (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  profile_id TEXT NOT NULL,
  profile_name TEXT NOT NULL,
  action TEXT NOT NULL,
  resource TEXT NOT NULL,
  target TEXT NOT NULL,
  params TEXT NOT NULL,
  expected_cost REAL NOT NULL,
  balance_before REAL,
  balance_after REAL,
  outcome TEXT NOT NULL CHECK (outcome IN ('pending','succeeded','failed','unknown')),
  error_code TEXT,
  error_message TEXT,
  evidence TEXT,
  response TEXT,
  bulk_run_id TEXT,
  -- What reconciliation needs to judge an unknown later (ids, pre-write expiry and balances).
  context TEXT NOT NULL DEFAULT '{}',
  started_at INTEGER NOT NULL,
  finished_at INTEGER
);
CREATE INDEX IF NOT EXISTS entries_started ON entries(started_at);
CREATE INDEX IF NOT EXISTS entries_profile ON entries(profile_id, started_at);
CREATE INDEX IF NOT EXISTS entries_outcome ON entries(outcome);
CREATE INDEX IF NOT EXISTS entries_run ON entries(bulk_run_id);

CREATE TABLE IF NOT EXISTS events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  entry_id INTEGER NOT NULL REFERENCES entries(id),
  at INTEGER NOT NULL,
  from_outcome TEXT,
  to_outcome TEXT NOT NULL,
  detail TEXT
);
CREATE INDEX IF NOT EXISTS events_entry ON events(entry_id);

CREATE TRIGGER IF NOT EXISTS entries_no_delete BEFORE DELETE ON entries
BEGIN SELECT RAISE(ABORT, 'journal is append-only: entries cannot be deleted'); END;

CREATE TRIGGER IF NOT EXISTS entries_intent_frozen BEFORE UPDATE ON entries
WHEN NEW.id IS NOT OLD.id OR NEW.profile_id IS NOT OLD.profile_id OR NEW.profile_name IS NOT OLD.profile_name
  OR NEW.action IS NOT OLD.action OR NEW.resource IS NOT OLD.resource OR NEW.target IS NOT OLD.target
  OR NEW.params IS NOT OLD.params OR NEW.expected_cost IS NOT OLD.expected_cost
  OR NEW.balance_before IS NOT OLD.balance_before OR NEW.bulk_run_id IS NOT OLD.bulk_run_id
  OR NEW.started_at IS NOT OLD.started_at OR NEW.context IS NOT OLD.context
BEGIN SELECT RAISE(ABORT, 'journal is append-only: the intent of an entry cannot change'); END;

-- A settled row is frozen, except that a balance read after the answer may fill balance_after once.
CREATE TRIGGER IF NOT EXISTS entries_settled_frozen BEFORE UPDATE ON entries
WHEN OLD.outcome NOT IN ('pending','unknown') AND (
  NEW.outcome IS NOT OLD.outcome OR NEW.error_code IS NOT OLD.error_code OR NEW.error_message IS NOT OLD.error_message
  OR NEW.evidence IS NOT OLD.evidence OR NEW.response IS NOT OLD.response OR NEW.finished_at IS NOT OLD.finished_at
  OR (OLD.balance_after IS NOT NULL AND NEW.balance_after IS NOT OLD.balance_after))
BEGIN SELECT RAISE(ABORT, 'journal is append-only: a settled outcome cannot change'); END;

CREATE TRIGGER IF NOT EXISTS entries_no_back_to_pending BEFORE UPDATE ON entries
WHEN NEW.outcome = 'pending' AND OLD.outcome <> 'pending'
BEGIN SELECT RAISE(ABORT, 'journal is append-only: an entry cannot become pending again'); END;

CREATE TRIGGER IF NOT EXISTS entries_log_insert AFTER INSERT ON entries
BEGIN INSERT INTO events(entry_id, at, from_outcome, to_outcome, detail)
  VALUES (NEW.id, NEW.started_at, NULL, NEW.outcome, 'intent recorded'); END;

CREATE TRIGGER IF NOT EXISTS entries_log_update AFTER UPDATE OF outcome ON entries
WHEN NEW.outcome IS NOT OLD.outcome
BEGIN INSERT INTO events(entry_id, at, from_outcome, to_outcome, detail)
  VALUES (NEW.id, COALESCE(NEW.finished_at, CAST(strftime('%s','now') AS INTEGER) * 1000), OLD.outcome, NEW.outcome,
          COALESCE(NEW.evidence, NEW.error_code)); END;

CREATE TRIGGER IF NOT EXISTS entries_log_check AFTER UPDATE OF evidence ON entries
WHEN NEW.outcome = OLD.outcome AND NEW.evidence IS NOT OLD.evidence
BEGIN INSERT INTO events(entry_id, at, from_outcome, to_outcome, detail)
  VALUES (NEW.id, CAST(strftime('%s','now') AS INTEGER) * 1000, OLD.outcome, NEW.outcome, NEW.evidence); END;

CREATE TRIGGER IF NOT EXISTS entries_log_balance AFTER UPDATE OF balance_after ON entries
WHEN NEW.outcome = OLD.outcome AND OLD.balance_after IS NULL AND NEW.balance_after IS NOT NULL
BEGIN INSERT INTO events(entry_id, at, from_outcome, to_outcome, detail)
  VALUES (NEW.id, CAST(strftime('%s','now') AS INTEGER) * 1000, OLD.outcome, NEW.outcome, 'balance after: ' || NEW.balance_after); END;

CREATE TRIGGER IF NOT EXISTS events_no_delete BEFORE DELETE ON events
BEGIN SELECT RAISE(ABORT, 'journal is append-only: events cannot be deleted'); END;

CREATE TRIGGER IF NOT EXISTS events_no_update BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'journal is append-only: events cannot change'); END;
`
