import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import vue from '@vitejs/plugin-vue'

// keytar and better-sqlite3 stay external (native .node files cannot be bundled):
// electron-vite externalises everything listed in package.json "dependencies".
export default defineConfig({
  main: {
    build: {
      rollupOptions: { input: { index: resolve(__dirname, 'electron/main/index.ts') } },
    },
  },
  preload: {
    build: {
      // CommonJS so the preload runs with `sandbox: true`; deps are bundled in.
      rollupOptions: {
        input: { index: resolve(__dirname, 'electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src'),
    build: {
      rollupOptions: { input: { index: resolve(__dirname, 'src/index.html') } },
    },
    plugins: [vue()],
  },
})
