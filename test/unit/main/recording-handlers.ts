/**
 * Contract handlers that record what ran, for tests of the transports (IPC,
 * loopback) that must prove a call reached — or did not reach — the core.
 * Used with the core's real `dispatch` (validation, error mapping).
 */
import { dispatch } from '../../../electron/core/app/dispatch'
import { AppError } from '../../../electron/core/errors'
import { METHOD_NAMES, type ContractHandlers, type MethodName } from '../../../electron/shared/contract'
import type { Result } from '../../../electron/shared/errors'

export function recordingHandlers(answers: Partial<Record<MethodName, (args: unknown) => unknown>> = {}) {
  const ran: Array<[MethodName, unknown]> = []
  const handlers = {} as Record<MethodName, (args: unknown) => Promise<unknown>>
  for (const name of METHOD_NAMES) {
    handlers[name] = async (args) => {
      ran.push([name, args])
      const answer = answers[name]
      return answer ? answer(args) : { handled: name }
    }
  }
  const typed = handlers as unknown as ContractHandlers
  return {
    handlers: typed,
    ran,
    dispatch: (name: MethodName, raw: unknown): Promise<Result<unknown>> => dispatch(typed, name, raw),
  }
}

export { AppError }
