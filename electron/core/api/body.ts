/**
 * Reading a panel's answer without trusting its size. A panel (or whatever sits in
 * front of it) can answer without end; `res.arrayBuffer()` would buffer all of it —
 * up to 2 GiB per attempt, with several attempts and requests in flight. The body is
 * read as a stream instead and abandoned as soon as it passes the cap.
 */

/**
 * The most one list page may weigh. The app asks for at most 1 000 rows a page; a
 * thousand lines with long notes and bouquet lists stay well under 16 MiB, so 64 MiB
 * leaves room for odd panels while keeping a few pages in flight far from gigabytes.
 */
export const MAX_LIST_PAGE_BYTES = 64 * 1024 * 1024

/** The most any other answer (one row, a balance, a write's reply) may weigh. */
export const MAX_ANSWER_BYTES = 4 * 1024 * 1024

/** Thrown when the body passed its cap; the stream has been cancelled. */
export class BodyTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`body larger than ${limit} bytes`)
    this.name = 'BodyTooLarge'
  }
}

/** "64 MiB", "4 MiB", "512 KiB": the cap as a user reads it. */
export function sizeLabel(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MiB`
  if (bytes >= 1024) return `${Math.round((bytes / 1024) * 10) / 10} KiB`
  return `${bytes} bytes`
}

/** The body's bytes, at most `limit` of them; BodyTooLarge (and the stream cancelled) past that. */
export async function readCapped(res: Response, limit: number): Promise<Uint8Array> {
  const declared = Number(res.headers.get('content-length'))
  if (Number.isFinite(declared) && declared > limit) {
    await res.body?.cancel().catch(() => {})
    throw new BodyTooLarge(limit)
  }
  if (res.body === null) return new Uint8Array(0)
  const reader = res.body.getReader()
  const chunks: Uint8Array[] = []
  let total = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    total += value.byteLength
    if (total > limit) {
      await reader.cancel().catch(() => {})
      throw new BodyTooLarge(limit)
    }
    chunks.push(value)
  }
  if (chunks.length === 1) return chunks[0]!
  const out = new Uint8Array(total)
  let at = 0
  for (const c of chunks) {
    out.set(c, at)
    at += c.byteLength
  }
  return out
}
