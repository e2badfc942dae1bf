import { describe, expect, test } from 'vitest'
import { csvCell, csvFilename, toCsv } from '../../../electron/core/journal'

describe('CSV (RFC 4180, formula-injection safe)', () => {
  test('quotes fields with comma, quote, CR or LF; doubles quotes', () => {
    expect(csvCell('plain')).toBe('plain')
    expect(csvCell('a,b')).toBe('"a,b"')
    expect(csvCell('say "hi"')).toBe('"say ""hi"""')
    expect(csvCell('two\nlines')).toBe('"two\nlines"')
    expect(csvCell('cr\rx')).toBe('"cr\rx"')
    expect(csvCell(null)).toBe('')
    expect(csvCell(undefined)).toBe('')
    expect(csvCell(12.5)).toBe('12.5')
    expect(csvCell(true)).toBe('true')
  })

  test('cells that a spreadsheet would evaluate are prefixed with a quote', () => {
    expect(csvCell('=HYPERLINK("http://evil","x")')).toBe(`"'=HYPERLINK(""http://evil"",""x"")"`)
    expect(csvCell('+1+1')).toBe("'+1+1")
    expect(csvCell('-2+3')).toBe("'-2+3")
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)")
    // A tab is a separator for some readers: quoted, and the formula after it marked too.
    expect(csvCell('\t=1')).toBe(`"'\t'=1"`)
    expect(csvCell('a=1')).toBe('a=1')
    // Numbers are data: a negative amount stays summable.
    expect(csvCell(-5)).toBe('-5')
  })

  test('rows end with CRLF; a header comes first', () => {
    expect(toCsv(['a', 'b'], [[1, 'x,y'], [null, '=cmd']])).toBe(`a,b\r\n1,"x,y"\r\n,'=cmd\r\n`)
  })

  test('file names are safe', () => {
    expect(csvFilename('bulk/../x y', Date.UTC(2025, 0, 15))).toBe('bulk----x-y-2025-01-15.csv')
  })
})

describe('journal masking', () => {
  test('password-like keys masked (length hidden), keys and tokens dropped, others kept', async () => {
    const { maskForJournal, PASSWORD_MASK } = await import('../../../electron/core/journal')
    expect(
      maskForJournal({
        password: 'a-very-long-password',
        parent_password: '0000',
        user: { parentPassword: 'x', pass: 'y' },
        bypass_ua: 1,
        api_key: 'k',
        apiKey: 'k',
        token: 't',
        note: 'see http://h/p?api_key=abcdef&x=1',
        empty: { password: '' },
      }),
    ).toEqual({
      password: PASSWORD_MASK,
      parent_password: PASSWORD_MASK,
      user: { parentPassword: PASSWORD_MASK, pass: PASSWORD_MASK },
      bypass_ua: 1,
      note: 'see http://h/p?api_key=***&x=1',
      empty: { password: '' },
    })
  })
})
