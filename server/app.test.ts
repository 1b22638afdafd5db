import { spawn } from 'node:child_process';
import path from 'node:path';
import fs from 'node:fs';
import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openWorld, type TestWorld } from '../test/databases';
import { makeAccount } from '../test/factories';
import { signIn } from '../test/http';

describe.each(engines)('the application shell on %s', (engine) => {
  let world: TestWorld;
  beforeAll(async () => {
    world = await openWorld(engine);
  });
  afterAll(async () => world.close());

  it('serves the OpenAPI document generated from the route schemas', async () => {
    const res = await world.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    const doc = JSON.parse(res.body);
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/units', '/api/units/{id}', '/api/regions/children', '/api/auth/sign-in']));
    expect(doc.paths['/api/units'].get.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['q', 'kind', 'regionId', 'page']));
    expect((await world.app.inject({ method: 'GET', url: '/api/docs' })).statusCode).toBeLessThan(400);
  });

  it('answers an unknown API path with 401 before sign-in and 404 after, and any other page with the web app', async () => {
    const anonymous = await world.app.inject({ method: 'GET', url: '/api/nothing-here' });
    expect(anonymous.statusCode).toBe(401);
    const account = await makeAccount(world);
    const client = await signIn(world, account.username, account.password);
    const api = await client.get('/api/nothing-here');
    expect(api.status).toBe(404);
    expect(api.body.error.code).toBe('NOT_FOUND');
    const page = await world.app.inject({ method: 'GET', url: '/units/some-id' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
  });

  it('reports health, and readiness only while the database answers', async () => {
    expect(JSON.parse((await world.app.inject({ method: 'GET', url: '/healthz' })).body)).toEqual({ status: 'ok' });
    expect((await world.app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
  });

  it('shows a server fault as a 500 with a request id and no internals', async () => {
    const broken = await openWorld(engine);
    const account = await makeAccount(broken);
    const client = await signIn(broken, account.username, account.password);
    await broken.platform.database.db.schema.dropTable('units').ifExists().cascade().execute().catch(async () => {
      await broken.platform.database.db.schema.dropTable('units').execute();
    });
    const res = await client.get('/api/units');
    expect(res.status).toBe(500);
    expect(res.body.error.code).toBe('INTERNAL');
    expect(res.body.error.message).toContain(res.body.error.requestId);
    expect(JSON.stringify(res.body)).not.toMatch(/units|SQL|stack|no such table/i);
    await broken.close();
  });
});

describe('the server process', () => {
  it('starts from its environment and finishes a request in flight on SIGTERM before exiting', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dudao-proc-'));
    const port = 20000 + Math.floor(Math.random() * 20000);
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      env: { ...process.env, PORT: String(port), SQLITE_FILE: path.join(dir, 'd.db'), FILES_DIR: path.join(dir, 'files'), WEB_DIST: path.join(dir, 'web'), LOG_LEVEL: 'info', DATABASE_URL: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => { output += String(d); });
    child.stderr.on('data', (d) => { output += String(d); });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    // Seeding the demo first can take half a minute on a loaded two-core machine.
    for (let i = 0; i < 300 && !output.includes('is serving'); i += 1) await new Promise((r) => setTimeout(r, 200));
    expect(output).toContain(`http://127.0.0.1:${port}`);
    expect(output).toContain('admin');
    // A sign-in takes tens of milliseconds of argon2: once the server logs that it has the request, SIGTERM;
    // the request must still be answered.
    const inFlight = fetch(`http://127.0.0.1:${port}/api/auth/sign-in`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'Dudao@2026' }),
    });
    for (let i = 0; i < 200 && !output.includes('"url":"/api/auth/sign-in"'); i += 1) await new Promise((r) => setTimeout(r, 5));
    child.kill('SIGTERM');
    const res = await inFlight;
    expect(res.status).toBe(200);
    expect(await exited).toBe(0);
    fs.rmSync(dir, { recursive: true, force: true });
  }, 120_000);
});

describe('several server processes', () => {
  it('serves one port from WORKERS processes that share sessions through the database, and stops them all on SIGTERM', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dudao-workers-'));
    const port = 20000 + Math.floor(Math.random() * 20000);
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      env: { ...process.env, PORT: String(port), SQLITE_FILE: path.join(dir, 'd.db'), FILES_DIR: path.join(dir, 'files'), WEB_DIST: path.join(dir, 'web'), LOG_LEVEL: 'info', DATABASE_URL: '', WORKERS: '2' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => { output += String(d); });
    child.stderr.on('data', (d) => { output += String(d); });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    for (let i = 0; i < 300 && !output.includes('is serving'); i += 1) await new Promise((r) => setTimeout(r, 200));
    expect(output).toContain('2 processes');
    const base = `http://127.0.0.1:${port}`;
    const signedIn = await fetch(`${base}/api/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'Dudao@2026' }) });
    expect(signedIn.status).toBe(200);
    const cookie = signedIn.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    // A new connection each time: the port hands them to the processes in turn, and each knows the session.
    for (let i = 0; i < 6; i += 1) {
      const res = await fetch(`${base}/api/auth/session`, { headers: { cookie, connection: 'close' } });
      expect(res.status).toBe(200);
    }
    const pids = new Set([...output.matchAll(/"pid":(\d+)[^\n]*"url":"\/api\/auth\/session"/g)].map((m) => m[1]));
    expect(pids.size).toBe(2);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    await expect(fetch(`${base}/api/auth/session`)).rejects.toThrow();
    fs.rmSync(dir, { recursive: true, force: true });
  }, 90_000);
});

describe('behind a load balancer', () => {
  it('records the client address from X-Forwarded-For only when told to trust the proxy', async () => {
    for (const [trust, expected] of [['false', '127.0.0.1'], ['true', '203.0.113.9']] as const) {
      const world = await openWorld('sqlite', { TRUST_PROXY: trust });
      await world.app.inject({
        method: 'POST', url: '/api/auth/sign-in', headers: { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.9' },
        payload: JSON.stringify({ username: 'nobody', password: 'x' }),
      });
      const entry = await world.platform.database.db.selectFrom('audit_log').select('ip').where('action', '=', 'auth.sign_in').executeTakeFirstOrThrow();
      expect(entry.ip).toBe(expected);
      await world.close();
    }
  });
});
