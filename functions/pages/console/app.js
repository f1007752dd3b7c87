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

/**
 * The keys are typed into masked text inputs outside any submitting form, so that the browser never offers
 * to save them as a password; Enter in either input signs in as the button does.
 */
async function signIn() {
  const admin = $('#key').value.trim();
  const fn = $('#function-key').value.trim();
  // An empty form with keys kept (whoami failed for another reason than the key) tries those keys again.
  if (!admin && !keys.signedIn) { say('请输入操作员密钥。', true); $('#key').focus(); return; }
  $('#key').value = ''; // the keys leave the inputs at once; sessionStorage holds them from here
  $('#function-key').value = '';
  if (admin) keys.save(admin, fn);
  await start();
}

async function start() {
  try {
    state.me = (await get('manage/whoami'));
  } catch (error) {
    // Only a refused key is forgotten: a network error or a 5xx keeps it for another try.
    const refused = error instanceof ApiError && (error.status === 401 || error.status === 403);
    if (refused) keys.clear();
    state.me = null;
    say(`登录失败：${describe(error)}${refused ? '' : '。密钥已保留，点击“登录”重试。'}`, true);
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

/** Forgets the keys and reloads: no token, QR code, site, audit, board or chosen district outlives the session. */
function signOut() {
  keys.clear();
  clearInterval(state.timer);
  location.reload();
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
    // Each card fails alone: a failed card says so in place, the others still show.
    const cards = [[counts, '#district-counts'], [stale, '#stale'], [corrections, '#corrections'], [crowded, '#crowded']];
    const results = await Promise.allSettled(cards.map(([card]) => card(district)));
    const failed = results.map((r, i) => [r, cards[i][1]]).filter(([r]) => r.status === 'rejected');
    for (const [r, selector] of failed) {
      const el = $(selector);
      const text = `无法读取：${describe(r.reason)}`;
      if (el.tagName === 'UL') fill(el, h('li', { class: 'alert' }, text));
      else if (el.tagName === 'TABLE') fill(el, h('caption', { class: 'alert' }, text));
      else fill(el, h('p', { class: 'alert' }, text));
    }
    $('#board-updated').textContent = `更新于 ${when(new Date().toISOString())}，每分钟刷新`;
    $('#board').dataset.loaded = 'true';
    if (failed.length) say(`看板部分刷新失败：${describe(failed[0][0].reason)}`, true);
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
  let restarts = 0;
  for (;;) {
    let page;
    try {
      page = await read(`sites${query({ district, limit: 100, cursor })}`);
    } catch (error) {
      // A cursor the API no longer takes (the catalogue was republished while paging): start over, once.
      if (!(error instanceof ApiError && error.status === 400 && cursor && restarts === 0)) throw error;
      restarts++;
      found.length = 0;
      cursor = undefined;
      pages = 0;
      continue;
    }
    found.push(...page.items.filter((s) => ['busy', 'congested', 'unconfirmed'].includes(s.status?.level)));
    cursor = page.cursor;
    pages++;
    if (!cursor || pages >= MAX_SITE_PAGES) break;
  }
  found.sort((a, b) => (b.status.waitMinutes ?? 0) - (a.status.waitMinutes ?? 0));
  fill($('#crowded'), found.length === 0 ? h('li', { class: 'hint' }, '目前没有拥挤的站点。') : found.slice(0, 30).map((s) => h('li', {},
    siteLink(s.id, s.name), ' ', h('span', { class: `level level-${s.status.level}` }, LEVELS[s.status.level]),
    s.status.source === 'demo' ? [' ', h('span', { class: 'tag-demo', title: '演示数据，并非工作人员上报' }, '演示')] : null,
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
  // Each group is drawn with the site as it is now (name, hours, ETag): accepting a change goes with that version.
  fill(box, await Promise.all(page.items.map((group) => correctionGroup(group))));
}

async function readSite(id) {
  const { body, headers } = await call(`manage/sites/${encodeURIComponent(id)}`);
  return { site: body, etag: headers.get('ETag') ?? `"${body.version}"` };
}

async function correctionGroup(group) {
  const first = group.items[0];
  let seen = null;
  try { seen = await readSite(group.siteId); } catch { seen = null; }
  const now = h('p', { class: 'current-hours', dataset: { etag: seen?.etag ?? '' } });
  const showSeen = (prefix = '') => fill(now, prefix, '当前开放时间：', h('span', { class: 'hours-now' }, seen?.site.hours?.text || '（未填写）'),
    h('span', { class: 'hint' }, ` · 版本 ${seen?.etag ?? '—'}`));
  if (seen) showSeen();
  else fill(now, h('span', { class: 'alert' }, '无法读取站点当前版本，接受并修改前请刷新看板。'));
  const reason = h('input', { 'aria-label': '处理说明', placeholder: '处理说明（驳回必填）' });
  const hours = group.kind === 'wrong-hours' ? h('input', { 'aria-label': '正确的开放时间', placeholder: '正确的开放时间（接受时写入）' }) : null;
  const decide = async (verb) => {
    const body = { reason: reason.value.trim() || undefined };
    if (verb === 'accept' && hours?.value.trim()) body.change = { hours: hours.value.trim() };
    if (verb === 'reject' && !body.reason) { say('驳回需要填写说明。', true); reason.focus(); return; }
    try {
      // A change of the operator's own is an edit: it goes with the version of the site it was typed against.
      // The ETag read when this group was drawn, next to the hours shown: a change made since is a 412.
      const headers = {};
      if (body.change) {
        if (!seen) { say('无法读取站点当前版本，请刷新看板后再接受。', true); return; }
        headers['If-Match'] = seen.etag;
      }
      const { body: answer } = await call(`manage/corrections/${encodeURIComponent(first.id)}/${verb}`, { method: 'POST', body, headers });
      say(`已${verb === 'accept' ? '接受' : '驳回'} ${answer.decided} 条纠错。`);
      refreshBoard();
    } catch (error) {
      if (error instanceof ApiError && error.status === 412) {
        // Someone changed the site since: show what is stored now; accepting again goes with that version.
        try { seen = await readSite(group.siteId); } catch { /* the message below still says why */ }
        showSeen(h('strong', { class: 'alert' }, '站点已被他人修改（412），未写入。'));
        now.dataset.etag = seen?.etag ?? '';
        now.dataset.conflict = 'true';
        now.setAttribute('tabindex', '-1');
        now.focus();
        say('处理失败：站点已被他人修改（412），已显示最新开放时间，请核对后再接受。', true);
        return;
      }
      say(`处理失败：${describe(error)}`, true);
    }
  };
  return h('div', { class: 'corr' },
    h('strong', {}, KINDS[group.kind] ?? group.kind), ` · ${group.count} 条，${group.residents} 位居民 · `,
    siteLink(group.siteId, seen?.site.name ? `${seen.site.name}（${group.siteId}）` : `站点 ${group.siteId}`), ' ', h('span', { class: 'hint' }, `${group.district} · 最近 ${when(group.latest)}`),
    now,
    h('ul', { class: 'list' }, group.items.slice(0, 5).map((c) => h('li', {}, c.text || h('span', { class: 'hint' }, '（无文字）'), ' ', h('span', { class: 'hint' }, when(c.receivedAt))))),
    reason, hours,
    h('div', { class: 'row' },
      h('button', { type: 'button', class: 'small', onclick: () => decide('accept') }, '接受'),
      h('button', { type: 'button', class: 'small quiet', onclick: () => decide('reject') }, '驳回')));
}

// ---- wiring ----

$('#sign-in-button').addEventListener('click', signIn);
for (const input of [$('#key'), $('#function-key')]) {
  input.addEventListener('keydown', (event) => { if (event.key === 'Enter') { event.preventDefault(); signIn(); } });
}
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
