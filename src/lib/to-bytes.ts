/** A file's contents as bytes: text as UTF-8, bytes as they are. */
export function toBytes(contents: string | Uint8Array): Uint8Array {
  return typeof contents === 'string' ? new TextEncoder().encode(contents) : contents;
}
