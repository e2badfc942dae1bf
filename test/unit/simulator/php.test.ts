import { describe, expect, it } from 'vitest'
import { escapeOut, intval, isNumeric, phpJson, sanitizeInput, truthy } from '../../../electron/simulator/php'
import { parseParams } from '../../../electron/simulator/http'

describe('intval (PHP 8)', () => {
  it.each([
    ['42', 42],
    ['  7', 7],
    ['10abc', 10],
    ['abc', 0],
    ['', 0],
    ['-5', -5],
    ['9.99', 9],
    ['-9.99', -9],
    ['1e3', 1000],
    ['+3', 3],
    ['0x1A', 0],
  ] as const)('intval(%j) = %d', (input, expected) => {
    expect(intval(input)).toBe(expected)
  })
  it('truncates numbers toward zero and never yields -0', () => {
    expect(intval(485.5)).toBe(485)
    expect(intval(-0.4)).toBe(0)
    expect(Object.is(intval(-0.4), -0)).toBe(false)
    expect(intval(Number.NaN)).toBe(0)
  })
})

describe('is_numeric', () => {
  it.each(['5', '-5', '+5', '5.5', '.5', '1e3', ' 5', '5 '])('accepts %j', (v) => expect(isNumeric(v)).toBe(true))
  it.each(['', 'abc', '5abc', '0x1A', '--5', '.'])('rejects %j', (v) => expect(isNumeric(v)).toBe(false))
})

describe('truthy (request values)', () => {
  it('treats absent, empty and "0" as false', () => {
    expect(truthy(undefined)).toBe(false)
    expect(truthy('')).toBe(false)
    expect(truthy('0')).toBe(false)
    expect(truthy('1')).toBe(true)
    expect(truthy('0.0')).toBe(true) // PHP: only "0" and "" are falsy strings
  })
})

describe('input sanitising and output escaping', () => {
  it('trims, normalises CRLF, strips slashes and encodes script/comment openers', () => {
    expect(sanitizeInput('  a\r\nb  ')).toBe('a\nb')
    expect(sanitizeInput("O\\'Brien")).toBe("O'Brien")
    expect(sanitizeInput('<script>x')).toBe('&lt;script>x')
    expect(sanitizeInput('<!-- c -->')).toBe('&lt;!-- c --&gt;')
    expect(sanitizeInput('a\0b')).toBe('ab')
    expect(sanitizeInput('../etc')).toBe('&#46;&#46;/etc')
  })
  it('escapes < and > on the way out', () => {
    expect(escapeOut('Renew <monthly> > now')).toBe('Renew &lt;monthly&gt; &gt; now')
    expect(escapeOut('')).toBe('')
  })
  it('json-encodes like PHP: escaped slashes and \\u escapes for non-ASCII', () => {
    const text = phpJson({ a: 'http://x/y', b: 'café' })
    expect(text).toBe('{"a":"http:\\/\\/x\\/y","b":"caf\\u00e9"}')
    expect(JSON.parse(text)).toEqual({ a: 'http://x/y', b: 'café' })
  })
})

describe('parseParams', () => {
  it('merges query and body with the body winning, and collects name[] arrays', () => {
    const p = parseParams(
      '?action=get_line&id=1&allowed_ips[]=1.1.1.1',
      'id=2&allowed_ips[]=2.2.2.2&allowed_ips[]=3.3.3.3',
    )
    expect(p['action']).toBe('get_line')
    expect(p['id']).toBe('2')
    expect(p['allowed_ips']).toEqual(['2.2.2.2', '3.3.3.3'])
  })
  it('keeps DataTables keys flat', () => {
    const p = parseParams('search%5Bvalue%5D=smith&order%5B0%5D%5Bcolumn%5D=1&order[0][dir]=desc', null)
    expect(p['search[value]']).toBe('smith')
    expect(p['order[0][column]']).toBe('1')
    expect(p['order[0][dir]']).toBe('desc')
  })
})
