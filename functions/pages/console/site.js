// One site: the edit form (with the 412 flow), its state, staff tokens with a QR code, busyness and audit.
import { get, read, call, query, describe, ApiError } from './api.js';
import { h, fill, $, LEVELS, STATES, TYPES, DAYS, ACTIONS, when } from './dom.js';
import { encode, toSvg } from './qr.js';
import { say, showTab, scope } from './app.js';

/** A version as If-Match wants it: the answers' ETag header is the quoted form of the bodies' version. */
const etag = (version) => (version.startsWith('"') || version.startsWith('W/') ? version : `"${version}"`);

const FIELDS = ['name', 'address', 'type', 'audience', 'hours', 'phone', 'notes'];
const PARSE_DELAY_MS = 300;

/** The site shown: its operator view as last read, and that view's version (the If-Match of the next edit). */
const current = { site: null, version: '', auditCursor: null };

export function initSite() {
  $('#site-search').addEventListener('submit', search);
  $('#edit-form').addEventListener('submit', save);
  $('#state-form').addEventListener('submit', changeState);
  $('#token-issue').addEventListener('click', () => issueToken(false));
  $('#token-rotate').addEventListener('click', () => issueToken(true));
  $('#audit-more').addEventListener('click', () => audit(true));
  let timer = 0;
  $('#f-hours').addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => parseHours($('#f-hours').value), PARSE_DELAY_MS);
  });
}

async function search(event) {
  event.preventDefault();
  const q = $('#site-q').value.trim();
  if (/^[0-9a-f]{16}$/.test(q)) { openSite(q); return; }
  try {
    const page = await read(`sites${query({ q, district: scope(), limit: 20 })}`);
    fill($('#site-results'), page.items.length === 0 ? h('li', { class: 'hint' }, '没有找到。') : page.items.map((s) => h('li', {},
      h('button', { type: 'button', class: 'link', onclick: () => openSite(s.id) }, s.name), ' ',
      h('span', { class: 'hint' }, `${s.district} · ${s.address} · ${STATES[s.state]}`))));
  } catch (error) {
    say(`查找失败：${describe(error)}`, true);
  }
}

export async function openSite(id) {
  showTab('site');
  try {
    const { body, headers } = await call(`manage/sites/${encodeURIComponent(id)}`);
    show(body, headers.get('ETag') ?? body.version);
    fill($('#site-results'));
    fill($('#token-once'));
    $('#token-once').hidden = true;
    $('#edit-conflict').hidden = true;
    $('#site-detail').hidden = false;
    await Promise.all([tokens(), audit(false), busyness()]);
    $('#f-name').focus();
  } catch (error) {
    say(`无法打开站点：${describe(error)}`, true);
  }
}

function audienceText(audience) {
  if (!audience || audience.kind === 'public') return 'public';
  if (audience.kind === 'residents') return 'residents';
  return (audience.groups ?? []).join(', ');
}

const formValue = (site, field) => (field === 'audience' ? audienceText(site.audience) : field === 'hours' ? site.hours?.text ?? '' : site[field] ?? '');

/** Puts a version of the site in the form; the operator's reason is kept, since it belongs to the edit not yet made. */
function show(site, version) {
  current.site = site;
  current.version = etag(version);
  const form = $('#edit-form');
  for (const field of FIELDS) form.elements[field].value = formValue(site, field);
  form.dataset.version = current.version;
  form.dataset.siteId = site.id;
  $('#edit-title').textContent = site.name;
  $('#edit-meta').textContent = `${site.district} · 编号 ${site.id} · 来源 ${site.sourceId} · 版本 ${version} · ${when(site.updatedAt)} 由 ${site.updatedBy ?? '—'} 修改`;
  $('#state-now').textContent = `当前：${STATES[site.stateNow]}${site.state !== site.stateNow ? `（记录为${STATES[site.state]}）` : ''}${site.suspendedUntil ? `，暂停至 ${when(site.suspendedUntil)}` : ''}${site.stateReason ? `，原因：${site.stateReason}` : ''}`;
  renderHours($('#hours-parse'), site.hours);
}

