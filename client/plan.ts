import * as vscode from 'vscode';
import { isAbortError } from '../aws/errors';
import { fetchLiveState } from '../aws/fetchLive';
import { keptActionFindings, runLiveChecks } from '../aws/liveChecks';
import type { AwsClients } from '../aws/session';
import { desiredFromText } from '../core/plan/desired';
import type { Finding } from '../core/finding';
import type { DesiredState, LiveState } from '../core/plan/liveState';
import { diffDocuments } from '../core/plan/liveDocument';
import { countChanges, countsText, planChanges, renderPlanText } from '../core/plan/plan';
import type { Plan } from '../core/plan/planTypes';
import { profileLabel, type AwsSession, type Lease } from './aws';
import { findFileErrors, findingDiagnostic, firstErrorText, LIVE_SOURCE, ruleConfigFor } from './fileErrors';
import { getPrune } from './settings';

// From a *.scaling.json to a plan, for Show Plan and Apply: the file's errors block (all
// three layers), the live checks block (shown as diagnostics on the file), then live state
// is read, the live scheduled actions apply would keep are checked against the file's
// bounds (diagnostics too, as the CLI's plan prints them), and it is compared. The plan is shown as VS Code's diff of live vs desired, both sides
// in the canonical form the plan compares (core/plan/liveDocument.ts).

export const PLAN_SCHEME = 'sagemaker-scaling-plan';

/** The two sides of each plan shown, as read-only virtual documents. */
export class PlanDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '// This plan is no longer available: run Show Plan again.\n';
  }

  private uri(file: vscode.Uri, suffix: string): vscode.Uri {
    const stem = file.path
      .split('/')
      .pop()!
      .replace(/\.scaling\.json$/i, '')
      .replace(/\.json$/i, '');
    return vscode.Uri.from({
      scheme: PLAN_SCHEME,
      path: `/${stem}.${suffix}`,
      query: encodeURIComponent(file.toString()),
    });
  }

  private store(uri: vscode.Uri, text: string): void {
    this.texts.set(uri.toString(), text);
    this.changed.fire(uri);
  }

  /** The URIs of a file's two sides: the same for the same file, so an open diff updates. */
  uris(file: vscode.Uri): { live: vscode.Uri; desired: vscode.Uri } {
    // .jsonc: comments allowed, and no *.scaling.json, so neither our server nor the schema checks them.
    return { live: this.uri(file, 'live.jsonc'), desired: this.uri(file, 'desired.jsonc') };
  }

  /** Stores both sides for a file and returns their URIs. */
  set(file: vscode.Uri, live: string, desired: string): { live: vscode.Uri; desired: vscode.Uri } {
    const uris = this.uris(file);
    this.store(uris.live, live);
    this.store(uris.desired, desired);
    return uris;
  }

  /** Stores the whole plan of a file as text (the CLI's rendering) and returns its URI. */
  setPlanText(file: vscode.Uri, text: string): vscode.Uri {
    const uri = this.uri(file, 'plan.txt');
    this.store(uri, text);
    return uri;
  }

  dispose(): void {
    this.changed.dispose();
    this.texts.clear();
  }
}

/** What Show Plan and Apply share. */
export interface PlanDeps {
  session: AwsSession;
  log: vscode.LogOutputChannel;
  documents: PlanDocuments;
  liveDiagnostics: vscode.DiagnosticCollection;
}

/** A plan ready to show and apply; release() the lease when done. */
export interface PreparedPlan {
  document: vscode.TextDocument;
  desired: DesiredState;
  live: LiveState;
  plan: Plan;
  lease: Lease;
  region: string;
  /** The profile as people read it ("default chain" when none is named). */
  profile: string;
  /** The account id of the credentials; undefined when STS could not tell. */
  account: string | undefined;
  prune: boolean;
}

/** Why there is no plan: said to the user already; the status tells tests and callers. */
export interface PlanRefusal {
  status: 'refused' | 'cancelled';
  message: string;
}

/** The file a command is about: its argument (Explorer, editor title, tree), else the active editor's. */
export function targetFile(arg: unknown): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri) return arg;
  const fromEditor = vscode.window.activeTextEditor?.document.uri;
  return fromEditor && /\.scaling\.json$/i.test(fromEditor.path) ? fromEditor : undefined;
}

export function fileName(uri: vscode.Uri): string {
  return uri.path.split('/').pop() ?? uri.path;
}

function refuse(message: string, options: { showProblems?: boolean } = {}): PlanRefusal {
  const actions = options.showProblems ? ['Show Problems'] : [];
  void vscode.window.showErrorMessage(message, ...actions).then((choice) => {
    if (choice === 'Show Problems') void vscode.commands.executeCommand('workbench.actions.view.problems');
  });
  return { status: 'refused', message };
}

