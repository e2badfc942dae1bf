/**
 * Promise 5, the preload as it SHIPS: the bundled CommonJS file Electron loads
 * in the sandbox (out/preload/index.cjs, from `npx electron-vite build`), and —
 * so a stale or missing build cannot hide a change — the current source
 * bundled the same way (esbuild, CJS, 'electron' external). Each is run in a
 * fresh VM context with a recording stand-in for 'electron' and must:
 *
 * - require nothing but 'electron';
 * - expose exactly one global, `xm`, once;
 * - whose tree holds only functions named after the contract — no
 *   ipcRenderer, invoke, send, process, require, env, anywhere;
 * - whose functions hand ipcRenderer exactly one argument, on the method's own
 *   channel, and hand the page's callbacks the payload only (never the event).
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { runInNewContext } from 'node:vm'
import { build } from 'esbuild'
import { describe, expect, it } from 'vitest'
import { EVENT_NAMES, METHOD_NAMES, eventPath, methodPath } from '../../../electron/shared/contract'
import { ROOT } from './source-files'

const FORBIDDEN = /^(ipcRenderer|invoke|send|sendSync|sendTo|postMessage|process|require|module|env|electron|contextBridge|webFrame|on|once|removeListener|removeAllListeners)$/i

interface Loaded {
  exposed: Map<string, unknown>
  required: string[]
  invoked: unknown[][]
  listeners: Map<string, ((...a: unknown[]) => void)[]>
}

/** Runs a CommonJS preload the way a sandboxed renderer would: only `require('electron')` works. */
function load(code: string): Loaded {
  const loaded: Loaded = { exposed: new Map(), required: [], invoked: [], listeners: new Map() }
  const sender = { send: () => 'SENDER' }
  const electron = {
    contextBridge: {
      exposeInMainWorld: (name: string, api: unknown) => {
        if (loaded.exposed.has(name)) throw new Error(`exposed twice: ${name}`)
        loaded.exposed.set(name, api)
      },
    },
    ipcRenderer: {
      invoke: async (...args: unknown[]) => {
        loaded.invoked.push(args)
        return { ok: true, value: null }
      },
      on: (channel: string, fn: (...a: unknown[]) => void) => {
        loaded.listeners.set(channel, [...(loaded.listeners.get(channel) ?? []), fn])
      },
      removeListener: (channel: string, fn: (...a: unknown[]) => void) => {
        loaded.listeners.set(channel, (loaded.listeners.get(channel) ?? []).filter((f) => f !== fn))
      },
      send: () => {
        throw new Error('the preload must not send')
      },
      sendSync: () => {
        throw new Error('the preload must not sendSync')
      },
    },
    __sender: sender,
  }
  const module = { exports: {} as unknown }
  runInNewContext(code, {
    require: (id: string) => {
      loaded.required.push(id)
      if (id !== 'electron') throw new Error(`a sandboxed preload cannot require ${id}`)
      return electron
    },
    module,
    exports: module.exports,
    console,
  })
  return loaded
}

/** Every own key at every depth of the exposed value, with its path. */
function walk(value: unknown, path: string, out: { path: string; key: string; type: string }[] = [], depth = 0) {
  if (depth > 6 || value === null || (typeof value !== 'object' && typeof value !== 'function')) return out
  for (const key of Reflect.ownKeys(value as object)) {
    if (typeof value === 'function' && ['length', 'name', 'prototype'].includes(String(key))) continue
    const child = (value as Record<PropertyKey, unknown>)[key]
    out.push({ path: `${path}.${String(key)}`, key: String(key), type: typeof child })
    walk(child, `${path}.${String(key)}`, out, depth + 1)
  }
  return out
}

async function bundleSource(): Promise<string> {
  const r = await build({
    entryPoints: [join(ROOT, 'electron/preload/index.ts')],
    bundle: true,
    write: false,
    format: 'cjs',
    platform: 'node',
    external: ['electron'],
    logLevel: 'silent',
  })
  return r.outputFiles[0]!.text
}

const BUILT = join(ROOT, 'out/preload/index.cjs')
const variants: [string, () => Promise<string>][] = [['the current source, bundled', bundleSource]]
if (existsSync(BUILT)) variants.unshift(['out/preload/index.cjs (the build)', async () => readFileSync(BUILT, 'utf8')])

describe.each(variants)('the preload: %s', (_name, code) => {
  it("requires only 'electron' and exposes only window.xm", async () => {
    const l = load(await code())
    expect([...new Set(l.required)]).toEqual(['electron'])
    expect([...l.exposed.keys()]).toEqual(['xm'])
  })

  it('exposes contract-named functions only: no ipcRenderer, invoke, send or process anywhere in the tree', async () => {
    const xm = load(await code()).exposed.get('xm')
    const all = walk(xm, 'xm')
    const leaves = all.filter((e) => e.path.split('.').length === 3)
    expect(leaves.every((e) => e.type === 'function'), JSON.stringify(leaves.filter((e) => e.type !== 'function'))).toBe(true)
    const expected = [...METHOD_NAMES.map(methodPath), ...EVENT_NAMES.map(eventPath)].map((p) => `xm.${p.join('.')}`).sort()
    expect(leaves.map((e) => e.path).sort()).toEqual(expected)
    // nothing deeper than xm.ns.fn, and no forbidden name at any level
    expect(all.filter((e) => e.path.split('.').length > 3)).toEqual([])
    expect(all.filter((e) => FORBIDDEN.test(e.key)).map((e) => e.path)).toEqual([])
    expect(Object.isFrozen(xm)).toBe(true)
  })

  it('a call crosses as exactly one argument on its own channel; events give the payload only', async () => {
    const l = load(await code())
    const xm = l.exposed.get('xm') as Record<string, Record<string, (...a: unknown[]) => unknown>>
    const answer = await xm.lines!.create!({ profileId: 'p', packageId: 1, trial: false }, 'extra', () => 'callback')
    expect(answer).toEqual({ ok: true, value: null })
    await xm.profiles!.list!()
    expect(l.invoked).toEqual([
      ['lines:create', { profileId: 'p', packageId: 1, trial: false }],
      ['profiles:list', undefined],
    ])
    const got: unknown[][] = []
    const off = xm.sync!.onProgress!((...a: unknown[]) => got.push(a)) as () => void
    const [listener] = l.listeners.get('sync:progress') ?? []
    expect(listener).toBeTypeOf('function')
    listener!({ sender: { send: () => 'SENDER' }, ports: [] }, { state: 'running' })
    expect(got).toEqual([[{ state: 'running' }]])
    off()
    expect(l.listeners.get('sync:progress')).toEqual([])
  })
})

describe('the preload checks themselves', () => {
  it('catch a preload that hands out ipcRenderer or a generic invoke, or requires more', () => {
    const leaky = load(`const { contextBridge, ipcRenderer } = require('electron')
      contextBridge.exposeInMainWorld('xm', { raw: { ipcRenderer, invoke: (c, a) => ipcRenderer.invoke(c, a) } })`)
    const found = walk(leaky.exposed.get('xm'), 'xm').filter((e) => FORBIDDEN.test(e.key)).map((e) => e.path)
    expect(found).toEqual(expect.arrayContaining(['xm.raw.ipcRenderer', 'xm.raw.invoke', 'xm.raw.ipcRenderer.invoke', 'xm.raw.ipcRenderer.send']))
    expect(() => load(`require('fs')`)).toThrow(/cannot require fs/)
  })
})
