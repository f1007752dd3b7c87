// The operator console's shell: sign-in, the district scope, the tabs, and the board refreshed every minute.
import { keys, get, read, call, query, describe, ApiError } from './api.js';
import { h, fill, $, LEVELS, STATES, KINDS, when } from './dom.js';
import { openSite, initSite } from './site.js';
import { initImport } from './import.js';
import { showCoverage } from './coverage.js';

const REFRESH_MS = 60_000;
/** Pages of 100 sites read for the crowded list: a district has a few hundred; the whole city is sampled. */
const MAX_SITE_PAGES = 10;

export const state = { me: null, district: '', tab: 'board', timer: 0 };

export function say(text, error = false) {
  const el = $('#message');
  el.textContent = text;
  el.classList.toggle('error', error);
}

/** The district the console works in: the key's own, or the one the city chose ('' is the whole city). */
export const scope = () => state.me?.district ?? state.district;

async function signIn(event) {
  event.preventDefault();
  const form = event.target;
  const admin = form.key.value.trim();
  const fn = form.functionKey.value.trim();
  form.reset(); // the keys leave the form at once; sessionStorage holds them from here
  keys.save(admin, fn);
  await start();
}

async function start() {
  try {
    state.me = (await get('manage/whoami'));
  } catch (error) {
    keys.clear();
    state.me = null;
    say(`登录失败：${describe(error)}`, true);
    $('#sign-in').hidden = false;
    $('#key').focus();
    return;
  }
  say('');
  $('#sign-in').hidden = true;
  $('#who').hidden = false;
  $('#tabs').hidden = false;
  $('#who-name').textContent = state.me.city ? '全市管理员' : `${state.me.name}`;
  const select = $('#district');
  if (state.me.city) {
    const districts = await read('districts');
    fill(select, h('option', { value: '' }, '全市'), districts.items.map((d) => h('option', { value: d.district }, d.district)));
    select.disabled = false;
  } else {
    fill(select, h('option', { value: state.me.district }, state.me.district));
    select.disabled = true;
  }
  showTab('board');
  clearInterval(state.timer);
  state.timer = setInterval(() => { if (state.tab === 'board') refreshBoard(); }, REFRESH_MS);
}

function signOut() {
  keys.clear();
  clearInterval(state.timer);
  state.me = null;
  for (const panel of document.querySelectorAll('[data-panel]')) panel.hidden = true;
  $('#who').hidden = true;
  $('#tabs').hidden = true;
  $('#sign-in').hidden = false;
  say('已退出。');
}

export function showTab(tab) {
  state.tab = tab;
  for (const button of document.querySelectorAll('#tabs button')) {
    if (button.dataset.tab === tab) button.setAttribute('aria-current', 'page');
    else button.removeAttribute('aria-current');
  }
  for (const panel of document.querySelectorAll('[data-panel]')) panel.hidden = panel.id !== tab;
  if (tab === 'board') refreshBoard();
  if (tab === 'coverage') showCoverage(scope());
}

// ---- the board ----

let refreshing = false;
let again = false;

export async function refreshBoard() {
  // One refresh at a time; a district chosen during one is shown by the next, right after it.
  if (refreshing) { again = true; return; }
  refreshing = true;
  again = false;
  const district = scope();
  try {
    await Promise.all([counts(district), stale(district), corrections(district), crowded(district)]);
    $('#board-updated').textContent = `更新于 ${when(new Date().toISOString())}，每分钟刷新`;
    $('#board').dataset.loaded = 'true';
  } catch (error) {
    say(`看板刷新失败：${describe(error)}`, true);
  } finally {
    refreshing = false;
    if (again) refreshBoard();
  }
}

async function counts(district) {
  const { items } = await read('districts');
  const columns = [['sites', '站点'], ['open', '开放'], ['openNow', '正在开放'], ['suspended', '暂停'], ['closed', '关闭'], ['planned', '筹备'], ['hoursUnknown', '时间未知']];
  const levelNames = ['idle', 'normal', 'busy', 'congested', 'paused', 'unconfirmed', 'noData'];
  const total = Object.fromEntries(columns.map(([k]) => [k, 0]));
  const totalLevels = {};
  for (const d of items) {
    for (const [k] of columns) total[k] += d[k] ?? 0;
    for (const [level, n] of Object.entries(d.levels ?? {})) totalLevels[level] = (totalLevels[level] ?? 0) + n;
  }
  const row = (name, d, levels, cls) => h('tr', { class: cls }, h('td', {}, name),
    columns.map(([k]) => h('td', {}, d[k] ?? 0)), levelNames.map((l) => h('td', {}, levels[l] ?? 0)),
    h('td', {}, d.medianWaitMinutes ?? '—'));
  fill($('#district-counts'),
    h('caption', { class: 'hint' }, '各区（你的辖区加粗）与全市合计；拥挤程度为正在开放的站点'),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, '区'), columns.map(([, t]) => h('th', { scope: 'col' }, t)),
      levelNames.map((l) => h('th', { scope: 'col' }, LEVELS[l])), h('th', { scope: 'col' }, '中位等待(分)'))),
    h('tbody', {}, items.map((d) => row(d.district, d, d.levels ?? {}, d.district === district ? 'mine' : undefined))),
    h('tfoot', {}, row('全市', total, totalLevels)));

  // The scope's sites by state (every site) and by level (those open now), from the same figures.
  const mine = district ? items.find((d) => d.district === district) ?? {} : { ...total, levels: totalLevels };
  const states = [['open', 'open'], ['suspended', 'suspended'], ['closed', 'closed'], ['planned', 'planned']];
  fill($('#state-levels'),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, '状态'), h('th', { scope: 'col' }, '站点'))),
    h('tbody', {}, states.map(([k, s]) => h('tr', {}, h('td', {}, STATES[s]), h('td', {}, mine[k] ?? 0))),
      levelNames.map((l) => h('tr', {}, h('td', {}, h('span', { class: `level level-${l}` }, LEVELS[l])), h('td', {}, mine.levels?.[l] ?? 0)))));
  $('#state-levels-note').textContent = `${district || '全市'}：正在开放 ${mine.openNow ?? 0} 个`;
}

