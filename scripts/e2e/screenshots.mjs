// What a person sees: installs the packaged VSIX into code-server (no test payload, the
// extension as users get it), opens examples/ plus a file with mistakes in headless
// Chromium, drives the UI with the keyboard and mouse, and saves screenshots to
// docs/images/. Look at every picture before committing it.
//
//   node scripts/e2e/screenshots.mjs [--vsix <file>] [--out <folder>] [--timeout <s>] [--completion]
//
// Without --vsix it runs `npm run package` first. Needs the tools of provision.mjs.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CODE_SERVER, MARKER, REPO, codeServerOnce, launchChromium, makeSandbox, startCodeServer, writeQuietSettings } from './tools.mjs';

const { values: options } = parseArgs({
  options: {
    vsix: { type: 'string' },
    out: { type: 'string', default: join(REPO, 'docs/images') },
    timeout: { type: 'string', default: '180' },
    completion: { type: 'boolean', default: false },
  },
});
const say = (message) => console.log(`screenshots: ${message}`);
const started = Date.now();

if (!existsSync(MARKER) || !existsSync(CODE_SERVER)) {
  console.error('screenshots: the tools are not installed; run: node scripts/e2e/provision.mjs');
  process.exit(2);
}
let vsix = options.vsix && resolve(options.vsix);
if (!vsix) {
  execFileSync('npm', ['run', 'package'], { cwd: REPO, stdio: 'inherit' });
  vsix = join(REPO, 'sagemaker-scaling.vsix');
}

const sandbox = makeSandbox('scaling-shots-');
const workspace = join(sandbox.root, 'sagemaker-scaling');
cpSync(join(REPO, 'examples'), workspace, { recursive: true });
cpSync(join(REPO, 'test/e2e/workspace/errors.scaling.json'), join(workspace, 'needs-fixes.scaling.json'));
// Empty AWS files: the extension must not show the user's own profiles.
mkdirSync(join(sandbox.root, 'aws'));
writeFileSync(join(sandbox.root, 'aws/config'), '');
writeFileSync(join(sandbox.root, 'aws/credentials'), '');
Object.assign(process.env, {
  AWS_CONFIG_FILE: join(sandbox.root, 'aws/config'),
  AWS_SHARED_CREDENTIALS_FILE: join(sandbox.root, 'aws/credentials'),
  AWS_EC2_METADATA_DISABLED: 'true',
});

// A calm workbench for pictures: no welcome page, no chat side bar, no tips.
writeQuietSettings(sandbox, {
  'editor.minimap.enabled': false,
  'editor.fontSize': 15,
  'editor.hover.delay': 200,
  'workbench.colorTheme': 'Default Dark Modern',
});

let server;
let browser;
let code = 1;
const timer = setTimeout(() => { console.error(`screenshots: timed out after ${options.timeout} s`); void finish(2); }, Number(options.timeout) * 1000);

