// Coverage: the planning figures for the district and the app's own SVG map of it.
import { call, get, query, describe } from './api.js';
import { h, fill, $, percent, when } from './dom.js';

/** The planning answers are 404 until the city has uploaded where people live and the district boundaries. */
const NOT_UPLOADED = '尚无规划数据：市级管理员上传居住点（manage/planning/places）与区界（manage/planning/districts）后可见。';

/** The latest showCoverage call: an answer for an earlier choice of district is dropped, not drawn. */
let sequence = 0;

export async function showCoverage(district) {
  const mine = ++sequence;
  const stale = () => mine !== sequence;
  const figures = $('#coverage-figures');
  const map = $('#coverage-map');
  fill(figures, h('p', { class: 'hint' }, '计算中…'));
  try {
    const answer = await get(`planning/coverage${query({ district })}`);
    if (stale()) return;
    const f = district ? answer.districts.find((d) => d.district === district) ?? answer.city : answer.city;
    const rows = [
      ['范围', district || '全市'], ['时间（上海）', answer.at], ['步行上限', `${answer.minutes} 分钟（直线 ${answer.reachMeters} 米）`],
      ['居住点', f.places], ['已覆盖', `${f.covered}（${percent(f.coveredShare)}）`], ['按权重覆盖', percent(f.coveredWeightShare)],
      ['步行中位数', f.medianMinutes !== undefined ? `${f.medianMinutes.toFixed(1)} 分钟` : '—'],
      ['90% 分位', f.p90Minutes !== undefined ? `${f.p90Minutes.toFixed(1)} 分钟` : '—'],
      ['附近无开放站点', f.noOpenSite], ['开放的公共站点（全市）', answer.sources.openSites],
    ];
    fill(figures, h('dl', { class: 'figures', id: 'coverage-dl' }, rows.flatMap(([t, v]) => [h('dt', {}, t), h('dd', {}, v)])),
      answer.sources.places === 0 ? h('p', { class: 'hint' }, '尚未上传居住点数据（市级管理员上传后可见）。') : null);
  } catch (error) {
    if (stale()) return;
    fill(figures, h('p', { class: error.status === 404 ? 'hint' : 'alert' }, error.status === 404 ? NOT_UPLOADED : `无法读取覆盖指标：${describe(error)}`));
  }
  try {
    const { body: svg } = await call(`planning/coverage.svg${query({ district })}`, { as: 'text' });
    if (stale()) return;
    // As an image, the drawing can run nothing and style nothing of the console; img-src already allows data:.
    const img = h('img', { src: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`, alt: `${district || '全市'} 15 分钟步行覆盖图：绿色已覆盖，红色未覆盖，紫色编号为建议新增站点`, id: 'coverage-img' });
    map.dataset.district = district || '';
    fill(map, img, h('p', { class: 'hint' }, `生成于 ${when(new Date().toISOString())}`));
  } catch (error) {
    if (stale()) return;
    fill(map, h('p', { class: error.status === 404 ? 'hint' : 'alert' }, error.status === 404 ? NOT_UPLOADED : `无法读取规划图：${describe(error)}`));
  }
}
