import { existsSync, linkSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

// The CLI's one way to write a file it produces (fetch's document, plan --out's saved
// plan): whole or not at all.

/**
 * Writes text to path atomically: a temporary file beside it, then a rename (`overwrite`,
 * fetch --force or a saved plan) or a hard link that fails when the path exists (fetch
 * without --force). Readers never see a half-written file, and a failed write leaves no
 * temporary file behind.
 */
export function writeFileAtomic(path: string, text: string, overwrite: boolean): void {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  try {
    writeFileSync(temp, text, { encoding: 'utf8', flag: 'wx' });
    if (overwrite) {
      renameSync(temp, path);
      return;
    }
    try {
      linkSync(temp, path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') throw error;
      // A file system without hard links: check, then rename (a narrow race, never a partial file).
      if (existsSync(path)) throw Object.assign(new Error(`${path} exists`), { code: 'EEXIST' });
      renameSync(temp, path);
      return;
    }
    unlinkSync(temp);
  } catch (error) {
    if (existsSync(temp)) unlinkSync(temp);
    throw error;
  }
}
