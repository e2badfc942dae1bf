/**
 * The cache schema, as an ordered list of migrations. `PRAGMA user_version`
 * is the number of migrations applied; each runs in its own transaction
 * together with the version bump, so a crash leaves the file at a whole step.
 *
 * Migrations are history: never edit one that has shipped, add the next.
 * Indexes are few on purpose: each one costs on every sync's switch, and queries
 * scan the narrow tables, walk the default view's index or start from the
 * full-text index (query-sql.ts).
 */
import type Database from 'better-sqlite3'
import { createFtsSql, FTS_COLUMNS, FTS_COLUMNS_V2, indexRowsSql, SEARCH_TEXT_FIELDS } from './fts'
import { searchTextOf } from './search-text'
import { createTallySql, recountSql, TALLIED } from './tally'

export interface Migration {
  version: number
  name: string
  up(db: Database.Database): void
}

const T = 'TEXT COLLATE NOCASE'
const subscription = `member_id INTEGER, owner_name ${T}, package_id INTEGER, exp_date INTEGER, created_at INTEGER,
  enabled INTEGER, admin_enabled INTEGER, is_trial INTEGER, is_isp_lock INTEGER`
const device = `line_id INTEGER, mac ${T}, mac_norm TEXT, username ${T}, password ${T}, ${subscription},
  max_connections INTEGER, active_connections INTEGER, reseller_notes ${T}`
const log = `username ${T}, line_id INTEGER, stream_id INTEGER, stream_name ${T}, user_agent ${T}, user_ip ${T},
  isp ${T}, country ${T}, container ${T}, date_start INTEGER, device_type ${T}`

/**
 * Every resource is two tables. `<name>` is narrow: the columns that filters,
 * sorts and search read, so scanning 100k rows stays in a few MB. `<name>_data`
 * holds the full domain row (`data`) and the panel's raw row (`raw`), read only
 * for the page on screen (measured: filtering a table that carries the JSON
 * was 3-5x slower). `rid` is an explicit INTEGER PRIMARY KEY because the data
 * and FTS twins are keyed by it, and VACUUM may renumber an implicit rowid.
 */
const resourceTable = (name: string, columns: string): string => `
CREATE TABLE ${name} (
  rid INTEGER PRIMARY KEY,
  profile_id TEXT NOT NULL,
  id INTEGER NOT NULL,
  ${columns},
  UNIQUE (profile_id, id)
);
CREATE TABLE ${name}_data (rid INTEGER PRIMARY KEY, data TEXT NOT NULL, raw TEXT);`

const v1Tables = `
CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL);
${resourceTable('lines', `username ${T}, password ${T}, ${subscription}, max_connections INTEGER,
  active_connections INTEGER, reseller_notes ${T}, last_activity INTEGER`)}
CREATE INDEX lines_username ON lines (profile_id, username);
${resourceTable('mags', `${device}, stb_type ${T}`)}
CREATE INDEX mags_mac_norm ON mags (profile_id, mac_norm);
${resourceTable('enigmas', `${device}, public_ip ${T}`)}
CREATE INDEX enigmas_mac_norm ON enigmas (profile_id, mac_norm);
${resourceTable('activecodes', `code ${T}, ${subscription}, reseller_notes ${T}, mac ${T}, mac_norm TEXT`)}
CREATE INDEX activecodes_code ON activecodes (profile_id, code);
${resourceTable('sub_resellers', `username ${T}, email ${T}, credits REAL, enabled INTEGER, owner_id INTEGER,
  owner_name ${T}, member_group_id INTEGER, group_name ${T}, notes ${T}, reseller_dns ${T}, ip ${T},
  date_registered INTEGER, last_login INTEGER, line_count INTEGER`)}
CREATE INDEX sub_resellers_username ON sub_resellers (profile_id, username);
${resourceTable('activity_logs', `${log}, date_end INTEGER`)}
${resourceTable('live_connections', `${log}, server_id INTEGER`)}
${resourceTable('credit_logs', `owner_name ${T}, type ${T}, action ${T}, target_id INTEGER, package_id INTEGER,
  cost REAL, credits_after REAL, date INTEGER`)}

CREATE TABLE packages (profile_id TEXT NOT NULL, id INTEGER NOT NULL, data TEXT NOT NULL, at INTEGER NOT NULL,
  PRIMARY KEY (profile_id, id));
-- The reseller's own account snapshot (API action user_info).
CREATE TABLE user_info (profile_id TEXT PRIMARY KEY, data TEXT NOT NULL, at INTEGER NOT NULL);
CREATE TABLE sync_meta (profile_id TEXT NOT NULL, resource TEXT NOT NULL, synced_at INTEGER, error TEXT,
  PRIMARY KEY (profile_id, resource));
CREATE TABLE credit_snapshots (profile_id TEXT NOT NULL, at INTEGER NOT NULL, credits REAL NOT NULL);
CREATE INDEX credit_snapshots_profile_at ON credit_snapshots (profile_id, at);
`

