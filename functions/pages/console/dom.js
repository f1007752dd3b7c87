// Small DOM helpers: every piece of data enters the page as text or an attribute, never as markup.

/** An element with attributes (on* names become listeners) and children (strings become text). */
export function h(tag, attrs = {}, ...children) {
  const svg = tag.startsWith('svg:');
  const el = svg ? document.createElementNS('http://www.w3.org/2000/svg', tag.slice(4)) : document.createElement(tag);
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') el.addEventListener(name.slice(2), value);
    else if (name === 'dataset') Object.assign(el.dataset, value);
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces an element's children. */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

export const $ = (selector, root = document) => root.querySelector(selector);

export const LEVELS = {
  idle: '空闲', normal: '正常', busy: '较忙', congested: '拥挤', paused: '暂停采样',
  noData: '无数据', closed: '未开放', unconfirmed: '待核实',
};
export const STATES = { planned: '筹备中', open: '开放', suspended: '暂停', closed: '关闭' };
export const TYPES = { fixed: '固定采样点', convenience: '便民采样点', mobile: '流动采样点', unknown: '未分类' };
export const KINDS = {
  closed: '已关闭', 'wrong-location': '位置有误', 'wrong-hours': '时间有误', 'long-queue': '排队很长',
  'not-public': '不对外开放', other: '其他',
};
export const DAYS = { mon: '周一', tue: '周二', wed: '周三', thu: '周四', fri: '周五', sat: '周六', sun: '周日' };
export const ACTIONS = { edit: '编辑', import: '导入', closeMissing: '导入关闭', correction: '纠错处理' };

/** Shanghai wall-clock time of an ISO instant, as operators read it. */
export function when(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
}

export function percent(share) {
  return share === undefined || share === null ? '—' : `${(share * 100).toFixed(1)}%`;
}
