/**
 * Maintained counts of subscription rows (lines, mags, enigmas, activecodes), so
 * the number a list shows does not cost a COUNT over the panel's whole set on
 * every keystroke or chip click (issue #14: at 1M lines that count alone was
 * ~250 ms).
 *
 * `<table>_tally` holds one count per panel and combination of what the status
 * chips read: admin_enabled, enabled, is_trial and the expiry's three-day span. A chip
 * predicate (query-sql.ts) runs over the tally rows unchanged: the booleans are
 * stored as they are (a missing one as -1, which neither `= 0` nor `= 1` match,
 * just like NULL), `exp_date` as the start of its span (NULL for unlimited).
 * The spans that hold `now` or the end of "expiring soon" are the only ones a
 * chip may split; those rows are counted exactly through the expiry index, so
 * the total is exact at any moment, never "as of the last sync".
 *
 * Kept right by TEMP triggers on the narrow table (connection-local, created
 * on open; the file holds no trigger another program could trip on), so every
 * single-row write — upsert, removal, a sync publishing early rows — keeps the
 * counts without knowing about them. Bulk switches (a sync's commit, a panel
 * removed) drop the triggers for their transaction and recount the panel once:
 * per-row upkeep of 200k rows cost ~30% more CPU per 100k-line switch than one
 * GROUP BY (measured with test/bench/cache-query.ts).
 */
import type Database from 'better-sqlite3'

/** Tables whose totals come from a tally: those with status chips over expiry. */
export const TALLIED = ['lines', 'mags', 'enigmas', 'activecodes'] as const

/**
 * Expiry bucket width, seconds: three days. Wider buckets mean more rows to count exactly in the
 * one or two a chip boundary splits (a week held ~14k of 1M lines); narrower ones more tally
 * rows to sum (a day: ~4k a panel). Three days kept both near 1-2 ms at 1M lines.
 */
export const TALLY_SPAN = 3 * 86_400

export const isTallied = (table: string): boolean => (TALLIED as readonly string[]).includes(table)

const span = (e: string) => `(CAST(${e}.exp_date AS INTEGER) / ${TALLY_SPAN} * ${TALLY_SPAN})`
/** The tally key of a narrow row `r` (`new`, `old` or a table alias): the panel, the flags, the span. */
const keyOf = (r: string) =>
  `${r}.panel_key, coalesce(${r}.admin_enabled, -1), coalesce(${r}.enabled, -1), coalesce(${r}.is_trial, -1), coalesce(${span(r)}, -1), ${span(r)}`

export function createTallySql(table: string): string {
  // exp_key: the span's start, or -1 for unlimited (a key column cannot be NULL); exp_date: the same or NULL.
  return `CREATE TABLE ${table}_tally (panel_key TEXT NOT NULL, admin_enabled INTEGER NOT NULL, enabled INTEGER NOT NULL,
    is_trial INTEGER NOT NULL, exp_key INTEGER NOT NULL, exp_date INTEGER, n INTEGER NOT NULL,
    PRIMARY KEY (panel_key, admin_enabled, enabled, is_trial, exp_key)) WITHOUT ROWID;`
}

/** Count the rows matching `where` (over the narrow table `r`) into the tally. */
export function recountSql(table: string, where: string): string {
  return `INSERT INTO ${table}_tally (panel_key, admin_enabled, enabled, is_trial, exp_key, exp_date, n)
    SELECT ${keyOf('r')}, count(*) FROM ${table} r WHERE ${where} GROUP BY 1, 2, 3, 4, 5
    ON CONFLICT DO UPDATE SET n = n + excluded.n`
}

const add = (table: string, r: string) => `INSERT INTO ${table}_tally (panel_key, admin_enabled, enabled, is_trial, exp_key, exp_date, n)
    VALUES (${keyOf(r)}, 1) ON CONFLICT DO UPDATE SET n = n + 1;`
const remove = (table: string, r: string) => `UPDATE ${table}_tally SET n = n - 1 WHERE panel_key = ${r}.panel_key
    AND admin_enabled = coalesce(${r}.admin_enabled, -1) AND enabled = coalesce(${r}.enabled, -1)
    AND is_trial = coalesce(${r}.is_trial, -1) AND exp_key = coalesce(${span(r)}, -1);`

/** The connection's triggers keeping `<table>_tally` in step with single-row writes. */
export function installTallyTriggers(db: Database.Database, table: string): void {
  db.exec(`
    CREATE TEMP TRIGGER IF NOT EXISTS ${table}_tally_ins AFTER INSERT ON main.${table} BEGIN ${add(table, 'new')} END;
    CREATE TEMP TRIGGER IF NOT EXISTS ${table}_tally_del AFTER DELETE ON main.${table} BEGIN ${remove(table, 'old')} END;
    CREATE TEMP TRIGGER IF NOT EXISTS ${table}_tally_upd AFTER UPDATE OF panel_key, admin_enabled, enabled, is_trial, exp_date ON main.${table}
      BEGIN ${remove(table, 'old')} ${add(table, 'new')} END;`)
}

function dropTallyTriggers(db: Database.Database, table: string): void {
  db.exec(`DROP TRIGGER IF EXISTS temp.${table}_tally_ins; DROP TRIGGER IF EXISTS temp.${table}_tally_del; DROP TRIGGER IF EXISTS temp.${table}_tally_upd;`)
}

/**
 * Runs a bulk change of one panel's rows of `table` without per-row upkeep, then recounts
 * that panel. Call inside a transaction: a failure rolls the triggers' removal back too.
 */
export function withPanelRecount<T>(db: Database.Database, table: string, panelKey: string, fn: () => T): T {
  if (!isTallied(table)) return fn()
  dropTallyTriggers(db, table)
  try {
    const out = fn()
    db.prepare(`DELETE FROM ${table}_tally WHERE panel_key = ?`).run(panelKey)
    db.prepare(recountSql(table, 'r.panel_key = ?')).run(panelKey)
    return out
  } finally {
    installTallyTriggers(db, table)
  }
}

/** Span bounds [lo, hi) holding each of `moments` (seconds), distinct. */
export function boundarySpans(moments: number[]): { lo: number; hi: number }[] {
  const starts = [...new Set(moments.map((m) => Math.trunc(m / TALLY_SPAN) * TALLY_SPAN))]
  return starts.map((lo) => ({ lo, hi: lo + TALLY_SPAN }))
}
