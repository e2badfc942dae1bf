/**
 * Reconciliation: settle a write whose answer was lost, by READING the panel.
 * Never by sending anything that writes. Each kind of write leaves its own
 * trace (panel-api §4, §7):
 *   create, extend, adjust_credits → see money.ts (finding the key, a moved
 *           expiry or a moved balance alone is no proof);
 *   enable/disable → the enabled flag; delete → the row is gone (a bare "not
 *           found", never a read that failed);
 *   convert → the device row is gone; reset → the code changed;
 *   edit    → the changed fields show the sent values.
 * When the panel cannot be read, or the trace is ambiguous, the verdict stays
 * 'unknown' with the reason, and the user decides.
 */
import type { JournalEntry } from '../../shared/views'
import type { XtreamClient } from '../api/client'
import { isAbsent, readRow } from '../writes/panel'
import type { WritableResource } from '../../shared/resources'
import type { SpendingEnv, Verdict } from '../writes/types'
import { adjusted, created, extended } from './money'

type Ctx = Record<string, unknown>

// Number.isFinite does not coerce: a string, null or NaN is no number.
const num = (v: unknown): number | null => (Number.isFinite(v) ? (v as number) : null)
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null)
const rec = (v: unknown) => v as unknown as Record<string, unknown>

function unreadable(e: unknown): Verdict {
  const code = e && typeof e === 'object' && 'code' in e ? String((e as { code: unknown }).code) : 'ERROR'
  return { outcome: 'unknown', evidence: `The panel could not be read to check (${code}); try "check again" later.` }
}

/**
 * Judge an unknown entry. Absence is only proof after the panel has had time to
 * finish: a request that timed out may still be running on the server, and a
 * "not there yet" read taken too early would let the user pay twice. So a
 * 'failed' verdict within `settleMs` of sending stays 'unknown'.
 */
export async function reconcileEntry(env: SpendingEnv, client: XtreamClient, entry: JournalEntry, ctx: Ctx): Promise<Verdict> {
  const verdict = await readVerdict(env, client, entry, ctx)
  const age = env.ctx.now() - entry.startedAt
  if (verdict.outcome === 'failed' && age < env.settleMs) {
    return {
      outcome: 'unknown',
      evidence: `${verdict.evidence} The panel may still be finishing the request, so this is not yet proof; check again in a minute.`,
    }
  }
  return verdict
}

export async function readVerdict(env: SpendingEnv, client: XtreamClient, entry: JournalEntry, ctx: Ctx): Promise<Verdict> {
  const resource = entry.resource as WritableResource
  const id = num(ctx.id)
  try {
    switch (ctx.kind) {
      case 'create':
        return await created(env, client, entry, resource, ctx)
      case 'extend':
        return id === null ? noTrace() : await extended(env, client, entry, resource, id, ctx)
      case 'enable':
      case 'disable':
        return id === null ? noTrace() : await toggled(client, resource, id, ctx.kind === 'enable')
      case 'delete':
        return id === null ? noTrace() : await deleted(client, resource, id)
      case 'convert':
        return id === null ? noTrace() : await converted(client, resource, id, num(ctx.lineId))
      case 'reset':
        return id === null ? noTrace() : await reset(client, id, str(ctx.codeBefore))
      case 'adjust':
        return id === null ? noTrace() : await adjusted(client, entry, id, ctx)
      case 'edit':
        return id === null ? noTrace() : await edited(client, resource, id, ctx)
      default:
        return noTrace()
    }
  } catch (e) {
    return unreadable(e)
  }
}

const noTrace = (): Verdict => ({ outcome: 'unknown', evidence: 'This entry carries nothing the app can check on the panel.' })

async function toggled(client: XtreamClient, resource: WritableResource, id: number, want: boolean): Promise<Verdict> {
  const row = rec(await readRow(client, resource, id))
  // A row without a clear flag (a damaged answer) shows nothing either way.
  if (typeof row.enabled !== 'boolean') return { outcome: 'unknown', evidence: `The panel's answer for #${id} does not say whether it is enabled.`, item: row }
  const word = want ? 'enabled' : 'disabled'
  return row.enabled === want
    ? { outcome: 'succeeded', evidence: `The panel shows it ${word}.`, item: row }
    : { outcome: 'failed', evidence: `The panel shows it still ${want ? 'disabled' : 'enabled'}.`, item: row }
}

async function deleted(client: XtreamClient, resource: WritableResource, id: number): Promise<Verdict> {
  try {
    const row = rec(await readRow(client, resource, id))
    return { outcome: 'failed', evidence: `#${id} is still on the panel.`, item: row }
  } catch (e) {
    if (isAbsent(e)) return { outcome: 'succeeded', evidence: `The panel answers that #${id} does not exist.` }
    throw e
  }
}

async function converted(client: XtreamClient, resource: WritableResource, id: number, lineId: number | null): Promise<Verdict> {
  try {
    const row = rec(await readRow(client, resource, id))
    return { outcome: 'failed', evidence: `The device #${id} is still on the panel.`, item: row }
  } catch (e) {
    if (!isAbsent(e)) throw e
  }
  const line = lineId !== null ? rec(await readRow(client, 'lines', lineId)) : null
  return { outcome: 'succeeded', evidence: `The device #${id} is gone${line ? `; its line ${String(line.username)} remains` : ''}.`, item: line }
}

async function reset(client: XtreamClient, id: number, codeBefore: string | null): Promise<Verdict> {
  const row = rec(await readRow(client, 'activecodes', id))
  if (codeBefore === null) return { outcome: 'unknown', evidence: 'The code before the reset was not recorded.', item: row }
  return row.code !== codeBefore
    ? { outcome: 'succeeded', evidence: `The code changed to ${String(row.code)}.`, item: row }
    : { outcome: 'failed', evidence: 'The code is unchanged.', item: row }
}

/** Edits cost nothing; they are settled by the fields the user changed. */
async function edited(client: XtreamClient, resource: WritableResource, id: number, ctx: Ctx): Promise<Verdict> {
  const changed = (ctx.changed ?? {}) as Record<string, { before: unknown; sent: unknown }>
  const fields = Object.keys(changed)
  if (fields.length === 0) return noTrace()
  const row = rec(await readRow(client, resource, id))
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)
  if (fields.every((f) => same(row[f], changed[f]!.sent))) return { outcome: 'succeeded', evidence: `The panel shows the new ${fields.join(', ')}.`, item: row }
  if (fields.every((f) => same(row[f], changed[f]!.before))) return { outcome: 'failed', evidence: `The panel still shows the old ${fields.join(', ')}.`, item: row }
  return { outcome: 'unknown', evidence: `The panel shows other values for ${fields.join(', ')} than before or sent.`, item: row }
}
