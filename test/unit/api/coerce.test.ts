import { describe, expect, it } from 'vitest'
import {
  bool,
  int,
  intList,
  num,
  rowId,
  text,
  textList,
  unescapeHtml,
  unix,
} from '../../../electron/core/api/normalise/coerce'

describe('tolerant value readers', () => {
  it('num / int accept numbers and numeric strings only', () => {
    expect(num('485.00')).toBe(485)
    expect(num(' 12 ')).toBe(12)
    expect(num(7)).toBe(7)
    for (const bad of ['', ' ', 'abc', '12abc', null, undefined, true, {}, [], NaN, Infinity, 'Infinity'])
      expect(num(bad)).toBeNull()
    expect(int('12.9')).toBe(12)
    expect(int(1e300)).toBeNull()
    expect(rowId('0')).toBeNull()
    expect(rowId('-4')).toBeNull()
    expect(rowId('4521')).toBe(4521)
  })

  it('bool reads true/false/0/1/"0"/"1"/""/null', () => {
    expect([true, 1, '1', 'true', '2'].map((v) => bool(v, null))).toEqual([true, true, true, true, true])
    expect([false, 0, '0', '', 'false'].map((v) => bool(v, null))).toEqual([false, false, false, false, false])
    expect(bool(null, true)).toBe(true)
    expect(bool(undefined, false)).toBe(false)
    expect(bool({}, null)).toBeNull()
    expect(bool('maybe', null)).toBeNull()
  })

  it('un-escapes the panel HTML escaping once', () => {
    expect(unescapeHtml('&lt;b&gt; &amp; &quot;q&quot; it&#039;s &#39;')).toBe('<b> & "q" it\'s \'')
    expect(unescapeHtml('&amp;lt;')).toBe('&lt;')
    expect(text(12)).toBe('12')
    expect(text(null)).toBe('')
    expect(text({ a: 1 })).toBe('')
  })

  it('unix: null/0/"" = unlimited; numbers, numeric strings and dates → seconds', () => {
    for (const v of [null, undefined, 0, '0', '', '0000-00-00 00:00:00', 'soon', -5]) expect(unix(v)).toBeNull()
    expect(unix(1740000000)).toBe(1740000000)
    expect(unix('1740000000')).toBe(1740000000)
    expect(unix(1740000000123)).toBe(1740000000) // milliseconds
    expect(unix('2025-01-15 14:30:00')).toBe(Date.UTC(2025, 0, 15, 14, 30) / 1000)
    expect(unix('2025-01-15')).toBe(Date.UTC(2025, 0, 15) / 1000)
    expect(unix('2025-01-15T14:30:00Z')).toBe(Date.UTC(2025, 0, 15, 14, 30) / 1000)
  })

  it('lists from arrays, JSON strings, comma lists and PHP objects', () => {
    expect(intList('[1,"3",5]')).toEqual([1, 3, 5])
    expect(intList([2, '4', 'x', null])).toEqual([2, 4])
    expect(intList('[broken')).toEqual([])
    expect(intList('1,2')).toEqual([1, 2])
    expect(intList({ 0: 1, 1: 2 })).toEqual([1, 2])
    expect(intList(null)).toEqual([])
    expect(textList('["1.2.3.4",""]')).toEqual(['1.2.3.4'])
    expect(textList(['a', 5])).toEqual(['a', '5'])
  })
})
