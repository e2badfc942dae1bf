import { describe, expect, it, vi } from 'vitest'
import type * as Fake from '../../fakes/electron'
import { EVENT_NAMES, METHOD_NAMES, eventPath, methodPath } from '../../../electron/shared/contract'

type Tree = Record<string, Record<string, (...a: unknown[]) => unknown>>

let contextBridge: typeof Fake.contextBridge
let ipcRenderer: typeof Fake.ipcRenderer

/**
 * Runs the preload module as Electron would: fresh, against a fresh fake
 * electron (imported from the same reset registry, so both share one instance).
 */
async function runPreload(): Promise<Tree> {
  vi.resetModules()
  const fake = await import('../../fakes/electron')
  ;({ contextBridge, ipcRenderer } = fake)
  await import('../../../electron/preload/index')
  return contextBridge.exposed.xm as Tree
}

const leafPaths = (tree: Tree) =>
  Object.entries(tree).flatMap(([ns, fns]) => Object.keys(fns).map((fn) => `${ns}.${fn}`))

describe('preload', () => {
  it('exposes only window.xm, with exactly the contract method and event paths', async () => {
    const xm = await runPreload()
    expect(Object.keys(contextBridge.exposed)).toEqual(['xm'])
    const expected = [...METHOD_NAMES.map(methodPath), ...EVENT_NAMES.map(eventPath)].map((p) => p.join('.'))
    expect(leafPaths(xm).sort()).toEqual(expected.sort())
    for (const fn of Object.values(xm).flatMap((ns) => Object.values(ns))) expect(typeof fn).toBe('function')
  })

  it('hands the page no generic invoke, no ipcRenderer, no process', async () => {
    const xm = await runPreload()
    const text = JSON.stringify(Object.keys(xm)) + JSON.stringify(leafPaths(xm))
    for (const forbidden of ['invoke', 'send', 'ipcRenderer', 'process', 'env', 'require']) {
      expect(text).not.toMatch(new RegExp(`\\b${forbidden}\\b`))
    }
  })

  it('is frozen', async () => {
    const xm = await runPreload()
    expect(Object.isFrozen(xm)).toBe(true)
    expect(Object.isFrozen(xm.lines)).toBe(true)
    expect(() => {
      ;(xm as Record<string, unknown>).evil = {}
    }).toThrow(TypeError)
    expect(() => {
      xm.lines!.create = () => 'hijacked'
    }).toThrow(TypeError)
  })

  it('calls go through ipcRenderer.invoke on the method channel with one argument', async () => {
    const xm = await runPreload()
    ipcRenderer.invokeImpl = async (channel) => ({ ok: true, value: `answer:${channel}` })
    const args = { profileId: 'p1', packageId: 3, trial: false }
    expect(await xm.lines!.create!(args)).toEqual({ ok: true, value: 'answer:lines:create' })
    expect(await xm.profiles!.list!()).toEqual({ ok: true, value: 'answer:profiles:list' })
    expect(ipcRenderer.invoked).toEqual([
      ['lines:create', args],
      ['profiles:list', undefined],
    ])
  })

  it('answers a Result even when main cannot answer', async () => {
    const xm = await runPreload()
    ipcRenderer.invokeImpl = async () => {
      throw new Error("No handler registered for 'sync:run'")
    }
    expect(await xm.sync!.run!({})).toEqual({ ok: false, error: { code: 'INTERNAL', message: expect.any(String) } })
  })

  it('event callbacks get the payload only, never the IPC event, and unsubscribe works', async () => {
    const xm = await runPreload()
    const got: unknown[][] = []
    const off = xm.sync!.onProgress!((...a: unknown[]) => got.push(a)) as () => void
    const payload = { profileId: 'p1', resource: 'lines', state: 'running' }
    ipcRenderer.__deliver('sync:progress', payload)
    ipcRenderer.__deliver('credits:changed', [])
    expect(got).toEqual([[payload]])
    off()
    ipcRenderer.__deliver('sync:progress', payload)
    expect(got).toHaveLength(1)
    expect(ipcRenderer.listenerCount('sync:progress')).toBe(0)
  })

  it('refuses a non-function subscriber', async () => {
    const xm = await runPreload()
    expect(() => xm.credits!.onChanged!('nope')).toThrow(TypeError)
  })
})
