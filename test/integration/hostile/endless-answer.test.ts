/**
 * A panel answer that never ends (issue #12 §2): the client reads it as a stream,
 * stops at the cap with a clear error, never retries it, and the process stays small
 * while several such answers are in flight.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { XtreamClient } from '../../../electron/core/api/client'
import { MAX_ANSWER_BYTES, MAX_LIST_PAGE_BYTES } from '../../../electron/core/api/body'
import { apiError } from '../../unit/api/expect-error'
import { startEndlessPanel, type EndlessPanel } from './endless-panel'

const MiB = 1024 * 1024
/**
 * The stated bound: four list pages in flight may hold at most 4 × 64 MiB between
 * them, plus the copy made when a page is joined. Measured here: about 300 MiB above
 * the baseline; before the cap every request buffered the whole answer (300 MiB here, without end on a real fault).
 */
const RSS_BOUND = 4 * MAX_LIST_PAGE_BYTES + 160 * MiB

describe('an endless panel answer', () => {
  let panel: EndlessPanel
  let client: XtreamClient
  beforeAll(async () => {
    panel = await startEndlessPanel()
    client = new XtreamClient({
      endpoint: { scheme: 'http', host: '127.0.0.1', port: panel.port, accessCode: 'demo' },
      getApiKey: async () => 'a'.repeat(32),
      sleep: async () => {},
      timeoutMs: 60_000,
    })
  })
  afterAll(async () => panel.close())

  it('a list page stops at 64 MiB with a clear error and is not retried', async () => {
    const before = client.stats.requests
    const e = await apiError(client.call('get_lines', { start: 0, limit: 1000 }))
    expect(e.code).toBe('BAD_RESPONSE')
    expect(e.message).toContain('more than 64 MiB for one page')
    expect(e.details).toMatchObject({ cause: 'BODY_TOO_LARGE', limit: MAX_LIST_PAGE_BYTES })
    expect(client.stats.requests - before).toBe(1)
  })

  it('any other answer stops at 4 MiB', async () => {
    const e = await apiError(client.call('user_info', {}))
    expect(e.code).toBe('BAD_RESPONSE')
    expect(e.message).toContain('more than 4 MiB for one answer')
    expect(e.details).toMatchObject({ limit: MAX_ANSWER_BYTES })
  })

  it('a write that is answered without end is an unknown outcome, never resent', async () => {
    const before = client.stats.requests
    const e = await apiError(
      client.call('create_line', { package: 1, trial: false, username: 'endless01', password: 'endless01pw' }),
    )
    expect(e).toMatchObject({ code: 'OUTCOME_UNKNOWN', outcome: 'unknown' })
    expect(client.stats.requests - before).toBe(1)
  })

  it(`peak RSS with four endless pages in flight stays under ${RSS_BOUND / MiB} MiB above the baseline`, async () => {
    globalThis.gc?.()
    const baseline = process.memoryUsage().rss
    let peak = baseline
    const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20)
    try {
      const sentBefore = panel.sent()
      const pages = await Promise.allSettled(
        [0, 1, 2, 3].map((i) => client.call('get_lines', { start: i * 1000, limit: 1000 })),
      )
      peak = Math.max(peak, process.memoryUsage().rss)
      expect(pages.every((p) => p.status === 'rejected')).toBe(true)
      // The panel really did push past the caps: this is not a test of a small answer.
      expect(panel.sent() - sentBefore).toBeGreaterThan(4 * MAX_LIST_PAGE_BYTES)
    } finally {
      clearInterval(sample)
    }
    expect(peak - baseline).toBeLessThan(RSS_BOUND)
  })
})
