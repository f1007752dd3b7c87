// The console's calls to the API. The operator key (and the function key, needed in Azure) live in
// sessionStorage only: gone when the tab closes, never in localStorage, a cookie or a URL.

const ADMIN = 'sitefinder.console.adminKey';
const FUNCTION = 'sitefinder.console.functionKey';

/** The API root, relative to this page (/api/app/console/ → /api/), so any host or route prefix works. */
const root = new URL('../../', document.baseURI);

export const keys = {
  get signedIn() { return !!sessionStorage.getItem(ADMIN); },
  save(admin, fn) {
    sessionStorage.setItem(ADMIN, admin);
    if (fn) sessionStorage.setItem(FUNCTION, fn); else sessionStorage.removeItem(FUNCTION);
  },
  clear() { sessionStorage.removeItem(ADMIN); sessionStorage.removeItem(FUNCTION); },
};

/** A refusal of the API: its status and RFC 9457 problem (or a stand-in when the body is not one). */
export class ApiError extends Error {
  constructor(status, problem, headers) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem ?? {};
    this.headers = headers;
  }
}

/**
 * Calls path (relative to /api/) with the keys. body: an object (sent as JSON), or a Blob/File sent as it is
 * with contentType. Answers { body, headers, status }; a refusal throws ApiError.
 */
export async function call(path, { method = 'GET', body, headers = {}, contentType, as = 'json', anonymous = false } = {}) {
  const h = new Headers(headers);
  // Public reads go without the keys: nothing needs them there, and a key sent nowhere cannot leak there.
  if (!anonymous) {
    const admin = sessionStorage.getItem(ADMIN);
    const fn = sessionStorage.getItem(FUNCTION);
    if (admin) h.set('x-admin-key', admin);
    if (fn) h.set('x-functions-key', fn);
  }
  let payload;
  if (body instanceof Blob) {
    payload = body;
    h.set('Content-Type', contentType || body.type || 'application/octet-stream');
  } else if (body !== undefined) {
    payload = JSON.stringify(body);
    h.set('Content-Type', contentType || 'application/json');
  }
  const response = await fetch(new URL(path, root), { method, headers: h, body: payload, cache: 'no-store', credentials: 'omit' });
  const text = await response.text();
  if (!response.ok) {
    let problem;
    try { problem = text ? JSON.parse(text) : undefined; } catch { problem = { detail: text.slice(0, 200) }; }
    throw new ApiError(response.status, problem, response.headers);
  }
  let result = text;
  if (as === 'json') result = text ? JSON.parse(text) : undefined;
  return { body: result, headers: response.headers, status: response.status };
}

export const get = async (path, options) => (await call(path, options)).body;

/** An anonymous read of the public API. */
export const read = async (path) => (await call(path, { anonymous: true })).body;

/** A query string from an object, leaving out empty values (the API refuses names it does not read, not empty ones, but an empty district is noise). */
export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** What to tell the operator about a failed call, in Chinese first, with the API's own detail. */
export function describe(error) {
  if (!(error instanceof ApiError)) return `网络错误：${error.message}`;
  const words = {
    400: '请求有误', 401: '密钥无效或已吊销', 403: '超出本密钥的管辖范围', 404: '未找到', 409: '冲突',
    412: '版本已变化', 413: '文件过大', 415: '文件类型不支持', 428: '缺少版本号', 429: '请求过多，请稍后再试', 503: '服务暂不可用',
  };
  const fields = error.problem.errors ? Object.entries(error.problem.errors).map(([f, m]) => `${f}: ${[].concat(m).join('; ')}`).join('；') : '';
  return `${words[error.status] ?? '出错'}（${error.status}）${fields ? `：${fields}` : error.problem.detail ? `：${error.problem.detail}` : ''}`;
}
