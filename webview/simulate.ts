// The simulation panel's page (bundled to dist/webview/simulate.js). It draws what the
// extension host posts — the chart, the summary, the activities, a text table — and posts
// back what the person changes. No computation here: every run happens in the extension
// host (client/simulate/panel.ts), so the page stays small and the numbers are the CLI's.
//
// The chart is uPlot (canvas, ~50 kB minified, made for time series): capacities as step
// lines on the left axis, demand and the metrics on the right, alarm states as lanes along
// the bottom, and each scaling activity as a marker whose tooltip gives AWS's cause.
// Colours come from the theme's CSS variables and are read again when the theme changes.
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import './simulate.css';
import type { ChartData, ChartEvent, FromWebview, PanelControls, ToWebview } from '../core/simulate';

declare function acquireVsCodeApi(): { postMessage(message: FromWebview): void };
const vscode = acquireVsCodeApi();

// ---------------------------------------------------------------------------------------
// Small DOM helpers: elements are built with createElement and textContent, never from
// HTML strings, so nothing the file or a load says can become markup.

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<Record<'className' | 'id' | 'textContent' | 'title' | 'type' | 'htmlFor' | 'value', string>> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) (node as unknown as Record<string, string>)[key] = value;
  for (const child of children) node.append(child);
  return node;
}

const PRESETS: Record<string, string> = {
  constant: 'constant(600)',
  step: 'step(300, 1500, at=2h)',
  ramp: 'ramp(200, 2400, over=3h, at=1h)',
  daily: 'daily(200, 2400, at=14:00)',
  spike: 'constant(400) + spike(3000, at=6h, for=15m)',
};

const FIELDS: {
  key: Exclude<keyof PanelControls['inputs'], 'legacyNoZero'>;
  label: string;
  placeholder: string;
  hint: string;
}[] = [
  { key: 'start', label: 'Start', placeholder: 'today 00:00 UTC', hint: 'ISO-8601, e.g. 2026-07-01T00:00:00Z' },
  { key: 'duration', label: 'Duration', placeholder: '1d', hint: '90s, 5m, 6h, 2d' },
  { key: 'capacity', label: 'Initial capacity', placeholder: 'MinCapacity', hint: 'instances at the start' },
  { key: 'provisioning', label: 'Provisioning delay', placeholder: '5m', hint: 'scale-out → InService' },
  { key: 'deprovisioning', label: 'Deprovisioning delay', placeholder: '1m', hint: 'scale-in → done' },
  { key: 'metricLag', label: 'Metric lag', placeholder: '60s', hint: 'datapoint → visible to alarms' },
  { key: 'price', label: 'Price per instance-hour', placeholder: 'USD', hint: 'for the cost' },
  { key: 'maxPerInstance', label: 'Most one instance serves', placeholder: 'none', hint: 'for under-provisioning' },
];

// ---------------------------------------------------------------------------------------
// The page's parts.

const app = document.getElementById('app')!;
app.textContent = '';

const heading = el('h1', { id: 'heading', textContent: 'Simulation' });
const targetSelect = el('select', { id: 'target' });
const targetRow = el(
  'div',
  { className: 'row' },
  el('label', { htmlFor: 'target', textContent: 'Target' }),
  targetSelect,
);

const sourceSelect = el('select', { id: 'source' });
for (const [value, label] of [
  ['pattern', 'Pattern'],
  ['file', 'Load file (CSV or get-metric-data JSON)'],
  ['cloudwatch', "The endpoint's own history from CloudWatch"],
])
  sourceSelect.append(el('option', { value: value!, textContent: label! }));
const presetSelect = el('select', { id: 'preset' });
presetSelect.append(el('option', { value: '', textContent: 'Insert a shape…' }));
for (const [name, spec] of Object.entries(PRESETS))
  presetSelect.append(el('option', { value: spec, textContent: name }));
