/**
 * customers.db: the reseller's own book (customers, links to subscriptions,
 * reminders, templates, prices, payments). Unlike cache.db this data exists
 * nowhere else, so a damaged file is NEVER moved aside and replaced with an
 * empty one: the book opens "damaged", every customer method says so, and the
 * user restores a backup (backups.ts) — the damaged file stays for inspection
 * until then.
 */
import Database from 'better-sqlite3'
import { existsSync, mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { AppError } from '../errors'

export const CUSTOMERS_SCHEMA_VERSION = 1
/** Marks the file as ours (PRAGMA application_id): a stray SQLite file is not taken for a book. */
export const CUSTOMERS_APP_ID = 0x584d4342 // "XMCB"

const DDL = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS customers (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL,
  phone TEXT,
  email TEXT,
  telegram TEXT,
  channel TEXT,
  language TEXT NOT NULL DEFAULT 'en',
  tags TEXT NOT NULL DEFAULT '[]',
  notes TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS customers_name ON customers(name COLLATE NOCASE);
CREATE INDEX IF NOT EXISTS customers_phone ON customers(phone);
-- One owner per subscription. The natural key (username, MAC, code) is the identity:
-- panel ids change (convert MAG -> line) and a re-sync may renumber nothing but we never rely on it.
CREATE TABLE IF NOT EXISTS links (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
  profile_id TEXT NOT NULL,
  resource TEXT NOT NULL,
  item_key TEXT NOT NULL COLLATE NOCASE,
  item_id INTEGER,
  -- A device's line username: where it lives after convert_mag / convert_enigma.
  alt_key TEXT,
  created_at INTEGER NOT NULL,
  gone_at INTEGER,
  UNIQUE (profile_id, resource, item_key)
);
CREATE INDEX IF NOT EXISTS links_customer ON links(customer_id);
CREATE TABLE IF NOT EXISTS sends (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
  link_id INTEGER,
  kind TEXT NOT NULL,
  channel TEXT NOT NULL,
  summary TEXT NOT NULL,
  at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS sends_customer ON sends(customer_id, at);
CREATE TABLE IF NOT EXISTS reminder_state (
  profile_id TEXT NOT NULL,
  resource TEXT NOT NULL,
  item_key TEXT NOT NULL COLLATE NOCASE,
  snoozed_until INTEGER,
  lost_at INTEGER,
  last_reminder_at INTEGER,
  PRIMARY KEY (profile_id, resource, item_key)
);
CREATE TABLE IF NOT EXISTS templates (
  kind TEXT NOT NULL,
  language TEXT NOT NULL,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (kind, language)
);
CREATE TABLE IF NOT EXISTS prices (
  profile_id TEXT NOT NULL,
  package_id INTEGER NOT NULL,
  price REAL NOT NULL,
  PRIMARY KEY (profile_id, package_id)
);
CREATE TABLE IF NOT EXISTS panel_costs (profile_id TEXT PRIMARY KEY, credit_cost REAL NOT NULL);
CREATE TABLE IF NOT EXISTS payments (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  -- A removed customer's payments stay: they are still revenue.
  customer_id INTEGER REFERENCES customers(id) ON DELETE SET NULL,
  profile_id TEXT,
  resource TEXT,
  item_key TEXT,
  package_id INTEGER,
  amount REAL NOT NULL,
  currency TEXT NOT NULL,
  method TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  journal_id INTEGER,
  at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS payments_at ON payments(at);
CREATE INDEX IF NOT EXISTS payments_customer ON payments(customer_id);
-- Who owns what changes only with the links and the customers' names: the owners index
-- (links.ts) is rebuilt when this counter moves, not on every write (a snooze, a send, a payment).
CREATE TRIGGER IF NOT EXISTS owners_link_added AFTER INSERT ON links BEGIN INSERT INTO meta (key, value) VALUES ('ownersVersion', '1') ON CONFLICT(key) DO UPDATE SET value = value + 1; END;
CREATE TRIGGER IF NOT EXISTS owners_link_removed AFTER DELETE ON links BEGIN INSERT INTO meta (key, value) VALUES ('ownersVersion', '1') ON CONFLICT(key) DO UPDATE SET value = value + 1; END;
CREATE TRIGGER IF NOT EXISTS owners_link_moved AFTER UPDATE OF customer_id, profile_id, resource, item_key, alt_key ON links
  WHEN OLD.customer_id IS NOT NEW.customer_id OR OLD.profile_id IS NOT NEW.profile_id OR OLD.resource IS NOT NEW.resource OR OLD.item_key IS NOT NEW.item_key OR OLD.alt_key IS NOT NEW.alt_key BEGIN INSERT INTO meta (key, value) VALUES ('ownersVersion', '1') ON CONFLICT(key) DO UPDATE SET value = value + 1; END;
CREATE TRIGGER IF NOT EXISTS owners_customer_renamed AFTER UPDATE OF name ON customers WHEN OLD.name IS NOT NEW.name BEGIN INSERT INTO meta (key, value) VALUES ('ownersVersion', '1') ON CONFLICT(key) DO UPDATE SET value = value + 1; END;
CREATE TRIGGER IF NOT EXISTS owners_customer_removed AFTER DELETE ON customers BEGIN INSERT INTO meta (key, value) VALUES ('ownersVersion', '1') ON CONFLICT(key) DO UPDATE SET value = value + 1; END;
`

export interface OpenedBook {
  db: Database.Database | null
  /** Why the book cannot be used (the file is damaged or not ours); null when it opened. */
  problem: string | null
}

const CORRUPTION = /^SQLITE_(NOTADB|CORRUPT|FORMAT)/

/** Opens or creates the book. A damaged file is reported, never replaced. */
export function openCustomerDb(file: string): OpenedBook {
  mkdirSync(dirname(file), { recursive: true })
  const fresh = !existsSync(file)
  let db: Database.Database | null = null
  try {
    db = new Database(file)
    db.pragma('journal_mode = WAL')
    db.pragma('foreign_keys = ON')
    db.pragma('busy_timeout = 5000')
    const check = db.pragma('quick_check', { simple: true })
    if (check !== 'ok') throw new Damaged(`it failed its integrity check (${String(check).slice(0, 120)})`)
    const appId = db.pragma('application_id', { simple: true }) as number
    const version = db.pragma('user_version', { simple: true }) as number
    const empty = (db.prepare(`SELECT count(*) AS n FROM sqlite_master`).get() as { n: number }).n === 0
    if (!fresh && !empty && appId !== CUSTOMERS_APP_ID) throw new Damaged('it is not a customer book of this app')
    if (version > CUSTOMERS_SCHEMA_VERSION) throw new Damaged(`it was written by a newer version of the app (schema ${version})`)
    db.exec(DDL)
    db.pragma(`application_id = ${CUSTOMERS_APP_ID}`)
    db.pragma(`user_version = ${CUSTOMERS_SCHEMA_VERSION}`)
    return { db, problem: null }
  } catch (e) {
    db?.close()
    const reason = e instanceof Damaged ? e.message : isCorruption(e) ? 'it is damaged (not a readable database)' : null
    if (reason === null) {
      throw new AppError('CACHE_ERROR', `The customer book ${file} could not be opened: ${e instanceof Error ? e.message : String(e)}`)
    }
    return { db: null, problem: `The customer book (customers.db) cannot be read: ${reason}. Nothing was changed or deleted. Restore it from a backup (Customers → Backups).` }
  }
}

class Damaged extends Error {}

function isCorruption(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code
  return typeof code === 'string' && CORRUPTION.test(code)
}
