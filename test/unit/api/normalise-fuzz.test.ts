/**
 * Fuzz of the response path (parseResponse = HTTP status + body bytes → value or
 * ApiError). Thousands of malformed answers from a seeded PRNG: truncated JSON,
 * wrong types at every field, HTML pages, ~1 MB strings, invalid UTF-8, deep
 * nesting, nulls. Nothing but ApiError may be thrown, and every value returned
 * must satisfy the domain schemas.
 */
import { describe, expect, it } from 'vitest'
import { ACTION_NAMES, type ActionName } from '../../../electron/core/api/actions'
import { ApiError } from '../../../electron/core/api/api-error'
import { parseResponse } from '../../../electron/core/api/parse'
import { mulberry32 } from '../../../electron/simulator/prng'
import { fixtureJson } from './fixtures'
import { resultSchema } from './result-schemas'

/** Valid answers and the actions they answer. */
const SAMPLES: [string, ActionName[]][] = [
  ['doc/user_info.json', ['user_info']],
  ['doc/packages.json', ['packages']],
  ['doc/create_line.json', ['create_line', 'edit_line']],
  ['doc/get_line.json', ['get_line', 'convert_mag', 'convert_enigma']],
  ['doc/create_activecode.json', ['create_activecode', 'edit_activecode', 'get_activecode']],
  ['doc/reset_activecode.json', ['reset_activecode']],
  ['doc/adjust_credits.json', ['adjust_credits']],
  ['xui/user_info.json', ['user_info']],
  ['xui/packages.json', ['packages']],
  ['xui/get_line.json', ['get_line', 'create_line', 'edit_line']],
  ['xui/get_lines.json', ['get_lines', 'get_activecodes']],
  ['xui/get_mags.json', ['get_mags']],
  ['xui/get_mag.json', ['get_mag', 'create_mag', 'edit_mag']],
  ['xui/get_enigmas.json', ['get_enigmas']],
  ['xui/get_users.json', ['get_users']],
  ['xui/user_logs.json', ['user_logs']],
  ['xui/activity_logs.json', ['activity_logs']],
  ['xui/live_connections.json', ['live_connections']],
]
const samples = SAMPLES.map(([f, actions]) => ({ json: fixtureJson(f), actions }))

/**
 * Keys whose loss makes an answer unusable by design; the 'field types' category leaves them alone.
 * `credits`: a balance that is no number is a bad answer, not 0 (issue #12 §5).
 */
const STRUCTURAL = new Set(['status', 'data', 'id', 'mag_id', 'device_id', 'activity_id', 'uuid', 'new_code', 'credits'])

const enc = new TextEncoder()

