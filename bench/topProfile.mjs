// Prints the heaviest functions of a .cpuprofile (self and inclusive time):
// node bench/topProfile.mjs test-results/profiles/CPU….cpuprofile [filter-substring]
import { readFileSync } from 'node:fs';

const [file, filter] = process.argv.slice(2);
const p = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(p.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const self = new Map();
p.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + p.timeDeltas[i]));
const name = (n) =>
  `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.split('/').slice(-2).join('/')}:${n.callFrame.lineNumber + 1}`;
const selfAgg = new Map();
const incl = new Map();
let total = 0;
for (const [id, t] of self) {
  total += t;
  const k = name(byId.get(id));
  selfAgg.set(k, (selfAgg.get(k) ?? 0) + t);
  const seen = new Set();
  for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
    const key = name(byId.get(cur));
    if (seen.has(key)) continue;
    seen.add(key);
    incl.set(key, (incl.get(key) ?? 0) + t);
  }
}
const show = (title, m, count) => {
  console.log(`--- ${title}`);
  [...m]
    .filter(([k]) => !filter || k.includes(filter))
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .forEach(([k, t]) =>
      console.log(`${(t / 1000).toFixed(1).padStart(9)} ms ${((100 * t) / total).toFixed(1).padStart(5)}%  ${k}`),
    );
};
console.log(`total ${(total / 1000).toFixed(0)} ms sampled`);
show('self', selfAgg, 25);
show('inclusive', incl, 45);
