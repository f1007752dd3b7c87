// The resident page: where am I → the nearest sites as a list (the primary view) and a drawn map,
// a site's detail with navigation links, and a correction. Everything is asked in WGS-84, what the
// browser's geolocation gives; the navigation links ask the API for the site in each map app's own
// system rather than converting here, so the one conversion code is the API's.
import { ApiProblem, getJson, postJson } from '../shared/api.js';
import { drawSitesMap } from '../shared/map.js';
import { audienceText, distanceText, hoursToday, levelText, statusDetail, statusLine, types, weekdays } from '../shared/format.js';

const $ = (selector) => document.querySelector(selector);
const listSize = 20;

/** What the map frames before a position is known: the city within the outer ring road, roughly (WGS-84). */
const centralShanghai = [{ lat: 31.12, lng: 121.33 }, { lat: 31.34, lng: 121.62 }];

const state = {
  /** {lat, lng, label, how}: the point the list is for, in WGS-84. */
  origin: null,
  sites: [],
  /** Answers that arrive after a newer request was sent are dropped. */
  sequence: 0,
  detailSite: null,
  /** District outlines as rings of {lat, lng} (WGS-84), once loaded; the map draws without them until then. */
  outlines: [],
};

function make(tag, attributes = {}, text = undefined) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') node.className = value;
    else node.setAttribute(key, String(value));
  }
  if (text !== undefined) node.textContent = text;
  return node;
}

function say(text, isError = false) {
  const summary = $('#summary');
  summary.textContent = text;
  summary.classList.toggle('error', isError);
}

function problemText(error) {
  if (error instanceof ApiProblem) return error.text;
  return '出了点问题，请稍后再试';
}

function filters() {
  const form = $('#filters');
  return {
    open: form.open.checked ? 'now' : '',
    notBusy: form.notBusy.checked ? 'true' : '',
    type: form.type.value,
    audience: form.audience.value,
    sort: form.sort.value,
  };
}

/** Asks for the nearest sites to `origin`, or to an address typed (whose place then becomes the origin). */
async function load({ address } = {}) {
  const sequence = ++state.sequence;
  const list = $('#sites');
  list.setAttribute('aria-busy', 'true');
  say('正在查找附近的采样点…');
  const params = { coord: 'wgs84', limit: listSize, ...filters() };
  if (address) params.address = address;
  else Object.assign(params, { lat: state.origin.lat.toFixed(6), lng: state.origin.lng.toFixed(6) });
  try {
    const answer = await getJson('sites/nearby', params);
    if (sequence !== state.sequence) return;
    if (answer.near) {
      state.origin = { lat: answer.near.location.lat, lng: answer.near.location.lng, label: answer.near.label, how: 'address' };
      rememberOrigin();
    }
    state.sites = answer.items;
    render(answer);
  } catch (error) {
    if (sequence !== state.sequence) return;
    console.info('nearby refused', error.message);
    say(problemText(error), true);
    list.setAttribute('aria-busy', 'false');
  }
}

/** The origin in the address bar's fragment, so that a list can be shared or reloaded: #at=lat,lng. */
function rememberOrigin() {
  const { lat, lng } = state.origin;
  history.replaceState(null, '', `#at=${lat.toFixed(5)},${lng.toFixed(5)}`);
}

function originWords() {
  const origin = state.origin;
  if (!origin) return '';
  if (origin.how === 'address') return `“${origin.label}”附近`;
  if (origin.how === 'map') return '地图选点附近';
  if (origin.how === 'geo') return '你的位置附近';
  return '所选位置附近';
}

function render(answer) {
  const list = $('#sites');
  const now = Date.now();
  list.replaceChildren(...state.sites.map((site, index) => siteItem(site, index, now)));
  list.dataset.version = String(Number(list.dataset.version || 0) + 1);
  list.setAttribute('aria-busy', 'false');
  const count = state.sites.length;
  const degraded = answer.degraded ? '（地址服务暂不可用，结果仅来自本地地名）' : '';
  say(count === 0
    ? `${originWords()}没有符合条件的采样点，可以放宽筛选条件。${degraded}`
    : `${originWords()}的 ${count} 个采样点${$('#filters').sort.value === 'time' ? '，按总用时排序' : '，由近到远'}。${degraded}`);
  drawMap();
}

