import * as vscode from 'vscode';
import { callInfoOf, ConfigurationError, explainAwsError } from '../aws/errors';
import {
  createClients,
  resolveSettings,
  type AwsClients,
  type AwsSettings,
  type CallRecord,
  type ResolvedSettings,
} from '../aws/session';
import { fetchCallerIdentity } from '../aws/identity';
import { getAwsSettings } from './settings';

// The AWS session of the extension: SDK clients built from the user-level settings (and,
// for tests and local stand-ins, the environment), every call logged as one line of the
// log channel. Credentials stay inside the SDK's provider chain: nothing here reads,
// stores, logs or shows them.

/** Read by the e2e tests to point the extension at a local stand-in without touching user settings. */
const TEST_ENDPOINT_VARIABLE = 'SAGEMAKER_SCALING_TEST_ENDPOINT_URL';

/** What the status bar and the tree's description show. */
export interface SessionDescription {
  /** The profile name, or "default chain" when none is named. */
  profileLabel: string;
  profileNamed: boolean;
  region: string | undefined;
  regionSource: ResolvedSettings['regionSource'];
  /** The endpoint override of the Application Auto Scaling client, when there is one. */
  endpoint: string | undefined;
  /** The account id of the credentials, once an AWS call has learnt it (GetCallerIdentity). */
  account: string | undefined;
}

/** The profile as people read it: its name, or "default chain" when none is named. */
export function profileLabel(settings: { profile: string; profileNamed: boolean }): string {
  return settings.profileNamed ? settings.profile : 'default chain';
}

/** Clients for one piece of work; release() destroys them when they were made for it alone. */
export interface Lease {
  clients: AwsClients;
  release(): void;
}

function sdkLike(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const name = (error as { name?: string }).name ?? '';
  return (
    callInfoOf(error) !== undefined ||
    '$metadata' in error ||
    error instanceof ConfigurationError ||
    /^(CredentialsProviderError|TokenProviderError)$/.test(name)
  );
}

interface Entry {
  key: string;
  clients: Promise<AwsClients>;
  /** Leases not yet released. */
  users: number;
  /** Replaced: destroyed when the last lease is released. */
  retired: boolean;
}

export class AwsSession implements vscode.Disposable {
  private shared: Entry | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when the settings the session is built from change. */
  readonly onDidChange = this.changed.event;
  private readonly accountLearnt = new vscode.EventEmitter<void>();
  /** Fires when the account id of the current settings becomes known. */
  readonly onDidLearnAccount = this.accountLearnt.event;
  /** Account ids by the credentials they belong to (profile and endpoint; the region does not change the account). */
  private readonly accounts = new Map<string, Promise<string | undefined>>();
  private readonly learnt = new Map<string, string>();

  constructor(private readonly log: vscode.LogOutputChannel) {}

  /** Profile, region and endpoint as chosen: user settings, then the test variable for the endpoint. */
  settings(): AwsSettings {
    const fromUser = getAwsSettings();
    const settings: AwsSettings = {};
    if (fromUser.profile) settings.profile = fromUser.profile;
    if (fromUser.region) settings.region = fromUser.region;
    const endpoint = fromUser.endpointUrl ?? process.env[TEST_ENDPOINT_VARIABLE]?.trim();
    if (endpoint) settings.endpointUrl = endpoint;
    return settings;
  }

  /** The profile errors should name, when the user named one. */
  profile(): string | undefined {
    return this.settings().profile ?? (process.env.AWS_PROFILE?.trim() || undefined);
  }

  /** An error in words: AWS and credential errors with their fix, anything else by its message. */
  explainError(error: unknown): string {
    if (sdkLike(error)) {
      const profile = this.profile();
      return explainAwsError(error, profile ? { profile } : {});
    }
    return error instanceof Error ? error.message : String(error);
  }

