// geokdbush 2.1 on the data the C# suite generated (`dotnet run -- export DIR`), measured like the
// C# per-query pass: one thread, a warm-up pass, then each query timed on its own (hrtime), its fastest of up to three passes.
// Usage: node geokdbush-bench.mjs DATA_DIR [sizes...]  → a markdown table on stdout. DATA_DIR is one
// distribution's folder (`export` writes DIR/<distribution>/ with its display name in name.txt).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import KDBush from 'kdbush';
import { around } from 'geokdbush';

const [dir, ...sizeArgs] = process.argv.slice(2);
const sizes = (sizeArgs.length ? sizeArgs.map(Number) : [10_000, 100_000, 1_000_000]).filter((n) => existsSync(join(dir, `sites-${n}.f64`)));
const readPoints = (file) => {
  const buf = readFileSync(join(dir, file));
  return new Float64Array(buf.buffer, buf.byteOffset, buf.byteLength / 8); // lng, lat pairs
};
const queries = readPoints('queries.f64');
const queryCount = queries.length / 2;
// As Dataset.RadiusQueryCount: the radius kernel runs the first 1,000 queries.
const RADIUS_QUERIES = 1_000;
const nameFile = join(dir, 'name.txt');
const data = existsSync(nameFile) ? readFileSync(nameFile, 'utf8').trim() : '400 clusters';

const rows = [];
const builds = [];
for (const n of sizes) {
  const sites = readPoints(`sites-${n}.f64`);
  const keep = readFileSync(join(dir, `filter-${n}.u8`));
  const times = [];
  let index;
  for (let b = 0; b < 3; b++) {
    const t0 = process.hrtime.bigint();
    index = new KDBush(n, 64, Float64Array);
    for (let i = 0; i < n; i++) index.add(sites[2 * i], sites[2 * i + 1]);
    index.finish();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  times.sort((a, b) => a - b);
  builds.push(`| ${data} | ${n.toLocaleString('en-US')} | ${times[1].toFixed(1)} | ${index.data.byteLength.toLocaleString('en-US')} | ${(index.data.byteLength / n).toFixed(2)} |`);

  const filter = (id) => keep[id] === 1;
  row(n, 'geokdbush k=10', queryCount, (i) => around(index, queries[2 * i], queries[2 * i + 1], 10).length);
  row(n, 'geokdbush radius 1.5 km', Math.min(queryCount, RADIUS_QUERIES), (i) => around(index, queries[2 * i], queries[2 * i + 1], Infinity, 1.5).length);
  row(n, 'geokdbush k=10, half filter', queryCount, (i) => around(index, queries[2 * i], queries[2 * i + 1], 10, Infinity, filter).length);
  console.error(`${n.toLocaleString('en-US')} sites: done`);
}

console.log('### geokdbush 2.1 (Node ' + process.version + ', same data, per-query pass)\n');
console.log('| data | sites | kernel | queries | q/s | p50 µs | p99 µs | mean hits |');
console.log('| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: |');
for (const r of rows) console.log(r);
console.log('\n| sites | build ms (median of 3) | index bytes | bytes/site |');
console.log('| ---: | ---: | ---: | ---: |');
for (const b of builds) console.log(b);

function row(n, kernel, count, run) {
  let hits = 0;
  for (let i = 0; i < count; i++) hits += run(i);
  // Up to three timed passes (fewer when a pass takes over 2 s); each query keeps its fastest time, as PerQuery.cs does.
  const ns = new Float64Array(count).fill(Infinity);
  const timing = process.hrtime.bigint();
  for (let pass = 0; pass < 3 && (pass === 0 || Number(process.hrtime.bigint() - timing) < 2e9); pass++) {
    for (let i = 0; i < count; i++) {
      const t0 = process.hrtime.bigint();
      run(i);
      ns[i] = Math.min(ns[i], Number(process.hrtime.bigint() - t0));
    }
  }
  const total = ns.reduce((a, b) => a + b, 0);
  ns.sort();
  const qps = count / (total / 1e9);
  const p50 = ns[Math.floor(0.5 * (count - 1))] / 1e3;
  const p99 = ns[Math.ceil(0.99 * (count - 1))] / 1e3;
  rows.push(`| ${data} | ${n.toLocaleString('en-US')} | ${kernel} | ${count.toLocaleString('en-US')} | ${Math.round(qps).toLocaleString('en-US')} | ${p50.toFixed(2)} | ${p99.toFixed(2)} | ${(hits / count).toFixed(1)} |`);
}
