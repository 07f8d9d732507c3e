// What the editor's simulation panel and its webview say to each other (postMessage, both
// ways). The webview only draws and reports what the person changed; the extension host
// reads the file and the load, runs the engine and sends the chart's data. Plain types, so
// both sides compile against the same contract.
import type { ChartData } from './chart';
import type { SimulationInputs } from './options';

/** Where the load comes from. */
export type LoadSource = 'pattern' | 'file' | 'cloudwatch';

/** The panel's controls, as typed: the load and the run's options. */
export interface PanelControls {
  source: LoadSource;
  /** A pattern in the engine's syntax: `daily(200, 2400, at=14:00) + spike(3000, at=26h, for=10m)`. */
  pattern: string;
  /** The load file's path (source `file`). */
  file?: string;
  /** Days of CloudWatch history (source `cloudwatch`), 1 to 15. */
  days: string;
  inputs: SimulationInputs;
}

/** Extension host → webview. */
export type ToWebview =
  | {
      type: 'state';
      controls: PanelControls;
      /** The file's name, and its targets' ResourceIds (the one shown first). */
      file: string;
      target: string;
      targets: string[];
      patternHelp: string;
    }
  | {
      type: 'result';
      /** Counts runs, so the webview can say which one it drew. */
      run: number;
      data: ChartData;
      /** What the load is, in words: "pattern daily(…)", "load.csv", "CloudWatch, last 7 days". */
      load: string;
      warnings: string[];
      /** Milliseconds the extension host took: lint, load, simulate, chart data. */
      elapsedMs: number;
    }
  | {
      type: 'problem';
      run: number;
      /** One line: what stopped the run. */
      title: string;
      /** The details, each a line (the CLI's messages). */
      problems: string[];
    }
  | { type: 'busy'; message: string };

/** Webview → extension host. */
export type FromWebview =
  | { type: 'ready' }
  | { type: 'controls'; controls: PanelControls }
  | { type: 'target'; target: string }
  | { type: 'chooseFile' }
  | { type: 'refetch' }
  /** Sent after drawing a result: what the chart and the summary show, for tests and the log. */
  | { type: 'rendered'; run: number; points: number; series: string[]; summary: string[]; stale: boolean };
