/**
 * The contract's write methods, each one line: build the operation, run it
 * through executeWrite. Nothing else may send a write to a panel.
 */
import type { ContractHandlers, MethodName, MethodValue } from '../../shared/contract'
import type { WriteMethodName } from '../../shared/resources'
import type { WriteResult } from '../../shared/writes'
import { activeCodeCreateOp, deviceCreateOp, lineCreateOp, subResellerCreateOp } from './ops-create'
import {
  activeCodeEditOp,
  adjustOp,
  convertOp,
  deviceEditOp,
  extendOp,
  lineEditOp,
  resetOp,
  simpleOp,
  subResellerEditOp,
} from './ops-item'
import { executeWrite } from './execute'
import type { SpendingEnv, WriteOp } from './types'

/** The contract's write methods, named once in the resources' descriptors (shared/resources.ts). */
export type WriteMethod = WriteMethodName
export type WriteHandlers = Pick<ContractHandlers, WriteMethod>

// Compile-time: the contract's methods that answer a WriteResult are exactly the descriptors' writes.
type AnsweringWrite = { [M in MethodName]: MethodValue<M> extends WriteResult ? M : never }[MethodName]
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false
const _writesAreDescribed: Exact<AnsweringWrite, WriteMethod> = true
void _writesAreDescribed

export function createWriteHandlers(env: SpendingEnv): WriteHandlers {
  const run = async (pending: WriteOp | Promise<WriteOp>) => {
    const op = await pending
    const r = await executeWrite(env, op)
    return op.reveal ? { ...r, extra: { ...(r.extra ?? {}), ...op.reveal } } : r
  }
  // A declarative table: its entries look alike on purpose, one per write method, each naming its operation.
  return {
    'lines:create': (a) => run(lineCreateOp(env, a)),
    'lines:edit': (a) => run(lineEditOp(env, a)),
    'lines:extend': (a) => run(extendOp(env, 'lines', a)),
    'lines:delete': (a) => run(simpleOp(env, 'lines', 'delete', a)),
    'lines:enable': (a) => run(simpleOp(env, 'lines', 'enable', a)),
    'lines:disable': (a) => run(simpleOp(env, 'lines', 'disable', a)),

    'mags:create': (a) => run(deviceCreateOp(env, 'mags', a)),
    'mags:edit': (a) => run(deviceEditOp(env, 'mags', a)),
    'mags:extend': (a) => run(extendOp(env, 'mags', a)),
    'mags:delete': (a) => run(simpleOp(env, 'mags', 'delete', a)),
    'mags:enable': (a) => run(simpleOp(env, 'mags', 'enable', a)),
    'mags:disable': (a) => run(simpleOp(env, 'mags', 'disable', a)),
    'mags:convert': (a) => run(convertOp(env, 'mags', a)),

    'enigmas:create': (a) => run(deviceCreateOp(env, 'enigmas', a)),
    'enigmas:edit': (a) => run(deviceEditOp(env, 'enigmas', a)),
    'enigmas:extend': (a) => run(extendOp(env, 'enigmas', a)),
    'enigmas:delete': (a) => run(simpleOp(env, 'enigmas', 'delete', a)),
    'enigmas:enable': (a) => run(simpleOp(env, 'enigmas', 'enable', a)),
    'enigmas:disable': (a) => run(simpleOp(env, 'enigmas', 'disable', a)),
    'enigmas:convert': (a) => run(convertOp(env, 'enigmas', a)),

    'activecodes:create': (a) => run(activeCodeCreateOp(env, a)),
    'activecodes:edit': (a) => run(activeCodeEditOp(env, a)),
    'activecodes:extend': (a) => run(extendOp(env, 'activecodes', a)),
    'activecodes:delete': (a) => run(simpleOp(env, 'activecodes', 'delete', a)),
    'activecodes:enable': (a) => run(simpleOp(env, 'activecodes', 'enable', a)),
    'activecodes:disable': (a) => run(simpleOp(env, 'activecodes', 'disable', a)),
    'activecodes:reset': (a) => run(resetOp(env, a)),

    'subResellers:create': (a) => run(subResellerCreateOp(env, a)),
    'subResellers:edit': (a) => run(subResellerEditOp(env, a)),
    'subResellers:delete': (a) => run(simpleOp(env, 'subResellers', 'delete', a)),
    'subResellers:enable': (a) => run(simpleOp(env, 'subResellers', 'enable', a)),
    'subResellers:disable': (a) => run(simpleOp(env, 'subResellers', 'disable', a)),
    'subResellers:adjustCredits': (a) => run(adjustOp(env, a)),
  }
}
