/** A typed array of `size` entries holding `a`'s first (the in-memory search index grows its columns so: search-index.ts). */
export function grown<T extends Int32Array | Float64Array | Int8Array | Uint8Array | Uint16Array>(a: T, size: number): T {
  const b = new (a.constructor as new (n: number) => T)(size)
  b.set(a)
  return b
}