function makeFuzzer(rand: () => number) {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!
  const int = (n: number) => Math.floor(rand() * n)
  const weird = (): unknown =>
    pick<() => unknown>([
      () => null,
      () => '',
      () => '0',
      () => 0,
      () => -1,
      () => 1e308,
      () => -1e308,
      () => 'NaN',
      () => '1e400',
      () => 'abc&lt;&gt;&amp;',
      () => true,
      () => false,
      () => [],
      () => {},
      () => [[[[]]]],
      () => ({ nested: { deeper: [1, '2', null] } }),
      () => '[1,"2",{"x":3}]',
      () => '["1.2.3.4",5,null]',
      () => '0000-00-00 00:00:00',
      () => '2025-13-45 99:99:99',
      () => '9999-12-31 23:59:59',
      () => String(int(2 ** 31)),
      () => int(2 ** 53) * 1000,
      () => '\u0000\uFFFD\uD800',
      () => 'x'.repeat(int(5000)),
    ])()

  /** Replace random fields (anywhere in the tree) with weird values. */
  function mutate(v: unknown, p: number, keepStructure: boolean, depth = 0): unknown {
    if (depth > 6) return v
    if (Array.isArray(v))
      return v.map((x) => (rand() < p && !keepStructure ? weird() : mutate(x, p, keepStructure, depth + 1)))
    if (v !== null && typeof v === 'object') {
      const out: Record<string, unknown> = {}
      for (const [k, x] of Object.entries(v)) {
        const structural = STRUCTURAL.has(k) && (depth <= 1 || typeof x !== 'object' || x === null)
        if (keepStructure && structural)
          out[k] = depth === 0 || typeof x === 'object' ? mutate(x, p, keepStructure, depth + 1) : x
        else if (rand() < p) {
          if (rand() < 0.1) continue // drop the field
          out[k] = weird()
        } else out[k] = mutate(x, p, keepStructure, depth + 1)
      }
      return out
    }
    return v
  }

  const htmlPage = () =>
    pick([
      '<html><head><title>403 Forbidden</title></head><body><center><h1>403 Forbidden</h1></center><hr><center>nginx</center></body></html>',
      '<!DOCTYPE html><html><body><b>Fatal error</b>: Uncaught TypeError: count(): Argument #1 in /home/xc_vm/includes/api/reseller/index.php:127</body></html>',
      '<html><body>Just a moment... Cloudflare</body></html>',
    ])

  type Case = { category: string; action: ActionName; status: number; body: Uint8Array; sent: Record<string, unknown> }
  const sentFor = (a: ActionName): Record<string, unknown> =>
    a.startsWith('create_') ? { package: 1, trial: false } : { id: 1 + int(1000), credits: 5 }

  const categories: Record<string, () => Case> = {
    valid: () => {
      const s = pick(samples)
      const action = pick(s.actions)
      return { category: 'valid', action, status: 200, body: enc.encode(JSON.stringify(s.json)), sent: sentFor(action) }
    },
    'field types': () => {
      const s = pick(samples)
      const action = pick(s.actions)
      const body = enc.encode(JSON.stringify(mutate(s.json, 0.3, true)))
      return { category: 'field types', action, status: 200, body, sent: sentFor(action) }
    },
    'any mutation': () => {
      const s = pick(samples)
      const action = pick(ACTION_NAMES)
      return {
        category: 'any mutation',
        action,
        status: 200,
        body: enc.encode(JSON.stringify(mutate(s.json, 0.4, false))),
        sent: sentFor(action),
      }
    },
    truncated: () => {
      const s = pick(samples)
      const text = JSON.stringify(s.json)
      const action = pick(s.actions)
      return {
        category: 'truncated',
        action,
        status: 200,
        body: enc.encode(text.slice(0, int(text.length - 1))),
        sent: sentFor(action),
      }
    },
    html: () => {
      const action = pick(ACTION_NAMES)
      return {
        category: 'html',
        action,
        status: pick([200, 403, 404, 500, 502, 503]),
        body: enc.encode(htmlPage()),
        sent: sentFor(action),
      }
    },
    'bad utf8': () => {
      const s = pick(samples)
      const bytes = Array.from(enc.encode(JSON.stringify(s.json)))
      for (let i = 0; i < 1 + int(8); i++)
        bytes.splice(int(bytes.length), 0, pick([0xff, 0xfe, 0xc0, 0x80, 0xed, 0xa0, 0xf8]))
      const action = pick(s.actions)
      return { category: 'bad utf8', action, status: 200, body: new Uint8Array(bytes), sent: sentFor(action) }
    },
    nulls: () => {
      const action = pick(ACTION_NAMES)
      const body = pick([
        'null',
        '{"status":null}',
        '{"status":"STATUS_SUCCESS","data":null}',
        '{"status":"STATUS_SUCCESS","data":[null,null]}',
        '[null]',
        '{"status":"STATUS_SUCCESS","data":{"id":null}}',
        '',
      ])
      return { category: 'nulls', action, status: 200, body: enc.encode(body), sent: sentFor(action) }
    },
    'deep nesting': () => {
      const depth = pick([10, 1000, 100_000])
      const action = pick(ACTION_NAMES)
      const inner = '['.repeat(depth) + ']'.repeat(depth)
      const body = pick([
        inner,
        `{"status":"STATUS_SUCCESS","data":${inner}}`,
        `{"status":"STATUS_SUCCESS","data":{"id":1,"bouquet":${JSON.stringify(inner)}}}`,
      ])
      return { category: 'deep nesting', action, status: 200, body: enc.encode(body), sent: sentFor(action) }
    },
    'random bytes': () => {
      const n = int(300)
      const bytes = new Uint8Array(n)
      for (let i = 0; i < n; i++) bytes[i] = int(256)
      const action = pick(ACTION_NAMES)
      return {
        category: 'random bytes',
        action,
        status: pick([200, 200, 200, 500, 418, 302]),
        body: bytes,
        sent: sentFor(action),
      }
    },
    'status soup': () => {
      const action = pick(ACTION_NAMES)
      const status = pick([
        'STATUS_FAILURE',
        'STATUS_EXISTS_MAC',
        'STATUS_WHATEVER',
        'status_success',
        '',
        'STATUS_SUCCESS',
      ])
      const body = JSON.stringify({ status, data: weird(), error: weird(), recordsTotal: weird() })
      return { category: 'status soup', action, status: 200, body: enc.encode(body), sent: sentFor(action) }
    },
  }

  const huge = (): Case => {
    const big = pick(['a', '&lt;', '\u00e9', '1']).repeat(1_000_000)
    const action = pick(['get_line', 'get_lines', 'create_line', 'user_info'] as const)
    const body = pick([
      JSON.stringify({ status: 'STATUS_SUCCESS', data: { id: 1, username: big, reseller_notes: big.slice(0, 1000) } }),
      JSON.stringify({ status: 'STATUS_SUCCESS', data: [{ id: 1, username: big }], recordsTotal: big }),
      big,
      `{"status":"STATUS_SUCCESS","data":"${big}`,
    ])
    return { category: 'huge', action, status: 200, body: enc.encode(body), sent: sentFor(action) }
  }

  return { categories, huge, pick }
}

