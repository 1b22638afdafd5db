// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, api, setCsrfToken, setRequestLanguage, withQuery } from './client';

function respond(status: number, body?: unknown, contentType = 'application/json') {
  const fetchMock = vi.fn(async () =>
    new Response(body === undefined ? null : typeof body === 'string' ? body : JSON.stringify(body), {
      status,
      headers: { 'content-type': contentType },
    }),
  );
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

afterEach(() => {
  vi.unstubAllGlobals();
  setCsrfToken(null);
  setRequestLanguage('zh-CN');
});

describe('api client', () => {
  it('turns an error answer into an ApiError with its code, message, fields and rows', async () => {
    respond(400, {
      error: {
        code: 'VALIDATION',
        message: '提交的内容有误，请检查标出的字段',
        requestId: 'req-1',
        fields: [{ field: 'name', message: '名称：不能为空' }],
        rows: [{ row: 3, column: 'C', header: '所属区划代码', message: '区划不存在' }],
      },
    });

    const error = await api.post('/api/units', { name: '' }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ApiError);
    const apiError = error as ApiError;
    expect(apiError.status).toBe(400);
    expect(apiError.code).toBe('VALIDATION');
    expect(apiError.message).toBe('提交的内容有误，请检查标出的字段');
    expect(apiError.requestId).toBe('req-1');
    expect(apiError.fields).toEqual([{ field: 'name', message: '名称：不能为空' }]);
    expect(apiError.rows).toEqual([{ row: 3, column: 'C', header: '所属区划代码', message: '区划不存在' }]);
  });

  it('reports an answer without the error shape (a proxy page) as NETWORK with the status', async () => {
    respond(502, '<html>Bad Gateway</html>', 'text/html');

    const error = (await api.get('/api/units').catch((e: unknown) => e)) as ApiError;

    expect(error.code).toBe('NETWORK');
    expect(error.status).toBe(502);
    expect(error.fields).toEqual([]);
  });

  it('sends the CSRF token on state-changing requests only, and the UI language on all', async () => {
    const fetchMock = respond(200, { ok: true });
    setCsrfToken('token-123');
    setRequestLanguage('en');

    await api.get('/api/regions/children');
    await api.patch('/api/regions/r1', { name: 'x' });

    const [, getInit] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    const [, patchInit] = fetchMock.mock.calls[1] as unknown as [string, RequestInit];
    const getHeaders = getInit.headers as Record<string, string>;
    const patchHeaders = patchInit.headers as Record<string, string>;
    expect(getHeaders['x-csrf-token']).toBeUndefined();
    expect(getHeaders['Accept-Language']).toBe('en');
    expect(patchHeaders['x-csrf-token']).toBe('token-123');
    expect(patchHeaders['Content-Type']).toBe('application/json');
    expect(patchInit.credentials).toBe('same-origin');
    expect(patchInit.body).toBe('{"name":"x"}');
  });

  it('answers undefined for 204 No Content', async () => {
    respond(204);
    await expect(api.post('/api/auth/sign-out')).resolves.toBeUndefined();
  });

  it('leaves empty filters out of the query string', () => {
    expect(withQuery('/api/units', { q: '', kind: 'school', regionId: undefined, active: false, page: 2 })).toBe(
      '/api/units?kind=school&active=false&page=2',
    );
    expect(withQuery('/api/units', { q: null })).toBe('/api/units');
  });
});
