/**
 * The cache API half of the stand-in: the three twirp JSON endpoints of
 * `github.actions.results.api.v1.CacheService` that @actions/cache's v2 client calls, with the
 * matching rules the runner's service documents:
 *   1. an exact match of the primary key (same version);
 *   2. else the newest entry whose key starts with the primary key;
 *   3. else, for each restore key in order, the newest entry whose key starts with it.
 * Archives themselves go to blob storage through signed URLs (see index.ts).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

export const SERVICE_PATH = '/twirp/github.actions.results.api.v1.CacheService/';

export interface CacheEntry {
  readonly id: number;
  readonly key: string;
  readonly version: string;
  readonly blobName: string;
  readonly createdAt: number;
  finalized: boolean;
  sizeBytes: number;
}

/** What the stand-in does to each API call: answer, refuse to connect, stall, or refuse. */
export type CacheFault =
  | { readonly kind: 'ok' }
  /** Connection refused: nothing listens on the service port. */
  | { readonly kind: 'down' }
  /** Every API call is answered only after `delayMs`. */
  | { readonly kind: 'slow'; readonly delayMs: number }
  /** Saves are refused the way the runner's service refuses them over the storage quota. */
  | { readonly kind: 'quota' }
  /** Every API call fails with this HTTP status (a twirp error body). */
  | { readonly kind: 'status'; readonly status: number };

export interface ApiCall {
  readonly method: string;
  readonly key?: string;
  readonly status: number;
}

export interface CacheApiBackend {
  signedUploadUrl(blobName: string): string;
  signedDownloadUrl(blobName: string): string;
  /** Size of the uploaded blob, or null when it was never uploaded. */
  blobSize(blobName: string): Promise<number | null>;
}

interface Reply {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

function ok(body: Record<string, unknown>): Reply {
  return { status: 200, body };
}

/** Twirp's error shape: an HTTP status plus `{code, msg}`. */
function twirpError(status: number, code: string, msg: string): Reply {
  return { status, body: { code, msg } };
}

export class CacheApi {
  readonly entries: CacheEntry[] = [];
  readonly calls: ApiCall[] = [];
  fault: CacheFault = { kind: 'ok' };
  private nextId = 1;

  constructor(
    private readonly backend: CacheApiBackend,
    private readonly token: string,
  ) {}

  /** The newest finalized entry the service would answer with, as described above. */
  lookup(primaryKey: string, restoreKeys: readonly string[], version: string): CacheEntry | undefined {
    const candidates = this.entries
      .filter((e) => e.finalized && e.version === version)
      .sort((a, b) => b.createdAt - a.createdAt || b.id - a.id);
    const exact = candidates.find((e) => e.key === primaryKey);
    if (exact) return exact;
    for (const prefix of [primaryKey, ...restoreKeys]) {
      const hit = candidates.find((e) => e.key.startsWith(prefix));
      if (hit) return hit;
    }
    return undefined;
  }

  private async call(method: string, body: Record<string, unknown>): Promise<Reply> {
    const key = typeof body['key'] === 'string' ? body['key'] : '';
    const version = typeof body['version'] === 'string' ? body['version'] : '';
    switch (method) {
      case 'GetCacheEntryDownloadURL': {
        const restoreKeys = Array.isArray(body['restore_keys']) ? body['restore_keys'].map(String) : [];
        const hit = this.lookup(key, restoreKeys, version);
        if (!hit) return ok({ ok: false });
        return ok({
          ok: true,
          signed_download_url: this.backend.signedDownloadUrl(hit.blobName),
          matched_key: hit.key,
        });
      }
      case 'CreateCacheEntry': {
        if (this.fault.kind === 'quota') {
          // the wording @actions/cache recognises as the storage quota (its UsageError)
          return twirpError(
            429,
            'resource_exhausted',
            'insufficient usage: the cache storage quota is used up',
          );
        }
        if (this.entries.some((e) => e.key === key && e.version === version)) {
          return twirpError(409, 'already_exists', `cache entry ${key} already exists`);
        }
        const id = this.nextId++;
        const entry: CacheEntry = {
          id,
          key,
          version,
          blobName: `entry-${id}.tzst`,
          createdAt: Date.now(),
          finalized: false,
          sizeBytes: 0,
        };
        this.entries.push(entry);
        return ok({ ok: true, signed_upload_url: this.backend.signedUploadUrl(entry.blobName) });
      }
      case 'FinalizeCacheEntryUpload': {
        const entry = this.entries.find((e) => e.key === key && e.version === version && !e.finalized);
        if (!entry) return ok({ ok: false, message: `no upload in progress for ${key}` });
        const size = await this.backend.blobSize(entry.blobName);
        if (size === null) return ok({ ok: false, message: `nothing was uploaded for ${key}` });
        entry.finalized = true;
        entry.sizeBytes = size;
        return ok({ ok: true, entry_id: String(entry.id) });
      }
      default:
        return twirpError(404, 'bad_route', `no method ${method}`);
    }
  }

  /** The HTTP handler for the service port. */
  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const method = (req.url ?? '').startsWith(SERVICE_PATH) ? (req.url ?? '').slice(SERVICE_PATH.length) : '';
    let body: Record<string, unknown> = {};
    try {
      body = JSON.parse(Buffer.concat(chunks).toString() || '{}') as Record<string, unknown>;
    } catch {
      // answered below as a malformed request
    }
    const key = typeof body['key'] === 'string' ? body['key'] : undefined;

    const fault = this.fault;
    if (fault.kind === 'slow') await new Promise((r) => setTimeout(r, fault.delayMs));

    let answer: Reply;
    if (req.method !== 'POST' || !method) {
      answer = twirpError(404, 'bad_route', `no route ${req.method} ${req.url}`);
    } else if (req.headers.authorization !== `Bearer ${this.token}`) {
      answer = twirpError(401, 'unauthenticated', 'missing or wrong runtime token');
    } else if (fault.kind === 'status') {
      answer = twirpError(fault.status, 'unavailable', `stand-in fault: HTTP ${fault.status}`);
    } else {
      answer = await this.call(method, body);
    }
    this.calls.push({ method, ...(key !== undefined ? { key } : {}), status: answer.status });
    if (res.destroyed) return;
    res.writeHead(answer.status, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(answer.body));
  }
}
