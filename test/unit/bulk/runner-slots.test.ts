/**
 * The run scheduler on its own (the writer is the injected part; the real
 * simulator runs in bulk-trust.test.ts): an item waiting for the panel's slot
 * when the run STOPS (not enough credits) is marked skipped at that moment,
 * counted as not sent, and never handed to the writer once the slot frees.
 */
import { describe, expect, test } from 'vitest'
import type { BulkRun } from '../../../electron/shared/views'
import type { WriteResult } from '../../../electron/shared/writes'
import { AppError } from '../../../electron/core/errors'
import type { BulkJob, PlannedItem } from '../../../electron/core/bulk/plan'
import { Run } from '../../../electron/core/bulk/runner'
import { PanelSlots } from '../../../electron/core/bulk/slots'
import { waitFor } from '../../helpers/wait'

const planned = (n: number): PlannedItem[] =>
  Array.from({ length: n }, (_, i) => ({
    item: { key: `#${i + 1}`, label: `line${i + 1}`, cost: 5, state: 'queued' as const, reason: null, journalId: null, result: null },
    job: { op: 'extend', id: i + 1, packageId: 2, endUnlimited: false } as BulkJob,
  }))

describe('a run that stops while items wait for a slot', () => {
  test('the waiting item is skipped when the run stops, and never sent', async () => {
    const sent: number[] = []
    let refuse: ((e: unknown) => void) | null = null
    const snapshots: BulkRun[] = []
    // One slot on the panel, two workers: the second item waits for the slot the first one holds.
    const run = new Run('r1', 'p1', planned(2), {
      slots: new PanelSlots(1),
      concurrency: 2,
      now: Date.now,
      onProgress: (s) => snapshots.push(s),
      write: (job) => {
        sent.push((job as { id: number }).id)
        return new Promise<WriteResult>((_, reject) => (refuse = reject))
      },
    })
    await waitFor('the first item sent', () => sent.length === 1)
    expect(sent).toEqual([1])
    refuse!(new AppError('INSUFFICIENT_CREDITS', 'Not enough credits'))
    await run.finished
    expect(sent).toEqual([1])
    const stopped = snapshots.find((s) => s.state === 'stopped')!
    expect(stopped.items.map((i) => i.state)).toEqual(['failed', 'skipped'])
    expect(stopped.counts).toMatchObject({ failed: 1, skipped: 1, pending: 0 })
    expect(run.snapshot().items[1]!.reason).toMatch(/not enough credits/i)
  })
})
