import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { JsonProfileStore } from '../../../electron/core/profiles/profile-store'
import { PROFILE_DEFAULTS, type ProfileInput } from '../../../electron/shared/profile'

let dir: string
const now = () => 1_700_000_000_000
const KEY = '0123456789abcdef0123456789abcdef'

const input = (over: Partial<ProfileInput> = {}): ProfileInput => ({
  ...PROFILE_DEFAULTS,
  name: 'Main',
  host: 'panel.example.com',
  accessCode: 'abc',
  ...over,
})

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'xm-transfer-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

const open = (name: string) => JsonProfileStore.open(join(dir, name), { now })

describe('panels export / import', () => {
  it('exports connection settings only, never a key or a hint', async () => {
    const store = await open('a.json')
    const p = await store.create(input({ customerDns: 'tv.example.com', customerPort: 8080 }))
    await store.setKeyHint(p.id, 'cdef')
    const json = store.exportJson()
    const doc = JSON.parse(json)
    expect(doc).toMatchObject({ app: 'xm-reseller-desk', kind: 'panels', version: 1 })
    expect(doc.panels).toEqual([input({ customerDns: 'tv.example.com', customerPort: 8080 })])
    expect(json).not.toMatch(/keyHint|hasKey|"id"|cdef/)
  })

  it('round-trips into another store, skipping duplicates on a second import', async () => {
    const a = await open('a.json')
    await a.create(input({ name: 'One', host: 'one.example' }))
    await a.create(input({ name: 'Two', host: 'two.example', port: 8000 }))
    const b = await open('b.json')
    expect(await b.importJson(a.exportJson())).toEqual({ added: 2, skipped: 0, duplicates: 0, invalid: 0 })
    expect(b.list().map((p) => [p.name, p.order, p.hasKey])).toEqual([
      ['One', 0, false],
      ['Two', 1, false],
    ])
    expect(await b.importJson(a.exportJson())).toEqual({ added: 0, skipped: 2, duplicates: 2, invalid: 0 })
    expect((await open('b.json')).list()).toHaveLength(2)
  })

  it('same host (any case) + port + access code is a duplicate, also within one file', async () => {
    const store = await open('a.json')
    await store.create(input({ host: 'panel.example.com' }))
    const file = {
      app: 'xm-reseller-desk',
      kind: 'panels',
      version: 1,
      panels: [
        input({ host: 'PANEL.example.com' }), // duplicate of the existing one
        input({ host: 'panel.example.com', port: 81 }), // new: other port
        input({ host: 'panel.example.com', accessCode: 'other' }), // new: other access code
        input({ host: 'panel.example.com', accessCode: 'other', name: 'again' }), // duplicate within the file
      ],
    }
    expect(await store.importJson(JSON.stringify(file))).toMatchObject({ added: 2, duplicates: 2, skipped: 2 })
  })

  it('counts invalid entries, fills defaults for missing optional settings, and never imports key-like fields', async () => {
    const store = await open('a.json')
    const file = {
      app: 'xm-reseller-desk',
      kind: 'panels',
      version: 1,
      panels: [
        { name: 'Minimal', host: 'min.example', accessCode: 'm', apiKey: KEY, api_key: KEY, secret: KEY, keyHint: 'cdef', hasKey: true },
        { name: 'Bad host', host: 'http://x/y', accessCode: 'b' },
        'not an object',
        null,
        [1, 2],
        { ...input({ host: 'ok.example' }), scheme: 'gopher' },
      ],
    }
    const r = await store.importJson(JSON.stringify(file))
    expect(r).toEqual({ added: 1, skipped: 5, duplicates: 0, invalid: 5 })
    const p = store.list()[0]!
    expect(p).toMatchObject({ name: 'Minimal', port: 80, scheme: 'http', hasKey: false, keyHint: null })
    expect(JSON.stringify(p)).not.toContain(KEY)
    expect(store.exportJson()).not.toContain(KEY)
  })

  it.each([
    ['not JSON', '{nope', /not valid JSON/],
    ['another app', JSON.stringify({ app: 'other', kind: 'panels', version: 1, panels: [] }), /not a panels export file/],
    ['no panels', JSON.stringify({ app: 'xm-reseller-desk', kind: 'panels', version: 1 }), /not a panels export file/],
    ['a newer format', JSON.stringify({ app: 'xm-reseller-desk', kind: 'panels', version: 9, panels: [] }), /newer version/],
  ])('refuses %s with VALIDATION and changes nothing', async (_what, json, message) => {
    const store = await open('a.json')
    await expect(store.importJson(json)).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(message) })
    expect(store.list()).toEqual([])
  })
})