function run(seed: number, perCategory: number, hugeCount: number) {
  const rand = mulberry32(seed)
  const { categories, huge } = makeFuzzer(rand)
  const counts: Record<string, Record<string, number>> = {}
  const strays: string[] = []
  const invalid: string[] = []
  const cases = [
    ...Object.values(categories).flatMap((gen) => Array.from({ length: perCategory }, gen)),
    ...Array.from({ length: hugeCount }, huge),
  ]
  for (const c of cases) {
    let outcome: string
    try {
      const value = parseResponse(c.action, c.status, c.body, c.sent)
      const check = resultSchema(c.action).safeParse(value)
      if (!check.success)
        invalid.push(
          `${c.category}/${c.action}: ${check.error.issues[0]?.path.join('.')} ${check.error.issues[0]?.message}`,
        )
      outcome = 'value'
    } catch (e) {
      if (!(e instanceof ApiError)) strays.push(`${c.category}/${c.action}: ${String(e)}`)
      outcome = e instanceof ApiError ? e.code : 'STRAY'
    }
    const row = (counts[c.category] ??= {})
    row[outcome] = (row[outcome] ?? 0) + 1
  }
  return { counts, strays, invalid, total: cases.length }
}

describe('response fuzz', () => {
  const result = run(0x5eed, 600, 30)

  it('runs thousands of malformed answers', () => {
    expect(result.total).toBeGreaterThanOrEqual(5000)
    const sum = Object.values(result.counts).reduce((n, row) => n + Object.values(row).reduce((a, b) => a + b, 0), 0)
    expect(sum).toBe(result.total)
  })

  it('never throws anything but ApiError', () => {
    expect(result.strays).toEqual([])
  })

  it('every value returned satisfies the domain schemas', () => {
    expect(result.invalid).toEqual([])
  })

  it('reads valid answers and tolerates wrong types in every non-structural field', () => {
    expect(result.counts['valid']).toEqual({ value: 600 })
    expect(result.counts['field types']).toEqual({ value: 600 })
  })

  it('classifies the garbage: no value ever comes from HTML or truncated JSON', () => {
    for (const cat of ['html', 'truncated']) expect(result.counts[cat]?.value ?? 0, cat).toBe(0)
    // Deep nesting is a value only where it is legal: a list whose rows are skipped, a field read as [].
    expect(result.counts['deep nesting']!['BAD_RESPONSE']).toBeGreaterThan(0)
    expect(Object.keys(result.counts['html']!).sort()).toEqual(expect.arrayContaining(['IP_FORBIDDEN', 'RATE_LIMITED']))
    expect(result.counts['truncated']!['BAD_RESPONSE']! + (result.counts['truncated']!['OUTCOME_UNKNOWN'] ?? 0)).toBe(
      600,
    )
    // Some mutated and 'status soup' answers are still usable; many are not.
    expect(result.counts['any mutation']!['value']).toBeGreaterThan(0)
    expect(result.counts['status soup']!['value']).toBeGreaterThan(0)
    expect(result.counts['status soup']!['FAILURE']).toBeGreaterThan(0)
    expect(result.counts['huge']!['value']).toBeGreaterThan(0)
  })

  it('is deterministic for a seed', () => {
    expect(run(0x5eed, 50, 2).counts).toEqual(run(0x5eed, 50, 2).counts)
  })

  it('prints the outcome table', () => {
    // Kept visible in the test log: how each kind of garbage was classified.
    console.log(JSON.stringify(result.counts, null, 1))
    expect(Object.keys(result.counts)).toHaveLength(11)
  })
})
