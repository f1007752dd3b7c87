// The API as the pages call it: same origin only (the CSP allows nothing else), JSON in and out,
// and every non-2xx answer read as the RFC 9457 problem the API sends, so a page can choose its
// text by `code` rather than show the English title.

/** The API's root, found from where the page is served (/api/app/<page>/), so the pages work under any host name. */
export const apiRoot = new URL('../../', document.baseURI);

/** A refused or failed request: the problem's fields, and a Chinese sentence to show. */
export class ApiProblem extends Error {
  constructor(problem, status) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.name = 'ApiProblem';
    this.status = status;
    this.code = problem.code || 'unknown';
    this.errors = problem.errors || {};
    this.retryAfterSeconds = problem.retryAfterSeconds;
    this.problem = problem;
  }

  /** What to tell a resident, by code; the API's own detail stays in `message` for the console and tests. */
  get text() {
    return problemTexts[this.code] || `请求失败（${this.status}），请稍后再试`;
  }
}

const problemTexts = {
  'invalid-request': '输入有误，请检查后再试',
  'place-not-found': '没有找到这个地址，请换一个名称试试（例如小区名或路名）',
  'not-found': '没有找到这个采样点，它可能已被移除',
  'too-many-requests': '请求太频繁，请稍等片刻再试',
  'catalogue-unavailable': '服务正在启动，请稍后再试',
  'storage-unavailable': '服务暂时不可用，请稍后再试',
  'too-large': '内容太长，请删减后再试',
  network: '网络连接失败，请检查网络后再试',
};

/** `path` relative to the API root, with the query parameters that are not empty. */
export function apiUrl(path, params = {}) {
  const url = new URL(path, apiRoot);
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '' && value !== false) url.searchParams.set(name, String(value));
  }
  return url;
}

async function send(url, init) {
  let response;
  try {
    response = await fetch(url, { headers: { Accept: 'application/json' }, ...init });
  } catch (error) {
    throw new ApiProblem({ code: 'network', detail: String(error) }, 0);
  }
  const type = response.headers.get('content-type') || '';
  const body = type.includes('json') ? await response.json().catch(() => ({})) : {};
  if (!response.ok) {
    if (response.status === 429 && body.retryAfterSeconds === undefined) body.retryAfterSeconds = Number(response.headers.get('retry-after')) || undefined;
    throw new ApiProblem(body, response.status);
  }
  return body;
}

/** GET a JSON answer; throws ApiProblem. */
export function getJson(path, params) {
  return send(apiUrl(path, params), { method: 'GET' });
}

/** POST a JSON body; throws ApiProblem. */
export function postJson(path, body) {
  return send(apiUrl(path), {
    method: 'POST',
    headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
}
