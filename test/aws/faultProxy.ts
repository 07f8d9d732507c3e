import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';

// A loopback HTTP proxy between the SDK and moto_server that injects the faults moto never
// gives: throttling, 5xx, dropped connections, concurrent updates, access denied, and
// answers calls moto lacks with canned responses. It matches on the operation of the
// X-Amz-Target header (JSON protocols: Application Auto Scaling, SageMaker, CloudWatch)
// and passes everything else through untouched.

export type Fault =
  | { kind: 'throttle' }
  | { kind: 'concurrent' }
  | { kind: 'denied' }
  | { kind: 'status'; status: number }
  /** An HTML error page with this status, as a gateway (or moto, for a call it lacks) answers. */
  | { kind: 'page'; status: number }
  /** Closes the connection before moto sees the request: nothing happened. */
  | { kind: 'drop' }
  /** Forwards the request, then closes the connection instead of answering: it happened, the caller does not know. */
  | { kind: 'dropAfter' }
  | { kind: 'canned'; body: unknown };

export interface FaultRule {
  /** The operation, such as PutScalingPolicy. */
  operation: string;
  fault: Fault;
  /** How many matching requests get the fault; Infinity for all. Default 1. */
  times?: number;
}

/** A token bucket shared by the operations named: as AWS throttles an account's request rate per API. */
export interface RateLimit {
  operations: readonly string[];
  perSecond: number;
  burst: number;
}

export interface FaultProxy {
  endpoint: string;
  /** Adds a rule; rules are tried in the order added. */
  add(rule: FaultRule): void;
  /** Answers the operations with ThrottlingException beyond the rate (after the rules); clear() removes it. */
  limitRate(limit: RateLimit): void;
  clear(): void;
  /** Every request seen: operation and what happened to it. */
  seen: { operation: string; outcome: 'forwarded' | Fault['kind'] }[];
  close(): Promise<void>;
}

function operationOf(req: IncomingMessage): string {
  const target = req.headers['x-amz-target'];
  const value = Array.isArray(target) ? target[0] : target;
  return value ? value.slice(value.lastIndexOf('.') + 1) : '';
}

function jsonError(res: ServerResponse, status: number, type: string, message: string): void {
  const body = JSON.stringify({ __type: type, message });
  res.writeHead(status, {
    'content-type': 'application/x-amz-json-1.1',
    'x-amzn-requestid': `proxy-${Date.now()}`,
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}

/** Starts the proxy on a free loopback port, forwarding to `target` (http://127.0.0.1:port). */
export function startFaultProxy(target: string): Promise<FaultProxy> {
  const upstream = new URL(target);
  const rules: (FaultRule & { left: number })[] = [];
  const seen: FaultProxy['seen'] = [];
  let bucket: { limit: RateLimit; tokens: number; at: number } | undefined;

  const forward = (req: IncomingMessage, body: Buffer, res: ServerResponse | undefined, drop: () => void) => {
    const upstreamReq = httpRequest(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      (upstreamRes) => {
        if (!res) {
          upstreamRes.resume();
          upstreamRes.on('end', drop);
          return;
        }
        res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
        upstreamRes.pipe(res);
      },
    );
    upstreamReq.on('error', () => drop());
    upstreamReq.end(body);
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const operation = operationOf(req);
      const rule = rules.find((r) => r.operation === operation && r.left > 0);
      const drop = () => req.socket.destroy();
      if (!rule && bucket && bucket.limit.operations.includes(operation)) {
        const now = Date.now();
        bucket.tokens = Math.min(
          bucket.limit.burst,
          bucket.tokens + ((now - bucket.at) / 1000) * bucket.limit.perSecond,
        );
        bucket.at = now;
        if (bucket.tokens < 1) {
          seen.push({ operation, outcome: 'throttle' });
          return jsonError(res, 400, 'ThrottlingException', 'Rate exceeded');
        }
        bucket.tokens -= 1;
      }
      if (!rule) {
        seen.push({ operation, outcome: 'forwarded' });
        forward(req, body, res, drop);
        return;
      }
      rule.left--;
      const fault = rule.fault;
      seen.push({ operation, outcome: fault.kind });
      switch (fault.kind) {
        case 'throttle':
          return jsonError(res, 400, 'ThrottlingException', 'Rate exceeded');
        case 'concurrent':
          return jsonError(
            res,
            400,
            'ConcurrentUpdateException',
            'You already have a pending update to an Auto Scaling resource.',
          );
        case 'denied':
          return jsonError(
            res,
            400,
            'AccessDeniedException',
            `User: arn:aws:iam::123456789012:user/ci is not authorized to perform: application-autoscaling:${operation}`,
          );
        case 'status':
          return jsonError(res, fault.status, 'InternalServiceException', 'The service is unavailable.');
        case 'page': {
          const page = `<html><head><title>${fault.status} Error</title></head><body><h1>Error</h1></body></html>`;
          res.writeHead(fault.status, { 'content-type': 'text/html', 'content-length': Buffer.byteLength(page) });
          res.end(page);
          return;
        }
        case 'drop':
          return drop();
        case 'dropAfter':
          return forward(req, body, undefined, drop);
        case 'canned': {
          const text = JSON.stringify(fault.body);
          res.writeHead(200, {
            'content-type': 'application/x-amz-json-1.1',
            'x-amzn-requestid': `proxy-${Date.now()}`,
            'content-length': Buffer.byteLength(text),
          });
          res.end(text);
          return;
        }
      }
    });
  });

  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      resolve({
        endpoint: `http://127.0.0.1:${port}`,
        add: (rule) => rules.push({ ...rule, left: rule.times ?? 1 }),
        limitRate: (limit) => {
          bucket = { limit, tokens: limit.burst, at: Date.now() };
        },
        clear: () => {
          bucket = undefined;
          rules.length = 0;
          seen.length = 0;
        },
        seen,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
