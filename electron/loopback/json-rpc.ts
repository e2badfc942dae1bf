/**
 * The contract as JSON-RPC 2.0 (https://www.jsonrpc.org/specification):
 * method = a contract method name, params = its single args object,
 * result = the contract's Result (`{ ok, value } | { ok: false, error }`).
 * Protocol mistakes get JSON-RPC error objects; everything past the protocol
 * (bad args, panel errors) is a Result, exactly as over Electron IPC.
 */
import type { EventName, MethodName } from '../shared/contract'
import { isMethodName } from '../shared/contract-names'
import { fail, type Result } from '../shared/errors'

export const RPC_PARSE_ERROR = -32700
export const RPC_INVALID_REQUEST = -32600
export const RPC_METHOD_NOT_FOUND = -32601
const RPC_INTERNAL_ERROR = -32603
/** More requests in one batch than this is not a page, it is abuse. */
export const MAX_BATCH = 100

export type RpcId = string | number | null
export type RpcResponse =
  | { jsonrpc: '2.0'; id: RpcId; result: Result<unknown> }
  | { jsonrpc: '2.0'; id: RpcId; error: { code: number; message: string } }

export type Dispatch = (name: MethodName, rawArgs: unknown) => Promise<Result<unknown>>

const rpcError = (id: RpcId, code: number, message: string): RpcResponse => ({
  jsonrpc: '2.0',
  id,
  error: { code, message },
})
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
const isId = (v: unknown): v is RpcId =>
  v === null || typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v))

/** One request object → its response, or null for a notification (no id). */
export async function handleRpcRequest(req: unknown, dispatch: Dispatch): Promise<RpcResponse | null> {
  if (!isRecord(req)) return rpcError(null, RPC_INVALID_REQUEST, 'Invalid Request')
  const hasId = Object.hasOwn(req, 'id')
  const id = hasId && isId(req.id) ? req.id : null
  if (req.jsonrpc !== '2.0' || typeof req.method !== 'string' || (hasId && !isId(req.id))) {
    return rpcError(id, RPC_INVALID_REQUEST, 'Invalid Request')
  }
  if (Object.hasOwn(req, 'params') && (typeof req.params !== 'object' || req.params === null)) {
    return rpcError(id, RPC_INVALID_REQUEST, 'Invalid Request: params must be an object')
  }
  if (!isMethodName(req.method)) return hasId ? rpcError(id, RPC_METHOD_NOT_FOUND, 'Method not found') : null
  let result: Result<unknown>
  try {
    result = await dispatch(req.method, req.params)
  } catch {
    result = fail('INTERNAL', 'Something went wrong inside the app.')
  }
  return hasId ? { jsonrpc: '2.0', id, result } : null
}

/**
 * The answer as text. A value JSON cannot write (a BigInt, a cycle) or one too large to
 * become one string (`RangeError: Invalid string length`, rows with 50 MB notes) is
 * one failed call, answered INTERNAL under the same id: never a dead host.
 */
function encodeAnswer(answer: RpcResponse): string {
  try {
    return JSON.stringify(answer)
  } catch (e) {
    const tooLarge = e instanceof RangeError
    return JSON.stringify({
      jsonrpc: '2.0',
      id: answer.id,
      result: fail(
        'INTERNAL',
        tooLarge
          ? 'The answer was too large to show. Narrow the search or open fewer rows at once; if it persists, report it.'
          : 'Something went wrong inside the app while sending the answer. Try again; if it persists, report it.',
      ),
    })
  }
}

/** One WebSocket text frame → the text to answer, or null when nothing is owed. Never rejects. */
export async function handleRpcText(text: string, dispatch: Dispatch): Promise<string | null> {
  let message: unknown
  try {
    message = JSON.parse(text)
  } catch {
    return JSON.stringify(rpcError(null, RPC_PARSE_ERROR, 'Parse error'))
  }
  try {
    if (Array.isArray(message)) {
      if (message.length === 0 || message.length > MAX_BATCH)
        return JSON.stringify(rpcError(null, RPC_INVALID_REQUEST, 'Invalid Request'))
      const answers = (await Promise.all(message.map((m) => handleRpcRequest(m, dispatch)))).filter((a) => a !== null)
      if (!answers.length) return null
      // Each member encoded on its own, so one poisoned answer does not sink the batch.
      return `[${answers.map(encodeAnswer).join(',')}]`
    }
    const answer = await handleRpcRequest(message, dispatch)
    return answer ? encodeAnswer(answer) : null
  } catch {
    return JSON.stringify(rpcError(null, RPC_INTERNAL_ERROR, 'Internal error'))
  }
}

/** A core event as a JSON-RPC notification. */
export function eventNotification(name: EventName, payload: unknown): string {
  return JSON.stringify({ jsonrpc: '2.0', method: name, params: payload })
}
