/**
 * A local stand-in for api.github.com on 127.0.0.1: serves the REST endpoints microb-action
 * uses, with GitHub's shapes, statuses and pagination, and records every request it received.
 *
 * - GET    /repos/{o}/{r}/issues/{n}/comments      (paginated with a `Link: rel="next"` header)
 * - POST   /repos/{o}/{r}/issues/{n}/comments
 * - PATCH  /repos/{o}/{r}/issues/comments/{id}
 * - GET    /repos/{o}/{r}/compare/{base}...{head}
 * - GET    /repos/{o}/{r}/contents/{path}?ref=
 * - GET    /user                                    (the token's own account: 403 for an integration)
 * - POST   /graphql                                 (only `viewer { login databaseId }`)
 *
 * The token's identity (`identity`) decides who authors the comments the client writes, and what
 * `GET /user` and the GraphQL `viewer` answer: a personal token is a user both can see; the
 * workflow's GITHUB_TOKEN (the default) is `github-actions[bot]`, which neither endpoint shows (GitHub
 * answers 403 "Resource not accessible by integration"); a GitHub App's installation token is
 * `<slug>[bot]`, seen by `viewer` only.
 *
 * `readOnly` answers writes 403 "Resource not accessible by integration", as GitHub does to the
 * token of a pull request from a fork; `failNext` injects 5xx answers for retry tests.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  readonly method: string;
  /** Path without the query string. */
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly authorization: string | undefined;
  readonly body: unknown;
  /** The status the stand-in answered. */
  status: number;
}

export interface StoredComment {
  id: number;
  issue: number;
  body: string;
  createdAt: string;
  updatedAt: string;
  user: string;
}

export interface ChangedFile {
  readonly filename: string;
  readonly status?: 'added' | 'modified' | 'removed' | 'renamed';
  readonly previous_filename?: string;
}

/** Who the token authenticates as. */
export interface TokenIdentity {
  readonly login: string;
  /** `user`: a personal token (`GET /user` answers); `integration`: an installation token (403). */
  readonly kind: 'user' | 'integration';
  /** Whether the GraphQL `viewer` resolves for this token (an App's token: yes; GITHUB_TOKEN: no). */
  readonly viewer: boolean;
}

/** The workflow's own GITHUB_TOKEN: comments appear as github-actions[bot]. */
export const GITHUB_ACTIONS_BOT: TokenIdentity = {
  login: 'github-actions[bot]',
  kind: 'integration',
  viewer: false,
};

/** REST user ids; github-actions[bot]'s is GitHub's real one, the rest are stable per login. */
const KNOWN_USER_IDS: Readonly<Record<string, number>> = { 'github-actions[bot]': 41898282 };

export function standInUserId(login: string): number {
  const known = KNOWN_USER_IDS[login];
  if (known !== undefined) return known;
  let h = 7;
  for (const ch of login) h = (h * 31 + ch.charCodeAt(0)) % 90_000_000;
  return 10_000_000 + h;
}

export interface StandInOptions {
  /** The token requests must carry (`Authorization: token …` or `Bearer …`); else 401. */
  readonly token: string;
  /** Who the token is (default GITHUB_ACTIONS_BOT). */
  identity?: TokenIdentity;
  /** Answer comment writes 403, like a fork PR's read-only GITHUB_TOKEN. */
  readOnly?: boolean;
  /** Comments per page when the client asks for none (GitHub's default is 30). */
  readonly defaultPerPage?: number;
}

interface InjectedFailure {
  readonly method: string;
  readonly path: RegExp;
  readonly status: number;
  remaining: number;
}

export class GitHubApiStandIn {
  readonly requests: RecordedRequest[] = [];
  readonly comments: StoredComment[] = [];
  /** `${ref}:${path}` → file text. */
  readonly files = new Map<string, string>();
  /** `${base}...${head}` → changed files. */
  readonly comparisons = new Map<string, ChangedFile[]>();
  private readonly failures: InjectedFailure[] = [];
  private nextCommentId = 1_000_001;
  private server = createServer((req, res) => void this.handle(req, res));
  url = '';

  constructor(readonly options: StandInOptions) {}

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** The next `count` requests matching `method` and `path` get `status`. */
  failNext(method: string, path: RegExp, status: number, count = 1): void {
    this.failures.push({ method, path, status, remaining: count });
  }

  setIdentity(identity: TokenIdentity): void {
    this.options.identity = identity;
  }

