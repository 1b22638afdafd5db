import { randomBytes } from 'node:crypto';
import type { TestWorld } from './databases';
import { makeAccount, TEST_PASSWORD } from './factories';

export interface Reply {
  status: number;
  body: any;
  raw: Buffer;
  headers: Record<string, unknown>;
}

export interface Upload {
  fields?: Record<string, string>;
  file: { name: string; content: Buffer; type?: string };
}

function multipart(upload: Upload): { payload: Buffer; contentType: string } {
  const boundary = `----dudao${randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(upload.fields ?? {})) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${upload.file.name}"\r\nContent-Type: ${upload.file.type ?? 'application/octet-stream'}\r\n\r\n`));
  parts.push(upload.file.content, Buffer.from(`\r\n--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** A browser-like caller: keeps the session cookie and sends the CSRF token, as the web app does. */
export class Client {
  cookie: string | null = null;
  csrf: string | null = null;
  constructor(private readonly world: TestWorld, public locale = 'zh-CN') {}

  async request(method: string, url: string, body?: unknown, opts: { upload?: Upload; csrf?: boolean } = {}): Promise<Reply> {
    const headers: Record<string, string> = { 'accept-language': this.locale };
    if (this.cookie) headers.cookie = this.cookie;
    if (this.csrf && opts.csrf !== false) headers['x-csrf-token'] = this.csrf;
    let payload: string | Buffer | undefined;
    if (opts.upload) {
      const m = multipart(opts.upload);
      payload = m.payload;
      headers['content-type'] = m.contentType;
    } else if (body !== undefined) {
      payload = JSON.stringify(body);
      headers['content-type'] = 'application/json';
    }
    const res = await this.world.app.inject({ method: method as never, url, headers, payload });
    const setCookie = res.headers['set-cookie'];
    for (const c of [setCookie ?? []].flat()) {
      const [pair] = String(c).split(';');
      if (pair.startsWith('dudao_sid=')) this.cookie = pair.endsWith('=') ? null : pair;
    }
    let parsed: unknown = null;
    if (String(res.headers['content-type'] ?? '').includes('application/json') && res.body) parsed = JSON.parse(res.body);
    if (parsed && typeof parsed === 'object' && 'csrfToken' in parsed) this.csrf = (parsed as { csrfToken: string }).csrfToken;
    return { status: res.statusCode, body: parsed, raw: res.rawPayload, headers: res.headers };
  }

  get(url: string) { return this.request('GET', url); }
  post(url: string, body?: unknown) { return this.request('POST', url, body ?? {}); }
  put(url: string, body: unknown) { return this.request('PUT', url, body); }
  patch(url: string, body: unknown) { return this.request('PATCH', url, body); }
  upload(url: string, upload: Upload) { return this.request('POST', url, undefined, { upload }); }
}

export async function signIn(world: TestWorld, username: string, password: string, locale = 'zh-CN'): Promise<Client> {
  const client = new Client(world, locale);
  const res = await client.post('/api/auth/sign-in', { username, password });
  if (res.status !== 200) throw new Error(`sign-in of ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return client;
}

/**
 * Fresh accounts, each signed in, and a way to act as one of them on another day: moving the clock ends idle
 * sessions, so a new one is signed in on that day, and the clock goes back to `home` afterwards.
 */
export function accountsOverDays(world: () => TestWorld, home: string) {
  const usernames = new Map<Client, string>();
  return {
    async client(opts: Parameters<typeof makeAccount>[1]): Promise<Client> {
      const { username } = await makeAccount(world(), opts);
      const c = await signIn(world(), username, TEST_PASSWORD);
      usernames.set(c, username);
      return c;
    },
    async onDay<T>(instant: string, who: Client, run: (c: Client) => Promise<T>): Promise<T> {
      world().clock.set(new Date(instant));
      try {
        return await run(await signIn(world(), usernames.get(who)!, TEST_PASSWORD));
      } finally {
        world().clock.set(new Date(home));
      }
    },
  };
}