async function finish(exitCode) {
  clearTimeout(timer);
  await browser?.close().catch(() => {});
  await server?.stop();
  sandbox.cleanup();
  say(`${exitCode === 0 ? 'done' : 'failed'} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  process.exit(exitCode);
}
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => void finish(130));

/** The editor line element that shows `text`. */
function editorLine(page, text) {
  return page.locator('.monaco-editor .view-lines .view-line', { hasText: text }).first();
}

/** Moves the mouse onto `text` inside its editor line and waits for the hover to show `expect`. */
async function hoverText(page, text, expect) {
  const line = editorLine(page, text);
  await line.waitFor();
  const box = await line.evaluate((element, needle) => {
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent.indexOf(needle);
      if (at >= 0) {
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + needle.length);
        const r = range.getBoundingClientRect();
        return { x: r.x, y: r.y, width: r.width, height: r.height };
      }
    }
    // The text spans several tokens: aim at the middle of the line's text.
    const r = element.getBoundingClientRect();
    return { x: r.x, y: r.y, width: Math.min(r.width, 400), height: r.height };
  }, text);
  await page.mouse.move(box.x + box.width / 2 - 30, box.y + box.height / 2);
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 5 });
  const hover = page.locator('.monaco-hover:not(.hidden)', { hasText: expect }).first();
  await hover.waitFor({ state: 'visible', timeout: 15_000 });
  await settled(hover);
  return hover;
}

/** Waits for the fade-in of `locator` (and of what contains it) to end, so it is not captured half-transparent. */
async function settled(locator) {
  await locator.evaluate(async (element) => {
    const related = (target) => target && (target === element || target.contains(element) || element.contains(target));
    const running = document.getAnimations().filter((a) => related(a.effect?.target) && Number.isFinite(a.effect?.getComputedTiming().endTime));
    await Promise.all(running.map((a) => a.finished.catch(() => {})));
    // Then until every box from the element up is fully opaque (transitions are not all animations).
    for (let i = 0; i < 100; i++) {
      let opaque = true;
      for (let e = element; e; e = e.parentElement) if (Number(getComputedStyle(e).opacity) < 1) opaque = false;
      if (opaque) return;
      await new Promise((r) => requestAnimationFrame(r));
    }
  });
}

/** Opens a file through Quick Open (Ctrl+P), as a person would. */
async function quickOpen(page, name) {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(name);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator('.tab.active', { hasText: name }).waitFor();
}

try {
  say(`installing ${vsix}`);
  await codeServerOnce(sandbox, ['--install-extension', vsix]);

  let serverLog = '';
  server = await startCodeServer(sandbox, { folder: workspace, log: (t) => { serverLog += t; } });
  const url = `http://127.0.0.1:${server.port}/?folder=${encodeURIComponent(workspace)}`;
  browser = await launchChromium(sandbox, { viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
  const page = browser.pages()[0] ?? await browser.newPage();
  await page.goto(url);
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'needs-fixes.scaling.json' }).waitFor({ timeout: 60_000 });
  mkdirSync(options.out, { recursive: true });

  // 1. The file with mistakes: squiggles, and the message of one under the mouse.
  await quickOpen(page, 'needs-fixes.scaling.json');
  await page.locator('.monaco-editor .squiggly-error').first().waitFor({ timeout: 60_000 });
  await page.locator('.monaco-editor .squiggly-error').nth(1).waitFor({ timeout: 30_000 });
  await hoverText(page, '"MinCapacity": 8', 'greater than MaxCapacity');
  await page.screenshot({ path: join(options.out, 'editor-diagnostics.png') });
  say('editor-diagnostics.png');

  // 2. The Problems panel with our messages, the side bar closed to give them room.
  await page.mouse.move(5, 450);
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+B');
  await page.keyboard.press('Control+Shift+M');
  const problems = page.locator('.markers-panel .monaco-list-row', { hasText: 'greater than MaxCapacity' }).first();
  await problems.waitFor({ timeout: 30_000 });
  await settled(problems);
  await page.screenshot({ path: join(options.out, 'problems-panel.png') });
  say('problems-panel.png');
  await page.keyboard.press('Control+Shift+M');
  await page.keyboard.press('Control+B');

  // 3. The hover on a Schedule: the schedule in words and its next runs.
  await quickOpen(page, 'scheduled-scaling.scaling.json');
  try {
    await hoverText(page, 'cron(0 8 ? * MON-FRI *)', /\d{4}-\d{2}-\d{2}/);
    await page.screenshot({ path: join(options.out, 'hover.png') });
    say('hover.png');
  } catch (error) {
    say(`no schedule hover with run times (${error.message.split('\n')[0]}); hover.png not taken`);
  }
  // 4. (--completion) The suggest widget on an emptied PredefinedMetricType value.
  if (options.completion) {
    await page.mouse.move(5, 450);
    await page.keyboard.press('Escape');
    await quickOpen(page, 'target-tracking.scaling.json');
    const value = editorLine(page, 'SageMakerVariantInvocationsPerInstance').locator('span', { hasText: /^"?SageMakerVariantInvocationsPerInstance"?$/ }).first();
    await value.dblclick();
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Control+Space');
    await page.locator('.suggest-widget .monaco-list-row').first().waitFor({ timeout: 15_000 });
    await settled(page.locator('.suggest-widget'));
    await page.screenshot({ path: join(options.out, 'completion.png') });
    const shown = await page.locator('.suggest-widget .monaco-list-row').first().getAttribute('aria-setsize');
    say(`completion.png (${shown} proposals shown)`);
  }
  code = 0;
  if (process.env.SCREENSHOTS_DEBUG) console.log(serverLog);
} catch (error) {
  console.error(`screenshots: ${error?.stack ?? error}`);
  if (browser) {
    const page = browser.pages()[0];
    await page?.screenshot({ path: join(sandbox.root, '..', 'scaling-shots-failure.png') }).catch(() => {});
    console.error(`screenshots: the screen at the failure: ${join(sandbox.root, '..', 'scaling-shots-failure.png')}`);
  }
}
await finish(code);
