import { after, before } from 'node:test';
import type { AwsClients, CallRecord } from '../../aws/session';
import { startMoto, testClients, type Moto } from './moto';

// moto_server for one describe of the AWS tier, apart from moto.ts because node:test's
// hooks have no place in the e2e suite, which loads moto.ts inside VS Code.

export interface MotoSuite {
  /** moto_server's URL, once the suite's tests run. */
  readonly endpoint: string;
  /** testClients against moto_server, destroyed after the suite. */
  session(region: string, calls?: CallRecord[]): Promise<AwsClients>;
}

/**
 * Starts moto_server before the tests of the describe it is called in and stops it after
 * them, destroying first every session opened through it (a failed test leaves none open).
 */
export function motoForSuite(): MotoSuite {
  let moto: Moto | undefined;
  const open: AwsClients[] = [];
  before(async () => {
    moto = await startMoto();
  });
  after(async () => {
    for (const c of open) c.destroy();
    await moto?.stop();
  });
  const started = (): Moto => {
    if (!moto) throw new Error("moto_server starts in the suite's before hook");
    return moto;
  };
  return {
    get endpoint() {
      return started().endpoint;
    },
    async session(region, calls) {
      const clients = await testClients(started().endpoint, region, calls);
      open.push(clients);
      return clients;
    },
  };
}
