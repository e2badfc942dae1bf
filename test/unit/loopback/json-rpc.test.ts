import { describe, expect, it } from 'vitest'
import { eventNotification, handleRpcText, MAX_BATCH, type Dispatch } from '../../../electron/loopback/json-rpc'
import { recordingHandlers } from '../main/recording-handlers'

const recording = () => recordingHandlers()
const rpc = async (text: string, dispatch: Dispatch) => {
  const out = await handleRpcText(text, dispatch)
  return out === null ? null : JSON.parse(out)
}

describe('JSON-RPC 2.0 over the contract', () => {
  it('answers a contract call with its Result as the result', async () => {
    const { dispatch, ran } = recording()
    expect(
      await rpc('{"jsonrpc":"2.0","id":1,"method":"lines:delete","params":{"profileId":"p","id":3}}', dispatch),
    ).toEqual({
      jsonrpc: '2.0',
      id: 1,
      result: { ok: true, value: { handled: 'lines:delete' } },
    })
    expect(await rpc('{"jsonrpc":"2.0","id":"a","method":"profiles:list"}', dispatch)).toEqual({
      jsonrpc: '2.0',
      id: 'a',
      result: { ok: true, value: { handled: 'profiles:list' } },
    })
    expect(ran).toEqual([
      ['lines:delete', { profileId: 'p', id: 3 }],
      ['profiles:list', {}],
    ])
  })

  it('bad args are a VALIDATION Result, not a protocol error, and run nothing', async () => {
    const { dispatch, ran } = recording()
    const answer = await rpc(
      '{"jsonrpc":"2.0","id":2,"method":"lines:delete","params":{"profileId":"p","id":-3}}',
      dispatch,
    )
    expect(answer.result).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    const arrayParams = await rpc('{"jsonrpc":"2.0","id":3,"method":"lines:delete","params":["p",3]}', dispatch)
    expect(arrayParams.result).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    expect(ran).toEqual([])
  })

  it('protocol mistakes get the spec error objects', async () => {
    const { dispatch, ran } = recording()
    expect(await rpc('{not json', dispatch)).toEqual({
      jsonrpc: '2.0',
      id: null,
      error: { code: -32700, message: 'Parse error' },
    })
    for (const bad of [
      '42',
      '"x"',
      'null',
      '{"id":1,"method":"profiles:list"}',
      '{"jsonrpc":"1.0","id":1,"method":"profiles:list"}',
      '{"jsonrpc":"2.0","id":1,"method":7}',
      '{"jsonrpc":"2.0","id":{},"method":"profiles:list"}',
      '{"jsonrpc":"2.0","id":1,"method":"profiles:list","params":"x"}',
      '{"jsonrpc":"2.0","id":1,"method":"profiles:list","params":null}',
      '[]',
    ]) {
      const answer = await rpc(bad, dispatch)
      expect(answer.error.code, bad).toBe(-32600)
    }
    expect((await rpc('{"jsonrpc":"2.0","id":5,"method":"profiles:list","params":"x"}', dispatch)).id).toBe(5)
    for (const name of ['lines:drop', 'constructor', '__proto__', 'toString', 'sync:progress', '']) {
      const answer = await rpc(JSON.stringify({ jsonrpc: '2.0', id: 9, method: name }), dispatch)
      expect(answer, name).toEqual({ jsonrpc: '2.0', id: 9, error: { code: -32601, message: 'Method not found' } })
    }
    expect(ran).toEqual([])
  })

  it('runs notifications without answering them', async () => {
    const { dispatch, ran } = recording()
    expect(await rpc('{"jsonrpc":"2.0","method":"sync:cancel","params":{}}', dispatch)).toBeNull()
    expect(await rpc('{"jsonrpc":"2.0","method":"no:such"}', dispatch)).toBeNull()
    expect(ran).toEqual([['sync:cancel', {}]])
  })

  it('answers batches in kind, and refuses oversized ones', async () => {
    const { dispatch } = recording()
    const batch = await rpc(
      JSON.stringify([
        { jsonrpc: '2.0', id: 1, method: 'profiles:list' },
        { jsonrpc: '2.0', method: 'sync:cancel', params: {} },
        { jsonrpc: '2.0', id: 2, method: 'nope:nope' },
        5,
      ]),
      dispatch,
    )
    expect(batch).toEqual([
      { jsonrpc: '2.0', id: 1, result: { ok: true, value: { handled: 'profiles:list' } } },
      { jsonrpc: '2.0', id: 2, error: { code: -32601, message: 'Method not found' } },
      { jsonrpc: '2.0', id: null, error: { code: -32600, message: 'Invalid Request' } },
    ])
    expect(await rpc(JSON.stringify([{ jsonrpc: '2.0', method: 'sync:cancel', params: {} }]), dispatch)).toBeNull()
    const huge = Array.from({ length: MAX_BATCH + 1 }, (_, i) => ({ jsonrpc: '2.0', id: i, method: 'profiles:list' }))
    expect((await rpc(JSON.stringify(huge), dispatch)).error.code).toBe(-32600)
  })

  it('a throwing dispatch becomes an INTERNAL Result', async () => {
    const answer = await rpc('{"jsonrpc":"2.0","id":1,"method":"profiles:list"}', async () => {
      throw new Error('boom')
    })
    expect(answer.result).toEqual({ ok: false, error: { code: 'INTERNAL', message: expect.any(String) } })
  })

  it('events are notifications', () => {
    expect(JSON.parse(eventNotification('credits:changed', [{ a: 1 }]))).toEqual({
      jsonrpc: '2.0',
      method: 'credits:changed',
      params: [{ a: 1 }],
    })
  })
})
