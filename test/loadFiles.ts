import { createWriteStream } from 'node:fs';

// Load files for the simulator's tests, in the CLI's tier and the editor's alike.

/**
 * A CSV load of `rows` one-minute rows (epoch seconds from 2026-07-01, 5 invocations each),
 * written in chunks: 10 million rows make a file beyond the 64 MB a load may have.
 */
export function writeLongLoad(file: string, rows: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const stream = createWriteStream(file);
    stream.on('error', reject);
    stream.write('timestamp,invocations\n');
    let i = 0;
    const write = () => {
      while (i < rows) {
        const chunk: string[] = [];
        for (let j = 0; j < 100_000 && i < rows; j++, i++) chunk.push(`${1782864000 + i * 60},5`);
        if (!stream.write(chunk.join('\n') + '\n')) return void stream.once('drain', write);
      }
      stream.end(resolve);
    };
    write();
  });
}
