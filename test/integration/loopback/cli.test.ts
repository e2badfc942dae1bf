/**
 * `npm run dev:browser` as a real child process: its flags, its one ready line
 * on stdout (what the end-to-end tests parse), serving, and a clean exit on SIGTERM.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { READY_LINE_RE } from '../../../electron/loopback/cli-args'
import { createRpcClient, type SocketLike } from '../../../src/api/rpc-client'
import { cliRunsEndedAfterEach } from './cli-runs'
import { fakeRendererDir, httpGet } from './helpers'

const { run: runCli, dirs } = cliRunsEndedAfterEach()

describe('npm run dev:browser', () => {
  it('refuses a bad flag with a clear message and exit code 2', async () => {
    const run = runCli(['--dmeo'])
    expect(await run.exited).toBe(2)
    expect(run.err()).toMatch(/--dmeo/)
    expect(run.err()).toMatch(/Usage: npm run dev:browser/)
    expect(run.out()).toBe('')
    const port = runCli(['--port', 'eighty'])
    expect(await port.exited).toBe(2)
    expect(port.err()).toMatch(/--port must be a number/)
  })

  it('prints one ready line, serves the page and the core with the demo panel, and exits 0 on SIGTERM', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'xm-cli-data-'))
    const staticDir = fakeRendererDir()
    dirs.push(dataDir, staticDir)
    const run = runCli(['--demo', '--memory-keys', '--data-dir', dataDir], { XM_LOOPBACK_STATIC_DIR: staticDir })
    await expect.poll(() => READY_LINE_RE.test(run.out()), { timeout: 20_000, interval: 100 }).toBe(true)
    const [, url, portText, token] = READY_LINE_RE.exec(run.out())!
    const port = Number(portText)
    // stdout is exactly that one line; everything else went to stderr.
    expect(run.out()).toBe(`XM Reseller Desk: ${url}\n`)
    expect(run.err()).toMatch(/Demo panel ready/)

    // The page is the public build; the token (in the URL's fragment) guards the socket only.
    expect(new URL(url!).hash).toBe(`#token=${token}`)
    expect((await httpGet(port, '/')).status).toBe(200)

    const origin = `http://127.0.0.1:${port}`
    const client = createRpcClient({
      url: `ws://127.0.0.1:${port}/rpc?token=${token}`,
      createSocket: (u) => new WebSocket(u, { origin }) as unknown as SocketLike,
    })
    expect(await client.xm.app.info()).toMatchObject({
      ok: true,
      value: { transport: 'loopback', keyBackend: 'memory', dataDir },
    })
    const panels = await client.xm.profiles.list()
    expect(panels.ok && panels.value.map((p) => p.name)).toEqual(['Demo panel'])
    client.close()

    run.child.kill('SIGTERM')
    expect(await run.exited).toBe(0)
    await expect(httpGet(port, `/?token=${token}`)).rejects.toThrow(/ECONNREFUSED/)
  })
})