function liveDiagnostic(document: vscode.TextDocument, finding: Finding): vscode.Diagnostic {
  const diagnostic = findingDiagnostic(document, finding);
  diagnostic.source = LIVE_SOURCE;
  diagnostic.code = finding.code;
  return diagnostic;
}

/**
 * Checks the document and plans it against AWS. `verb` names the command in messages
 * ("Apply to AWS", "Show Plan"). Work against AWS runs under a cancellable notification.
 */
export async function preparePlan(
  deps: PlanDeps,
  document: vscode.TextDocument,
  verb: string,
): Promise<PreparedPlan | PlanRefusal> {
  const uri = document.uri;
  const name = fileName(uri);
  deps.liveDiagnostics.delete(uri);
  const config = await ruleConfigFor(uri);
  const errors = await findFileErrors(document, config);
  if (errors.length > 0) {
    for (const e of errors)
      deps.log.warn(`${name}:${e.range.start.line + 1}:${e.range.start.character + 1} ${e.code} ${e.message}`);
    await vscode.window.showTextDocument(document, { preview: false, preserveFocus: false });
    return refuse(
      `${verb}: ${name} has ${errors.length} error${errors.length === 1 ? '' : 's'}; fix ${errors.length === 1 ? 'it' : 'them'} first (${firstErrorText(errors)}).`,
      { showProblems: true },
    );
  }
  const text = document.getText();
  const desired = desiredFromText(text);
  if (!desired || desired.targets.length === 0) return refuse(`${verb}: ${name} lists no scalable targets.`);

  const lease = await deps.session.lease(desired.Region);
  const clients: AwsClients = lease.clients;
  const region = clients.settings.region;
  const prune = getPrune(uri);
  try {
    const result = await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: `${verb}: reading ${name}'s targets in ${region}`,
        cancellable: true,
      },
      async (_progress, token) => {
        const controller = new AbortController();
        const subscription = token.onCancellationRequested(() => controller.abort());
        try {
          const checks = await runLiveChecks(clients, text, { signal: controller.signal, config });
          for (const note of checks.skipped) deps.log.warn(`Live check skipped: ${note}`);
          if (checks.findings.length > 0)
            deps.liveDiagnostics.set(
              uri,
              checks.findings.map((f) => liveDiagnostic(document, f)),
            );
          const failed = checks.findings.filter((f) => f.severity === 'error');
          if (failed.length > 0) {
            for (const f of failed) deps.log.warn(`${name}: live check ${f.code}: ${f.message}`);
            return { failed, live: undefined };
          }
          // The account for the diff's title and the question, read while live state is.
          const [live, account] = await Promise.all([
            fetchLiveState(clients, desired.targets, { signal: controller.signal }),
            deps.session.account(clients, controller.signal),
          ]);
          // The live scheduled actions apply keeps (prune off), against the file's bounds, as the CLI's plan checks them.
          const kept = keptActionFindings(text, live, { config, prune, now: new Date() });
          if (kept.length > 0) {
            deps.liveDiagnostics.set(
              uri,
              [...checks.findings, ...kept].map((f) => liveDiagnostic(document, f)),
            );
            for (const f of kept) deps.log.warn(`${name}: live check ${f.code}: ${f.message}`);
          }
          const keptErrors = kept.filter((f) => f.severity === 'error');
          if (keptErrors.length > 0) return { failed: keptErrors, live: undefined };
          return { failed: undefined, live, account };
        } finally {
          subscription.dispose();
        }
      },
    );
    if (!result.live) {
      const failed = result.failed ?? [];
      const first = failed[0]!;
      lease.release();
      return refuse(
        `${verb}: ${failed.length} live check${failed.length === 1 ? '' : 's'} failed in ${region} (line ${document.positionAt(first.start).line + 1}: ${first.message})`,
        { showProblems: true },
      );
    }
    const plan = planChanges(desired, result.live, { prune });
    deps.log.info(
      `Plan for ${name} in ${region}${prune ? ' (prune)' : ''}:\n${renderPlanText(plan).replace(/\n$/, '')}`,
    );
    return {
      document,
      desired,
      live: result.live,
      plan,
      lease,
      region,
      profile: profileLabel(clients.settings),
      account: result.account,
      prune,
    };
  } catch (error) {
    lease.release();
    if (isAbortError(error)) return { status: 'cancelled', message: `${verb}: cancelled.` };
    throw error;
  }
}

/**
 * The diff's title: the file, which AWS (profile, region, account once known) and the
 * counts, `prod.scaling.json: AWS default chain · eu-central-1 · 123456789012 ↔ file (1 create, 0 update, 0 delete, 1 kept)`.
 */
export function planTitle(
  prepared: Pick<PreparedPlan, 'document' | 'region' | 'profile' | 'account'>,
  plan: Plan,
): string {
  const counts = countChanges(plan);
  const kept = plan.unmanaged.length > 0 ? `${plan.unmanaged.length} kept` : '';
  const changes =
    plan.changes.length > 0
      ? `${counts.create} create, ${counts.update} update, ${counts.delete} delete`
      : 'no changes';
  const aws = [prepared.profile, prepared.region, prepared.account].filter(Boolean).join(' · ');
  return `${fileName(prepared.document.uri)}: AWS ${aws} ↔ file (${[changes, kept].filter(Boolean).join(', ')})`;
}