  /** Profile and region after the AWS CLI's look-up order, for the status bar. */
  async describe(): Promise<SessionDescription> {
    const resolved = await resolveSettings(this.settings());
    return {
      profileLabel: profileLabel(resolved),
      profileNamed: resolved.profileNamed,
      region: resolved.region,
      regionSource: resolved.regionSource,
      endpoint: resolved.endpoints.APPLICATION_AUTO_SCALING,
      account: this.learnt.get(this.accountKey(resolved)),
    };
  }

  private accountKey(settings: Pick<ResolvedSettings, 'profile' | 'profileNamed' | 'endpoints'>): string {
    return JSON.stringify([settings.profileNamed ? settings.profile : '', settings.endpoints.STS ?? '']);
  }

  /**
   * The account id of the clients' credentials (STS GetCallerIdentity, asked once per
   * profile and endpoint). Undefined when it cannot be read; a failure is not remembered.
   */
  account(clients: AwsClients, signal?: AbortSignal): Promise<string | undefined> {
    const key = this.accountKey(clients.settings);
    let known = this.accounts.get(key);
    if (!known) {
      known = fetchCallerIdentity(clients, signal).then(
        (identity) => {
          this.learnt.set(key, identity.Account);
          this.accountLearnt.fire();
          return identity.Account;
        },
        (error: unknown) => {
          this.accounts.delete(key);
          this.log.warn(`cannot read the account id: ${this.explainError(error)}`);
          return undefined;
        },
      );
      this.accounts.set(key, known);
    }
    return known;
  }

  private logCall = (line: string, record: CallRecord): void => {
    if (record.outcome === 'ok') this.log.info(`AWS ${line}`);
    else this.log.warn(`AWS ${line}`);
  };

  private create(settings: AwsSettings): Promise<AwsClients> {
    return createClients(settings, { log: this.logCall });
  }

  private acquire(): Entry {
    const settings = this.settings();
    const key = JSON.stringify(settings);
    if (this.shared?.key !== key) {
      this.retireShared();
      const entry: Entry = { key, clients: this.create(settings), users: 0, retired: false };
      this.shared = entry;
      // A failed creation (no region) is not kept: the next call tries again.
      entry.clients.catch(() => {
        if (this.shared === entry) this.shared = undefined;
      });
    }
    this.shared.users++;
    return this.shared;
  }

  private releaseEntry(entry: Entry): void {
    entry.users--;
    if (entry.retired && entry.users === 0)
      void entry.clients.then(
        (c) => c.destroy(),
        () => undefined,
      );
  }

  /**
   * Clients for one piece of work. A file's own Region wins over the configured one: the
   * shared clients when the regions agree, else clients of their own. Call release() when
   * done; clients replaced meanwhile (settings changed, a refresh) are destroyed only
   * once nobody uses them.
   */
  async lease(region?: string): Promise<Lease> {
    const entry = this.acquire();
    let clients: AwsClients;
    try {
      clients = await entry.clients;
    } catch (error) {
      this.releaseEntry(entry);
      // No configured region is no problem when the file names one.
      if (!region || !(error instanceof ConfigurationError)) throw error;
      const own = await this.create({ ...this.settings(), region });
      return { clients: own, release: () => own.destroy() };
    }
    if (region && clients.settings.region !== region) {
      this.releaseEntry(entry);
      const own = await this.create({ ...this.settings(), region });
      return { clients: own, release: () => own.destroy() };
    }
    let released = false;
    return {
      clients,
      release: () => {
        if (released) return;
        released = true;
        this.releaseEntry(entry);
      },
    };
  }

  /** Drops the clients and tells listeners (the settings changed). */
  reset(): void {
    this.retireShared();
    this.changed.fire();
  }

  /** Drops the clients so the next call starts afresh (new credentials after aws sso login). */
  renew(): void {
    this.retireShared();
  }

  private retireShared(): void {
    const old = this.shared;
    this.shared = undefined;
    if (!old) return;
    old.retired = true;
    if (old.users === 0)
      void old.clients.then(
        (c) => c.destroy(),
        () => undefined,
      );
  }

  dispose(): void {
    this.retireShared();
    this.changed.dispose();
    this.accountLearnt.dispose();
  }
}
