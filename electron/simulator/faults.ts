/**
 * Injected transport faults (panel-api §3 "Where bodies are not JSON or not 200"), per
 * action or '*', with probability and a fire budget. Probability rolls come from a
 * seeded PRNG, so a given seed and request sequence always misbehaves the same way.
 */
import type { Reply } from './context'
import type { FaultKind, FaultRule } from './types'
import { type Rng, streamRng } from './prng'

export const FAULT_KINDS: readonly FaultKind[] = [
  'latency',
  'html403',
  'html503',
  'html404',
  'http500empty',
  'empty',
  'null',
  'text',
  'reset',
  'stall',
  'applyThenDrop',
  'invalidJson',
  'badUtf8',
  'badRows',
  'dbError',
]

export interface FaultDecision {
  delayMs: number
  /** The first non-latency fault that fired, if any. */
  kind: Exclude<FaultKind, 'latency'> | null
  /** badRows: how many rows to spoil (null = all). */
  rows: number | null
}

interface Armed {
  rule: FaultRule
  left: number
}

export class FaultController {
  private armed: Armed[] = []
  private readonly rng: Rng

  constructor(seed: number) {
    this.rng = streamRng(seed, 42)
  }

  add(rule: FaultRule): void {
    if (!FAULT_KINDS.includes(rule.kind)) throw new Error(`unknown fault kind: ${String(rule.kind)}`)
    const p = rule.probability ?? 1
    if (!(p >= 0 && p <= 1)) throw new Error('fault probability must be within 0..1')
    this.armed.push({ rule: { ...rule }, left: rule.times ?? Number.POSITIVE_INFINITY })
  }

  clear(): void {
    this.armed = []
  }

  /** The rules, `times` showing what is left of each budget. */
  list(): FaultRule[] {
    return this.armed.map(({ rule, left }) => (Number.isFinite(left) ? { ...rule, times: left } : { ...rule }))
  }

  decide(action: string): FaultDecision {
    let delayMs = 0
    let kind: FaultDecision['kind'] = null
    let rows: number | null = null
    for (const a of this.armed) {
      const { rule } = a
      if (a.left <= 0 || (rule.action !== '*' && rule.action !== action)) continue
      if (rule.kind !== 'latency' && kind !== null) continue
      const p = rule.probability ?? 1
      if (p < 1 && !(this.rng() < p)) continue
      a.left--
      if (rule.kind === 'latency') delayMs += Math.max(0, (rule.latencyMs ?? 0) + this.rng() * (rule.jitterMs ?? 0))
      else {
        kind = rule.kind
        rows = rule.rows ?? null
      }
    }
    return { delayMs, kind, rows }
  }
}

/** nginx's stock error pages. */
export function nginxPage(code: number, reason: string): string {
  return `<html>\r\n<head><title>${code} ${reason}</title></head>\r\n<body>\r\n<center><h1>${code} ${reason}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`
}

export interface CannedResponse {
  status: number
  contentType: string
  body: Buffer
}

const HTML = 'text/html; charset=UTF-8'

/** Canned answers of faults that replace the response without applying anything. */
export function cannedResponse(kind: FaultKind): CannedResponse | null {
  const html = (status: number, text: string, type = HTML): CannedResponse => ({
    status,
    contentType: type,
    body: Buffer.from(text, 'utf8'),
  })
  switch (kind) {
    case 'html403':
      return html(403, nginxPage(403, 'Forbidden'), 'text/html')
    case 'html503':
      return html(503, nginxPage(503, 'Service Temporarily Unavailable'), 'text/html')
    case 'html404':
      return html(404, nginxPage(404, 'Not Found'), 'text/html')
    case 'http500empty':
      return html(500, '')
    case 'empty':
      return html(200, '')
    case 'null':
      return html(200, 'null')
    case 'text':
      return html(200, 'IP FORBIDDEN') // FIELD 68454489073
    case 'dbError':
      // A failed query inside the panel: STATUS_FAILURE with a text, the same status as "not found" (docs/panel-api.md §8).
      return html(200, '{"status":"STATUS_FAILURE","error":"MySQL server has gone away"}')
    case 'invalidJson':
      return html(200, '{"status":"STATUS_SUCCESS","data":{"id":"45')
    case 'badUtf8':
      return {
        status: 200,
        contentType: HTML,
        body: Buffer.concat([
          Buffer.from('{"status":"STATUS_SUCCESS","data":{"reseller_notes":"caf'),
          Buffer.from([0xc3, 0x28, 0xff]),
          Buffer.from('"}}'),
        ]),
      }
    default:
      return null
  }
}

/**
 * badRows: the action runs, then the first `rows` rows of a list answer (all when null)
 * lose their id, as a damaged table row would come out; the counts stay as they were.
 * Any other answer goes out unchanged.
 */
export function spoilRows(reply: Reply, rows: number | null): Record<string, unknown> | string {
  if (reply.kind === 'raw') return reply.text
  const data = reply.body['data']
  if (!Array.isArray(data)) return reply.body
  const n = rows ?? data.length
  return { ...reply.body, data: data.map((r, i) => (i < n && r !== null && typeof r === 'object' ? { ...r, id: '' } : r)) }
}
