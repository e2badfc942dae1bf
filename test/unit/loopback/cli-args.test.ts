import { describe, expect, it } from 'vitest'
import { parseCliArgs, READY_LINE_RE } from '../../../electron/loopback/cli-args'

describe('dev:browser flags', () => {
  it('defaults', () => {
    expect(parseCliArgs([])).toEqual({
      ok: true,
      options: { demo: false, build: false, memoryKeys: false, dataDir: null, port: 0, help: false },
    })
  })

  it('reads every flag', () => {
    expect(parseCliArgs(['--demo', '--build', '--memory-keys', '--data-dir', '/tmp/x', '--port', '4567'])).toEqual({
      ok: true,
      options: { demo: true, build: true, memoryKeys: true, dataDir: '/tmp/x', port: 4567, help: false },
    })
    expect(parseCliArgs(['--port=0', '-h'])).toMatchObject({ ok: true, options: { port: 0, help: true } })
  })

  it('says clearly what is wrong', () => {
    const cases: Array<[string[], RegExp]> = [
      [['--dmeo'], /--dmeo/],
      [['--port', 'abc'], /--port.*abc/],
      [['--port', '70000'], /--port/],
      [['--port', '-1'], /port/],
      [['--port'], /--port/],
      [['--data-dir', '  '], /--data-dir/],
      [['extra'], /extra/],
    ]
    for (const [argv, message] of cases) {
      const parsed = parseCliArgs(argv)
      expect(parsed.ok, argv.join(' ')).toBe(false)
      if (!parsed.ok) expect(parsed.message).toMatch(message)
    }
  })

  it('the ready line is machine-readable', () => {
    const m = READY_LINE_RE.exec('noise\nXM Reseller Desk: http://127.0.0.1:4567/#token=abc_DEF-123\n')
    expect(m?.[1]).toBe('http://127.0.0.1:4567/#token=abc_DEF-123')
    expect(m?.[2]).toBe('4567')
    expect(m?.[3]).toBe('abc_DEF-123')
  })
})
