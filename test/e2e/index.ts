import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';
import Mocha from 'mocha';

// The mocha runner that VS Code loads inside the extension host (extensionTestsPath), for
// both scripts/e2e/run.mjs (code-server) and scripts/e2e/electron.mjs (@vscode/test-electron).
// It runs every *.e2e.js next to it; E2E_GREP (extension host environment) narrows them.
// The *.untrusted.e2e.js files expect a workspace in restricted mode: they run instead of
// the others when E2E_WORKSPACE_TRUST is "untrusted" (scripts/e2e/run.mjs --untrusted).

/** Runs the suite; rejects when a test fails, which makes VS Code exit with 1. */
export function run(): Promise<void> {
  // scripts/e2e/run.mjs relays the workbench log, where mocha's lines are mixed with
  // VS Code's own: it asks for a mark on each of ours (E2E_LOG_MARK) to pick them out.
  const mark = process.env.E2E_LOG_MARK;
  if (mark) {
    Mocha.reporters.Base.consoleLog = (...data: unknown[]) => {
      for (const line of format(...data).split('\n')) console.log(mark + line);
    };
  }
  const mocha = new Mocha({ ui: 'tdd', color: false, reporter: 'spec', timeout: 60_000 });
  const grep = process.env.E2E_GREP;
  if (grep) mocha.grep(grep);
  const untrusted = process.env.E2E_WORKSPACE_TRUST === 'untrusted';
  const files = readdirSync(__dirname).filter(
    (n) => n.endsWith('.e2e.js') && n.endsWith('.untrusted.e2e.js') === untrusted,
  );
  for (const name of files.sort()) {
    mocha.addFile(join(__dirname, name));
  }
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} end-to-end test(s) failed`)) : resolve()));
  });
}
