// What a person sees: installs the packaged VSIX into code-server (no test payload, the
// extension as users get it), opens examples/ plus a file with mistakes in headless
// Chromium, drives the UI with the keyboard and mouse, and saves screenshots to
// docs/images/ (the simulation panel in a dark, a light and a high-contrast theme among them). Look at
// every picture before committing it.
//
//   node scripts/e2e/screenshots.mjs [--vsix <file>] [--out <folder>] [--timeout <s>] [--completion] [--no-aws]
//
// Without --vsix it runs `npm run package` first. Needs the tools of provision.mjs and a
// build (out/test/aws/moto.js).
//
// The AWS pictures (tree, Explorer menu, confirmation, plan diff, result) run against a
// moto_server seeded as the demo seeds it (scripts/demo.mjs). The extension finds it
// through code-server's environment, which its extension host inherits: AWS_ENDPOINT_URL,
// AWS_REGION, test credentials, and HOME / AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE
// in the temporary folder, so neither the user's settings nor ~/.aws are read. Without
// moto_server (pip install "moto[server]") or with --no-aws those pictures are skipped.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  CODE_SERVER,
  MARKER,
  REPO,
  codeServerOnce,
  launchChromium,
  makeSandbox,
  startCodeServer,
  writeQuietSettings,
} from './tools.mjs';

