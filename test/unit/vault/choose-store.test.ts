/**
 * chooseSecretStore against real failures: keytar really tries to reach a
 * D-Bus that is not there, or one that never answers. No mocks.
 * (The working keychain is covered by test/integration/vault/keytar.test.ts.)
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer, type Server, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { chooseSecretStore } from '../../../electron/core/vault/choose-store'

const SERVICE = 'xm-reseller-desk-test'
let dir: string
let saved: Record<string, string | undefined>

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'xm-vault-'))
  saved = { DBUS_SESSION_BUS_ADDRESS: process.env.DBUS_SESSION_BUS_ADDRESS, DISPLAY: process.env.DISPLAY }
  delete process.env.DISPLAY
})

afterEach(() => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k]
    else process.env[k] = v
  }
  rmSync(dir, { recursive: true, force: true })
})

describe('chooseSecretStore', () => {
  it('uses memory without a problem when the user does not want the keychain', async () => {
    const { store, problem } = await chooseSecretStore({ preferKeychain: false })
    expect(store.kind).toBe('memory')
    expect(problem).toBeNull()
  })

  it('falls back to memory with a D-Bus sentence when the session bus socket does not exist', async () => {
    process.env.DBUS_SESSION_BUS_ADDRESS = `unix:path=${join(dir, 'no-such-bus')}`
    const { store, problem } = await chooseSecretStore({ preferKeychain: true, service: SERVICE })
    expect(store.kind).toBe('memory')
    expect(problem).toMatch(/No D-Bus session is running/)
    expect(problem).toMatch(/GNOME Keyring or KWallet/)
    expect(problem).toMatch(/in memory for this session only/)
    // The fallback store works.
    await store.set('p', 'v')
    expect(await store.get('p')).toBe('v')
  })

  it('gives up after the deadline when the bus accepts but never answers', async () => {
    const path = join(dir, 'hung-bus')
    const sockets = new Set<Socket>()
    const server: Server = createServer((s) => {
      sockets.add(s) // read and never answer, like a wedged daemon
      s.on('error', () => undefined)
    })
    await new Promise<void>((resolve) => server.listen(path, resolve))
    process.env.DBUS_SESSION_BUS_ADDRESS = `unix:path=${path}`
    try {
      const { store, problem } = await chooseSecretStore({ preferKeychain: true, service: SERVICE, timeoutMs: 400 })
      expect(store.kind).toBe('memory')
      expect(problem).toMatch(/did not answer within 0.4 s/)
      expect(problem).toMatch(/in memory for this session only/)
    } finally {
      // Let the stuck native call fail and free its thread.
      for (const s of sockets) s.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  })

  it('falls back when the native module cannot be loaded', async () => {
    const missing = './definitely-not-installed-keytar-build.node.js'
    const { store, problem } = await chooseSecretStore({ preferKeychain: true, importKeytar: () => import(/* @vite-ignore */ missing) })
    expect(store.kind).toBe('memory')
    expect(problem).toMatch(/keytar\) could not be loaded/)
  })

  it('refuses a module that is not keytar-shaped', async () => {
    const { store, problem } = await chooseSecretStore({ preferKeychain: true, importKeytar: async () => ({ default: { getPassword: 1 } }) })
    expect(store.kind).toBe('memory')
    expect(problem).toMatch(/does not expose getPassword/)
  })
})
