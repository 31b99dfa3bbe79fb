import * as assert from 'node:assert/strict';
import { formatBytes, formatCpus, formatUsageAgainstLimit, shortId } from '../../../src/core/format';

describe('figures as the tree, the diagram and the CLI print them', () => {
  it('bytes in binary units, one decimal below 100', () => {
    assert.equal(formatBytes(512), '512 B');
    assert.equal(formatBytes(64 * 1024 * 1024), '64 MiB');
    assert.equal(formatBytes(12.3 * 1024 * 1024), '12.3 MiB');
    assert.equal(formatBytes(150 * 1024), '150 KiB');
  });

  it('CPUs: a share of one is singular, more than one plural, no trailing zeros', () => {
    assert.equal(formatCpus(0.5), '0.5 CPU');
    assert.equal(formatCpus(0.25), '0.25 CPU');
    assert.equal(formatCpus(1), '1 CPU');
    assert.equal(formatCpus(1.5), '1.5 CPUs');
    assert.equal(formatCpus(2), '2 CPUs');
  });

  it('usage against a limit, unlimited spelled out', () => {
    assert.equal(formatUsageAgainstLimit(3, 50, String), '3 / 50');
    assert.equal(formatUsageAgainstLimit(3, null, String), '3 / unlimited');
    assert.equal(formatUsageAgainstLimit(undefined, 50, String), '50');
  });

  it('short ids only for engine hex ids', () => {
    assert.equal(shortId('a'.repeat(64)), 'a'.repeat(12));
    assert.equal(shortId('anatomy-k8s-app'), 'anatomy-k8s-app');
  });
});
