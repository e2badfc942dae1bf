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
 * single-row write — upsert, removal, a row listed again — keeps the counts
 * without knowing about them. Bulk writes pause the triggers for their
 * transaction and count what they wrote with one GROUP BY: a sync's commit or a
 * panel removed recounts the panel, unless the commit wrote none of its rows
 * (per-row upkeep of 200k rows cost ~30% more CPU per 100k-line switch,
 * test/bench/cache-query.ts); a first sync's published
 * slice counts the rows it showed (per-row upkeep took ~0.45 s of SQL in a 100k-line
 * first sync, the GROUP BYs ~0.25 s: docs/ARCHITECTURE.md §5).
 *
 * Paused by a row in a TEMP table the triggers' WHEN reads, not by dropping and
 * creating them: a trigger dropped or created is a schema change, and SQLite then
 * prepares every cached statement of the connection again on its next run.
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
/**
 * The tally key of a narrow row `r` (`new`, `old` or a table alias): the panel, the flags, the span.
 * `panel`: the panel key's expression, for rows that do not carry it (a sync's staged rows).
 */
const keyOf = (r: string, panel = `${r}.panel_key`) =>
  `${panel}, coalesce(${r}.admin_enabled, -1), coalesce(${r}.enabled, -1), coalesce(${r}.is_trial, -1), coalesce(${span(r)}, -1), ${span(r)}`

export function createTallySql(table: string): string {
  // exp_key: the span's start, or -1 for unlimited (a key column cannot be NULL); exp_date: the same or NULL.
  return `CREATE TABLE ${table}_tally (panel_key TEXT NOT NULL, admin_enabled INTEGER NOT NULL, enabled INTEGER NOT NULL,
    is_trial INTEGER NOT NULL, exp_key INTEGER NOT NULL, exp_date INTEGER, n INTEGER NOT NULL,
    PRIMARY KEY (panel_key, admin_enabled, enabled, is_trial, exp_key)) WITHOUT ROWID;`
}

/**
 * Count the rows matching `where` (over `from`, as `r`: the narrow table unless said) into the
 * tally. `panel`: the panel key's expression when `from` has no panel_key column.
 */
export function recountSql(table: string, where: string, from = table, panel?: string): string {
  return `INSERT INTO ${table}_tally (panel_key, admin_enabled, enabled, is_trial, exp_key, exp_date, n)
    SELECT ${keyOf('r', panel)}, count(*) FROM ${from} r WHERE ${where} GROUP BY 1, 2, 3, 4, 5
    ON CONFLICT DO UPDATE SET n = n + excluded.n`
}

const add = (table: string, r: string) => `INSERT INTO ${table}_tally (panel_key, admin_enabled, enabled, is_trial, exp_key, exp_date, n)
    VALUES (${keyOf(r)}, 1) ON CONFLICT DO UPDATE SET n = n + 1;`
const remove = (table: string, r: string) => `UPDATE ${table}_tally SET n = n - 1 WHERE panel_key = ${r}.panel_key
    AND admin_enabled = coalesce(${r}.admin_enabled, -1) AND enabled = coalesce(${r}.enabled, -1)
    AND is_trial = coalesce(${r}.is_trial, -1) AND exp_key = coalesce(${span(r)}, -1);`

/** The tables whose triggers a bulk write has paused (connection-local, like the triggers). */
const PAUSED = 'temp.xm_tally_paused'
const running = (table: string) => `NOT EXISTS (SELECT 1 FROM ${PAUSED} WHERE tbl = '${table}')`

/** The connection's triggers keeping `<table>_tally` in step with single-row writes. */
export function installTallyTriggers(db: Database.Database, table: string): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS ${PAUSED} (tbl TEXT PRIMARY KEY);
    CREATE TEMP TRIGGER IF NOT EXISTS ${table}_tally_ins AFTER INSERT ON main.${table} WHEN ${running(table)}
      BEGIN ${add(table, 'new')} END;
    CREATE TEMP TRIGGER IF NOT EXISTS ${table}_tally_del AFTER DELETE ON main.${table} WHEN ${running(table)}
      BEGIN ${remove(table, 'old')} END;
    CREATE TEMP TRIGGER IF NOT EXISTS ${table}_tally_upd AFTER UPDATE OF panel_key, admin_enabled, enabled, is_trial, exp_date ON main.${table}
      WHEN ${running(table)} BEGIN ${remove(table, 'old')} ${add(table, 'new')} END;`)
}

/** The pause's two statements per connection (prepared once: slices pause many times a sync). */
const pauses = new WeakMap<Database.Database, { pause: Database.Statement; resume: Database.Statement }>()

/**
 * Runs `fn` with `table`'s triggers paused, then `count` (which brings the tally in step
 * with what `fn` wrote). Call inside a transaction: a failure rolls the whole change back.
 * Nested calls leave the pause to the outermost one, whose `count` covers the whole change.
 */
export function withTallyPaused<T>(db: Database.Database, table: string, fn: () => T, count: (out: T) => void): T {
  if (!isTallied(table)) return fn()
  let s = pauses.get(db)
  // Stryker disable next-line ConditionalExpression: equivalent, preparing them again on every call gives the same statements; only speed differs.
  if (!s) pauses.set(db, (s = { pause: db.prepare(`INSERT OR IGNORE INTO ${PAUSED} (tbl) VALUES (?)`), resume: db.prepare(`DELETE FROM ${PAUSED} WHERE tbl = ?`) }))
  if (s.pause.run(table).changes === 0) return fn()
  try {
    const out = fn()
    count(out)
    return out
  } finally {
    s.resume.run(table)
  }
}

/**
 * Runs a bulk change of one panel's rows of `table` without per-row upkeep (`fn`, which says
 * whether it wrote any of them), then recounts that panel if it did: a re-sync that kept every
 * row leaves the counts the triggers kept right meanwhile (the recount took ~0.2 s per 100k
 * rows, test/bench/cache-query.ts). Call inside a transaction.
 */
export function withPanelRecount(db: Database.Database, table: string, panelKey: string, fn: () => boolean): boolean {
  return withTallyPaused(db, table, fn, (wrote) => {
    if (!wrote) return
    db.prepare(`DELETE FROM ${table}_tally WHERE panel_key = ?`).run(panelKey)
    db.prepare(recountSql(table, 'r.panel_key = ?')).run(panelKey)
  })
}

/** Span bounds [lo, hi) holding each of `moments` (seconds), distinct. */
export function boundarySpans(moments: number[]): { lo: number; hi: number }[] {
  const starts = [...new Set(moments.map((m) => Math.trunc(m / TALLY_SPAN) * TALLY_SPAN))]
  return starts.map((lo) => ({ lo, hi: lo + TALLY_SPAN }))
}
