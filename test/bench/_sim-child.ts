/**
 * A simulated panel in its own process, for benches: a real panel is a remote
 * server, so its CPU must not compete with ours on one event loop. Started by
 * a bench with `node --import tsx test/bench/_sim-child.ts <json options>`;
 * prints one JSON line `{port, baseUrl, apiKey, accessCode}` when listening
 * and exits when its stdin closes (the parent ended, however it ended).
 *
 * Option `ownAllLines`: give every seeded line to the API reseller, so it
 * lists exactly `lines` rows (the seed spreads lines over sub-resellers).
 * Options `latencyMs`, `jitterMs`: every request waits that long first.
 */
import { startSimulator, type SimulatorOptions } from '../../electron/simulator'

const opts = JSON.parse(process.argv[2] ?? '{}') as SimulatorOptions & { ownAllLines?: boolean; latencyMs?: number; jitterMs?: number }
const { ownAllLines, latencyMs, jitterMs, ...simOpts } = opts
const sim = await startSimulator(simOpts)
if (ownAllLines) for (const l of sim.state.lines.rows) l.member_id = sim.state.resellerId
// A panel far away: every request waits latencyMs plus up to jitterMs (test/bench/sync-latency.ts).
if (latencyMs) sim.faults.add({ action: '*', kind: 'latency', latencyMs, jitterMs: jitterMs ?? 0 })
process.stdout.write(JSON.stringify({ port: sim.port, baseUrl: sim.baseUrl, apiKey: sim.apiKey, accessCode: sim.accessCode }) + '\n')
process.stdin.resume()
process.stdin.on('end', () => void sim.close().then(() => process.exit(0)))
