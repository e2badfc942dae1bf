/**
 * Promise 7 (screenshot hygiene): the page can never show an existing API key,
 * because no contract answer or event can carry one — proven on the zod
 * schemas themselves: no RESULT schema and no event schema has a field named
 * like api_key / apiKey at any depth. The only way a key crosses the contract
 * is INTO the core, through the arguments of `keys:set` and `profiles:testDraft`. And the panel form starts
 * its key field empty, whatever the saved panel says.
 */
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { events, methods } from '../../../electron/shared/contract'
import { PROFILE_DEFAULTS, type Profile } from '../../../electron/shared/profile'

/** api_key, apiKey, API-KEY, secret… (a bulk item's `key` is its username/MAC, not a secret). */
const KEY_NAME = /api[_-]?key|secret/i

interface Found {
  keyed: string[]
  /** Places the schema cannot speak for (records of unknown, unknown/any): the run-time tests cover them. */
  open: string[]
}

/** Walks a zod 4 schema's definition, collecting field paths whose NAME looks like a key. */
function walk(schema: z.ZodType, path: string, found: Found, seen = new Set<unknown>()): Found {
  if (seen.has(schema)) return found
  seen.add(schema)
  const def = (schema as unknown as { _zod: { def: Record<string, any> } })._zod.def
  const go = (s: unknown, p: string) => s && walk(s as z.ZodType, p, found, seen)
  switch (def.type) {
    case 'object':
      for (const [k, v] of Object.entries(def.shape as Record<string, z.ZodType>)) {
        if (KEY_NAME.test(k)) found.keyed.push(`${path}.${k}`)
        go(v, `${path}.${k}`)
      }
      if (def.catchall && (def.catchall._zod.def.type !== 'never')) go(def.catchall, `${path}.*`)
      break
    case 'array':
      go(def.element, `${path}[]`)
      break
    case 'record':
      go(def.valueType, `${path}{}`)
      if (['unknown', 'any'].includes(def.valueType._zod.def.type)) found.open.push(`${path}{}`)
      break
    case 'union':
      def.options.forEach((o: z.ZodType, i: number) => go(o, `${path}|${i}`))
      break
    case 'intersection':
      go(def.left, path)
      go(def.right, path)
      break
    case 'tuple':
      def.items.forEach((o: z.ZodType, i: number) => go(o, `${path}[${i}]`))
      if (def.rest) go(def.rest, `${path}[…]`)
      break
    case 'pipe':
      go(def.in, path)
      go(def.out, path)
      break
    case 'lazy':
      go(def.getter(), path)
      break
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
    case 'nonoptional':
    case 'success':
      go(def.innerType, path)
      break
    case 'unknown':
    case 'any':
      found.open.push(path)
      break
    default:
      break // scalars, literals, enums: no fields
  }
  return found
}

const scan = (schema: z.ZodType, path: string) => walk(schema, path, { keyed: [], open: [] })

describe('no contract answer or event can carry an API key', () => {
  it('no method RESULT schema has a key-like field, at any depth', () => {
    const keyed = Object.entries(methods).flatMap(([name, m]) => scan(m.result as z.ZodType, name).keyed)
    expect(keyed).toEqual([])
  })

  it('no EVENT schema has one either', () => {
    const keyed = Object.entries(events).flatMap(([name, s]) => scan(s as z.ZodType, name).keyed)
    expect(keyed).toEqual([])
  })

  it('the walk does find key fields where they exist: only in the ARGUMENTS of keys:set and of the form\'s test', () => {
    // profiles:testDraft carries the key the user typed into the panel form, for that one call (it is never answered).
    const inArgs = Object.entries(methods).flatMap(([name, m]) => scan(m.args as z.ZodType, name).keyed)
    expect(inArgs.sort()).toEqual(['keys:set.apiKey', 'profiles:testDraft.apiKey'])
  })

  it('the walk reaches nested fields through arrays, unions, optionals, records and pipes (it is not vacuous)', () => {
    const deep = z.object({
      a: z.array(z.union([z.string(), z.object({ b: z.object({ apiKey: z.string() }).nullable().optional() })])),
      c: z.record(z.string(), z.object({ API_KEY: z.string() })),
      d: z.string().pipe(z.string()).or(z.object({ secretToken: z.string() }).default({ secretToken: '' })),
    })
    expect(scan(deep, 'x').keyed.sort()).toEqual(['x.a[]|1.b.apiKey', 'x.c{}.API_KEY', 'x.d|1.secretToken'])
    // Open-ended places (a record of unknown: panel rows, write items, journal params, a row as the panel
    // sent it) cannot be judged from the schema; the run-time session test (test/integration/security/
    // session-leaks.test.ts) covers them, and cache:raw redacts (test/integration/core/raw-rows.test.ts).
    const open = Object.entries(methods).flatMap(([name, m]) => scan(m.result as z.ZodType, name).open)
    expect(open.length).toBeGreaterThan(0)
    expect(open.every((p) => /rows|\.row\{\}|item|extra|params|response|result|^cache:raw$/.test(p)), open.join(', ')).toBe(true)
  })

  it("the panel answer tells only hasKey and a four-character hint", async () => {
    const result = methods['profiles:list'].result.element
    const shape = result.shape
    expect(Object.keys(shape).filter((k) => /key/i.test(k)).sort()).toEqual(['hasKey', 'keyHint'])
    const setKey = methods['keys:set'].result.shape
    expect(Object.keys(setKey).sort()).toEqual(['backend', 'hasKey', 'keyHint'])
  })
})

describe('the panel form', () => {
  it('starts the API key field empty for a panel that has a key (it is write-only)', async () => {
    const { fieldsFrom } = await import('../../../src/components/panels/panel-form')
    const saved: Profile = {
      ...PROFILE_DEFAULTS,
      name: 'Saved',
      host: 'panel.example',
      accessCode: 'abc',
      id: 'p1',
      order: 0,
      createdAt: 0,
      hasKey: true,
      keyHint: 'c0de',
    }
    const f = fieldsFrom(saved)
    expect(f.apiKey).toBe('')
    expect(JSON.stringify(f)).not.toContain('c0de')
    expect(fieldsFrom(null).apiKey).toBe('')
  })
})
