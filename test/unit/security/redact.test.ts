/**
 * Promise 4 (never in an error message): redactSecrets, the one scrubber every
 * printed URL, logged stack and shown message goes through. Each form below is
 * one a key really takes on its way out: the plain query, a form body, a URL
 * printed inside another URL (encoded once or twice), JSON (also escaped
 * inside JSON, and cut short by an excerpt), and Node's inspect output.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { redactSecrets } from '../../../electron/core/errors'
import { findLeak } from '../../integration/security/helpers'

const KEY = 'deadbeefcafef00d5ec12e7ab1e0c0de'
const PANEL = 'http://panel.example:8080/demo/reseller/index.php'

describe('redactSecrets', () => {
  it.each([
    ['query', `${PANEL}?api_key=${KEY}&action=user_info`],
    ['query, key last', `${PANEL}?action=user_info&api_key=${KEY}`],
    ['upper-case name', `${PANEL}?API_KEY=${KEY}&action=user_info`],
    ['mixed-case name and upper-case key', `${PANEL}?Api_Key=${KEY.toUpperCase()}`],
    ['form body', `api_key=${KEY}&action=create_line&package=1`],
    ['in a sentence', `fetch failed for ${PANEL}?api_key=${KEY} (ECONNRESET)`],
    ['in quotes', `request to "${PANEL}?api_key=${KEY}" failed`],
    ['before a fragment', `${PANEL}?api_key=${KEY}#top`],
    ['encoded once inside another URL', `https://proxy.example/?u=${encodeURIComponent(`${PANEL}?api_key=${KEY}&action=user_info`)}`],
    ['encoded twice inside another URL', `https://a.example/?next=${encodeURIComponent(`https://proxy.example/?u=${encodeURIComponent(`${PANEL}?api_key=${KEY}&action=x`)}`)}`],
    ['encoded, lower-case escapes', `https://proxy.example/?u=http%3a%2f%2fpanel%2fi.php%3fapi_key%3d${KEY}%26action%3dx`],
    ['JSON', `{"status":"STATUS_FAILURE","data":{"api_key":"${KEY}","action":"create_line"}}`],
    ['JSON with spaces, camel case', `{ "apiKey" : "${KEY}" }`],
    ['JSON escaped inside JSON', JSON.stringify({ body: JSON.stringify({ api_key: KEY, action: 'x' }) })],
    ['JSON cut short by an excerpt', `{"status":"STATUS_SUCCESS","data":{"id":3,"api_key":"${KEY.slice(0, 20)}`],
    ['inspect output', `{ api_key: '${KEY}', action: 'user_info' }`],
    ['inspect output, camel case', `Options { apiKey: '${KEY}' }`],
  ])('%s', (_name, text) => {
    const out = redactSecrets(text)
    expect(findLeak(out, [KEY]), out).toBeNull()
    expect(out).toContain('***')
  })

  it('keeps everything that is not the key, so messages stay useful', () => {
    expect(redactSecrets(`${PANEL}?api_key=${KEY}&action=user_info`)).toBe(`${PANEL}?api_key=***&action=user_info`)
    const inner = encodeURIComponent(`${PANEL}?api_key=${KEY}&action=user_info`)
    expect(redactSecrets(`https://proxy.example/?u=${inner}`)).toBe(`https://proxy.example/?u=${inner.replace(KEY, '***')}`)
    expect(redactSecrets(`{"api_key":"${KEY}","action":"x"}`)).toBe('{"api_key":"***","action":"x"}')
    expect(redactSecrets("{ api_key: 'k', n: 1 }")).toBe("{ api_key: '***', n: 1 }")
  })

  it('leaves text without a key alone', () => {
    for (const t of [
      'The panel did not answer within 20 seconds.',
      `${PANEL}?action=user_info`,
      'api_keys are 32 characters',
      '{"status":"STATUS_SUCCESS","data":[]}',
      'keyHint: "c0de"',
    ]) {
      expect(redactSecrets(t)).toBe(t)
    }
  })

  it('is idempotent', () => {
    const once = redactSecrets(`${PANEL}?api_key=${KEY}&u=${encodeURIComponent(`?api_key=${KEY}`)} {"api_key":"${KEY}"}`)
    expect(redactSecrets(once)).toBe(once)
  })
})

describe('the loopback CLI', () => {
  const source = (rel: string) => readFileSync(new URL(`../../../${rel}`, import.meta.url), 'utf8')

  it('redacts with core/errors.ts redactSecrets, not a copy of its own', () => {
    const cli = source('electron/loopback/cli.ts')
    expect(cli).toMatch(/import \{ redactSecrets as redact \} from '\.\.\/core\/errors'/)
    expect(cli).not.toMatch(/\.replace\(\/\(?api/)
    // and errors.ts stays free of runtime imports, so loading it cannot fail with the rest of the core
    expect(source('electron/core/errors.ts')).not.toMatch(/^import (?!type )/m)
  })
})
