/** The frozen DDL, the resource specs and the domain schemas agree; migrations upgrade old files. */
import Database from 'better-sqlite3'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { migrate, MIGRATIONS, SCHEMA_VERSION } from '../../../electron/core/cache/migrations'
import { SPECS } from '../../../electron/core/cache/resources'
import { RESOURCE_SCHEMAS, RESOURCES, type Line } from '../../../electron/shared/domain'
import { line, NOW } from '../../helpers/rows'
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
      expect(columnsOf(db, `${spec.table}_data`)).toEqual(['rid', 'data', 'raw', 'raw_page', 'raw_at'])
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
  it('v9 folds each subscription row’s search text and rebuilds the full-text index from it', () => {
    const dir = tempDir()
    const file = join(dir, 'cache.db')
    const v8 = new Database(file)
    migrate(v8, 1, 8)
    v8.prepare("INSERT INTO panel_keys (key, profile_id) VALUES ('1', 'p1')").run()
    const l = line(5, { username: 'Chloé_Dubois', resellerNotes: 'Living room', ownerName: 'sub_north' })
    const rid = v8.prepare("INSERT INTO lines (panel_key, id, username, reseller_notes, owner_name, enabled, admin_enabled) VALUES ('1', 5, ?, ?, ?, 1, 1)").run(l.username, l.resellerNotes, l.ownerName).lastInsertRowid
    v8.prepare('INSERT INTO lines_data (rid, data) VALUES (?, ?)').run(rid, JSON.stringify(l))
    v8.prepare('INSERT INTO lines_fts (rowid, username, notes, owner) VALUES (?, ?, ?, ?)').run(rid, l.username, l.resellerNotes, l.ownerName)
    const magRid = v8.prepare("INSERT INTO mags (panel_key, id, mac, mac_norm) VALUES ('1', 7, '00:1A:79:00:00:07', '001A79000007')").run().lastInsertRowid
    v8.prepare('INSERT INTO mags_data (rid, data) VALUES (?, ?)').run(magRid, JSON.stringify({ id: 7, mac: '00:1A:79:00:00:07' }))
    v8.close()

    const cache = tempCache(dir)
    const find = (resource: 'lines' | 'mags', search: string) => cache.query({ profileIds: ['p1'], resource, search, offset: 0, limit: 10 }, NOW).rows.map((r) => r.id)
    expect(find('lines', 'chloe dub')).toEqual([5])
    expect(find('lines', 'north liv')).toEqual([5])
    expect(find('mags', '001a79')).toEqual([7])
    expect(cache.findByKey('p1', 'lines', 'Chloé_Dubois')?.id).toBe(5)
    expect(cache.findByKey('p1', 'mags', '00-1a-79-00-00-07')?.id).toBe(7)
    cache.close()
    const db = new Database(file, { readonly: true })
    try {
      expect(db.prepare('SELECT search_text FROM lines').pluck().get()).toBe(' chloe dubois | living room | sub north ')
      expect(columnsOf(db, 'lines_fts')).toEqual(['text'])
    } finally {
      db.close()
    }
  })

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

  it('v5 gives each panel a short key: a v4 file keeps every row under its panel, ids that look like keys included', () => {
    const dir = tempDir()
    const file = join(dir, 'cache.db')
    const v4 = new Database(file)
    migrate(v4, 1, 4)
    const uuid = '0b6c1d2e-4f5a-4b6c-8d9e-0f1a2b3c4d5e'
    // '1' and '2' are the first keys v5 would hand out: panels with such ids must not meet another's rows.
    const panels = [uuid, '1', '2']
    const insert = v4.prepare('INSERT INTO lines (profile_id, id, username, enabled, admin_enabled) VALUES (?, ?, ?, 1, 1)')
    const data = v4.prepare('INSERT INTO lines_data (rid, data) VALUES (?, ?)')
    panels.forEach((p, i) => {
      for (const id of [1, 2]) {
        const l = line(id, { username: `u${i}_${id}` })
        data.run(insert.run(p, id, l.username).lastInsertRowid, JSON.stringify(l))
      }
    })
    v4.prepare("INSERT INTO mags (profile_id, id, mac, mac_norm) VALUES (?, 7, '00:1A:79:00:00:07', '001a79000007')").run(uuid)
    v4.close()

    const cache = tempCache(dir)
    expect(cache.recovered).toBe(false)
    panels.forEach((p, i) => {
      expect(cache.count(p, 'lines')).toBe(2)
      expect(cache.getRow(p, 'lines', 2)).toEqual({ ...line(2, { username: `u${i}_2` }), profileId: p })
    })
    const all = cache.query({ profileIds: 'all', resource: 'lines', offset: 0, limit: 10 }, NOW).rows as (Line & { profileId: string })[]
    expect(all.map((r) => `${r.profileId}/${r.username}`).sort()).toEqual(panels.flatMap((p, i) => [`${p}/u${i}_1`, `${p}/u${i}_2`]).sort())
    expect(cache.count(uuid, 'mags')).toBe(1)
    cache.close()

    const db = new Database(file, { readonly: true })
    try {
      const keys = db.prepare('SELECT key, profile_id AS id FROM panel_keys').all() as { key: string; id: string }[]
      expect(keys.map((k) => k.id).sort()).toEqual([...panels].sort())
      for (const k of keys) expect(panels).not.toContain(k.key)
      expect(columnsOf(db, 'lines')).toContain('panel_key')
      expect(columnsOf(db, 'lines')).not.toContain('profile_id')
      const stored = db.prepare('SELECT DISTINCT panel_key AS k FROM lines').all() as { k: string }[]
      expect(stored.map((r) => r.k).sort()).toEqual(keys.map((k) => k.key).sort())
    } finally {
      db.close()
    }
  })

  it('rows carry a short panel key, not the panel id; removing a panel forgets its key', () => {
    const dir = tempDir()
    const cache = tempCache(dir)
    const uuid = '0b6c1d2e-4f5a-4b6c-8d9e-0f1a2b3c4d5e'
    cache.replaceAll(uuid, 'lines', [line(1), line(2)], null, 1)
    cache.upsert('other-panel', 'lines', line(3))
    expect(cache.getRow(uuid, 'lines', 1)?.profileId).toBe(uuid)
    expect(cache.getRow('other-panel', 'lines', 3)?.profileId).toBe('other-panel')
    expect(cache.getRow('never-cached', 'lines', 1)).toBeNull()
    expect(cache.count('never-cached', 'lines')).toBe(0)
    expect(cache.query({ profileIds: ['never-cached'], resource: 'lines', offset: 0, limit: 10 }, NOW)).toEqual({ rows: [], total: 0 })
    expect(cache.query({ profileIds: ['never-cached', uuid], resource: 'lines', offset: 0, limit: 10 }, NOW).total).toBe(2)
    cache.deleteProfile(uuid)
    expect(cache.count(uuid, 'lines')).toBe(0)
    cache.close()
    const db = new Database(join(dir, 'cache.db'), { readonly: true })
    try {
      expect(db.prepare('SELECT DISTINCT length(panel_key) AS n FROM lines').all()).toEqual([{ n: 1 }])
      expect(db.prepare('SELECT profile_id AS id FROM panel_keys').all()).toEqual([{ id: 'other-panel' }])
    } finally {
      db.close()
    }
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
