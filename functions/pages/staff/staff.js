// The staff report page a token QR code opens: #site=…&token=… in the hash (never sent in a request),
// kept in sessionStorage, then taken out of the address bar. Each tap POSTs /api/sites/{id}/status.
const SITE = 'sitefinder.staff.site';
const TOKEN = 'sitefinder.staff.token';
const NAMES = { idle: '空闲', normal: '正常', busy: '较忙', congested: '拥挤', paused: '暂停' };

const $ = (selector) => document.querySelector(selector);
const root = new URL('../../', document.baseURI);

function adopt() {
  const hash = new URLSearchParams(location.hash.slice(1));
  if (hash.get('site') && hash.get('token')) {
    sessionStorage.setItem(SITE, hash.get('site'));
    sessionStorage.setItem(TOKEN, hash.get('token'));
  }
  if (location.hash) history.replaceState(null, '', location.pathname + location.search);
}

function say(text, error = false) {
  const el = $('#answer');
  el.textContent = text;
  el.classList.toggle('error', error);
}

const clientReportId = () => (crypto.randomUUID?.() ?? `${Date.now()}-${Math.random().toString(36).slice(2)}`).replace(/[^A-Za-z0-9_-]/g, '');

async function report(body, what) {
  const site = sessionStorage.getItem(SITE);
  const token = sessionStorage.getItem(TOKEN);
  if (!site || !token) { say('缺少站点或令牌：请重新扫描管理后台签发的二维码。', true); return; }
  say('正在上报…');
  document.body.dataset.state = 'sending';
  const id = clientReportId();
  document.body.dataset.clientReportId = id;
  try {
    const response = await fetch(new URL(`sites/${encodeURIComponent(site)}/status`, root), {
      method: 'POST', cache: 'no-store', credentials: 'omit',
      headers: { 'Content-Type': 'application/json', 'x-staff-token': token },
      body: JSON.stringify({ ...body, clientReportId: id }),
    });
    const text = await response.text();
    let answer;
    try { answer = text ? JSON.parse(text) : {}; } catch { answer = { detail: text.slice(0, 200) }; }
    if (!response.ok) {
      const words = { 401: '缺少令牌', 403: '令牌无效或已吊销', 404: '站点不存在', 400: '上报内容有误', 429: '请求过多，请稍后再试' };
      const fields = answer.errors ? Object.values(answer.errors).flat().join('；') : answer.detail ?? '';
      say(`上报失败（${response.status}）：${words[response.status] ?? '出错'}${fields ? `：${fields}` : ''}`, true);
      document.body.dataset.state = 'failed';
      return;
    }
    const at = new Date(answer.receivedAt).toLocaleTimeString('zh-CN', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit' });
    say(`已上报：${what}（${at}${answer.duplicate ? '，重复提交已合并' : ''}）`);
    document.body.dataset.state = 'sent';
    document.body.dataset.reportId = answer.reportId;
  } catch (error) {
    say(`网络错误，未上报：${error.message}`, true);
    document.body.dataset.state = 'failed';
  }
}

adopt();
$('#site-id').textContent = sessionStorage.getItem(SITE) ?? '未知（请扫描二维码）';
$('#levels').addEventListener('click', (event) => {
  const level = event.target.closest('button')?.dataset.level;
  if (!level) return;
  // The API takes congested from a queue length, not as a level of its own.
  if (level === 'congested') { say('拥挤请填写排队人数与开放窗口数后上报。'); $('#queue').focus(); return; }
  report({ level }, NAMES[level]);
});
$('#queue-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const queueLength = Number(event.target.queue.value);
  const openWindows = Number(event.target.windows.value);
  report({ queueLength, openWindows }, `排队 ${queueLength} 人，${openWindows} 个窗口`);
});