const siteLink = (id, name) => h('button', { type: 'button', class: 'link', onclick: () => openSite(id) }, name);

async function stale(district) {
  const page = await get(`manage/stale${query({ district })}`);
  fill($('#stale'), page.items.length === 0 ? h('li', { class: 'hint' }, '没有超时未上报的站点。') : page.items.slice(0, 50).map((s) => h('li', {},
    siteLink(s.id, s.name), ' ', h('span', { class: 'hint' }, s.district), h('br'),
    s.phone ? h('a', { href: `tel:${s.phone}` }, s.phone) : h('span', { class: 'hint' }, '无电话'), ' · ',
    s.reason === 'residentsReportClosed' ? h('span', { class: 'level level-unconfirmed' }, '居民反映已关闭')
      : s.minutesSinceReport !== undefined ? `${s.minutesSinceReport} 分钟未上报` : '从未上报')));
}

async function crowded(district) {
  const found = [];
  let cursor;
  let pages = 0;
  do {
    const page = await read(`sites${query({ district, limit: 100, cursor })}`);
    found.push(...page.items.filter((s) => ['busy', 'congested', 'unconfirmed'].includes(s.status?.level)));
    cursor = page.cursor;
    pages++;
  } while (cursor && pages < MAX_SITE_PAGES);
  found.sort((a, b) => (b.status.waitMinutes ?? 0) - (a.status.waitMinutes ?? 0));
  fill($('#crowded'), found.length === 0 ? h('li', { class: 'hint' }, '目前没有拥挤的站点。') : found.slice(0, 30).map((s) => h('li', {},
    siteLink(s.id, s.name), ' ', h('span', { class: `level level-${s.status.level}` }, LEVELS[s.status.level]),
    s.status.waitMinutes !== undefined ? ` 约等 ${s.status.waitMinutes} 分钟` : '', ' ', h('span', { class: 'hint' }, `${s.district} · ${when(s.status.updatedAt)}`))),
  cursor ? h('li', { class: 'hint' }, `只查看了前 ${pages * 100} 个站点；选择一个区可看全部。`) : null);
}

async function corrections(district) {
  const page = await get(`manage/corrections${query({ district })}`);
  const box = $('#corrections');
  if (page.items.length === 0) {
    fill(box, h('p', { class: 'hint' }, '没有待处理的纠错。'));
    return;
  }
  fill(box, page.items.map((group) => correctionGroup(group)));
}

function correctionGroup(group) {
  const first = group.items[0];
  const reason = h('input', { 'aria-label': '处理说明', placeholder: '处理说明（驳回必填）' });
  const hours = group.kind === 'wrong-hours' ? h('input', { 'aria-label': '正确的开放时间', placeholder: '正确的开放时间（接受时写入）' }) : null;
  const decide = async (verb) => {
    const body = { reason: reason.value.trim() || undefined };
    if (verb === 'accept' && hours?.value.trim()) body.change = { hours: hours.value.trim() };
    if (verb === 'reject' && !body.reason) { say('驳回需要填写说明。', true); reason.focus(); return; }
    try {
      // A change of the operator's own is an edit: it goes with the version of the site it was typed against.
      const headers = {};
      if (body.change) headers['If-Match'] = (await call(`manage/sites/${encodeURIComponent(group.siteId)}`)).headers.get('ETag');
      const { body: answer } = await call(`manage/corrections/${encodeURIComponent(first.id)}/${verb}`, { method: 'POST', body, headers });
      say(`已${verb === 'accept' ? '接受' : '驳回'} ${answer.decided} 条纠错。`);
      refreshBoard();
    } catch (error) {
      say(`处理失败：${describe(error)}`, true);
    }
  };
  return h('div', { class: 'corr' },
    h('strong', {}, KINDS[group.kind] ?? group.kind), ` · ${group.count} 条，${group.residents} 位居民 · `,
    siteLink(group.siteId, `站点 ${group.siteId}`), ' ', h('span', { class: 'hint' }, `${group.district} · 最近 ${when(group.latest)}`),
    h('ul', { class: 'list' }, group.items.slice(0, 5).map((c) => h('li', {}, c.text || h('span', { class: 'hint' }, '（无文字）'), ' ', h('span', { class: 'hint' }, when(c.receivedAt))))),
    reason, hours,
    h('div', { class: 'row' },
      h('button', { type: 'button', class: 'small', onclick: () => decide('accept') }, '接受'),
      h('button', { type: 'button', class: 'small quiet', onclick: () => decide('reject') }, '驳回')));
}

// ---- wiring ----

$('#sign-in-form').addEventListener('submit', signIn);
$('#sign-out').addEventListener('click', signOut);
$('#tabs').addEventListener('click', (event) => {
  const tab = event.target.closest('button')?.dataset.tab;
  if (tab) showTab(tab);
});
$('#district').addEventListener('change', (event) => {
  state.district = event.target.value;
  showTab(state.tab);
});
initSite();
initImport();
window.addEventListener('unhandledrejection', (event) => {
  if (event.reason instanceof ApiError) { say(describe(event.reason), true); event.preventDefault(); }
});

if (keys.signedIn) start();
else $('#sign-in').hidden = false;