/** The open diff editor tabs of a file's plan. */
function planDiffTabs(deps: PlanDeps, file: vscode.Uri): vscode.Tab[] {
  const { desired } = deps.documents.uris(file);
  return vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputTextDiff && t.input.modified.toString() === desired.toString());
}

/** Opens VS Code's diff editor: live on the left, the file on the right. */
export async function showPlanDiff(
  deps: PlanDeps,
  prepared: PreparedPlan,
  options: { preserveFocus?: boolean } = {},
): Promise<void> {
  const docs = diffDocuments(prepared.desired, prepared.live, prepared.plan);
  const uris = deps.documents.set(prepared.document.uri, docs.live, docs.desired);
  const title = planTitle(prepared, prepared.plan);
  // An open diff keeps the title it was opened with: it is closed first, so the new one says what it shows.
  const open = planDiffTabs(deps, prepared.document.uri).filter((t) => t.label !== title);
  if (open.length > 0) await vscode.window.tabGroups.close(open, true);
  await vscode.commands.executeCommand('vscode.diff', uris.live, uris.desired, title, {
    preview: true,
    preserveFocus: options.preserveFocus ?? false,
  });
}

/**
 * After apply: reads live state again and, if the plan's diff is still open, shows what
 * AWS has now (no difference left when everything was applied). When the state cannot be
 * read, the diff is closed rather than left showing the state before apply.
 */
export async function refreshPlanDiff(deps: PlanDeps, prepared: PreparedPlan): Promise<void> {
  if (planDiffTabs(deps, prepared.document.uri).length === 0) return;
  try {
    const live = await fetchLiveState(prepared.lease.clients, prepared.desired.targets);
    const plan = planChanges(prepared.desired, live, { prune: prepared.prune });
    await showPlanDiff(deps, { ...prepared, live, plan }, { preserveFocus: true });
  } catch (error) {
    deps.log.warn(`The plan's diff is closed: live state could not be read again: ${deps.session.explainError(error)}`);
    await vscode.window.tabGroups.close(planDiffTabs(deps, prepared.document.uri), true);
  }
}

/** Opens the whole plan (the CLI's text) beside, for a plan too long for the confirmation. */
export async function showPlanText(deps: PlanDeps, prepared: PreparedPlan): Promise<void> {
  const uri = deps.documents.setPlanText(prepared.document.uri, renderPlanText(prepared.plan));
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(document, { preview: true, viewColumn: vscode.ViewColumn.Beside });
}

/** What is live but not in the file and kept (prune is off), as a sentence; empty when nothing is. */
export function keptNote(plan: Plan): string {
  const n = plan.unmanaged.length;
  return n > 0 ? ` ${n} live object${n === 1 ? ' is' : 's are'} not in the file and kept (prune to delete).` : '';
}

/** One line: "1 to create, 2 to update, 0 to delete." plus what is live but not in the file. */
export function planHeadline(plan: Plan): string {
  return `${countsText(countChanges(plan))}.${keptNote(plan)}`;
}

/** The result of Show Plan, for callers and tests. */
export interface PlanOutcome {
  status: 'refused' | 'cancelled' | 'noChanges' | 'changes';
  message: string;
  changes?: number;
  region?: string;
}

/** sagemakerScaling.planFile: the plan of a file as a diff, applying nothing. Uses the editor's text, saved or not. */
export async function planFile(deps: PlanDeps, arg: unknown): Promise<PlanOutcome> {
  const uri = targetFile(arg);
  if (!uri) return refuse('Show Plan: open a *.scaling.json file, or right-click one in the Explorer.');
  const document = await vscode.workspace.openTextDocument(uri);
  const prepared = await preparePlan(deps, document, 'Show Plan');
  if ('status' in prepared) return prepared;
  try {
    const { plan, region } = prepared;
    if (plan.changes.length === 0) {
      const message = `No changes: AWS matches the file.${keptNote(plan)}`;
      void vscode.window.showInformationMessage(message);
      return { status: 'noChanges', message, changes: 0, region };
    }
    await showPlanDiff(deps, prepared);
    const message = `Plan for ${fileName(uri)} in ${region}: ${planHeadline(plan)}`;
    const actions = vscode.workspace.isTrusted ? ['Apply to AWS'] : [];
    void vscode.window.showInformationMessage(message, ...actions).then((choice) => {
      if (choice === 'Apply to AWS') void vscode.commands.executeCommand('sagemakerScaling.applyFile', uri);
    });
    return { status: 'changes', message, changes: plan.changes.length, region };
  } finally {
    prepared.lease.release();
  }
}
