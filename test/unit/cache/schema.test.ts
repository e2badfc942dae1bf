/** The frozen DDL, the resource specs and the domain schemas agree; migrations upgrade old files. */
import Database from 'better-sqlite3'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { migrate, MIGRATIONS, SCHEMA_VERSION } from '../../../electron/core/cache/migrations'
import { SPECS } from '../../../electron/core/cache/resources'
import { RESOURCE_SCHEMAS, RESOURCES } from '../../../electron/shared/domain'
import { line, NOW } from './fixtures'
import { tempCache, tempDir } from './temp-cache'

function columnsOf(db: Database.Database, table: string): string[] {
  return (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name)
}

describe('schema', () => {
  it.each(RESOURCES)('%s: every scalar domain field has a column, arrays live only in data', (resource) => {
    const spec = SPECS[resource]
    const shape = (RESOURCE_SCHEMAS[resource] as unknown as z.ZodObject).shape as Record<string, z.ZodType>
    const scalar = Object.entries(shape)
      .filter(([, t]) => !((t instanceof z.ZodNullable ? t.unwrap() : t) instanceof z.ZodArray))
      .map(([k]) => k)
    expect(spec.columns.map((c) => c.field).sort()).toEqual(scalar.sort())

    const dir = tempDir()
    const cache = tempCache(dir)
    cache.close()
    const db = new Database(join(dir, 'cache.db'), { readonly: true })
    try {
      const cols = columnsOf(db, spec.table)
      for (const c of spec.columns) expect(cols, `${spec.table}.${c.column}`).toContain(c.column)
      expect(columnsOf(db, `${spec.table}_data`)).toEqual(['rid', 'data', 'raw'])
    } finally {
      db.close()
    }
  })

  it('a new file is at the current version with every migration recorded', () => {
    const dir = tempDir()
    tempCache(dir).close()
    const db = new Database(join(dir, 'cache.db'), { readonly: true })
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION)
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
      expect(db.prepare('SELECT version FROM schema_migrations ORDER BY version').all()).toEqual(MIGRATIONS.map((m) => ({ version: m.version })))
    } finally {
      db.close()
    }
  })
})

describe('migrations', () => {
  it('upgrades a v1 file to the current schema, keeping and indexing its rows', () => {
    const dir = tempDir()
    const file = join(dir, 'cache.db')
    const v1 = new Database(file)
    migrate(v1, 1, 1)
    expect(v1.pragma('user_version', { simple: true })).toBe(1)
    const l = line(42, { username: 'legacy.user', resellerNotes: 'from v1' })
    const { lastInsertRowid } = v1
      .prepare('INSERT INTO lines (profile_id, id, username, enabled, admin_enabled, exp_date) VALUES (?, ?, ?, 1, 1, ?)')
      .run('p1', l.id, l.username, l.expDate)
    v1.prepare('INSERT INTO lines_data (rid, data, raw) VALUES (?, ?, ?)').run(lastInsertRowid, JSON.stringify(l), '{"id":"42"}')
    v1.close()

    const cache = tempCache(dir)
    expect(cache.recovered).toBe(false)
    expect(cache.getRow('p1', 'lines', 42)).toEqual({ ...l, profileId: 'p1' })
    expect(cache.getRaw('p1', 'lines', 42)).toEqual({ id: '42' })
    const found = cache.query({ profileIds: ['p1'], resource: 'lines', search: 'legacy', status: ['active'], offset: 0, limit: 10 }, NOW)
    expect(found.rows.map((r) => r.id)).toEqual([42])
    cache.close()

    const db = new Database(file, { readonly: true })
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION)
    expect((db.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as { version: number }[]).map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version))
    db.close()
  })

  it('a failing migration rolls back whole: version and tables unchanged', () => {
    const dir = tempDir()
    const db = new Database(join(dir, 'cache.db'))
    migrate(db, 1)
    MIGRATIONS.push({
      version: SCHEMA_VERSION + 1,
      name: 'half done',
      up: (d) => {
        d.exec('CREATE TABLE half_done (x)')
        throw new Error('boom')
      },
    })
    try {
      expect(() => migrate(db, 2, SCHEMA_VERSION + 1)).toThrow('boom')
      expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION)
      expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'half_done'").get()).toBeUndefined()
    } finally {
      MIGRATIONS.pop()
      db.close()
    }
  })

  it('reopening a current file keeps its data', () => {
    const dir = tempDir()
    const a = tempCache(dir)
    a.replaceAll('p1', 'lines', [line(1)], null, 5)
    a.close()
    const b = tempCache(dir)
    expect(b.recovered).toBe(false)
    expect(b.getRow('p1', 'lines', 1)?.username).toBe('user1')
    expect(b.getSyncMeta('p1', 'lines').syncedAt).toBe(5)
  })
})