const patternInput = el('input', { id: 'pattern', type: 'text' });
patternInput.spellcheck = false;
const patternHelp = el('p', { className: 'hint', id: 'pattern-help' });
patternInput.setAttribute('aria-describedby', 'pattern-help');
const patternPart = el(
  'div',
  { className: 'part' },
  el('div', { className: 'row' }, el('label', { htmlFor: 'pattern', textContent: 'Pattern' }), patternInput),
  el(
    'div',
    { className: 'row' },
    el('label', { htmlFor: 'preset', textContent: 'Shapes' }),
    presetSelect,
    el('details', { className: 'syntax' }, el('summary', { textContent: 'Syntax' }), patternHelp),
  ),
);
const fileButton = el('button', { id: 'choose-file', type: 'button', textContent: 'Choose load file…' });
const fileName = el('span', { className: 'hint', id: 'file-name', textContent: 'none chosen' });
const filePart = el('div', { className: 'part' }, el('div', { className: 'row' }, fileButton, fileName));
const daysInput = el('input', { id: 'days', type: 'number' });
daysInput.min = '1';
daysInput.max = '15';
daysInput.step = '1';
const refetchButton = el('button', { id: 'refetch', type: 'button', textContent: 'Read again' });
const cloudPart = el(
  'div',
  { className: 'part' },
  el(
    'div',
    { className: 'row' },
    el('label', { htmlFor: 'days', textContent: 'Last days (1–15)' }),
    daysInput,
    refetchButton,
  ),
  el('p', {
    className: 'hint',
    textContent:
      'Invocations (Sum per minute) and the metrics the policies read, with your own AWS settings. CloudWatch keeps 1-minute data for 15 days. A replay shows the traffic that was served, not what was refused.',
  }),
);
const loadSet = el(
  'fieldset',
  {},
  el('legend', { textContent: 'Load' }),
  el('div', { className: 'row' }, el('label', { htmlFor: 'source', textContent: 'From' }), sourceSelect),
  patternPart,
  filePart,
  cloudPart,
);

const inputs = new Map<string, HTMLInputElement>();
const paramGrid = el('div', { className: 'grid' });
for (const field of FIELDS) {
  const input = el('input', { id: `p-${field.key}`, type: 'text', title: field.hint });
  input.placeholder = field.placeholder;
  input.spellcheck = false;
  inputs.set(field.key, input);
  paramGrid.append(el('label', { htmlFor: input.id, textContent: field.label }), input);
}
const legacy = el('input', { id: 'p-legacy', type: 'checkbox' });
paramGrid.append(
  el('label', { htmlFor: 'p-legacy', textContent: 'No datapoints at zero traffic (before 2021)' }),
  legacy,
);
const paramSet = el('fieldset', {}, el('legend', { textContent: 'Parameters' }), paramGrid);

const status = el('div', { id: 'status', className: 'status' });
status.setAttribute('role', 'status');
const problem = el('div', { id: 'problem', className: 'problem hidden' });
problem.setAttribute('role', 'alert');

const chartBox = el('div', { id: 'chart', className: 'chart' });
chartBox.setAttribute('role', 'img');
const resetZoom = el('button', { id: 'reset-zoom', type: 'button', textContent: 'Show the whole run' });
const laneLegend = el('p', { className: 'hint', id: 'lanes' });
const tooltip = el('div', { id: 'tooltip', className: 'tooltip hidden' });
tooltip.setAttribute('role', 'tooltip');
const results = el('section', { id: 'results' });

app.append(
  heading,
  targetRow,
  el('div', { className: 'controls' }, loadSet, paramSet),
  status,
  problem,
  el('div', { className: 'chart-wrap' }, chartBox, tooltip),
  el('div', { className: 'row' }, resetZoom, laneLegend),
  results,
);

// ---------------------------------------------------------------------------------------
// Controls → extension host.

let controls: PanelControls | undefined;

function showSource(): void {
  const source = sourceSelect.value;
  patternPart.classList.toggle('hidden', source !== 'pattern');
  filePart.classList.toggle('hidden', source !== 'file');
  cloudPart.classList.toggle('hidden', source !== 'cloudwatch');
}

function readControls(): PanelControls {
  const values: PanelControls['inputs'] = { legacyNoZero: legacy.checked };
  for (const [key, input] of inputs) (values as Record<string, string>)[key] = input.value;
  return {
    source: sourceSelect.value as PanelControls['source'],
    pattern: patternInput.value,
    ...(controls?.file ? { file: controls.file } : {}),
    days: daysInput.value,
    inputs: values,
  };
}

let typing: ReturnType<typeof setTimeout> | undefined;
function sendControls(delay: number): void {
  if (typing) clearTimeout(typing);
  typing = setTimeout(() => {
    controls = readControls();
    vscode.postMessage({ type: 'controls', controls });
  }, delay);
}

