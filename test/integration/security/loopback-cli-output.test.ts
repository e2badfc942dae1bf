/**
 * Promise 2, the loopback CLI (`npm run dev:browser -- --demo --memory-keys`):
 * its demo panel's key is made inside the child process and never told, so
 * the proof is that no 32-hex run (the shape of every panel key) appears in
 * anything it prints, nor in anything its WebSocket sends the page while the
 * demo panel is used — and SIGTERM still ends it cleanly (exit 0).
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { READY_LINE_RE } from '../../../electron/loopback/cli-args'
import { cliRunsEndedAfterEach } from '../loopback/cli-runs'
import { openSocket } from '../loopback/helpers'
import { SECRET_KEY, waitFor } from './helpers'

const HEX32 = /[0-9a-f]{32}/i

const { run, dirs } = cliRunsEndedAfterEach()

function staticDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'xm-sec-renderer-'))
  mkdirSync(join(dir, 'assets'))
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>XM</title>')
  dirs.push(dir)
  return dir
}

describe('the loopback CLI with --demo', () => {
  it('prints no key-shaped text, sends none to the page, and exits 0 on SIGTERM', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'xm-sec-cli-'))
    dirs.push(dataDir)
    const { child, exited, out, err } = run(['--demo', '--memory-keys', '--port', '0', '--data-dir', dataDir], { XM_LOOPBACK_STATIC_DIR: staticDir() })

    const ready = await waitFor('the ready line', () => READY_LINE_RE.exec(out()), 25_000)
    const [, , portText, token] = ready
    const port = Number(portText)
    expect(token!.length).toBe(43) // 32 random bytes, base64url

    // Use the demo panel through the page's own transport and keep every message.
    const s = await openSocket(`ws://127.0.0.1:${port}/rpc?token=${token}`, { origin: `http://127.0.0.1:${port}` })
    let id = 0
    const rpc = (method: string, params: unknown = {}) => s.call({ jsonrpc: '2.0', id: ++id, method, params }) as Promise<{ result: any }>
    const panels = (await rpc('profiles:list')).result
    expect(panels.ok).toBe(true)
    const demo = panels.value.find((p: { name: string }) => p.name === 'Demo panel')
    expect(demo).toMatchObject({ hasKey: true, keyHint: expect.stringMatching(/^[0-9a-f]{4}$/) })
    expect((await rpc('profiles:test', { profileId: demo.id })).result.ok).toBe(true)
    await rpc('app:info')
    await rpc('sync:status')
    await rpc('credits:summary')
    await rpc('account:get', { profileId: demo.id })
    await rpc('keys:set', { profileId: demo.id, apiKey: 'not a key' })
    // Key-shaped input the host must neither log nor echo: an unknown panel, an extra field, broken JSON.
    expect((await rpc('keys:set', { profileId: 'no-such-panel', apiKey: SECRET_KEY })).result.ok).toBe(false)
    expect((await rpc('keys:set', { profileId: demo.id, apiKey: SECRET_KEY, extra: SECRET_KEY })).result.ok).toBe(false)
    await s.raw(`{"jsonrpc":"2.0","id":99,"method":"keys:set","params":{"apiKey":"${SECRET_KEY}"`)
    expect(s.messages.length).toBeGreaterThanOrEqual(10)
    s.ws.close()

    child.kill('SIGTERM')
    expect(await exited).toBe(0)

    // stdout is the one ready line; stderr has the demo and shutdown notes.
    expect(out()).toBe(`${ready[0]}\n`)
    expect(err()).toMatch(/Demo panel ready/)
    expect(err()).toMatch(/SIGTERM/)
    for (const [what, text] of [['stdout', out()], ['stderr', err()], ['page messages', JSON.stringify(s.messages)]] as const) {
      const hit = HEX32.exec(text)
      expect(hit, `${what}: …${hit ? text.slice(Math.max(0, hit.index - 60), hit.index + 40) : ''}…`).toBeNull()
    }
  })
})
