/**
 * CSV exports opened by spreadsheets that split on `;` (most European locales)
 * or tab, not only on `,`: a cell must stay ONE cell and never become a formula
 * whatever separator the reader picks (issue #12 §4).
 */
import { describe, expect, test } from 'vitest'
import { exportRunCsv } from '../../../electron/core/bulk/export'
import type { Run } from '../../../electron/core/bulk/runner'
import { csvCell, toCsv } from '../../../electron/core/journal'

/** How a spreadsheet that honours quotes splits one CSV line on `sep`. */
function splitQuoted(line: string, sep: string): string[] {
  const cells: string[] = []
  let cur = ''
  let quoted = false
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cur += '"'
        i++
      } else if (c === '"') quoted = false
      else cur += c
    } else if (c === '"') quoted = true
    else if (c === sep) {
      cells.push(cur)
      cur = ''
    } else cur += c
  }
  cells.push(cur)
  return cells
}
const FORMULA = /^\s*[=+\-@]/

describe('CSV cells under ; and tab separators', () => {
  test('a cell holding ; or a tab is quoted, so it stays one cell; a formula after it is marked as text', () => {
    expect(csvCell('a;=1+1')).toBe(`"a;'=1+1"`)
    expect(csvCell('a\t=1+1')).toBe(`"a\t'=1+1"`)
    expect(csvCell('x;y')).toBe('"x;y"')
    expect(csvCell('x; -y')).toBe(`"x; '-y"`)
    expect(csvCell('a=1;b')).toBe('"a=1;b"')
  })

  test('no separator choice turns a cell into a formula', () => {
    const hostile = ['a;=1+1', 'a\t=1+1', 'a,=1+1', 'a; =HYPERLINK("http://evil")', ' =1+1', 'a;+1', 'a;@SUM(A1)']
    const csv = toCsv(['note'], hostile.map((h) => [h]))
    const lines = csv.split('\r\n').filter(Boolean).slice(1)
    for (const sep of [',', ';', '\t']) {
      for (const line of lines) {
        for (const cell of splitQuoted(line, sep)) expect(cell, `sep ${JSON.stringify(sep)} line ${line}`).not.toMatch(FORMULA)
      }
    }
  })

  test('a reader that ignores quotes still finds no formula after a separator', () => {
    const line = csvCell('a;=1+1')
    for (const piece of line.split(/[;,\t]/)) expect(piece.replace(/^"/, '')).not.toMatch(FORMULA)
  })

  test('bulk results export is neutralised the same way', () => {
    const run = {
      runId: 'r1234567890',
      items: [{ item: { label: 'note;=1+1', state: 'done', reason: 'x\t@cmd', journalId: null, cost: 1, result: {} } }],
    } as unknown as Run
    const { csv } = exportRunCsv(run, undefined, Date.UTC(2026, 0, 1))
    const row = csv.split('\r\n')[1]!
    for (const sep of [',', ';', '\t']) for (const cell of splitQuoted(row, sep)) expect(cell).not.toMatch(FORMULA)
  })
})
