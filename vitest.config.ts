import { defineConfig } from 'vitest/config'
import vue from '@vitejs/plugin-vue'

export default defineConfig({
  plugins: [vue()],
  test: {
    include: ['test/**/*.test.ts'],
    // Type-level tests (test/types/*.test-d.ts) run through tsc as part of
    // `npm test`: an expectTypeOf in a runtime test would pass whatever the types.
    typecheck: {
      enabled: true,
      include: ['test/types/**/*.test-d.ts'],
      tsconfig: './tsconfig.typetests.json',
    },
    // Component tests opt into happy-dom with a `// @vitest-environment happy-dom` header.
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Native modules (better-sqlite3, keytar) are safest in forked workers.
    pool: 'forks',
    alias: {
      // main-process glue is tested against a hand-written fake of 'electron' (Electron cannot run here).
      electron: new URL('./test/fakes/electron.ts', import.meta.url).pathname,
    },
  },
})
