/** The log file (issue #12 §5): rotation, modes, and what never goes in it. Real files. */
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openFileLog } from '../../../electron/core/log/file-log'
import { logLine, MAX_LINE_CHARS, redactForLog } from '../../../electron/core/log/redact-log'

describe('redactForLog', () => {
  it.each([
    ['http://p:80/reseller/index.php?api_key=0123456789abcdef0123456789ABCDEF&action=x', 'api_key=***&action=x'],
    ['http://dns:8080/live/john/s3cretPw/123.ts', '/live/john/***/123.ts'],
    ['get.php?username=john&password=s3cretPw&type=m3u', 'password=***&type=m3u'],
    ['{"username":"john","password":"s3cretPw"}', '"password":"***"'],
    ["{ password: 's3cretPw' }", "password: '***'"],
    ['http://john:s3cretPw@host/x', 'john:***@host'],
    ['key 0123456789abcdef0123456789abcdef echoed', 'key [hex] echoed'],
  ])('%s', (input, kept) => {
    const out = redactForLog(input)
    expect(out).toContain(kept)
    expect(out).not.toContain('s3cretPw')
    expect(out).not.toMatch(/[0-9a-f]{32}/i)
  })

  it('one line per message, bounded', () => {
    const line = logLine(new Date(0), `first\nsecond ${'x'.repeat(10_000)}`)
    expect(line.split('\n')).toHaveLength(2)
    expect(line.length).toBeLessThan(MAX_LINE_CHARS + 100)
    expect(line.startsWith('1970-01-01T00:00:00.000Z first ⏎ second')).toBe(true)
  })
})

describe('openFileLog', () => {
  it('rotates at the size cap, keeps a bounded number of files, all 0600', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'xm-log-')), 'logs')
    const log = openFileLog(dir, { maxBytes: 2000, keep: 2 })
    expect(openFileLog(dir)).toBe(log)
    for (let i = 0; i < 100; i++) log.write(`message ${i} ${'y'.repeat(100)}`)
    expect(readdirSync(dir).sort()).toEqual(['xm.1.log', 'xm.2.log', 'xm.log'])
    for (const f of readdirSync(dir)) {
      expect(statSync(join(dir, f)).size).toBeLessThanOrEqual(2000)
      expect((statSync(join(dir, f)).mode & 0o777).toString(8)).toBe('600')
    }
    expect(readFileSync(join(dir, 'xm.log'), 'utf8')).toContain('message 99 ')
    expect(log.recent().at(-1)).toContain('message 99 ')
    expect(log.recent().length).toBeLessThanOrEqual(50)
  })
})
