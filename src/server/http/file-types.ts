/**
 * What a file is, told by its first bytes rather than by what the client says. Used for logos
 * and agreement attachments alike.
 */
export const FILE_SIGNATURES: Record<string, (b: Buffer) => boolean> = {
  'application/pdf': (b) => b.subarray(0, 5).toString('latin1') === '%PDF-',
  'image/png': (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'image/jpeg': (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  'image/webp': (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': (b) =>
    b.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04])) && b.includes(Buffer.from('word/')),
}

/** True when `content` is a file of type `mime`; false for a type we cannot recognise. */
export function looksLike(mime: string, content: Buffer): boolean {
  return FILE_SIGNATURES[mime]?.(content) ?? false
}

/** The type the first bytes say, among those we recognise; null for anything else. */
export function sniff(content: Buffer): string | null {
  for (const [mime, test] of Object.entries(FILE_SIGNATURES)) if (test(content)) return mime
  return null
}