function siteItem(site, index, now) {
  const item = make('li', { class: `site level-${site.status.level}`, 'data-id': site.id });
  const title = make('h3');
  title.append(make('span', { class: 'number' }, `${index + 1}.`));
  const open = make('button', { type: 'button', 'aria-haspopup': 'dialog' }, site.name);
  open.addEventListener('click', () => showDetail(site));
  title.append(open);
  item.append(title);

  const status = make('p', { class: 'status' });
  status.append(make('span', { class: `badge level-${site.status.level}` }, levelText(site.status.level)));
  const detail = statusDetail(site.status, now);
  if (detail) status.append(make('span', { class: 'status-text' }, detail));
  item.append(status);

  const walk = [distanceText(site.distanceMeters), typeof site.walkMinutes === 'number' ? `步行约 ${site.walkMinutes} 分钟` : '',
    typeof site.status.waitMinutes === 'number' ? `排队约 ${site.status.waitMinutes} 分钟` : '',
    typeof site.totalMinutes === 'number' ? `合计约 ${site.totalMinutes} 分钟` : ''].filter(Boolean).join(' · ');
  item.append(make('p', { class: 'distance' }, walk));
  item.append(make('p', { class: 'hours' }, `${openNowText(site.openNow)} · ${hoursToday(site.hours)}`));
  const restricted = site.audience && site.audience.kind !== 'public';
  item.append(make('p', { class: restricted ? 'audience restricted' : 'audience' }, audienceText(site.audience)));
  item.append(make('p', { class: 'meta' }, `${types[site.type] || types.unknown} · ${site.address}`));
  if (site.stateReason) item.append(make('p', { class: 'meta' }, `说明：${site.stateReason}`));
  return item;
}

function openNowText(openNow) {
  if (openNow === true) return '开放中';
  if (openNow === false) return '现在不开放';
  return '开放时间未能确认';
}

function drawMap() {
  const svg = $('#map');
  const count = state.sites.length;
  // Drawn at its size on screen, so that dots and labels keep their size from a phone to a desk.
  const width = Math.max(280, Math.round(svg.getBoundingClientRect().width || 360));
  drawSitesMap(svg, {
    width,
    height: Math.round(Math.min(width * 0.85, 620)),
    sites: state.sites,
    me: state.origin,
    extent: centralShanghai,
    outlines: state.outlines,
    label: state.origin
      ? `地图：${originWords()}，${count} 个采样点，编号与列表一致，颜色表示排队情况。点击地图可改选位置，使用键盘时请输入地址；采样点可用 Tab 键选中、回车打开。`
      : '地图：上海市中心城区，尚未选择位置。点击地图可选择位置，使用键盘时请输入地址。',
    onPick: (point) => {
      state.origin = { ...point, how: 'map' };
      rememberOrigin();
      load();
    },
    onSelect: (site) => showDetail(site),
  });
}

// ---- A site's detail: everything known, navigation links in each app's system, a correction.

async function showDetail(site) {
  state.detailSite = site;
  const dialog = $('#detail');
  $('#detail-title').textContent = site.name;
  $('#detail-body').replaceChildren(make('p', {}, '正在读取…'));
  $('#nav-links').replaceChildren();
  $('#correction-result').textContent = '';
  $('#correction').reset();
  dialog.dataset.id = site.id;
  dialog.dataset.ready = 'false';
  if (!dialog.open) dialog.showModal();
  try {
    // GCJ-02 for AMap and Tencent, BD-09 for Baidu: the API converts, the page does not.
    const [gcj, bd] = await Promise.all([getJson(`sites/${site.id}`, { coord: 'gcj02' }), getJson(`sites/${site.id}`, { coord: 'bd09' })]);
    if (state.detailSite !== site) return;
    $('#detail-body').replaceChildren(detailFacts(site, gcj));
    $('#nav-links').replaceChildren(...navigationLinks(gcj, bd));
  } catch (error) {
    console.info('detail refused', error.message);
    $('#detail-body').replaceChildren(make('p', { class: 'notice error' }, problemText(error)));
  }
  dialog.dataset.ready = 'true';
}

function detailFacts(site, detail) {
  const list = make('dl');
  const add = (term, value) => {
    if (!value) return;
    list.append(make('dt', {}, term), make('dd', {}, value));
  };
  add('排队', statusLine(site.status));
  add('距离', [distanceText(site.distanceMeters), typeof site.walkMinutes === 'number' ? `步行约 ${site.walkMinutes} 分钟` : ''].filter(Boolean).join('，'));
  add('今天', `${openNowText(site.openNow)} · ${hoursToday(site.hours)}`);
  add('开放时间', detail.hours.text);
  if (detail.hours.weekly && detail.hours.weekly.length > 0) {
    add('每周', detail.hours.weekly.map((i) => `${weekdays[i.day] || i.day} ${i.open}–${i.close}`).join('，'));
  }
  add('适用人群', audienceText(detail.audience));
  add('类型', types[detail.type] || types.unknown);
  add('地址', `${detail.district} ${detail.address}`);
  add('电话', detail.phone);
  add('说明', [detail.stateReason, detail.notes].filter(Boolean).join('；'));
  return list;
}