export const MIGRATIONS: Migration[] = [
  { version: 1, name: 'resource tables', up: (db) => db.exec(v1Tables) },
  {
    // Rows cached before v2 are indexed here; from then on fts.ts keeps the index in step.
    version: 2,
    name: 'full-text search',
    up: (db) => {
      for (const table of Object.keys(FTS_COLUMNS_V2)) {
        db.exec(createFtsSql(table, FTS_COLUMNS_V2))
        db.exec(indexRowsSql(table, '1', table, FTS_COLUMNS_V2))
      }
    },
  },
  {
    // A sync writes each page as it arrives, out of readers' sight (staging.ts). The rid
    // ranges it wrote are noted here until its switch, so rows of a pass cut short by a
    // crash are found and dropped on the next open without scanning the data tables.
    version: 3,
    name: 'sync staging',
    up: (db) => db.exec('CREATE TABLE sync_staging (pass TEXT NOT NULL, tbl TEXT NOT NULL, lo INTEGER NOT NULL, hi INTEGER NOT NULL);'),
  },
  {
    // The default view of a subscription list (newest first, status chips, no search) walks
    // this index backwards and stops at the page; its counts scan it instead of the table.
    // One index, not one per sortable column: each costs the sync's switch (test/bench).
    version: 4,
    name: 'default view indexes',
    up: (db) => {
      for (const t of ['lines', 'mags', 'enigmas', 'activecodes']) {
        db.exec(`CREATE INDEX ${t}_view ON ${t} (id, profile_id, admin_enabled, enabled, exp_date, is_trial);`)
      }
    },
  },
  {
    // Every resource row carried its panel's 36-character id, in the row and in each index on
    // it: on 100k lines ~14 MB more to write per sync (test/bench/sync.ts). The rows now carry
    // a short key (`panel_key`, '1', '2'…) and `panel_keys` maps it to the panel's id.
    // The natural-key indexes go too (~90 ms of a 100k-line switch): lookups by username, MAC
    // or code go through the full-text index instead (natural-key.ts).
    version: 5,
    name: 'panel keys',
    up: upPanelKeys,
  },
  {
    // Synced rows keep their raw copy inside the list answer they came in (raw-pages.ts).
    version: 6,
    name: 'raw pages',
    up: (db) => {
      db.exec('CREATE TABLE raw_pages (page INTEGER PRIMARY KEY, tbl TEXT NOT NULL, body BLOB NOT NULL);')
      for (const t of RESOURCE_TABLES) db.exec(`ALTER TABLE ${t}_data ADD COLUMN raw_page INTEGER; ALTER TABLE ${t}_data ADD COLUMN raw_at INTEGER;`)
    },
  },
  {
    // At 1M lines a list's total (a COUNT per keystroke) and any order but the default (a sort
    // of every match) cost 250-700 ms (issue #14). Totals now come from maintained counts
    // (tally.ts) and each order the table offers walks its own index, which also carries the
    // chips' columns so the walk never reads the table; the page stops the walk early.
    version: 7,
    name: 'tallies and sort indexes',
    up: (db) => {
      for (const t of TALLIED) {
        db.exec(createTallySql(t))
        db.prepare(recountSql(t, '1')).run()
        for (const [name, key] of SORT_INDEXES[t]) {
          if (name !== 'id') db.exec(`CREATE INDEX ${t}_by_${name} ON ${t} (${key}, id, panel_key, ${CHIP_COLUMNS});`)
        }
      }
    },
  },
  {
    // v7's order indexes led with the order: a sync writes one panel's rows, and 100k new lines
    // then touched every page of six 1M-entry indexes (a ~50 s switch, test/bench/cache-1m.ts).
    // Led by the panel, a sync's rows land in that panel's part of each index only; several
    // panels' pages are merged from each panel's own walk (query-sql.ts). The v4 `_view` index
    // (id first) goes for the same reason; `_by_id` replaces it.
    version: 8,
    name: 'order indexes per panel',
    up: (db) => {
      for (const t of TALLIED) {
        db.exec(`DROP INDEX IF EXISTS ${t}_view;`)
        for (const [name, key] of SORT_INDEXES[t]) {
          db.exec(`DROP INDEX IF EXISTS ${t}_by_${name};`)
          db.exec(`CREATE INDEX ${t}_by_${name} ON ${t} (panel_key, ${key === 'id' ? 'id' : `${key}, id`}, ${CHIP_COLUMNS});`)
        }
      }
    },
  },
  {
    // A search at 1M lines went through every full-text match (250k for an owner's name) to
    // count and sort them: ~200 ms a keystroke (issue #14). Each subscription row now carries
    // its searchable text folded (search-text.ts), so a view walks its order index testing
    // rows as it goes and stops at the page (query-walk.ts, ARCHITECTURE §5); the full-text
    // index is made from that text. Measured on 1M lines: ~5 s for the column, once.
    version: 9,
    name: 'search text',
    up: (db) => {
      db.function('xm_search_text', { deterministic: true, varargs: true }, (...fields: unknown[]) => searchTextOf(fields.map((f) => (typeof f === 'string' ? f : null))))
      for (const [t, fields] of Object.entries(SEARCH_TEXT_FIELDS)) {
        // A field of two columns (a MAC as written and as bare hex) is both, a space apart.
        const args = fields.map((cols) => (cols.length === 1 ? cols[0] : `trim(${cols.map((c) => `coalesce(${c}, '')`).join(" || ' ' || ")})`))
        db.exec(`ALTER TABLE ${t} ADD COLUMN search_text TEXT; UPDATE ${t} SET search_text = xm_search_text(${args.join(', ')});`)
        // The full-text index is rebuilt from that text, so it finds every row the text matches (fts.ts).
        db.exec(`DROP TABLE ${t}_fts;`)
        db.exec(createFtsSql(t))
        db.exec(indexRowsSql(t, '1'))
      }
    },
  },
]

