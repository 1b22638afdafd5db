export interface FieldError {
  field: string;
  message: string;
}

export interface RowError {
  row: number;
  column: string;
  header: string;
  message: string;
}

export type ErrorCode =
  | 'VALIDATION'
  | 'IMPORT_INVALID'
  | 'UNAUTHENTICATED'
  | 'CSRF'
  | 'FORBIDDEN'
  | 'PASSWORD_CHANGE_REQUIRED'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'ACCOUNT_LOCKED'
  | 'RATE_LIMITED'
  | 'INTERNAL'
  /** Raised by this client when no server answer could be read (offline, proxy page). */
  | 'NETWORK';

export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly fields: FieldError[] = [],
    readonly rows: RowError[] = [],
    readonly requestId?: string,
  ) {
    super(message);
  }
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface PageQuery {
  page?: number;
  pageSize?: number;
  sort?: string;
  order?: 'asc' | 'desc';
}

export type QueryValue = string | number | boolean | null | undefined;
export type Query = Record<string, QueryValue>;

let csrfToken: string | null = null;
let language = 'zh-CN';

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

async function fetchCsrfToken(): Promise<void> {
  try {
    const response = await fetch('/api/auth/session', { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
    if (response.ok) csrfToken = ((await response.json()) as { csrfToken?: string }).csrfToken ?? null;
  } catch {
    // No network: the write itself fails as a network error, and is tried again later.
  }
}

export function setRequestLanguage(lang: string): void {
  language = lang;
}

/** Builds `path?query`, leaving out empty filters so the server applies its defaults. */
export function withQuery(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

interface RequestOptions {
  query?: Query;
  body?: unknown;
}

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': language };
  let body: BodyInit | undefined;
  if (options.body instanceof FormData) {
    body = options.body;
  } else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  // A page restored without a network has its session but not its token: the first write fetches it.
  if (unsafeMethods.has(method) && !csrfToken) await fetchCsrfToken();
  if (unsafeMethods.has(method) && csrfToken) headers['x-csrf-token'] = csrfToken;

  let response: Response;
  try {
    response = await fetch(withQuery(path, options.query), { method, headers, body, credentials: 'same-origin' });
  } catch (cause) {
    throw new ApiError(0, 'NETWORK', cause instanceof Error ? cause.message : String(cause));
  }
  if (response.status === 204) return undefined as T;
  const payload: unknown = await response.json().catch(() => undefined);
  if (response.ok) return payload as T;
  throw toApiError(response, payload);
}

function toApiError(response: Response, payload: unknown): ApiError {
  const error = (payload as { error?: Partial<Record<string, unknown>> } | undefined)?.error;
  if (!error || typeof error.code !== 'string') {
    return new ApiError(response.status, 'NETWORK', `${response.status} ${response.statusText}`);
  }
  return new ApiError(
    response.status,
    error.code as ErrorCode,
    typeof error.message === 'string' ? error.message : error.code,
    Array.isArray(error.fields) ? (error.fields as FieldError[]) : [],
    Array.isArray(error.rows) ? (error.rows as RowError[]) : [],
    typeof error.requestId === 'string' ? error.requestId : undefined,
  );
}

export const api = {
  get: <T>(path: string, query?: Query) => request<T>('GET', path, { query }),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, { body }),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, { body }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
};