function navigationLinks(gcj, bd) {
  const name = encodeURIComponent(gcj.name);
  const g = gcj.location;
  const b = bd.location;
  const links = [
    { app: 'amap', coord: g.coord, text: '高德地图', href: `amapuri://route/plan/?sourceApplication=sitefinder&dlat=${g.lat}&dlon=${g.lng}&dname=${name}&dev=0&t=2` },
    { app: 'amap-web', coord: g.coord, text: '高德地图（网页）', href: `https://uri.amap.com/navigation?to=${g.lng},${g.lat},${name}&mode=walk&coordinate=gaode&callnative=1&src=sitefinder` },
    { app: 'qqmap', coord: g.coord, text: '腾讯地图', href: `qqmap://map/routeplan?type=walk&to=${name}&tocoord=${g.lat},${g.lng}&referer=sitefinder` },
    { app: 'baidu', coord: b.coord, text: '百度地图', href: `baidumap://map/direction?destination=latlng:${b.lat},${b.lng}|name:${name}&coord_type=bd09ll&mode=walking&src=sitefinder` },
  ];
  return links.map((link) => {
    const item = make('li');
    item.append(make('a', { href: link.href, 'data-app': link.app, 'data-coord': link.coord, rel: 'noreferrer' }, link.text));
    return item;
  });
}

async function sendCorrection(event) {
  event.preventDefault();
  const site = state.detailSite;
  if (!site) return;
  const form = $('#correction');
  const result = $('#correction-result');
  const button = form.querySelector('button[type="submit"]');
  const body = { kind: form.kind.value };
  const text = form.text.value.trim();
  if (text) body.text = text;
  button.disabled = true;
  result.textContent = '正在提交…';
  try {
    const receipt = await postJson(`sites/${site.id}/corrections`, body);
    result.textContent = `已收到，感谢反馈（编号 ${receipt.id}）。工作人员核实后会更新。`;
    result.dataset.id = receipt.id;
    form.text.value = '';
  } catch (error) {
    console.info('correction refused', error.message);
    result.textContent = error instanceof ApiProblem && error.code === 'too-many-requests'
      ? `提交太频繁，请 ${error.retryAfterSeconds || 60} 秒后再试`
      : problemText(error);
  } finally {
    button.disabled = false;
  }
}

// ---- Where am I.

function locate() {
  if (!('geolocation' in navigator)) {
    say('这个浏览器不能定位，请输入地址或在地图上点选。', true);
    return;
  }
  say('正在定位…');
  navigator.geolocation.getCurrentPosition(
    (position) => {
      // The Geolocation API gives WGS-84, hence coord=wgs84 in every request.
      state.origin = { lat: position.coords.latitude, lng: position.coords.longitude, how: 'geo' };
      rememberOrigin();
      load();
    },
    (error) => say(error.code === error.PERMISSION_DENIED ? '没有定位权限，请输入地址或在地图上点选。' : '定位失败，请输入地址或在地图上点选。', true),
    { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 },
  );
}

function originFromFragment() {
  const match = /^#at=(-?\d+(?:\.\d+)?),(-?\d+(?:\.\d+)?)$/.exec(location.hash);
  if (!match) return null;
  return { lat: Number(match[1]), lng: Number(match[2]), how: 'link' };
}

function start() {
  $('#locate').addEventListener('click', locate);
  $('#address-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const address = $('#address').value.trim();
    if (address) load({ address });
    else $('#address').focus();
  });
  $('#filters').addEventListener('change', () => {
    if (state.origin) load();
  });
  $('#filters').addEventListener('submit', (event) => event.preventDefault());
  $('#correction').addEventListener('submit', sendCorrection);
  $('#detail-close').addEventListener('click', () => $('#detail').close());
  $('#detail').addEventListener('close', () => { state.detailSite = null; });
  drawMap();
  getJson('districts/outlines', { coord: 'wgs84' })
    .then((answer) => {
      state.outlines = answer.items.flatMap((district) => district.rings.map((ring) => ring.map(([lng, lat]) => ({ lat, lng }))));
      drawMap();
    })
    .catch((error) => console.info('no district outlines', error.message));
  let resizing = 0;
  window.addEventListener('resize', () => {
    clearTimeout(resizing);
    resizing = setTimeout(drawMap, 200);
  });
  const shared = originFromFragment();
  if (shared) {
    state.origin = shared;
    load();
  }
}

start();