const { values: options } = parseArgs({
  options: {
    vsix: { type: 'string' },
    out: { type: 'string', default: join(REPO, 'docs/images') },
    timeout: { type: 'string', default: '180' },
    completion: { type: 'boolean', default: false },
    'no-aws': { type: 'boolean', default: false },
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
// A temporary HOME with empty AWS files: the extension must not see the user's own
// profiles, credentials or region. code-server (and so the extension host) inherits this.
const home = join(sandbox.root, 'home');
mkdirSync(join(home, '.aws'), { recursive: true });
writeFileSync(join(home, '.aws/config'), '');
writeFileSync(join(home, '.aws/credentials'), '');
for (const name of Object.keys(process.env)) {
  if (
    /^AWS_(PROFILE|DEFAULT_PROFILE|ACCESS_KEY_ID|SECRET_ACCESS_KEY|SESSION_TOKEN|REGION|DEFAULT_REGION|ENDPOINT_URL.*|ROLE_ARN|WEB_IDENTITY_TOKEN_FILE|CONTAINER_CREDENTIALS_.*)$/.test(
      name,
    )
  )
    delete process.env[name];
}
Object.assign(process.env, {
  HOME: home,
  AWS_CONFIG_FILE: join(home, '.aws/config'),
  AWS_SHARED_CREDENTIALS_FILE: join(home, '.aws/credentials'),
  AWS_EC2_METADATA_DISABLED: 'true',
});

// A calm workbench for pictures: no welcome page, no chat side bar, no tips.
writeQuietSettings(sandbox, {
  'editor.minimap.enabled': false,
  'editor.fontSize': 15,
  'editor.hover.delay': 200,
  'workbench.colorTheme': 'Default Dark Modern',
});

/** Switches between the light and the dark theme through the command palette, as a person would. */
async function toggleTheme(page, dark) {
  await runCommand(page, 'Preferences: Toggle between Light/Dark Themes');
  await page.locator(dark ? '.monaco-workbench.vs-dark' : '.monaco-workbench.vs').waitFor({ timeout: 30_000 });
}

/** Picks a colour theme from Preferences: Color Theme (Ctrl+K Ctrl+T), typing once its list of installed themes shows. */
async function pickTheme(page, name) {
  // Ctrl+K Ctrl+T: typing "Color Theme" in the palette could pick "Browse Color Themes in Marketplace" first.
  await page.keyboard.press('Control+K');
  await page.keyboard.press('Control+T');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  // The picker first lists the installed themes; typing before that searches the marketplace.
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Modern' }).first().waitFor();
  await page.keyboard.type(name);
  await page
    .locator('.quick-input-list .monaco-list-row', { hasText: new RegExp(`^${name}`) })
    .first()
    .waitFor();
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
}

/** Moves the mouse across the chart until an activity marker's tooltip shows. */
async function hoverMarker(page, frame) {
  // Playwright gives the box in the page's coordinates, through both iframes.
  const inner = await frame.locator('.u-over').boundingBox();
  if (!inner) return false;
  const tooltip = frame.locator('#tooltip:not(.hidden)');
  for (let x = inner.x + inner.width * 0.3; x < inner.x + inner.width * 0.6; x += 2) {
    await page.mouse.move(x, inner.y + inner.height * 0.45);
    if (await tooltip.isVisible()) return true;
  }
  return false;
}

let server;
let browser;
let moto;
let code = 1;
const timer = setTimeout(
  () => {
    console.error(`screenshots: timed out after ${options.timeout} s`);
    void finish(2);
  },
  Number(options.timeout) * 1000,
);

async function finish(exitCode) {
  clearTimeout(timer);
  await browser?.close().catch(() => {});
  await server?.stop();
  await moto?.stop();
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
    const running = document
      .getAnimations()
      .filter((a) => related(a.effect?.target) && Number.isFinite(a.effect?.getComputedTiming().endTime));
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

/** A row of the side bar's tree (Explorer or Auto Scaling) whose label is exactly `label`. */
function sideBarRow(page, label) {
  return page
    .locator('.part.sidebar .monaco-list-row')
    .filter({
      has: page.locator('.label-name', { hasText: new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }),
    })
    .first();
}

/** Expands a tree row (a label, or a row locator) by clicking it, and waits for `child` to show. */
async function expand(page, row, child) {
  if (typeof row === 'string') row = sideBarRow(page, row);
  await row.waitFor({ timeout: 30_000 });
  if ((await row.getAttribute('aria-expanded')) !== 'true') await row.click();
  await sideBarRow(page, child).waitFor({ timeout: 30_000 });
}

/** Runs a command through the command palette (F1), as a person would. */
async function runCommand(page, title) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
}

/** Drags the sash between the side bar and the editor until the side bar is about `width` pixels wide. */
async function widenSideBar(page, width) {
  const bar = await page.locator('.part.sidebar').boundingBox();
  const right = bar.x + bar.width;
  const sash = page.locator('.monaco-sash.vertical').filter({ visible: true });
  let handle;
  for (const candidate of await sash.all()) {
    const box = await candidate.boundingBox();
    if (box && Math.abs(box.x + box.width / 2 - right) < 6 && box.height > 300) {
      handle = box;
      break;
    }
  }
  if (!handle) throw new Error("no sash at the side bar's edge");
  const y = handle.y + handle.height / 2;
  await page.mouse.move(handle.x + handle.width / 2, y);
  await page.mouse.down();
  await page.mouse.move(bar.x + width, y, { steps: 10 });
  await page.mouse.up();
}

/** Waits until the extension's progress notifications (VS Code keeps them at least 800 ms) are gone. */
async function progressGone(page) {
  const progress = page.locator('.notifications-toasts .notification-toast', {
    hasText: /reading \S+ targets in|Applying \S+ to /,
  });
  await progress
    .first()
    .waitFor({ state: 'detached', timeout: 10_000 })
    .catch(() => {});
}

/** Dismisses every notification toast, so none covers the picture. */
async function clearNotifications(page) {
  await runCommand(page, 'Notifications: Clear All Notifications');
  await page
    .locator('.notifications-toasts .notification-toast')
    .first()
    .waitFor({ state: 'detached', timeout: 10_000 })
    .catch(() => {});
}

/** Right-clicks `file` in the Explorer and waits for the context menu to show `item`. */
async function explorerMenu(page, file, item) {
  await page.keyboard.press('Control+Shift+E');
  const row = sideBarRow(page, file);
  await row.waitFor({ timeout: 30_000 });
  await row.click({ button: 'right' });
  const entry = page.locator('.context-view .monaco-menu .action-item', { hasText: item }).first();
  await entry.waitFor({ state: 'visible', timeout: 15_000 });
  // The menu ignores clicks while it fades in (so the right button's release picks nothing).
  await settled(page.locator('.context-view .monaco-menu'));
  await entry.hover();
  await page.waitForTimeout(300);
  return entry;
}

/**
 * The simulation panel beside production.scaling.json, opened from the Simulate CodeLens
 * above its first target: dark, then light (the chart redraws in the theme's colours).
 */
async function simulationPictures(page) {
  await page.mouse.move(5, 450);
  await page.keyboard.press('Escape');
  await runCommand(page, 'View: Close All Editors');
  await quickOpen(page, 'production.scaling.json');
  const lens = page.locator('.monaco-editor .codelens-decoration a', { hasText: 'Simulate' }).first();
  await lens.waitFor({ timeout: 30_000 });
  await lens.click();
  // The webview's page sits in an iframe inside the workbench's iframe.
  const frame = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
  await frame.locator('#status', { hasText: 'Simulated' }).waitFor({ timeout: 60_000 });
  await page.keyboard.press('Control+B');
  await frame.locator('.u-over').waitFor();
  await page.waitForTimeout(500);
  const tip = await hoverMarker(page, frame);
  await page.screenshot({ path: join(options.out, 'simulate-dark.png') });
  say(`simulate-dark.png (${(await frame.locator('#status').innerText()).trim()}${tip ? "; a marker's tooltip" : ''})`);
  await toggleTheme(page, false);
  await frame.locator('body.vscode-light').waitFor({ timeout: 15_000 });
  await page.waitForTimeout(800);
  await hoverMarker(page, frame);
  await page.screenshot({ path: join(options.out, 'simulate-light.png') });
  say('simulate-light.png');
  await toggleTheme(page, true);
  await pickTheme(page, 'Dark High Contrast');
  await frame.locator('body.vscode-high-contrast').waitFor({ timeout: 15_000 });
  await page.waitForTimeout(800);
  await hoverMarker(page, frame);
  await page.screenshot({ path: join(options.out, 'simulate-high-contrast.png') });
  say('simulate-high-contrast.png');
  await pickTheme(page, 'Dark Modern');
  await page.locator('.monaco-workbench.vs-dark').waitFor({ timeout: 30_000 });
  await page.keyboard.press('Control+B');
  await runCommand(page, 'View: Close All Editors');
}

/**
 * The AWS side against the seeded moto_server: the Auto Scaling view opened down to a
 * target's policies and scheduled actions; the Explorer menu of a *.scaling.json with
 * Apply to AWS; Apply run from that menu on a file the live set-up lags behind (the
 * modal confirmation, then, cancelled, the plan diff behind it); and Apply confirmed.
 */
async function awsPictures(page) {
  const FILE = 'production.scaling.json';
  await page.mouse.move(5, 450);
  await page.keyboard.press('Escape');
  await runCommand(page, 'View: Close All Editors');
  await quickOpen(page, FILE);

  // 1. The Auto Scaling view, widened so the descriptions show: endpoint → variant →
  //    scalable target (its policies and scheduled actions open), for two endpoints.
  await page.locator('.part.activitybar .action-item a[aria-label^="SageMaker Scaling"]').first().click();
  await sideBarRow(page, 'recommender').waitFor({ timeout: 30_000 });
  // A side bar as people keep it: key figures must show before a description is cut.
  await widenSideBar(page, 480);
  await expand(page, 'recommender', 'AllTraffic');
  await expand(page, 'AllTraffic', 'Scalable target');
  await expand(page, 'Scalable target', 'recommender-invocations');
  await sideBarRow(page, 'night-floor').waitFor({ timeout: 30_000 });
  await expand(page, 'fraud-scoring', 'primary');
  await expand(page, 'primary', 'Scalable target');
  const collapsedTarget = page
    .locator('.part.sidebar .monaco-list-row[aria-expanded="false"]')
    .filter({ has: page.locator('.label-name', { hasText: /^Scalable target$/ }) })
    .first();
  await expand(page, collapsedTarget, 'fraud-latency-spike');
  await page
    .locator('.part.sidebar .monaco-progress-container.active')
    .waitFor({ state: 'detached', timeout: 15_000 })
    .catch(() => {});
  await page.mouse.move(1200, 700);
  await settled(sideBarRow(page, 'fraud-latency-spike'));
  // The head of the view names profile, region and, once the tree has read it, the account.
  await page
    .locator('.part.sidebar .message', { hasText: 'AWS: default chain · us-east-1 · 123456789012' })
    .first()
    .waitFor({ timeout: 15_000 });
  await page.screenshot({ path: join(options.out, 'tree.png') });
  say('tree.png');
  await widenSideBar(page, 340);

  // 2. The Explorer's context menu of a scaling file, Apply to AWS under the mouse.
  const apply = await explorerMenu(page, FILE, 'Apply to AWS');
  await page.screenshot({ path: join(options.out, 'explorer-menu.png') });
  say('explorer-menu.png');

  // 3. Apply to AWS from that menu: the plan opens as a diff, then the modal asks.
  await apply.click();
  const dialog = page.locator('.monaco-dialog-box', { hasText: 'Apply' }).first();
  await dialog.waitFor({ state: 'visible', timeout: 60_000 });
  await settled(dialog);
  await progressGone(page);
  await page.screenshot({ path: join(options.out, 'confirm.png') });
  say(`confirm.png (${(await dialog.locator('.dialog-message-text').innerText()).trim()})`);

  // 4. Cancelled: nothing is sent, the diff stays. Side bar closed to give it the width.
  await dialog.locator('.monaco-button', { hasText: 'Cancel' }).click();
  await dialog.waitFor({ state: 'detached' });
  await page.keyboard.press('Control+B');
  const diff = page.locator('.monaco-diff-editor').first();
  await diff.locator('.line-insert, .char-insert').first().waitFor({ timeout: 15_000 });
  await clearNotifications(page);
  // The first change is a whole new target; the next ones are updates, old and new side by side.
  await diff.locator('.editor.modified .view-lines').click();
  await runCommand(page, 'Go to Next Change');
  await page.waitForTimeout(500);
  await page.mouse.move(5, 450);
  // While the plan's diff has the focus, the tab names the account and the status bar which AWS profile and region.
  const tab = (await page.locator('.tab.active').innerText()).trim();
  if (!/AWS default chain · eu-central-1 · 123456789012 ↔ file/.test(tab))
    throw new Error(`the diff's title does not name profile, region and account: ${tab}`);
  await page.locator('.statusbar-item', { hasText: 'default chain' }).first().waitFor({ timeout: 10_000 });
  await page.screenshot({ path: join(options.out, 'plan-diff.png') });
  say(`plan-diff.png (${tab})`);
  // Further down: the scheduled action someone added by hand, kept, the same on both sides.
  await runCommand(page, 'Go to Next Change');
  await runCommand(page, 'Go to Next Change');
  await page.waitForTimeout(500);
  await page.mouse.move(5, 450);
  await page.screenshot({ path: join(options.out, 'plan-diff-kept.png') });
  say('plan-diff-kept.png');
  await page.keyboard.press('Control+B');

  // 5. Apply again, confirmed this time: the notification says what was applied, where.
  await (await explorerMenu(page, FILE, 'Apply to AWS')).click();
  await dialog.waitFor({ state: 'visible', timeout: 60_000 });
  await dialog.locator('.monaco-button', { hasText: /^Apply$/ }).click();
  const done = page.locator('.notifications-toasts .notification-toast', { hasText: /Applied \d+ change/ }).first();
  await done.waitFor({ state: 'visible', timeout: 60_000 });
  await settled(done);
  await progressGone(page);
  await page.screenshot({ path: join(options.out, 'applied.png') });
  say(`applied.png (${(await done.locator('.notification-list-item-message').innerText()).trim()})`);
}

try {
  if (!options['no-aws']) {
    const { startDemoMoto, DEMO_REGION } = await import('../demo.mjs');
    moto = await startDemoMoto();
    if (moto) {
      Object.assign(process.env, {
        AWS_ENDPOINT_URL: moto.endpoint,
        AWS_REGION: DEMO_REGION,
        AWS_ACCESS_KEY_ID: 'testing',
        AWS_SECRET_ACCESS_KEY: 'testing',
      });
      say(`moto_server ${moto.endpoint}, seeded as the demo seeds it`);
    } else {
      say('moto_server is not installed (pip install "moto[server]"): the AWS pictures are skipped');
    }
  }
  say(`installing ${vsix}`);
  await codeServerOnce(sandbox, ['--install-extension', vsix]);

  let serverLog = '';
  server = await startCodeServer(sandbox, {
    folder: workspace,
    log: (t) => {
      serverLog += t;
    },
  });
  const url = `http://127.0.0.1:${server.port}/?folder=${encodeURIComponent(workspace)}`;
  browser = await launchChromium(sandbox, { viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
  const page = browser.pages()[0] ?? (await browser.newPage());
  await page.goto(url);
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  await page
    .locator('.explorer-folders-view .monaco-list-row', { hasText: 'needs-fixes.scaling.json' })
    .waitFor({ timeout: 60_000 });
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
  // A rule code in Problems is a link to that rule's page, opened rendered.
  await page.locator('.markers-panel .monaco-link', { hasText: 'target.min-le-max' }).first().click();
  const preview = page.locator('.tab', { hasText: 'Preview target.min-le-max.md' }).first();
  await preview.waitFor({ timeout: 30_000 });
  // The preview is a webview: wait for the rendered page itself, not only its tab (a fixed
  // pause took the picture of an empty preview).
  await page
    .frameLocator('iframe.webview.ready')
    .frameLocator('#active-frame')
    .locator('h1, h2', { hasText: 'target.min-le-max' })
    .first()
    .waitFor({ timeout: 30_000 });
  await page.waitForTimeout(300); // the preview's fonts and scroll position settle
  await page.screenshot({ path: join(options.out, 'rule-page.png') });
  say('rule-page.png');
  await runCommand(page, 'View: Close All Editors');
  await runCommand(page, 'View: Hide Panel');
  await quickOpen(page, 'needs-fixes.scaling.json');
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
    const value = editorLine(page, 'SageMakerVariantInvocationsPerInstance')
      .locator('span', { hasText: /^"?SageMakerVariantInvocationsPerInstance"?$/ })
      .first();
    await value.dblclick();
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Control+Space');
    await page.locator('.suggest-widget .monaco-list-row').first().waitFor({ timeout: 15_000 });
    await settled(page.locator('.suggest-widget'));
    await page.screenshot({ path: join(options.out, 'completion.png') });
    const shown = await page.locator('.suggest-widget .monaco-list-row').first().getAttribute('aria-setsize');
    say(`completion.png (${shown} proposals shown)`);
  }
  await simulationPictures(page);
  if (moto) await awsPictures(page);
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