function renderHours(el, hours) {
  el.classList.toggle('ok', hours.status === 'parsed');
  el.classList.toggle('bad', hours.status === 'unparsed');
  el.dataset.status = hours.status;
  if (hours.status === 'empty') { fill(el, '未填写开放时间：居民将看到“时间未知”。'); return; }
  if (hours.status === 'unparsed') { fill(el, `无法识别：${hours.problem ?? ''}。居民将看到原文，不判断是否开放。`); return; }
  if (hours.alwaysOpen) { fill(el, '已识别：全天 24 小时开放。'); return; }
  const byDay = {};
  for (const i of hours.weekly ?? []) {
    const dates = i.dates === 'odd' ? '单号' : i.dates === 'even' ? '双号' : '';
    (byDay[i.day] ??= []).push(`${dates}${i.open}-${i.close}${i.closesNextDay ? '(次日)' : ''}${i.alternateWeeks ? '(隔周)' : ''}`);
  }
  const days = Object.keys(DAYS).filter((d) => byDay[d]).map((d) => `${DAYS[d]} ${byDay[d].join('、')}`);
  fill(el, `已识别：${days.join('；') || '无开放时段'}`, hours.qualifiers?.length ? `（附注：${hours.qualifiers.join(', ')}）` : '');
}

let parseSeq = 0;
async function parseHours(text) {
  const seq = ++parseSeq;
  try {
    const hours = await get(`manage/hours/parse${query({ text })}`);
    if (seq === parseSeq) renderHours($('#hours-parse'), hours);
  } catch (error) {
    if (seq === parseSeq) fill($('#hours-parse'), `无法检查：${describe(error)}`);
  }
}

/** The fields the operator changed from the version shown, as a merge patch. */
function changes(form) {
  const patch = {};
  for (const field of FIELDS) {
    const value = form.elements[field].value.trim();
    if (value === String(formValue(current.site, field)).trim()) continue;
    if (field === 'audience') {
      const names = value.split(/[,，、\s]+/).filter(Boolean);
      patch.audience = names.length === 1 ? names[0] : names;
    } else patch[field] = value === '' ? null : value;
  }
  return patch;
}

async function patch(body) {
  return call(`manage/sites/${encodeURIComponent(current.site.id)}`, {
    method: 'PATCH', body, contentType: 'application/merge-patch+json', headers: { 'If-Match': current.version },
  });
}

async function save(event) {
  event.preventDefault();
  const form = event.target;
  const body = changes(form);
  const result = $('#edit-result');
  if (Object.keys(body).length === 0) { result.textContent = '没有修改。'; return; }
  const reason = form.elements.reason.value.trim();
  if (reason) body.reason = reason;
  try {
    const { body: answer, headers } = await patch(body);
    show(answer.site, headers.get('ETag') ?? answer.site.version);
    form.elements.reason.value = '';
    $('#edit-conflict').hidden = true;
    result.textContent = `已保存：${answer.changes.map((c) => c.field).join('、') || '无变化'}。`;
    audit(false);
  } catch (error) {
    if (error instanceof ApiError && error.status === 412) conflict(error, body);
    else result.textContent = `保存失败：${describe(error)}`;
  }
}

/**
 * Someone saved the site after this form was loaded. Nothing was written: the form now shows the fresh
 * version, and the operator's unsaved values are listed beside what is stored now, to apply again knowingly.
 */
function conflict(error, mine) {
  const fresh = error.problem.current;
  const version = etag(error.headers.get('ETag') ?? error.problem.currentVersion);
  const before = current.site;
  show(fresh, version);
  const theirs = FIELDS.filter((f) => String(formValue(before, f)) !== String(formValue(fresh, f)));
  const box = $('#edit-conflict');
  fill(box,
    h('strong', {}, '保存未成功（412）：此站点在你打开后已被修改。'),
    h('p', {}, `表单已更新为最新版本 ${version}（${when(fresh.updatedAt)}，${fresh.updatedBy ?? '—'}）。`),
    theirs.length ? h('p', {}, `对方改动：${theirs.map((f) => `${labelOf(f)}“${formValue(before, f)}”→“${formValue(fresh, f)}”`).join('；')}`) : null,
    h('p', {}, `你未保存的修改：${Object.entries(mine).filter(([k]) => k !== 'reason').map(([k, v]) => `${labelOf(k)}“${[].concat(v ?? '').join(',')}”`).join('；')}`),
    h('button', { type: 'button', class: 'small', onclick: () => { reapply(mine); box.hidden = true; } }, '在最新版本上重新填入我的修改'));
  box.hidden = false;
  box.dataset.version = version;
  $('#edit-result').textContent = '';
  box.setAttribute('tabindex', '-1');
  box.focus();
}

