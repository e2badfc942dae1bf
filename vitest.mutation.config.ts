/**
 * The tests Stryker runs against each mutant (npm run mutation): the unit and
 * integration tests of the core, without the browser end-to-end tests (they
 * build the page, far too slow per mutant) and without type-level tests.
 */
import { defineConfig, mergeConfig } from 'vitest/config'
import base from './vitest.config'

export default mergeConfig(
  base,
  defineConfig({
    test: {
      include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
      exclude: ['test/unit/renderer/**', 'test/integration/loopback/**', 'node_modules/**'],
      typecheck: { enabled: false },
    },
  }),
)
