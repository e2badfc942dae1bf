/**
 * One contract, every consumer (ARCHITECTURE §2): the contract's names, the
 * zod-free name list the preload and the page use, the IPC bindings, the
 * preload's window.xm, the loopback host's JSON-RPC methods and the page's
 * WebSocket handle all cover exactly the same methods and events.
 */
import { describe, expect, it, vi } from 'vitest'
import type { IpcMain } from 'electron'
import { handleRpcText } from '../../../electron/loopback/json-rpc'
import { bindContract } from '../../../electron/main/ipc'
import * as contract from '../../../electron/shared/contract'
import * as names from '../../../electron/shared/contract-names'
import { createRpcClient } from '../../../src/api/rpc-client'
import { ipcMain, resetElectronFake } from '../../fakes/electron'

const methodPaths = contract.METHOD_NAMES.map((n) => contract.methodPath(n).join('.'))
const eventPaths = contract.EVENT_NAMES.map((n) => contract.eventPath(n).join('.'))
const allPaths = [...methodPaths, ...eventPaths].sort()
const leafPaths = (tree: object) =>
  Object.entries(tree)
    .flatMap(([ns, fns]) => Object.keys(fns as object).map((fn) => `${ns}.${fn}`))
    .sort()

describe('one contract, every consumer', () => {
  it('the zod-free name list is the contract, in order, with the same path rules', () => {
    expect([...names.METHOD_NAMES]).toEqual(contract.METHOD_NAMES)
    expect([...names.EVENT_NAMES]).toEqual(contract.EVENT_NAMES)
    for (const n of contract.METHOD_NAMES) expect(names.methodPath(n)).toEqual(contract.methodPath(n))
    for (const n of contract.EVENT_NAMES) expect(names.eventPath(n)).toEqual(contract.eventPath(n))
    for (const probe of [...contract.METHOD_NAMES, 'nope:nope', '__proto__', 'toString', 42]) {
      expect(names.isMethodName(probe)).toBe(contract.isMethodName(probe))
    }
  })

  it('main binds exactly the contract methods', () => {
    resetElectronFake()
    bindContract(
      ipcMain as unknown as IpcMain,
      async () => ({ ok: true, value: null }),
      () => true,
    )
    expect([...ipcMain.handlers.keys()].sort()).toEqual([...contract.METHOD_NAMES].sort())
  })

  it('the preload exposes exactly the contract paths', async () => {
    vi.resetModules()
    const fake = await import('../../fakes/electron')
    await import('../../../electron/preload/index')
    expect(leafPaths(fake.contextBridge.exposed.xm as object)).toEqual(allPaths)
  })

  it("the page's WebSocket handle has exactly the same paths", () => {
    const c = createRpcClient({ url: 'ws://127.0.0.1:9/rpc' })
    c.close()
    expect(leafPaths(c.xm)).toEqual(allPaths)
  })

  it('the loopback host serves exactly the contract methods', async () => {
    const seen: string[] = []
    const dispatch = async (name: string) => {
      seen.push(name)
      return { ok: true as const, value: null }
    }
    for (const name of contract.METHOD_NAMES) {
      const answer = JSON.parse(
        (await handleRpcText(JSON.stringify({ jsonrpc: '2.0', id: 1, method: name, params: {} }), dispatch))!,
      )
      expect(answer.result, name).toEqual({ ok: true, value: null })
    }
    for (const name of [...contract.EVENT_NAMES, 'lines:query', 'profiles:List']) {
      const answer = JSON.parse(
        (await handleRpcText(JSON.stringify({ jsonrpc: '2.0', id: 1, method: name }), dispatch))!,
      )
      expect(answer.error?.code, name).toBe(-32601)
    }
    expect(seen).toEqual(contract.METHOD_NAMES)
  })
})