  get identity(): TokenIdentity {
    return this.options.identity ?? GITHUB_ACTIONS_BOT;
  }

  setReadOnly(readOnly: boolean): void {
    this.options.readOnly = readOnly;
  }

  setFile(ref: string, path: string, text: string): void {
    this.files.set(`${ref}:${path}`, text);
  }

  setComparison(base: string, head: string, files: ChangedFile[]): void {
    this.comparisons.set(`${base}...${head}`, files);
  }

  /** Requests that write (POST/PATCH a comment); a GraphQL query is a POST that only reads. */
  commentWrites(): RecordedRequest[] {
    return this.requests.filter((r) => r.method !== 'GET' && r.path !== '/graphql');
  }

  /** Comments on one issue, oldest first, as GitHub lists them. */
  commentsOn(issue: number): StoredComment[] {
    return this.comments.filter((c) => c.issue === issue);
  }

  /** Seeds a comment as if someone else wrote it (e.g. a reviewer quoting ours). */
  addComment(issue: number, body: string, user = 'octocat'): StoredComment {
    const now = new Date().toISOString();
    const comment = { id: this.nextCommentId++, issue, body, createdAt: now, updatedAt: now, user };
    this.comments.push(comment);
    return comment;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url);
    const raw = await readBody(req);
    const record: RecordedRequest = {
      method: req.method ?? 'GET',
      path: decodeURIComponent(url.pathname),
      query: Object.fromEntries(url.searchParams),
      authorization: req.headers.authorization,
      body: raw === '' ? undefined : safeJson(raw),
      status: 0,
    };
    this.requests.push(record);
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      record.status = status;
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
      res.end(body === undefined ? '' : JSON.stringify(body));
    };

    const failure = this.failures.find(
      (f) => f.remaining > 0 && f.method === record.method && f.path.test(record.path),
    );
    if (failure) {
      failure.remaining--;
      return send(failure.status, { message: 'Server Error (injected by the stand-in)' });
    }
    const token = /^(?:token|bearer) (.+)$/i.exec(record.authorization ?? '')?.[1];
    if (token !== this.options.token) {
      return send(401, { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest' });
    }
    try {
      const [status, body, headers] = this.route(record, url);
      send(status, body, headers);
    } catch (error) {
      send(500, { message: String(error) });
    }
  }

  private route(req: RecordedRequest, url: URL): [number, unknown, Record<string, string>?] {
    const notFound: [number, unknown] = [
      404,
      { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' },
    ];
    const forbidden: [number, unknown] = [
      403,
      {
        message: 'Resource not accessible by integration',
        documentation_url: 'https://docs.github.com/rest',
      },
    ];
    let m: RegExpExecArray | null;

    if ((m = /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments$/.exec(req.path))) {
      const [, owner, repo, issue] = m as unknown as [string, string, string, string];
      if (req.method === 'GET') return this.listComments(owner, repo, Number(issue), url);
      if (req.method === 'POST') {
        if (this.options.readOnly) return forbidden;
        const body = bodyText(req.body);
        if (body === undefined) return [422, { message: 'Validation Failed' }];
        return [201, this.toApi(owner, repo, this.addComment(Number(issue), body, this.identity.login))];
      }
    }
    if (
      (m = /^\/repos\/([^/]+)\/([^/]+)\/issues\/comments\/(\d+)$/.exec(req.path)) &&
      req.method === 'PATCH'
    ) {
      const [, owner, repo, id] = m as unknown as [string, string, string, string];
      if (this.options.readOnly) return forbidden;
      const comment = this.comments.find((c) => c.id === Number(id));
      const body = bodyText(req.body);
      if (!comment) return notFound;
      if (body === undefined) return [422, { message: 'Validation Failed' }];
      comment.body = body;
      comment.updatedAt = new Date().toISOString();
      return [200, this.toApi(owner, repo, comment)];
    }
    if (req.path === '/user' && req.method === 'GET') {
      const me = this.identity;
      if (me.kind === 'integration') return forbidden;
      return [200, { login: me.login, id: standInUserId(me.login), type: 'User' }];
    }
    if (req.path === '/graphql' && req.method === 'POST') return this.graphql(req);
    if ((m = /^\/repos\/([^/]+)\/([^/]+)\/compare\/(.+)$/.exec(req.path)) && req.method === 'GET') {
      const basehead = m[3] as string;
      const files = this.comparisons.get(basehead);
      if (!files) return notFound;
      const [base, head] = basehead.split('...');
      return [200, compareResponse(base ?? '', head ?? '', files)];
    }
    if ((m = /^\/repos\/([^/]+)\/([^/]+)\/contents\/(.+)$/.exec(req.path)) && req.method === 'GET') {
      const path = m[3] as string;
      const text = this.files.get(`${url.searchParams.get('ref') ?? 'main'}:${path}`);
      if (text === undefined) return notFound;
      return [200, contentResponse(path, text)];
    }
    return notFound;
  }

  private graphql(req: RecordedRequest): [number, unknown] {
    const query =
      typeof req.body === 'object' && req.body !== null ? (req.body as { query?: unknown }).query : '';
    if (typeof query !== 'string' || !/\bviewer\s*\{/.test(query)) {
      return [200, { data: null, errors: [{ message: 'the stand-in answers only viewer queries' }] }];
    }
    const me = this.identity;
    if (!me.viewer) {
      return [
        200,
        { data: null, errors: [{ type: 'FORBIDDEN', message: 'Resource not accessible by integration' }] },
      ];
    }
    return [200, { data: { viewer: { login: me.login, databaseId: standInUserId(me.login) } } }];
  }

  private listComments(
    owner: string,
    repo: string,
    issue: number,
    url: URL,
  ): [number, unknown, Record<string, string>] {
    const perPage = Math.min(
      100,
      Number(url.searchParams.get('per_page') ?? this.options.defaultPerPage ?? 30),
    );
    const page = Math.max(1, Number(url.searchParams.get('page') ?? 1));
    const all = this.commentsOn(issue);
    const slice = all.slice((page - 1) * perPage, page * perPage);
    const headers: Record<string, string> = {};
    if (page * perPage < all.length) {
      const next = new URL(url.toString());
      next.searchParams.set('page', String(page + 1));
      next.searchParams.set('per_page', String(perPage));
      headers['link'] = `<${next.toString()}>; rel="next"`;
    }
    return [200, slice.map((c) => this.toApi(owner, repo, c)), headers];
  }

  private toApi(owner: string, repo: string, c: StoredComment): Record<string, unknown> {
    const bot = c.user.endsWith('[bot]');
    return {
      id: c.id,
      node_id: `IC_kwDO${c.id}`,
      url: `${this.url}/repos/${owner}/${repo}/issues/comments/${c.id}`,
      html_url: `https://github.com/${owner}/${repo}/pull/${c.issue}#issuecomment-${c.id}`,
      issue_url: `${this.url}/repos/${owner}/${repo}/issues/${c.issue}`,
      body: c.body,
      user: { login: c.user, id: standInUserId(c.user), type: bot ? 'Bot' : 'User' },
      created_at: c.createdAt,
      updated_at: c.updatedAt,
      author_association: bot ? 'NONE' : 'MEMBER',
    };
  }
}

export async function startGitHubApiStandIn(options: StandInOptions): Promise<GitHubApiStandIn> {
  return new GitHubApiStandIn(options).start();
}

function compareResponse(base: string, head: string, files: readonly ChangedFile[]): Record<string, unknown> {
  return {
    status: files.length > 0 ? 'ahead' : 'identical',
    ahead_by: files.length > 0 ? 1 : 0,
    behind_by: 0,
    total_commits: files.length > 0 ? 1 : 0,
    base_commit: { sha: base },
    merge_base_commit: { sha: base },
    commits: [],
    files: files.map((f) => ({
      sha: '0'.repeat(40),
      filename: f.filename,
      status: f.status ?? 'modified',
      additions: 1,
      deletions: 1,
      changes: 2,
      ...(f.previous_filename !== undefined && { previous_filename: f.previous_filename }),
    })),
    html_url: `https://github.com/compare/${base}...${head}`,
  };
}

function contentResponse(path: string, text: string): Record<string, unknown> {
  const content = Buffer.from(text, 'utf8').toString('base64');
  return {
    type: 'file',
    encoding: 'base64',
    size: Buffer.byteLength(text),
    name: path.split('/').pop(),
    path,
    sha: '0'.repeat(40),
    // GitHub wraps base64 at 60 columns; decoding must cope.
    content: content.replace(/(.{60})/g, '$1\n'),
  };
}

function bodyText(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const text = (body as Record<string, unknown>)['body'];
  return typeof text === 'string' ? text : undefined;
}

function safeJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