export const SCHEMA_VERSION = MIGRATIONS.length

/** What the status chips read: carried by every sort index so a walk filters without the table. */
const CHIP_COLUMNS = 'admin_enabled, enabled, exp_date, is_trial'
/**
 * The orders the tables offer, as index keys (id: the default order). The
 * expiry sorts unlimited (NULL) after every date going up and first going down, so its key
 * leads with `exp_date IS NULL`; query-sql.ts orders by exactly that expression.
 */
const SORT_INDEXES: Record<(typeof TALLIED)[number], [string, string][]> = {
  lines: [['id', 'id'], ['username', 'username'], ['expiry', 'exp_date IS NULL, exp_date'], ['created', 'created_at'], ['package', 'package_id'], ['owner', 'owner_name']],
  mags: [['id', 'id'], ['mac', 'mac'], ['expiry', 'exp_date IS NULL, exp_date'], ['created', 'created_at'], ['package', 'package_id'], ['owner', 'owner_name']],
  enigmas: [['id', 'id'], ['mac', 'mac'], ['expiry', 'exp_date IS NULL, exp_date'], ['created', 'created_at'], ['package', 'package_id'], ['owner', 'owner_name']],
  activecodes: [['id', 'id'], ['code', 'code'], ['expiry', 'exp_date IS NULL, exp_date'], ['created', 'created_at'], ['package', 'package_id'], ['owner', 'owner_name']],
}

const RESOURCE_TABLES = Object.keys(FTS_COLUMNS)

/** The columns of the orders a table offers besides id (the in-memory search sorts by these: search-index.ts). */
export function orderColumns(table: string): string[] {
  const orders = (SORT_INDEXES as Record<string, [string, string][]>)[table] ?? []
  return orders.map(([, key]) => key.split(', ').at(-1) as string).filter((c) => c !== 'id')
}

/** The table keeps an index in this column's order (per panel): a walk along it stops at the page. */
export function hasOrderIndex(table: string, column: string): boolean {
  const orders = (SORT_INDEXES as Record<string, [string, string][]>)[table]
  return orders?.some(([, key]) => key === column || key === `${column} IS NULL, ${column}`) ?? false
}

function upPanelKeys(db: Database.Database): void {
  db.exec(`DROP INDEX lines_username; DROP INDEX mags_mac_norm; DROP INDEX enigmas_mac_norm; DROP INDEX activecodes_code;
    DROP INDEX sub_resellers_username;
    CREATE TABLE panel_keys (key TEXT PRIMARY KEY, profile_id TEXT NOT NULL UNIQUE);`)
  const ids = new Set<string>()
  for (const t of RESOURCE_TABLES) {
    for (const r of db.prepare(`SELECT DISTINCT profile_id AS id FROM ${t}`).all() as { id: string }[]) ids.add(r.id)
  }
  // A new key never equals an id still in the tables, so no row can meet another mid-update.
  const insert = db.prepare('INSERT INTO panel_keys (key, profile_id) VALUES (?, ?)')
  let n = 0
  for (const id of ids) {
    n++
    while (ids.has(String(n))) n++
    insert.run(String(n), id)
  }
  for (const t of RESOURCE_TABLES) {
    db.exec(`ALTER TABLE ${t} RENAME COLUMN profile_id TO panel_key;
      UPDATE ${t} SET panel_key = (SELECT key FROM panel_keys k WHERE k.profile_id = ${t}.panel_key);`)
  }
}

/** Applies the migrations after the file's version, up to `target` (tests stop early to build old files). */
export function migrate(db: Database.Database, now: number, target = SCHEMA_VERSION): void {
  const current = db.pragma('user_version', { simple: true }) as number
  for (const m of MIGRATIONS) {
    if (m.version <= current || m.version > target) continue
    db.transaction(() => {
      m.up(db)
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(m.version, m.name, now)
      db.pragma(`user_version = ${m.version}`)
    })()
  }
}
