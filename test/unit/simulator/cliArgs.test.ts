import { describe, expect, it } from 'vitest'
import { CliError, parseCliArgs } from '../../../electron/simulator/cliArgs'

describe('simulator CLI flags', () => {
  it('parses every flag, both --flag v and --flag=v', () => {
    const key = 'a'.repeat(32)
    expect(
      parseCliArgs([
        '--',
        '--port',
        '8080',
        '--access-code=demo2',
        '--api-key',
        key,
        '--lines',
        '10000',
        '--seed=3',
        '--credits',
        '50',
        '--numeric-strings',
        '--no-counts',
        '--host',
        '0.0.0.0',
        '--mags',
        '2',
      ]),
    ).toEqual({
      help: false,
      options: {
        port: 8080,
        accessCode: 'demo2',
        apiKey: key,
        lines: 10000,
        seed: 3,
        credits: 50,
        host: '0.0.0.0',
        mags: 2,
        variants: { numericStrings: true, listCounts: false },
      },
    })
  })
  it('has no required flag', () => {
    expect(parseCliArgs([])).toEqual({ help: false, options: {} })
  })
  it('asks for help', () => {
    expect(parseCliArgs(['--help'])).toEqual({ help: true })
  })
  it.each([
    [['--bogus']],
    [['--port']],
    [['--port', 'abc']],
    [['--port', '70000']],
    [['--lines', '-1']],
    [['--api-key', 'xyz']],
    [['--access-code', 'a/b']],
    [['--numeric-strings=1']],
  ])('rejects %j', (argv) => {
    expect(() => parseCliArgs(argv)).toThrow(CliError)
  })
})
