import { createHash } from 'node:crypto';

/** SHA-256 of text as UTF-8, in hex: the saved plan's fingerprints and checksum. */
export const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');