function reapply(mine) {
  const form = $('#edit-form');
  for (const [field, value] of Object.entries(mine)) {
    if (FIELDS.includes(field)) form.elements[field].value = [].concat(value ?? '').join(', ');
  }
}

const labelOf = (field) => ({ name: '名称', address: '地址', type: '类型', audience: '服务对象', hours: '开放时间', phone: '电话', notes: '备注' })[field] ?? field;

async function changeState(event) {
  event.preventDefault();
  const form = event.target;
  const stateValue = form.elements.state.value;
  const stateReason = form.elements.stateReason.value.trim();
  const result = $('#state-result');
  if (stateValue !== 'open' && !stateReason) { result.textContent = '暂停或关闭需要填写原因。'; form.elements.stateReason.focus(); return; }
  // Without a reason the API drops the old one with the old state, which is what reopening means.
  const body = { state: stateValue };
  if (stateReason) Object.assign(body, { stateReason, reason: stateReason });
  const until = form.elements.suspendedUntil.value;
  if (stateValue === 'suspended' && until) body.suspendedUntil = until.length === 16 ? `${until}:00` : until;
  try {
    const { body: answer, headers } = await patch(body);
    show(answer.site, headers.get('ETag') ?? answer.site.version);
    result.textContent = `状态已改为${STATES[answer.site.state]}。`;
    form.reset();
    audit(false);
  } catch (error) {
    if (error instanceof ApiError && error.status === 412) {
      show(error.problem.current, error.headers.get('ETag') ?? error.problem.currentVersion);
      result.textContent = '站点已被他人修改（412），已载入最新版本，请确认后再提交。';
    } else result.textContent = `更改失败：${describe(error)}`;
  }
}

// ---- staff tokens ----

async function tokens() {
  const page = await get(`manage/sites/${current.site.id}/tokens`);
  fill($('#token-list'), page.items.length === 0 ? h('li', { class: 'hint' }, '尚未签发令牌。') : page.items.map((t) => h('li', { dataset: { tokenId: t.tokenId } },
    h('code', {}, t.tokenId), ` 签发于 ${when(t.issuedAt)} `,
    t.revokedAt ? h('span', { class: 'hint' }, `已于 ${when(t.revokedAt)} 吊销`)
      : h('button', { type: 'button', class: 'small quiet', onclick: () => revoke(t.tokenId) }, '吊销'))));
}

/** What staff scan: the staff report page, with the site and token after '#' so that no request ever carries them in a URL. */
export function staffLink(siteId, token) {
  return `${new URL('../staff/', document.baseURI)}#site=${encodeURIComponent(siteId)}&token=${encodeURIComponent(token)}`;
}

async function issueToken(rotate) {
  if (rotate && !window.confirm('轮换将吊销此站点的其余令牌，继续？')) return;
  try {
    const { body } = await call(`manage/sites/${current.site.id}/tokens${rotate ? '?rotate=true' : ''}`, { method: 'POST' });
    const link = staffLink(body.siteId, body.token);
    const code = encode(link);
    fill($('#token-once'),
      h('strong', {}, '令牌只显示这一次，请立即交给站点工作人员（扫码或抄写）。'),
      toSvg(code, `站点 ${current.site.name} 的工作人员令牌二维码`),
      h('p', {}, '令牌：', h('code', { id: 'token-secret' }, body.token)),
      h('p', { class: 'hint' }, '二维码内容：', h('code', { id: 'token-payload' }, link)),
      h('button', { type: 'button', class: 'small quiet', onclick: () => { fill($('#token-once')); $('#token-once').hidden = true; } }, '已交付，隐藏'));
    $('#token-once').hidden = false;
    $('#token-once').dataset.tokenId = body.tokenId;
    await tokens();
  } catch (error) {
    say(`签发失败：${describe(error)}`, true);
  }
}

