import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const SCALING_FILE_SUFFIX = '.scaling.json';

/**
 * The scaling files named by the arguments: files as given, folders searched recursively
 * for *.scaling.json (skipping node_modules and hidden folders), sorted for stable output.
 */
export function collectFiles(paths: string[]): { files: string[]; problems: string[] } {
  const files = new Set<string>();
  const problems: string[] = [];
  const walk = (dir: string): void => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      problems.push(`cannot read folder ${dir}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
      return;
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile() && entry.name.endsWith(SCALING_FILE_SUFFIX)) files.add(path);
    }
  };
  for (const path of paths) {
    let stats;
    try {
      stats = statSync(path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      problems.push(
        code === 'ENOENT' ? `no such file or folder: ${path}` : `cannot read ${path}: ${code ?? String(error)}`,
      );
      continue;
    }
    if (stats.isDirectory()) {
      const before = files.size;
      walk(path);
      if (files.size === before) problems.push(`no *${SCALING_FILE_SUFFIX} files found under ${path}`);
    } else {
      files.add(path);
    }
  }
  return { files: [...files].sort(), problems };
}