sourceSelect.addEventListener('change', () => {
  showSource();
  sendControls(0);
});
patternInput.addEventListener('input', () => sendControls(400));
presetSelect.addEventListener('change', () => {
  if (!presetSelect.value) return;
  patternInput.value = presetSelect.value;
  presetSelect.value = '';
  sendControls(0);
  patternInput.focus();
});
daysInput.addEventListener('change', () => sendControls(0));
for (const input of inputs.values()) input.addEventListener('input', () => sendControls(500));
legacy.addEventListener('change', () => sendControls(0));
fileButton.addEventListener('click', () => vscode.postMessage({ type: 'chooseFile' }));
refetchButton.addEventListener('click', () => vscode.postMessage({ type: 'refetch' }));
targetSelect.addEventListener('change', () => vscode.postMessage({ type: 'target', target: targetSelect.value }));
resetZoom.addEventListener('click', () => {
  if (chart && data) chart.setScale('x', { min: data.times[0]!, max: data.times[data.times.length - 1]! });
});

function applyState(message: Extract<ToWebview, { type: 'state' }>): void {
  controls = message.controls;
  heading.textContent = `Simulate ${message.file}`;
  targetSelect.textContent = '';
  for (const id of message.targets) targetSelect.append(el('option', { value: id, textContent: id }));
  targetSelect.value = message.target;
  targetRow.classList.toggle('hidden', message.targets.length < 2);
  sourceSelect.value = message.controls.source;
  if (document.activeElement !== patternInput) patternInput.value = message.controls.pattern;
  patternHelp.textContent = `Terms add up, columns are separated by ";": ${message.patternHelp.replace(/^a pattern is /, '')}`;
  fileName.textContent = message.controls.file ?? 'none chosen';
  daysInput.value = message.controls.days;
  for (const [key, input] of inputs)
    if (document.activeElement !== input) input.value = (message.controls.inputs as Record<string, string>)[key] ?? '';
  legacy.checked = message.controls.inputs.legacyNoZero === true;
  showSource();
}

// ---------------------------------------------------------------------------------------
// The chart.

interface Palette {
  foreground: string;
  grid: string;
  demand: string;
  metrics: string[];
  desired: string;
  inService: string;
  bounds: string;
  alarm: string;
  insufficient: string;
  scaleOut: string;
  scaleIn: string;
  scheduled: string;
  width: number;
}

function palette(): Palette {
  const style = getComputedStyle(document.body);
  const get = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  const contrast = document.body.classList.contains('vscode-high-contrast');
  return {
    foreground: get('--vscode-editor-foreground', '#888'),
    grid: get('--vscode-charts-lines', 'rgba(128,128,128,0.35)'),
    demand: get('--vscode-charts-blue', '#3794ff'),
    metrics: [get('--vscode-charts-yellow', '#cca700'), get('--vscode-charts-orange', '#d18616')],
    desired: get('--vscode-charts-purple', '#b180d7'),
    inService: get('--vscode-charts-green', '#89d185'),
    bounds: get('--vscode-descriptionForeground', '#999'),
    alarm: get('--vscode-charts-red', '#f14c4c'),
    insufficient: get('--vscode-disabledForeground', '#888'),
    scaleOut: get('--vscode-charts-green', '#89d185'),
    scaleIn: get('--vscode-charts-blue', '#3794ff'),
    scheduled: get('--vscode-charts-purple', '#b180d7'),
    width: contrast ? 2.5 : 1.5,
  };
}

let chart: uPlot | undefined;
let data: ChartData | undefined;
let layout = '';
let colors = palette();
const LANE = 7;

const fmt = (v: number | null | undefined, digits = 2) =>
  v === null || v === undefined ? '–' : String(Math.round(v * 10 ** digits) / 10 ** digits);
const utc = (seconds: number) => new Date(seconds * 1000).toISOString().slice(0, 16).replace('T', ' ');

function plotData(d: ChartData): uPlot.AlignedData {
  return [
    d.times,
    d.desired,
    d.inService,
    d.min,
    d.max,
    d.demand,
    ...d.metrics.map((m) => m.values),
  ] as uPlot.AlignedData;
}

