/**
 * CSV for exports (journal, bulk results). RFC 4180: fields with a comma,
 * quote, CR or LF are quoted and inner quotes doubled; lines end in CRLF.
 *
 * Spreadsheet formula injection (OWASP "CSV injection"): a cell starting with
 * = + - @ (or a tab / CR, which some programs strip first; or spaces, which
 * some importers trim) is prefixed with a single quote so it is shown as text,
 * never evaluated.
 *
 * Readers do not all split on `,`: European-locale spreadsheets split on `;`,
 * "paste as table" splits on tab. So a cell holding `;` or a tab is quoted too
 * (else `a;=1+1` becomes the two cells `a` and `=1+1`), and a formula start right
 * after any of the three separators gets the same quote, for importers that
 * split without honouring quotes.
 */
const FORMULA_START = /^[ ]*[=+\-@\t\r]/
const FORMULA_AFTER_SEPARATOR = /([,;\t][ ]*)(?=[=+\-@])/g
const NEEDS_QUOTES = /[",;\t\r\n]/

export type CsvCell = string | number | boolean | null | undefined

export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return ''
  // Stryker disable next-line ConditionalExpression,StringLiteral: equivalent, String() of a string is that string (the check only spares the call).
  let s = typeof value === 'string' ? value : String(value)
  // Numbers are data, not formulas: -5 stays -5 so a spreadsheet can still sum it.
  if (typeof value === 'string') {
    s = s.replace(FORMULA_AFTER_SEPARATOR, "$1'")
    if (FORMULA_START.test(s)) s = "'" + s
  }
  return NEEDS_QUOTES.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s
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
