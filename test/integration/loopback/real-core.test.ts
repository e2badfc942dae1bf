/**
 * The loopback host in front of the REAL core (temp data folder, memory key
 * store, the simulator as demo panel), driven by the page's own WebSocket
 * handle — the same path the browser takes in `npm run dev:browser`.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { createCore, type Core } from '../../../electron/core/app/create-core'
import { MemorySecretStore } from '../../../electron/core/vault/memory-store'
import { startLoopbackHost, type LoopbackHost } from '../../../electron/loopback/host'
import { createDemoLauncher, type DemoLauncher } from '../../../electron/main/demo'
import { startSimulator } from '../../../electron/simulator'
import { createRpcClient, type RpcClient, type SocketLike } from '../../../src/api/rpc-client'
import { fakeRendererDir } from './helpers'

let dataDir: string
let staticDir: string
let core: Core
let demo: DemoLauncher
let host: LoopbackHost
let client: RpcClient

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'xm-loopback-core-'))
  staticDir = fakeRendererDir()
  demo = createDemoLauncher((o) => startSimulator(o))
  core = await createCore({
    dataDir,
    secrets: new MemorySecretStore(),
    transport: 'loopback',
    appVersion: '1.2.3',
    platform: process.platform,
    startDemo: () => demo.start(),
  })
  await core.start()
  host = await startLoopbackHost({ core, staticDir })
  client = createRpcClient({
    url: `ws://127.0.0.1:${host.port}/rpc?token=${host.token}`,
    createSocket: (url) => new WebSocket(url, { origin: host.origin }) as unknown as SocketLike,
  })
})
afterAll(async () => {
  client?.close()
  await host?.close()
  await core?.dispose()
  await demo?.stop()
  rmSync(dataDir, { recursive: true, force: true })
  rmSync(staticDir, { recursive: true, force: true })
})

describe('loopback host + real core', () => {
  it('answers app:info for the loopback transport', async () => {
    expect(await client.xm.app.info()).toMatchObject({
      ok: true,
      value: { version: '1.2.3', transport: 'loopback', keyBackend: 'memory', dataDir, demoAvailable: true },
    })
  })

  it('refuses bad arguments with the core’s VALIDATION sentence', async () => {
    const r = await client.xm.profiles.remove({ profileId: 7 as unknown as string })
    expect(r.ok).toBe(false)
    if (!r.ok) {
      expect(r.error.code).toBe('VALIDATION')
      expect(r.error.message).toMatch(/profileId/)
    }
  })

  it('adds the demo panel, syncs it, and streams progress as notifications', async () => {
    const progress: Array<{ profileId: string; state: string }> = []
    const off = client.xm.sync.onProgress((p) => progress.push(p))
    const added = await client.xm.demo.start()
    expect(added).toMatchObject({ ok: true, value: { name: 'Demo panel', host: '127.0.0.1', hasKey: true } })
    const id = added.ok ? added.value.id : ''
    await expect
      .poll(() => progress.some((p) => p.profileId === id && p.state === 'done'), { timeout: 15_000 })
      .toBe(true)
    off()
    // Read back what the sync stored, through the same socket.
    const packages = await client.xm.packages.list({ profileId: id })
    expect(packages, JSON.stringify(packages).slice(0, 300)).toMatchObject({ ok: true })
    if (packages.ok) expect(packages.value.length).toBeGreaterThan(0)
    // The key never crosses: the page only learns that there is one.
    expect(JSON.stringify(await client.xm.profiles.list())).not.toMatch(/[0-9a-f]{32}/)
  })
})
