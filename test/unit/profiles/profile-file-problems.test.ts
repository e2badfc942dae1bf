/** A bad profiles.json never crashes the app and never loses a byte. */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { JsonProfileStore } from '../../../electron/core/profiles/profile-store'
import { PROFILE_DEFAULTS } from '../../../electron/shared/profile'

let dir: string
let file: string
const now = () => 1_700_000_000_000

const validProfile = (id: string, order: number) => ({
  ...PROFILE_DEFAULTS,
  name: `Panel ${id}`,
  host: `${id}.example.com`,
  accessCode: 'abc',
  id,
  order,
  createdAt: 1,
  hasKey: false,
  keyHint: null,
})

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'xm-profiles-bad-'))
  file = join(dir, 'profiles.json')
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

const asideFiles = () => readdirSync(dir).filter((f) => f.startsWith('profiles.json.corrupt-'))

describe('corrupt or foreign profiles.json', () => {
  it.each([
    ['garbage bytes', Buffer.from([0xff, 0xfe, 0x00, 0x13, 0x37])],
    ['truncated JSON', Buffer.from('{"version":1,"profiles":[{"id":"a","na')],
    ['an empty file', Buffer.alloc(0)],
    ['a JSON array', Buffer.from('[1,2,3]')],
    ['no version', Buffer.from('{"profiles":[]}')],
    ['no profiles list', Buffer.from('{"version":1,"profiles":{}}')],
  ])('%s: moved aside, empty list, a clear problem, and the store works', async (_what, bytes) => {
    writeFileSync(file, bytes)
    const store = await JsonProfileStore.open(file, { now })
    expect(store.list()).toEqual([])
    expect(store.loadProblem).toMatch(/moved aside to profiles\.json\.corrupt-1700000000000/)
    expect(asideFiles()).toEqual(['profiles.json.corrupt-1700000000000'])
    expect(readFileSync(join(dir, 'profiles.json.corrupt-1700000000000')).equals(bytes)).toBe(true)
    expect(existsSync(file)).toBe(false)
    await store.create({ ...PROFILE_DEFAULTS, name: 'Fresh', host: 'fresh.example', accessCode: 'x' })
    expect(JSON.parse(readFileSync(file, 'utf8')).profiles).toHaveLength(1)
  })

  it('a second corruption in the same millisecond does not overwrite the first copy', async () => {
    writeFileSync(file, 'first')
    await JsonProfileStore.open(file, { now })
    writeFileSync(file, 'second')
    await JsonProfileStore.open(file, { now })
    expect(asideFiles().sort()).toEqual(['profiles.json.corrupt-1700000000000', 'profiles.json.corrupt-1700000000000-1'])
  })

  it('keeps the valid entries, drops invalid ones and keeps a copy of the original', async () => {
    const doc = { version: 1, profiles: [validProfile('a', 0), { id: 'b', name: 42 }, validProfile('c', 1), validProfile('a', 2)] }
    writeFileSync(file, JSON.stringify(doc))
    const store = await JsonProfileStore.open(file, { now })
    expect(store.list().map((p) => p.id)).toEqual(['a', 'c'])
    expect(store.loadProblem).toMatch(/^2 of 4 panels .* could not be read .* kept as profiles\.json\.corrupt-/)
    expect(JSON.parse(readFileSync(join(dir, asideFiles()[0]!), 'utf8'))).toEqual(doc)
  })

  it('a file from a newer app version is left untouched and changes are refused', async () => {
    const text = JSON.stringify({ version: 2, profiles: [{ whatever: true }] })
    writeFileSync(file, text)
    const store = await JsonProfileStore.open(file, { now })
    expect(store.readOnly).toBe(true)
    expect(store.loadProblem).toMatch(/newer version of the app \(format 2\)/)
    await expect(store.create({ ...PROFILE_DEFAULTS, name: 'X', host: 'x.example', accessCode: 'x' })).rejects.toMatchObject({
      message: expect.stringMatching(/Panels cannot be changed/),
    })
    expect(readFileSync(file, 'utf8')).toBe(text)
    expect(asideFiles()).toEqual([])
  })

  it('strips secret-looking fields and over-long hints found in the file', async () => {
    const p = { ...validProfile('a', 0), apiKey: '0123456789abcdef0123456789abcdef', hasKey: true, keyHint: '0123456789abcdef' }
    writeFileSync(file, JSON.stringify({ version: 1, profiles: [p] }))
    const store = await JsonProfileStore.open(file, { now })
    expect(store.require('a')).toMatchObject({ hasKey: true, keyHint: 'cdef' })
    expect(store.require('a')).not.toHaveProperty('apiKey')
    await store.update('a', { name: 'Saved again' })
    expect(readFileSync(file, 'utf8')).not.toContain('0123456789abcdef')
  })
})
