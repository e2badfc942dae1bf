/**
 * The UI benchmark (ui.ts) with 1,000,000 lines on the panel: ui.search.1m.p95 (typing →
 * rows, target 100 ms), ui.load.1m.firstRows, ui.heap.1m.afterBrowsing and the main
 * process's RSS while the 1M-line first sync runs (ui.main_rss.1m.syncPeak, bound 1.5 GB).
 * The sync alone takes minutes (1,000 pages at the client's 15 requests a second, at best).
 *
 *   npm run bench -- ui-1m
 */
process.env.XM_BENCH_UI_LINES ??= '1000000'
// Under `npm run bench` (XM_BENCH_MAIN=1) ui.ts runs itself on import; run directly, it does not.
const { run } = await import('./ui')
if (process.env.XM_BENCH_MAIN !== '1') {
  await run().catch((e: unknown) => {
    console.error(e)
    process.exit(1)
  })
}

export {}