async function revoke(tokenId) {
  try {
    await call(`manage/sites/${current.site.id}/tokens/${tokenId}`, { method: 'DELETE', as: 'text' });
    say(`令牌 ${tokenId} 已吊销。`);
    await tokens();
  } catch (error) {
    say(`吊销失败：${describe(error)}`, true);
  }
}

// ---- audit and busyness ----

async function audit(more) {
  const cursor = more ? current.auditCursor : null;
  const page = await get(`manage/sites/${current.site.id}/audit${query({ limit: 10, cursor })}`);
  const items = page.items.map((e) => h('li', {},
    h('strong', {}, ACTIONS[e.action] ?? e.action), ` ${when(e.at)} · ${e.who}`, e.reason ? ` · 原因：${e.reason}` : '',
    h('ul', {}, e.changes.map((c) => h('li', { class: 'hint' }, `${c.field}: ${c.before ?? '（空）'} → ${c.after ?? '（空）'}`)))));
  if (more) $('#audit').append(...items);
  else fill($('#audit'), items.length ? items : h('li', { class: 'hint' }, '暂无记录。'));
  current.auditCursor = page.cursor;
  $('#audit-more').hidden = !page.cursor;
}

async function busyness() {
  const id = current.site.id;
  // The public view says whose the status is: the demo feeder's figures are labelled as such.
  const [page, view] = await Promise.all([read(`sites/${id}/busyness`), read(`sites/${id}`).catch(() => null)]);
  const box = $('#busyness');
  const demo = view?.status?.source === 'demo';
  box.dataset.demo = String(demo);
  const hours = page.items;
  if (!hours.some((x) => x.days > 0)) { fill(box, h('p', { class: 'hint' }, '近 14 天没有上报数据。')); return; }
  const width = 24 * 12;
  const height = 80;
  const chart = h('svg:svg', { viewBox: `0 0 ${width} ${height + 14}`, class: 'chart', role: 'img', 'aria-label': '各小时繁忙比例柱状图' });
  for (const x of hours) {
    const barHeight = Math.round((x.busyShare ?? 0) * height);
    const bar = h('svg:rect', { x: x.hour * 12 + 1, y: height - Math.max(barHeight, 1), width: 10, height: Math.max(barHeight, 1), class: x.days > 0 ? 'bar-busy' : 'bar-none' },
      h('svg:title', {}, `${x.hour}时：${x.days} 天有数据，繁忙 ${Math.round((x.busyShare ?? 0) * 100)}%${x.averageWaitMinutes !== undefined ? `，平均等待 ${x.averageWaitMinutes} 分钟` : ''}`));
    chart.append(bar);
    if (x.hour % 3 === 0) chart.append(h('svg:text', { x: x.hour * 12 + 1, y: height + 11, class: 'axis' }, String(x.hour)));
  }
  fill(box, demo ? h('p', { class: 'demo-label' }, h('span', { class: 'tag-demo' }, '演示'), ' 此站点的状态来自演示数据，并非工作人员上报。') : null,
    chart, h('p', { class: 'hint' }, '柱高为该小时繁忙或拥挤的时间比例（上海时间）。'),
    h('details', {}, h('summary', {}, '数据表'), h('table', {},
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, '时'), h('th', { scope: 'col' }, '天数'), h('th', { scope: 'col' }, '繁忙'), h('th', { scope: 'col' }, '平均等待'))),
      h('tbody', {}, hours.filter((x) => x.days > 0).map((x) => h('tr', {}, h('td', {}, x.hour), h('td', {}, x.days), h('td', {}, `${Math.round(x.busyShare * 100)}%`), h('td', {}, x.averageWaitMinutes ?? '—')))))));
}

export const levelName = (level) => LEVELS[level] ?? level;
export const typeName = (type) => TYPES[type] ?? type;
