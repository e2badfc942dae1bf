/**
 * The few PHP behaviours the panel's answers depend on: intval, is_numeric,
 * input sanitising (panel-api §3), clean_row escaping and json_encode's escaping.
 */

const NUMERIC_PREFIX = /^[ \t\n\r\v\f]*([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)/
const NUMERIC_FULL = /^[ \t\n\r\v\f]*[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?[ \t\n\r\v\f]*$/

/** PHP 8 intval(): leading numeric prefix, truncated toward zero; garbage → 0. Arrays → 0/1 like PHP. */
export function intval(value: unknown): number {
  if (typeof value === 'number') return Number.isFinite(value) ? clampInt(Math.trunc(value)) : 0
  if (typeof value === 'boolean') return value ? 1 : 0
  if (Array.isArray(value)) return value.length > 0 ? 1 : 0
  if (typeof value !== 'string') return 0
  const m = NUMERIC_PREFIX.exec(value)
  if (!m || m[1] === undefined) return 0
  const n = Number(m[1])
  return Number.isFinite(n) ? clampInt(Math.trunc(n)) : 0
}

function clampInt(n: number): number {
  if (n > Number.MAX_SAFE_INTEGER) return Number.MAX_SAFE_INTEGER
  if (n < Number.MIN_SAFE_INTEGER) return Number.MIN_SAFE_INTEGER
  return n === 0 ? 0 : n // no -0 in JSON
}

/** PHP 8 is_numeric() for strings (whitespace allowed around, no hex). */
export function isNumeric(value: unknown): boolean {
  if (typeof value === 'number') return Number.isFinite(value)
  return typeof value === 'string' && NUMERIC_FULL.test(value)
}

/** PHP truthiness of a request value: "", "0" and absent are false. */
export function truthy(value: string | string[] | undefined): boolean {
  if (value === undefined) return false
  if (Array.isArray(value)) return value.length > 0
  return value !== '' && value !== '0'
}

/**
 * Request value sanitising (panel-api §3): stripslashes, CRLF→LF, `<!--`/`-->`/`<script`
 * entity-encoded, `../` encoded, NUL removed, trimmed.
 */
export function sanitizeInput(value: string): string {
  return value
    .replace(/\0/g, '')
    .replace(/\\(.?)/gs, '$1')
    .replace(/\r\n/g, '\n')
    .replace(/<!--/g, '&lt;!--')
    .replace(/-->/g, '--&gt;')
    .replace(/<script/gi, (m) => '&lt;' + m.slice(1))
    .replace(/\.\.\//g, '&#46;&#46;/')
    .trim()
}

/** clean_row output escaping for a truthy string (panel-api §3): `<`/`>` encoded, CRLF→LF, trimmed. */
export function escapeOut(value: string): string {
  if (!value) return value
  return value.replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r\n/g, '\n').trim()
}

/** json_encode with default flags: `/` escaped as `\/`, non-ASCII as \uXXXX (panel-api §3). */
export function phpJson(value: unknown): string {
  const json = JSON.stringify(value) ?? 'null'
  // Both characters can only occur inside JSON strings, so a global replace is safe.
  return json
    .replace(/\//g, '\\/')
    .replace(/[\u0080-\uffff]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'))
}
