/**
 * The tests Stryker runs against each mutant (npm run mutation): the unit and
 * integration tests of the money and data paths it mutates (writes, journal,
 * reconcile, bulk, api, sync, a list's search, a list's totals and a sync's staged set). Left out, because every mutant they cover
 * would cost their full run (ARCHITECTURE §7):
 *   - the browser end-to-end tests and the renderer tests (they build the page);
 *   - the randomised fault-injection proof (1,000 operations, ~30 s a run) and
 *     the crash test (a child process stopped mid-run): they prove the whole,
 *     the tests kept here pin each rule;
 *   - type-level tests (tsc, not vitest).
 */
import { defineConfig } from 'vitest/config'
import base from './vitest.config'

// Spread, not mergeConfig: mergeConfig would append these lists to the base's `test/**` include.
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: [
      'test/unit/{writes,journal,reconcile,bulk,api,sync}/**/*.test.ts',
      'test/unit/cache/{query-walk,search,tally,resync-writes,staging,staging-publish,raw-pages}.test.ts',
      'test/integration/{spending,writes,api}/**/*.test.ts',
      'test/integration/core/{panel-sync,sync-*}.test.ts',
    ],
    exclude: ['test/integration/spending/fault-injection.test.ts', 'test/integration/spending/crash.test.ts', 'node_modules/**'],
    typecheck: { enabled: false },
    // Instrumented code on a loaded machine runs slower than the plain suite.
    testTimeout: 60_000,
  },
})
