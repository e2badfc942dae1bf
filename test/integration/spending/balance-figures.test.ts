/**
 * Issue #11 §4: the journal's balance column when two spends are in flight.
 * Each entry's figures are the balance before it and one read after it; with
 * another spend of the same panel in flight, both include that one too (each
 * 5-credit row showed a 10-credit drop). Those rows are marked as estimated;
 * a spend alone on its panel shows the panel's own before and after.
 */
import { afterEach, beforeEach, expect, test } from 'vitest'
import { makeHarness, type Harness } from './fixtures/harness'

let h: Harness
beforeEach(async () => {
  h = await makeHarness({ timeoutMs: 2000 })
  await h.prime(['lines'])
})
afterEach(async () => h.close())

const create = (username: string) => h.spending.handlers['lines:create']({ profileId: h.profileId, packageId: 1, trial: false, username })

test('two creates in flight at once: both figures marked estimated; a create alone is exact', async () => {
  // Both requests wait on the panel together.
  h.sim.faults.add({ action: 'create_line', kind: 'latency', latencyMs: 150, times: 2 })
  const [a, b] = await Promise.all([create('together-01'), create('together-02')])
  const ea = h.spending.journal.require(a.journalId)
  const eb = h.spending.journal.require(b.journalId)
  expect(ea.balanceEstimated).toBe(true)
  expect(eb.balanceEstimated).toBe(true)

  const before = h.sim.credits()
  const c = await create('alone-01')
  const ec = h.spending.journal.require(c.journalId)
  expect(ec.balanceEstimated).toBe(false)
  expect([ec.balanceBefore, ec.balanceAfter]).toEqual([before, before - 5])

  // The journal view and the CSV carry the mark.
  const rows = h.spending.journal.query({}).rows
  expect(rows.filter((r) => r.balanceEstimated).map((r) => r.target).sort()).toEqual(['together-01', 'together-02'])
  const csv = (await h.spending.handlers['journal:exportCsv']({ offset: 0, limit: 1000 })).csv.split('\r\n')
  expect(csv[0]).toContain('balance estimated')
  expect(csv.filter((l) => l.includes('together-0') && l.includes(',yes,')).length).toBe(2)
})