function drawMarkers(u: uPlot): void {
  if (!data) return;
  const { ctx } = u;
  const { left, top, width, height } = u.bbox;
  const ratio = devicePixelRatio;
  ctx.save();
  // Alarm lanes along the bottom: red while in ALARM, grey while INSUFFICIENT_DATA.
  data.alarms.forEach((alarm, lane) => {
    const y = top + height - (lane + 1) * (LANE + 2) * ratio;
    for (const run of alarm.runs) {
      const x0 = Math.max(left, u.valToPos(run.from, 'x', true));
      const x1 = Math.min(left + width, u.valToPos(run.to, 'x', true));
      if (x1 <= x0) continue;
      ctx.globalAlpha = run.state === 'ALARM' ? 0.75 : 0.45;
      ctx.fillStyle = run.state === 'ALARM' ? colors.alarm : colors.insufficient;
      ctx.fillRect(x0, y, x1 - x0, LANE * ratio);
    }
  });
  // Activities: a line down the plot and a triangle at the top, pointing the way capacity went.
  ctx.globalAlpha = 0.9;
  for (const a of data.activities) {
    const x = u.valToPos(a.time, 'x', true);
    if (x < left || x > left + width) continue;
    const color = a.kind === 'scheduled' ? colors.scheduled : a.to > a.from ? colors.scaleOut : colors.scaleIn;
    ctx.strokeStyle = color;
    ctx.fillStyle = color;
    ctx.lineWidth = ratio;
    ctx.setLineDash([3 * ratio, 3 * ratio]);
    ctx.beginPath();
    ctx.moveTo(x, top);
    ctx.lineTo(x, top + height);
    ctx.stroke();
    ctx.setLineDash([]);
    const s = 5 * ratio;
    ctx.beginPath();
    if (a.to >= a.from) {
      ctx.moveTo(x - s, top + s * 1.6);
      ctx.lineTo(x + s, top + s * 1.6);
      ctx.lineTo(x, top);
    } else {
      ctx.moveTo(x - s, top);
      ctx.lineTo(x + s, top);
      ctx.lineTo(x, top + s * 1.6);
    }
    ctx.fill();
  }
  ctx.restore();
}

/** The capacity an event went from and to ("4 → 6"), or the one it stayed at. */
const capacityChange = (a: ChartEvent) => (a.from === a.to ? String(a.to) : `${a.from} → ${a.to}`);

function eventText(a: ChartEvent): string {
  return `${utc(a.time)} UTC  ${a.kind} by ${a.source}: ${capacityChange(a)}\n${a.reason}${a.completesAt ? `\ncompleted ${utc(a.completesAt)}` : ''}`;
}

/** The activity under the cursor (within 6 px), for the tooltip. */
function showTooltip(u: uPlot): void {
  const left = u.cursor.left ?? -1;
  if (!data || left < 0) {
    tooltip.classList.add('hidden');
    return;
  }
  let best: ChartEvent | undefined;
  let distance = 6;
  for (const a of data.activities) {
    const d = Math.abs(u.valToPos(a.time, 'x') - left);
    if (d <= distance) {
      best = a;
      distance = d;
    }
  }
  if (!best) {
    tooltip.classList.add('hidden');
    return;
  }
  tooltip.textContent = eventText(best);
  tooltip.classList.remove('hidden');
  const x = u.valToPos(best.time, 'x') + u.over.offsetLeft;
  const room = chartBox.clientWidth - tooltip.offsetWidth - 8;
  tooltip.style.left = `${Math.max(0, Math.min(room, x + 10))}px`;
  tooltip.style.top = `${u.over.offsetTop + 8}px`;
}

