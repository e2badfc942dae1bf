/**
 * CSV for exports (journal, bulk results). RFC 4180: fields with a comma,
 * quote, CR or LF are quoted and inner quotes doubled; lines end in CRLF.
 * Spreadsheet formula injection (OWASP "CSV injection"): a cell starting with
 * = + - @ (or a tab / CR, which some programs strip first) is prefixed with a
 * single quote so it is shown as text, never evaluated.
 */
const FORMULA_START = /^[=+\-@\t\r]/

export type CsvCell = string | number | boolean | null | undefined

export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return ''
  let s = typeof value === 'string' ? value : String(value)
  // Numbers are data, not formulas: -5 stays -5 so a spreadsheet can still sum it.
  if (typeof value === 'string' && FORMULA_START.test(s)) s = "'" + s
  return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s
}

export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  const lines = [header.map(csvCell).join(',')]
  for (const r of rows) lines.push(r.map(csvCell).join(','))
  return lines.join('\r\n') + '\r\n'
}

/** `journal-2025-01-15.csv`: safe for every file system. */
export function csvFilename(stem: string, nowMs: number): string {
  const day = new Date(nowMs).toISOString().slice(0, 10)
  return `${stem.replace(/[^A-Za-z0-9_-]/g, '-')}-${day}.csv`
}
