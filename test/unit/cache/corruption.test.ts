/** Files broken on purpose: the cache moves them aside and starts fresh; other failures are reported, not "repaired". */
import Database from 'better-sqlite3'
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, statSync, truncateSync, writeFileSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openCache } from '../../../electron/core/cache'
import { syntheticLines } from './fixtures'
import { line, NOW } from '../../helpers/rows'
import { tempCache, tempDir } from './temp-cache'

const STAMP = NOW * 1000

/** A real cache with some data in it, closed (WAL checkpointed into the main file). */
function populated(dir: string): string {
  const cache = tempCache(dir)
  cache.replaceAll('p1', 'lines', syntheticLines(3000, 5), null, 1)
  cache.close()
  return join(dir, 'cache.db')
}

function expectRecovered(dir: string, reason: RegExp, original?: Buffer) {
  const cache = tempCache(dir)
  expect(cache.recovered).toBe(true)
  expect(cache.recoveryProblem).toMatch(reason)
  expect(cache.recoveryProblem).toMatch(/moved aside to cache\.db\.corrupt-\d+/)
  const aside = readdirSync(dir).filter((f) => f.startsWith('cache.db.corrupt-') && !f.endsWith('-wal') && !f.endsWith('-shm'))
  expect(aside).toEqual([`cache.db.corrupt-${STAMP}`])
  if (original) expect(readFileSync(join(dir, aside[0]!)).equals(original)).toBe(true)
  // The fresh cache works.
  cache.replaceAll('p1', 'lines', [line(1)], null, 2)
  expect(cache.query({ profileIds: ['p1'], resource: 'lines', search: 'user1', offset: 0, limit: 5 }, NOW).total).toBe(1)
  return cache
}

describe('corrupt cache files', () => {
  it('garbage bytes', () => {
    const dir = tempDir()
    const bytes = Buffer.from(Array.from({ length: 8192 }, (_, i) => (i * 7919) % 251))
    writeFileSync(join(dir, 'cache.db'), bytes)
    expectRecovered(dir, /unreadable \(file is not a database\)/, bytes)
  })

  it('a truncated file', () => {
    const dir = tempDir()
    const file = populated(dir)
    truncateSync(file, Math.floor(statSync(file).size / 3))
    const bytes = readFileSync(file)
    expectRecovered(dir, /integrity check|unreadable|malformed/, bytes)
  })

  it('an overwritten header', () => {
    const dir = tempDir()
    const file = populated(dir)
    const fd = openSync(file, 'r+')
    writeSync(fd, Buffer.alloc(100, 0x41), 0, 100, 0)
    closeSync(fd)
    expectRecovered(dir, /not a database/)
  })

  it('damaged pages inside a valid header fail quick_check', () => {
    const dir = tempDir()
    const file = populated(dir)
    const size = statSync(file).size
    const fd = openSync(file, 'r+')
    // Scribble over a stretch of table/index pages, leaving page 1 (header + schema) intact.
    writeSync(fd, Buffer.alloc(64 * 1024, 0x5a), 0, 64 * 1024, Math.floor(size / 2 / 4096) * 4096)
    closeSync(fd)
    expectRecovered(dir, /integrity check|unreadable|malformed/)
  })

  it('a valid SQLite file with a foreign schema', () => {
    const dir = tempDir()
    const other = new Database(join(dir, 'cache.db'))
    other.exec("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL); INSERT INTO invoices VALUES (1, 9.5)")
    other.close()
    const bytes = readFileSync(join(dir, 'cache.db'))
    expectRecovered(dir, /not this app’s cache/, bytes)
  })

  it('a schema from a future version', () => {
    const dir = tempDir()
    const file = populated(dir)
    const db = new Database(file)
    db.pragma('user_version = 99')
    db.close()
    expectRecovered(dir, /newer version of the app \(schema 99/)
  })

  it('our version number but tables missing', () => {
    const dir = tempDir()
    const db = new Database(join(dir, 'cache.db'))
    db.exec('CREATE TABLE lines (x)')
    db.pragma('user_version = 2')
    db.close()
    expectRecovered(dir, /missing tables/)
  })

  it('moves the -wal and -shm files aside with the database', () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'cache.db'), 'not a database at all, just text that is long enough to read a header from')
    writeFileSync(join(dir, 'cache.db-wal'), 'stale wal')
    writeFileSync(join(dir, 'cache.db-shm'), 'stale shm')
    const cache = expectRecovered(dir, /not a database/)
    cache.close()
    expect(readFileSync(join(dir, `cache.db.corrupt-${STAMP}-wal`), 'utf8')).toBe('stale wal')
    // The -shm is only SQLite's shared-memory index (rebuilt on every open): moved, its bytes may differ.
    expect(existsSync(join(dir, `cache.db.corrupt-${STAMP}-shm`))).toBe(true)
  })

  it('only touches the cache file: other files in the data folder stay', () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'profiles.json'), '{"version":1,"profiles":[]}')
    writeFileSync(join(dir, 'journal.db'), 'journal bytes')
    writeFileSync(join(dir, 'cache.db'), Buffer.alloc(4096, 0xff))
    expectRecovered(dir, /not a database/)
    expect(readFileSync(join(dir, 'profiles.json'), 'utf8')).toBe('{"version":1,"profiles":[]}')
    expect(readFileSync(join(dir, 'journal.db'), 'utf8')).toBe('journal bytes')
  })

  it('an unusable path that is not corruption is reported and left alone', () => {
    const dir = tempDir()
    const file = join(dir, 'cache.db')
    mkdirSync(file) // a directory where the file should be
    expect(() => openCache(file, { now: () => STAMP })).toThrowError(expect.objectContaining({ code: 'CACHE_ERROR' }))
    expect(statSync(file).isDirectory()).toBe(true)
    expect(readdirSync(dir)).toEqual(['cache.db'])
  })

  it('a healthy file is not recovered', () => {
    const dir = tempDir()
    populated(dir)
    const cache = tempCache(dir)
    expect(cache.recovered).toBe(false)
    expect(cache.recoveryProblem).toBeNull()
    expect(cache.count('p1', 'lines')).toBe(3000)
    expect(existsSync(join(dir, `cache.db.corrupt-${STAMP}`))).toBe(false)
  })
})