function makeChart(d: ChartData): uPlot {
  colors = palette();
  const axis = { stroke: colors.foreground, grid: { stroke: colors.grid, width: 1 }, ticks: { stroke: colors.grid } };
  const step = uPlot.paths.stepped!({ align: 1 });
  const capacity = (label: string, stroke: string, width: number, dash?: number[]): uPlot.Series => ({
    label,
    scale: 'n',
    stroke,
    width,
    paths: step,
    value: (_u, v) => fmt(v, 0),
    ...(dash ? { dash } : {}),
  });
  const series: uPlot.Series[] = [
    { label: 'Time (UTC)', value: (_u, v) => (v === null ? '–' : utc(v)) },
    capacity('Desired', colors.desired, colors.width + 0.5, [6, 3]),
    capacity('InService', colors.inService, colors.width + 1),
    capacity('Min', colors.bounds, colors.width, [2, 3]),
    capacity('Max', colors.bounds, colors.width, [8, 4]),
    {
      label: d.demandName ? `Demand (${d.demandName})` : 'Demand',
      scale: 'd',
      stroke: colors.demand,
      width: colors.width,
      value: (_u, v) => fmt(v),
      show: d.demand.length > 0,
    },
    ...d.metrics.map((m, i): uPlot.Series => ({
      label: m.name,
      scale: 'm',
      stroke: colors.metrics[i % colors.metrics.length]!,
      width: colors.width,
      value: (_u, v) => fmt(v),
    })),
  ];
  const opts: uPlot.Options = {
    width: Math.max(320, chartBox.clientWidth),
    height: 360,
    tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
    scales: { x: { time: true }, n: { range: (_u, _min, max) => [0, Math.max(1, max) * 1.15] }, d: {}, m: {} },
    axes: [
      {
        ...axis,
        // 24-hour UTC times, the date under each midnight (the engine's clock is UTC).
        values: (_u, splits) =>
          splits.map((v) => {
            const iso = new Date(v * 1000).toISOString();
            return iso.slice(11, 16) === '00:00' ? `${iso.slice(11, 16)}\n${iso.slice(0, 10)}` : iso.slice(11, 16);
          }),
      },
      { ...axis, scale: 'n', label: 'Instances', size: 50 },
      { ...axis, scale: 'd', side: 1, label: d.demandName ?? 'Demand', size: 70, grid: { show: false } },
      {
        ...axis,
        scale: 'm',
        side: 1,
        label: d.metrics.map((m) => m.name).join(', ') || 'Metric',
        size: 70,
        grid: { show: false },
      },
    ],
    series,
    cursor: { drag: { x: true, y: false } },
    legend: { live: true },
    padding: [14, 8, d.alarms.length * (LANE + 2) + 4, 8],
    hooks: { draw: [drawMarkers], setCursor: [showTooltip] },
  };
  return new uPlot(opts, plotData(d), chartBox);
}

function draw(d: ChartData): void {
  data = d;
  const shape = `${d.metrics.map((m) => m.name).join(',')}|${d.demandName ?? ''}|${d.alarms.length}|${document.body.className}`;
  if (chart && shape === layout) {
    const { min, max } = chart.scales.x ?? {};
    const zoomed = min !== undefined && max !== undefined && (min > d.times[0]! || max < d.times[d.times.length - 1]!);
    chart.setData(plotData(d), !zoomed);
  } else {
    chart?.destroy();
    chartBox.textContent = '';
    chart = makeChart(d);
    layout = shape;
  }
  laneLegend.textContent =
    d.alarms.length === 0
      ? ''
      : `Alarm lanes, bottom up: ${d.alarms.map((a) => a.name).join('; ')} — red while in ALARM, grey while INSUFFICIENT_DATA. Markers: ▲ scale-out or scheduled, ▼ scale-in; hover one for its cause.`;
  chartBox.setAttribute(
    'aria-label',
    `Chart of ${d.target}: demand, ${d.metrics.map((m) => m.name).join(', ')}, desired and InService capacity between Min and Max, ${d.activities.length} scaling activities. The tables below say the same in text.`,
  );
}

new ResizeObserver(() => {
  if (chart) chart.setSize({ width: Math.max(320, chartBox.clientWidth), height: 360 });
}).observe(chartBox);

// A theme change switches the body's class and rewrites the theme's variables on <html>
// (VS Code may set them after the page first draws): draw again with the new colours,
// once per frame.
let recolour = 0;
const themeChanged = new MutationObserver(() => {
  if (!data || recolour) return;
  recolour = requestAnimationFrame(() => {
    recolour = 0;
    if (JSON.stringify(palette()) === JSON.stringify(colors) || !data) return;
    layout = '';
    draw(data);
  });
});
themeChanged.observe(document.body, { attributes: true, attributeFilter: ['class'] });
themeChanged.observe(document.documentElement, { attributes: true, attributeFilter: ['style', 'class'] });

// ---------------------------------------------------------------------------------------
// The text: summary, activities, blocked decisions, the capacity table, notes.

function table(caption: string, headers: string[], rows: string[][]): HTMLTableElement {
  const t = el('table', {}, el('caption', { textContent: caption }));
  const head = el('tr');
  for (const h of headers) {
    const th = el('th', { textContent: h });
    th.scope = 'col';
    head.append(th);
  }
  t.append(el('thead', {}, head));
  const body = el('tbody');
  for (const row of rows) body.append(el('tr', {}, ...row.map((cell) => el('td', { textContent: cell }))));
  t.append(body);
  return t;
}

