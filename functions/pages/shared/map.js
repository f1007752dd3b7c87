// A map the page draws itself, in SVG: no tiles and no map service, since a page here may fetch
// nothing from another host. Points are projected equirectangularly around their middle latitude,
// which over a few kilometres of Shanghai is off by far less than a dot's width.

import { levelText } from './format.js';

const svgNs = 'http://www.w3.org/2000/svg';
const metresPerDegree = 111_320;

function element(name, attributes = {}, parent = null) {
  const node = document.createElementNS(svgNs, name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, String(value));
  if (parent) parent.appendChild(node);
  return node;
}

/** A projection that fits `points` ({lat, lng}) into width × height with a margin, keeping at least `minSpanMetres` across. */
export function fitProjection(points, width, height, { margin = 24, minSpanMetres = 600 } = {}) {
  const lats = points.map((p) => p.lat);
  const lngs = points.map((p) => p.lng);
  const midLat = (Math.min(...lats) + Math.max(...lats)) / 2;
  const midLng = (Math.min(...lngs) + Math.max(...lngs)) / 2;
  const cos = Math.cos((midLat * Math.PI) / 180);
  // Metres east and north of the middle.
  const toMetres = (p) => [(p.lng - midLng) * metresPerDegree * cos, (p.lat - midLat) * metresPerDegree];
  const metres = points.map(toMetres);
  const spanX = Math.max(minSpanMetres, ...metres.map(([x]) => Math.abs(x) * 2));
  const spanY = Math.max(minSpanMetres, ...metres.map(([, y]) => Math.abs(y) * 2));
  const scale = Math.min((width - 2 * margin) / spanX, (height - 2 * margin) / spanY); // px per metre
  return {
    scale,
    toPixel(p) {
      const [x, y] = toMetres(p);
      return [width / 2 + x * scale, height / 2 - y * scale];
    },
    toPoint(px, py) {
      const x = (px - width / 2) / scale;
      const y = (height / 2 - py) / scale;
      return { lat: midLat + y / metresPerDegree, lng: midLng + x / (metresPerDegree * cos) };
    },
  };
}

/** A scale bar's length: the largest of 1, 2, 5 × 10^n metres that fits in `maxPixels`. */
function niceMetres(maxPixels, scale) {
  const most = maxPixels / scale;
  const power = 10 ** Math.floor(Math.log10(most));
  return [5, 2, 1].map((f) => f * power).find((m) => m <= most) || power;
}

/**
 * Draws sites (coloured by status level, class `level-<level>`) and the resident's point into `svg`.
 * `extent` ({lat, lng} points) frames the map while there is nothing to draw.
 * `onPick({lat, lng})` is called for a click on empty map (mouse or touch only: keyboard users give an
 * address instead), `onSelect(site)` for a click on a site, or Enter or Space on its focused dot.
 * Coordinates are those of the answer drawn (one system throughout); nothing is converted.
 */
export function drawSitesMap(svg, { sites, me, outlines = [], extent = [], width = 360, height = 300, onPick, onSelect, label }) {
  svg.replaceChildren();
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  // A group, not an image: the site dots inside are buttons a keyboard reaches.
  svg.setAttribute('role', 'group');
  if (label) svg.setAttribute('aria-label', label);
  const drawn = sites.map((s) => s.location).concat(me ? [me] : []);
  // With nothing to show yet, the extent given (a city's centre) so that a point can still be picked.
  const points = drawn.length > 0 ? drawn : extent;
  element('rect', { class: 'map-ground', x: 0, y: 0, width, height }, svg);
  if (points.length === 0) return null;

  const projection = fitProjection(points, width, height);
  const outlineLayer = element('g', { id: 'map-outlines' }, svg);
  for (const ring of outlines) {
    element('path', { class: 'map-outline', d: 'M' + ring.map((p) => projection.toPixel(p).map((v) => v.toFixed(1)).join(',')).join('L') + 'Z' }, outlineLayer);
  }

  const siteLayer = element('g', { id: 'map-sites' }, svg);
  sites.forEach((site, index) => {
    const [x, y] = projection.toPixel(site.location);
    const dot = element('g', {
      class: `map-site level-${site.status.level}`,
      'data-id': site.id,
      transform: `translate(${x.toFixed(1)},${y.toFixed(1)})`,
      tabindex: 0,
      role: 'button',
      'aria-label': `${index + 1}. ${site.name}，${levelText(site.status.level)}`,
    }, siteLayer);
    element('circle', { r: 11 }, dot);
    element('text', { class: 'map-site-number', y: 4, 'text-anchor': 'middle' }, dot).textContent = String(index + 1);
    element('title', {}, dot).textContent = `${index + 1}. ${site.name}`;
    dot.addEventListener('click', (event) => {
      event.stopPropagation();
      if (onSelect) onSelect(site);
    });
    dot.addEventListener('keydown', (event) => {
      if (event.key !== 'Enter' && event.key !== ' ') return;
      event.preventDefault();
      event.stopPropagation();
      if (onSelect) onSelect(site);
    });
  });

  if (me) {
    const [x, y] = projection.toPixel(me);
    const mine = element('g', { id: 'map-me', transform: `translate(${x.toFixed(1)},${y.toFixed(1)})` }, svg);
    element('circle', { class: 'map-me-halo', r: 14 }, mine);
    element('circle', { class: 'map-me-dot', r: 6 }, mine);
    element('title', {}, mine).textContent = '你的位置';
  }

  const metres = niceMetres(width / 3, projection.scale);
  const bar = element('g', { id: 'map-scale', transform: `translate(12,${height - 14})` }, svg);
  const barPixels = metres * projection.scale;
  element('path', { class: 'map-scale-bar', d: `M0,-5V0H${barPixels.toFixed(1)}V-5` }, bar);
  element('text', { class: 'map-scale-text', x: barPixels + 6, y: 0 }, bar).textContent = metres >= 1000 ? `${metres / 1000} 公里` : `${metres} 米`;

  svg.onclick = (event) => {
    if (!onPick) return;
    const matrix = svg.getScreenCTM();
    if (!matrix) return;
    const at = new DOMPoint(event.clientX, event.clientY).matrixTransform(matrix.inverse());
    onPick(projection.toPoint(at.x, at.y));
  };
  return projection;
}
