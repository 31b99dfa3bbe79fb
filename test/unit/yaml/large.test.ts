// A 5,000-line manifest: parsing is linear, and a hover on the parse (kept per document version
// by the provider) answers in well under a millisecond or two. Also pathological scalars for the
// value parsers and the cheap manifest check, which run on user text.
import * as assert from 'node:assert/strict';
import { mayBeManifest, parseYaml, yamlHoverAt } from '../../../src/core/yaml';
import { composeBytes, kubeQuantity } from '../../../src/core/yaml/values';
import { offsetOf } from './helpers';

const RUNS = 21;

function median(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted[sorted.length >> 1];
}

function timeMs(fn: () => unknown): number {
  const t0 = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

/** A Pod with `containers` containers of 10 lines each (plus the head). */
function bigPod(containers: number): string {
  const lines = [
    'apiVersion: v1',
    'kind: Pod',
    'metadata:',
    '  name: big',
    'spec:',
    '  hostNetwork: true',
    '  containers:',
  ];
  for (let i = 0; i < containers; i++) {
    lines.push(
      `    - name: c${i}`,
      '      image: busybox',
      '      securityContext:',
      '        privileged: false',
      '        capabilities:',
      '          drop: ["ALL"]',
      '      resources:',
      '        limits:',
      `          memory: ${i + 1}Mi`,
      '          cpu: 100m',
    );
  }
  return lines.join('\n') + '\n';
}

describe('a 5,000-line manifest', function () {
  this.timeout(60_000);

  it('hovers at its end in well under two milliseconds (median), on the kept parse', () => {
    const text = bigPod(500);
    assert.ok(text.split('\n').length >= 5000);
    const parsed = parseYaml(text);
    const offset = offsetOf(text, 'memory: 500Mi');
    const ctx = { kind: 'manifest' as const, fileName: '/tmp/big.yaml' };
    const hover = yamlHoverAt(parsed, offset, ctx);
    assert.ok(hover?.markdown.includes(`\`${500 * 2 ** 20}\``), hover?.markdown);
    const times = Array.from({ length: RUNS }, () => timeMs(() => yamlHoverAt(parsed, offset, ctx)));
    console.log(`      median hover ${median(times).toFixed(3)} ms`);
    assert.ok(median(times) < 2, `median ${median(times)} ms`);
  });

  it('parsing grows linearly: ten times the lines take far less than a hundred times as long', () => {
    const small = bigPod(100);
    const large = bigPod(1000);
    const tSmall = median(Array.from({ length: 5 }, () => timeMs(() => parseYaml(small))));
    const tLarge = median(Array.from({ length: 5 }, () => timeMs(() => parseYaml(large))));
    assert.ok(tLarge < tSmall * 40, `100 containers ${tSmall} ms, 1000 containers ${tLarge} ms`);
  });

  it('pathological scalars and files stay fast', () => {
    const long = '9'.repeat(1_000_000);
    const t = timeMs(() => {
      composeBytes(long + 'x');
      composeBytes(`${long}.${long}q`);
      kubeQuantity(long + 'Qi');
      kubeQuantity(`${long}e${long}x`);
      mayBeManifest('apiVersion' + ' '.repeat(1_000_000));
      mayBeManifest('kind:\n'.repeat(200_000));
    });
    assert.ok(t < 500, `${t} ms`);
  });
});
