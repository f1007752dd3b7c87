// Imports: the file is sent as a dry run first; the report says what would change, and the same bytes are then applied.
import { call, query, describe } from './api.js';
import { h, fill, $, when } from './dom.js';
import { say, scope } from './app.js';

const PROBLEM_NAMES = {
  hoursUnparsed: '开放时间无法识别', duplicate: '疑似重复', approximateLocation: '位置不精确',
  'held:outsideExpectedArea': '位置超出预期范围（暂不发布）', 'held:lowGeocodeConfidence': '地址定位不确定（暂不发布）',
  'held:notGeocoded': '地址无法定位（未导入）',
};

const problemName = (kind) => PROBLEM_NAMES[kind]
  ?? (kind.startsWith('cleared:') ? `清空字段 ${kind.slice(8)}` : kind.startsWith('rejected:') ? `拒绝：字段 ${kind.slice(9)} 有误` : kind);

let pending = null;

export function initImport() {
  $('#import-form').addEventListener('submit', (event) => { event.preventDefault(); run(true); });
  $('#import-apply').addEventListener('click', () => run(false));
  // What the dry run was of is what is applied: another file or another choice needs a dry run of its own.
  const forget = () => { pending = null; $('#import-apply').disabled = true; };
  $('#import-file').addEventListener('change', forget);
  $('#import-close-missing').addEventListener('change', forget);
  $('#template').addEventListener('click', downloadTemplate);
}

function contentType(file) {
  if (/\.json$/i.test(file.name) || file.type === 'application/json') return 'application/json';
  // No charset: the API detects UTF-8 or GB18030 (as Excel saves it) and says which it read.
  return 'text/csv';
}

async function run(dryRun) {
  let sent;
  if (dryRun) {
    const file = $('#import-file').files[0];
    if (!file) { say('请先选择名单文件。', true); return; }
    // The bytes are read once, here: the apply sends these same bytes, even if the file on disk changes.
    sent = { bytes: new Blob([await file.arrayBuffer()], { type: contentType(file) }), type: contentType(file), closeMissing: $('#import-close-missing').checked };
  } else {
    if (!pending) { say('请先试运行。', true); $('#import-apply').disabled = true; return; }
    sent = pending;
  }
  const report = $('#import-report');
  $('#import-apply').disabled = true;
  try {
    const { body } = await call(`manage/sites/import${query({ dryRun: dryRun ? 'true' : '', closeMissing: sent.closeMissing ? 'true' : '' })}`,
      { method: 'POST', body: sent.bytes, contentType: sent.type });
    render(body);
    report.hidden = false;
    report.dataset.dryRun = String(body.dryRun);
    report.dataset.closeMissing = String(sent.closeMissing);
    pending = dryRun ? sent : null;
    $('#import-apply').disabled = !dryRun;
    say(dryRun ? '试运行完成，未写入任何数据。请检查报告后确认导入。' : `已导入（${body.importId}）。`);
    report.focus?.();
  } catch (error) {
    fill(report, h('p', { class: 'alert' }, `${dryRun ? '试运行' : '导入'}失败：${describe(error)}`));
    report.hidden = false;
    $('#import-apply').disabled = true;
  }
}

function render(answer) {
  const s = answer.summary;
  const figures = [['received', '收到行数'], ['accepted', '接受'], ['rejected', '拒绝'], ['added', '新增'], ['updated', '更新'], ['unchanged', '未变'],
    ['missing', '名单中缺少'], ['closed', '已关闭'], ['held', '暂不发布'], ['hoursUnparsed', '时间无法识别'], ['merged', '合并']];
  const changes = answer.changes;
  const list = (title, items, line) => h('details', { open: items.length > 0 && items.length <= 10 },
    h('summary', {}, `${title}（${items.length}）`),
    h('ul', { class: 'list' }, items.slice(0, 200).map((item) => h('li', {}, line(item)))),
    items.length > 200 ? h('p', { class: 'hint' }, `只列出前 200 个。`) : null);
  fill($('#import-report'),
    h('h3', {}, answer.dryRun ? '试运行报告（未写入）' : '导入结果'),
    h('p', { class: 'hint' }, `编号 ${answer.importId} · 编码 ${answer.encoding}${scope() ? ` · ${scope()}` : ''} · ${when(new Date().toISOString())}`),
    h('dl', { class: 'figures', id: 'import-summary' }, figures.flatMap(([k, t]) => [h('dt', {}, t), h('dd', { dataset: { field: k } }, s[k] ?? 0)])),
    h('h3', {}, '问题（按类型）'),
    answer.problems.length === 0 ? h('p', { class: 'hint' }, '没有问题。') : h('table', { id: 'import-problems' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, '类型'), h('th', { scope: 'col' }, '行数'), h('th', { scope: 'col' }, '前几行'))),
      h('tbody', {}, answer.problems.map((p) => h('tr', {}, h('td', {}, problemName(p.kind), ' ', h('code', {}, p.kind)), h('td', {}, p.count), h('td', {}, p.firstRows.join(', ')))))),
    answer.geocoding ? h('p', { class: 'hint' }, `地址定位：${answer.geocoding.rows} 行，地名库 ${answer.geocoding.gazetteer}，地图服务 ${answer.geocoding.azureMaps}，未找到 ${answer.geocoding.notFound}${answer.geocoding.degraded ? `（${answer.geocoding.degraded}）` : ''}`) : null,
    h('h3', {}, '变化'),
    list('新增', changes.added, (x) => `${x.sourceId}${x.row ? `（第 ${x.row} 行）` : ''}`),
    list('更新', changes.updated, (x) => [h('strong', {}, x.sourceId), ' ', (x.changes ?? x.fields ?? []).map((c) => `${c.field}: ${c.before ?? '（空）'} → ${c.after ?? '（空）'}`).join('；')]),
    list('未变', changes.unchanged, (x) => x.sourceId),
    list('名单中缺少', changes.missing, (x) => `${x.name}（${x.sourceId}，${x.district}）${x.closed ? ' — 已关闭' : ''}`));
}

async function downloadTemplate(event) {
  event.preventDefault();
  try {
    const { body } = await call('manage/sites/template.csv', { as: 'text' });
    const link = h('a', { href: URL.createObjectURL(new Blob([body], { type: 'text/csv' })), download: 'sites-template.csv' });
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  } catch (error) {
    say(`模板下载失败：${describe(error)}`, true);
  }
}

export const hasPending = () => pending !== null;
