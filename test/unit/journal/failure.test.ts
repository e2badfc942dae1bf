/**
 * The journal names why it cannot be written, from SQLite's own errors on real
 * files: a read-only file and a file that is not a database (damaged). The
 * full disk is proven on a real tiny filesystem (test/integration/spending/journal-disk.test.ts).
 */
import Database from 'better-sqlite3'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, expect, test } from 'vitest'
import { journalFailureReason, journalWriteError, isJournalWriteError } from '../../../electron/core/journal/failure'
import { Journal } from '../../../electron/core/journal/journal'

const dir = mkdtempSync(join(tmpdir(), 'xm-journal-fail-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function sqliteErrorOf(run: () => void): unknown {
  try {
    run()
  } catch (e) {
    return e
  }
  throw new Error('expected SQLite to refuse')
}

test('a read-only file: "it is read-only"', () => {
  const file = join(dir, 'ro.db')
  new Journal(file).close()
  const db = new Database(file, { readonly: true })
  const e = sqliteErrorOf(() => db.prepare(`INSERT INTO events(entry_id, at, to_outcome) VALUES (1, 1, 'pending')`).run())
  db.close()
  expect(journalFailureReason(e)).toBe('it is read-only (the disk or folder does not allow writing)')
  const err = journalWriteError(file, e)
  expect(err.code).toBe('JOURNAL_UNWRITABLE')
  expect(err.message).toBe(`The audit journal (${file}) could not be written: it is read-only (the disk or folder does not allow writing).`)
  expect(isJournalWriteError(err)).toBe(true)
})

test('a damaged file: "the file is damaged"', () => {
  const file = join(dir, 'damaged.db')
  writeFileSync(file, Buffer.alloc(8192, 0x5a))
  const db = new Database(file)
  const e = sqliteErrorOf(() => db.prepare('SELECT * FROM entries').all())
  db.close()
  expect(journalFailureReason(e)).toBe('the file is damaged')
})

test('a write the journal cannot make names the file and reason; nothing else is dressed up as one', () => {
  const err = journalWriteError('/data/journal.db', Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' }))
  expect(err.message).toBe('The audit journal (/data/journal.db) could not be written: the disk holding it is full.')
  expect(journalFailureReason(Object.assign(new Error('x'), { code: 'SQLITE_IOERR_WRITE' }))).toBe('the disk reported a read or write error')
  expect(isJournalWriteError(new Error('other'))).toBe(false)
})
