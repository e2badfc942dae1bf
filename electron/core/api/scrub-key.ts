/**
 * Our API key out of everything a panel sends back. Some panels echo request fields
 * into their answers (a debug build, a plugin, a processing error that returns the
 * request as `data`, docs/panel-api.md §8), and not always as we sent the key: PHP
 * may upper-case it, json_encode may write it `\u0061\u0062…`, a URL in the answer
 * carries it `%61%62…`. Every answer is scrubbed of all of these, case-insensitively,
 * before it is parsed, stored, logged or shown — so no column, FTS entry, raw page,
 * error, journal entry or export can hold it.
 */

const REPLACEMENT = '***'

const hex2 = (code: number) => code.toString(16).padStart(2, '0')
const escapeRe = (ch: string) => ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')

/**
 * One alternative per character of the key: itself, its JSON `\u00XX` escape, its URL
 * `%XX` escape (and `\/` for a slash). The `i` flag covers both the letter's case and
 * the escapes' hex digits. Characters outside ASCII are matched only as themselves.
 */
function keyPattern(key: string): RegExp {
  let src = ''
  for (const ch of key) {
    const code = ch.charCodeAt(0)
    if (ch.length > 1 || code > 0x7f) {
      src += escapeRe(ch)
      continue
    }
    const alts = [escapeRe(ch)]
    // An escape spells one case of a letter: 'a' is %61 or \u0061, 'A' is %41 or \u0041.
    for (const c of new Set([code, ch.toLowerCase().charCodeAt(0), ch.toUpperCase().charCodeAt(0)]))
      alts.push(`\\\\u00${hex2(c)}`, `%${hex2(c)}`)
    if (ch === '/') alts.push('\\\\/')
    src += `(?:${alts.join('|')})`
  }
  return new RegExp(src, 'gi')
}

const cache = new Map<string, RegExp>()
function patternFor(key: string): RegExp {
  let re = cache.get(key)
  // Stryker disable next-line ConditionalExpression: equivalent, a cache miss builds the same pattern; only speed differs.
  if (!re) {
    if (cache.size > 32) cache.clear()
    re = keyPattern(key)
    cache.set(key, re)
  }
  re.lastIndex = 0
  return re
}

/** Too short to be a key: scrubbing it would mangle ordinary text. */
const MIN_KEY_LENGTH = 4

/** `text` with every form of `key` replaced by `***`. */
export function scrubKeyText(text: string, key: string | undefined): string {
  if (!key || key.length < MIN_KEY_LENGTH) return text
  return text.replace(patternFor(key), REPLACEMENT)
}

/**
 * `body` with every form of `key` replaced by `***`; the same bytes when there is none.
 * Worked on as latin1 (one char per byte) so bytes that are not valid UTF-8 survive
 * untouched: the raw page is kept exactly as the panel sent it, minus the key.
 */
export function scrubKeyBytes(body: Uint8Array, key: string): Uint8Array {
  // An empty body needs no test of its own: it holds no key, and the check below hands it back.
  if (key.length < MIN_KEY_LENGTH) return body
  const bytes = Buffer.from(body.buffer, body.byteOffset, body.byteLength)
  const asBytes = Buffer.from(key, 'utf8').toString('latin1')
  const text = bytes.toString('latin1')
  const re = patternFor(asBytes)
  if (!re.test(text)) return body
  return Buffer.from(text.replace(patternFor(asBytes), REPLACEMENT), 'latin1')
}
