// A 5,000-line manifest: parsing is linear, and a hover on the parse (kept per document version by
// the provider) costs no more than on a short one; how fast they are is the bench's to say. Also
// pathological scalars for the value parsers and the cheap manifest check, which run on user text.
import * as assert from 'node:assert/strict';
import { mayBeManifest, parseYaml, yamlHoverAt } from '../../../src/core/yaml';
import { composeBytes, kubeQuantity } from '../../../src/core/yaml/values';
import { growth } from '../../support/growth';
import { offsetOf } from './helpers';

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

  it('hovers at its end on the kept parse, at a cost that does not grow with the manifest', () => {
    const [small, large] = [63, 500].map((containers) => {
      const text = bigPod(containers);
      const parsed = parseYaml(text);
      const offset = offsetOf(text, `memory: ${containers}Mi`);
      return { text, parsed, offset };
    });
    assert.ok(large.text.split('\n').length >= 5000);
    const ctx = { kind: 'manifest' as const, fileName: '/tmp/big.yaml' };
    const hover = yamlHoverAt(large.parsed, large.offset, ctx);
    assert.ok(hover?.markdown.includes(`\`${500 * 2 ** 20}\``), hover?.markdown);
    // 8× the manifest: a hover that reads the part it is on costs the same, one that walks the
    // whole document 8×. How fast it is, the bench says.
    const g = growth(
      () => yamlHoverAt(small.parsed, small.offset, ctx),
      () => yamlHoverAt(large.parsed, large.offset, ctx),
    );
    assert.ok(g.ratio < 4, `8× the manifest took ${g.detail}`);
  });

  it('parsing grows linearly: eight times the lines cost far less than 64 times as much', () => {
    const [small, large] = [bigPod(100), bigPod(800)];
    const g = growth(
      () => parseYaml(small),
      () => parseYaml(large),
    );
    assert.ok(g.ratio < 24, `8× the lines took ${g.detail}`);
  });

  it('pathological scalars and files stay linear', () => {
    const all = (n: number) => {
      const long = '9'.repeat(n);
      const [spaces, kinds] = [' '.repeat(n), 'kind:\n'.repeat(n / 5)];
      return () => {
        composeBytes(long + 'x');
        composeBytes(`${long}.${long}q`);
        kubeQuantity(long + 'Qi');
        kubeQuantity(`${long}e${long}x`);
        mayBeManifest('apiVersion' + spaces);
        mayBeManifest(kinds);
      };
    };
    // 8× the text: linear work costs 8×, quadratic 64×.
    const g = growth(all(125_000), all(1_000_000));
    assert.ok(g.ratio < 24, `8× the text took ${g.detail}`);
  });
});