function renderText(d: ChartData, warnings: string[]): void {
  results.textContent = '';
  const summary = el('dl', { id: 'summary', className: 'summary' });
  for (const row of d.summary)
    summary.append(el('dt', { textContent: row.label }), el('dd', { textContent: row.value }));
  results.append(el('h2', { textContent: 'Summary' }), summary);
  const notes = [...d.notes, ...warnings];
  if (notes.length > 0) {
    const list = el('ul', { className: 'notes' });
    for (const note of notes) list.append(el('li', { textContent: note }));
    results.append(el('h2', { textContent: 'Notes' }), list);
  }
  results.append(
    el('h2', { textContent: 'Scaling activities' }),
    d.activities.length === 0
      ? el('p', { textContent: 'None: no policy or scheduled action changed capacity.' })
      : table(
          'Every scaling activity, with its cause in AWS’s words (times UTC)',
          ['Time', 'Kind', 'By', 'Capacity', 'Cause'],
          d.activities.map((a) => [utc(a.time), a.kind, a.source, capacityChange(a), a.reason]),
        ),
  );
  if (d.blocked.length > 0) {
    const details = el(
      'details',
      {},
      el('summary', { textContent: `Decisions that did not scale (${d.blocked.length})` }),
    );
    details.append(
      table(
        'Policy invocations that changed nothing, and why',
        ['Time', 'By', 'Why', 'Repeated until'],
        d.blocked.map((a) => [utc(a.time), a.source, a.reason, a.until ? utc(a.until) : '']),
      ),
    );
    results.append(details);
  }
  const details = el(
    'details',
    { id: 'data-table' },
    el('summary', { textContent: 'Capacity table (the chart as text)' }),
  );
  details.append(
    table(
      `Each minute capacity or its bounds changed (times UTC)${d.tableOmitted ? `; ${d.tableOmitted} more rows left out` : ''}`,
      ['Time', d.demandName ? `Demand (${d.demandName})` : 'Demand', 'Desired', 'InService', 'Min', 'Max'],
      d.table.map((r) => [
        utc(r.time),
        fmt(r.demand),
        String(r.desired),
        String(r.inService),
        String(r.min),
        String(r.max),
      ]),
    ),
  );
  results.append(details);
}

// ---------------------------------------------------------------------------------------
// Extension host → page.

let stale = false;

function setStale(value: boolean): void {
  stale = value;
  chartBox.classList.toggle('stale', value);
  results.classList.toggle('stale', value);
}

function report(run: number): void {
  if (!data) return;
  vscode.postMessage({
    type: 'rendered',
    run,
    points: chart?.data[0].length ?? 0,
    series: chart?.series.slice(1).map((s) => String(s.label ?? '')) ?? [],
    summary: [...results.querySelectorAll('#summary dt')].map(
      (dt) => `${dt.textContent}: ${dt.nextElementSibling?.textContent ?? ''}`,
    ),
    stale,
  });
}

window.addEventListener('message', (event: MessageEvent<ToWebview>) => {
  const message = event.data;
  switch (message.type) {
    case 'state':
      applyState(message);
      return;
    case 'busy':
      status.textContent = message.message;
      return;
    case 'result':
      problem.classList.add('hidden');
      problem.textContent = '';
      setStale(false);
      draw(message.data);
      renderText(message.data, message.warnings);
      status.textContent = `Simulated ${message.data.times.length.toLocaleString('en-US')} minutes of ${message.load} in ${message.elapsedMs} ms.`;
      report(message.run);
      return;
    case 'problem': {
      problem.textContent = '';
      problem.append(el('strong', { textContent: message.title }));
      if (message.problems.length > 0) {
        const list = el('ul');
        for (const p of message.problems.slice(0, 20)) list.append(el('li', { textContent: p }));
        if (message.problems.length > 20)
          list.append(el('li', { textContent: `and ${message.problems.length - 20} more` }));
        problem.append(list);
      }
      problem.classList.remove('hidden');
      status.textContent = data ? 'Showing the last run that worked, greyed, until this is fixed.' : '';
      setStale(data !== undefined);
      report(message.run);
      return;
    }
  }
});

vscode.postMessage({ type: 'ready' });
