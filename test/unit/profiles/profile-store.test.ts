import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AppError } from '../../../electron/core/errors'
import { JsonProfileStore } from '../../../electron/core/profiles/profile-store'
import { PROFILE_DEFAULTS, type ProfileInput } from '../../../electron/shared/profile'

let dir: string
let file: string
let clock = 1_700_000_000_000
const now = () => clock

const input = (over: Partial<ProfileInput> = {}): ProfileInput => ({
  ...PROFILE_DEFAULTS,
  name: 'Main panel',
  host: 'panel.example.com',
  accessCode: 'abc123',
  ...over,
})

async function rejection(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(
    () => {
      throw new Error('expected a rejection')
    },
    (err: unknown) => err,
  )
  expect(e).toBeInstanceOf(AppError)
  return e as AppError
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'xm-profiles-'))
  file = join(dir, 'profiles.json')
  clock = 1_700_000_000_000
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

describe('JsonProfileStore', () => {
  it('starts empty without a file and creates profiles with ids, order and no key', async () => {
    let n = 0
    const store = await JsonProfileStore.open(file, { now, newId: () => `id-${++n}` })
    expect(store.list()).toEqual([])
    expect(store.loadProblem).toBeNull()
    const a = await store.create(input())
    clock += 1000
    const b = await store.create(input({ name: 'Second', host: 'two.example.com' }))
    expect(a).toMatchObject({ id: 'id-1', order: 0, hasKey: false, keyHint: null, createdAt: 1_700_000_000_000 })
    expect(b).toMatchObject({ id: 'id-2', order: 1, createdAt: 1_700_000_001_000 })
    expect(store.list().map((p) => p.name)).toEqual(['Main panel', 'Second'])
  })

  it('uses random UUIDs by default', async () => {
    const store = await JsonProfileStore.open(file, { now })
    const p = await store.create(input())
    expect(p.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
  })

  it('persists to a versioned JSON file and reloads it', async () => {
    const store = await JsonProfileStore.open(file, { now })
    const p = await store.create(input())
    const doc = JSON.parse(readFileSync(file, 'utf8'))
    expect(doc.version).toBe(1)
    expect(doc.profiles).toHaveLength(1)
    const again = await JsonProfileStore.open(file, { now })
    expect(again.list()).toEqual([p])
  })

  it('writes atomically: no temp file left behind', async () => {
    const store = await JsonProfileStore.open(file, { now })
    await store.create(input())
    await store.create(input({ host: 'b.example.com' }))
    expect(readdirSync(dir)).toEqual(['profiles.json'])
  })

  it('a garbage temp file from a crash mid-write does not break loading and is cleaned up', async () => {
    const store = await JsonProfileStore.open(file, { now })
    const p = await store.create(input())
    writeFileSync(`${file}.tmp`, '{"version":1,"profiles":[{"id":')
    const again = await JsonProfileStore.open(file, { now })
    expect(again.list()).toEqual([p])
    expect(again.loadProblem).toBeNull()
    expect(existsSync(`${file}.tmp`)).toBe(false)
    await again.update(p.id, { name: 'Renamed' })
    expect((await JsonProfileStore.open(file, { now })).require(p.id).name).toBe('Renamed')
  })

  it('validates create and update with the zod message, saving nothing', async () => {
    const store = await JsonProfileStore.open(file, { now })
    const e = await rejection(store.create(input({ host: 'http://panel.example.com/x' })))
    expect(e.code).toBe('VALIDATION')
    expect(e.message).toContain('host: Host must be a DNS name or an IP address')
    expect(existsSync(file)).toBe(false)

    const p = await store.create(input())
    const e2 = await rejection(store.update(p.id, { thresholds: { warning: 5, critical: 10 } }))
    expect(e2.message).toContain('critical threshold must not be above')
    expect((await rejection(store.update(p.id, { port: 70000 }))).code).toBe('VALIDATION')
    expect(store.require(p.id).port).toBe(80)
  })

  it('update merges a patch and ignores secret-looking extras', async () => {
    const store = await JsonProfileStore.open(file, { now })
    const p = await store.create(input())
    const patch = { name: 'New name', port: 8080, apiKey: '0123456789abcdef0123456789abcdef' } as Partial<ProfileInput>
    const u = await store.update(p.id, patch)
    expect(u).toMatchObject({ name: 'New name', port: 8080, host: 'panel.example.com', id: p.id, order: 0 })
    expect(readFileSync(file, 'utf8')).not.toContain('0123456789abcdef')
    expect(readFileSync(file, 'utf8')).not.toMatch(/apiKey/)
  })

  it('get / require / remove, with NOT_FOUND_LOCAL for unknown ids and order renumbered', async () => {
    let n = 0
    const store = await JsonProfileStore.open(file, { now, newId: () => `p${++n}` })
    await store.create(input({ host: 'a.example' }))
    await store.create(input({ host: 'b.example' }))
    await store.create(input({ host: 'c.example' }))
    expect(store.get('nope')).toBeUndefined()
    expect(() => store.require('nope')).toThrowError(expect.objectContaining({ code: 'NOT_FOUND_LOCAL' }))
    await store.remove('p2')
    expect(store.list().map((p) => [p.id, p.order])).toEqual([
      ['p1', 0],
      ['p3', 1],
    ])
    expect((await rejection(store.remove('p2'))).code).toBe('NOT_FOUND_LOCAL')
  })

  it('reorder needs exactly the current ids', async () => {
    let n = 0
    const store = await JsonProfileStore.open(file, { now, newId: () => `p${++n}` })
    for (const h of ['a', 'b', 'c']) await store.create(input({ host: `${h}.example` }))
    const r = await store.reorder(['p3', 'p1', 'p2'])
    expect(r.map((p) => p.id)).toEqual(['p3', 'p1', 'p2'])
    expect((await JsonProfileStore.open(file, { now })).list().map((p) => [p.id, p.order])).toEqual([
      ['p3', 0],
      ['p1', 1],
      ['p2', 2],
    ])
    for (const bad of [['p1', 'p2'], ['p1', 'p2', 'p2'], ['p1', 'p2', 'p3', 'p4'], ['p1', 'p2', 'x']]) {
      expect((await rejection(store.reorder(bad))).code).toBe('VALIDATION')
    }
    expect(store.list().map((p) => p.id)).toEqual(['p3', 'p1', 'p2'])
  })

  it('setKeyHint records presence and at most four characters', async () => {
    const store = await JsonProfileStore.open(file, { now })
    const p = await store.create(input())
    expect(await store.setKeyHint(p.id, 'beef')).toMatchObject({ hasKey: true, keyHint: 'beef' })
    const whole = '0123456789abcdef0123456789abcdef'
    expect((await rejection(store.setKeyHint(p.id, whole))).code).toBe('VALIDATION')
    expect(readFileSync(file, 'utf8')).not.toContain(whole)
    expect(await store.setKeyHint(p.id, null)).toMatchObject({ hasKey: false, keyHint: null })
  })

  it('returns copies: callers cannot change the store by mutating results', async () => {
    const store = await JsonProfileStore.open(file, { now })
    const p = await store.create(input())
    p.name = 'mutated'
    store.list()[0]!.thresholds.warning = 999
    expect(store.require(p.id)).toMatchObject({ name: 'Main panel', thresholds: { warning: 50 } })
  })

  it('serialises concurrent changes: every one lands', async () => {
    const store = await JsonProfileStore.open(file, { now })
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.create(input({ host: `h${i}.example` }))))
    const again = await JsonProfileStore.open(file, { now })
    expect(again.list()).toHaveLength(20)
    expect(new Set(again.list().map((p) => p.order)).size).toBe(20)
  })

  it('a failed write changes nothing in memory', async () => {
    const store = await JsonProfileStore.open(file, { now })
    const p = await store.create(input())
    rmSync(dir, { recursive: true, force: true }) // the folder vanished under us
    const e = await rejection(store.update(p.id, { name: 'Lost' }))
    expect(e.code).toBe('INTERNAL')
    expect(e.message).toMatch(/could not be saved/)
    expect(store.require(p.id).name).toBe('Main panel')
  })
})
