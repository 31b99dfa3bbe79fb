import * as assert from 'node:assert/strict';
import { formatBytes, formatCpus, formatUsageAgainstLimit, shortId } from '../../../src/core/format';

describe('figures as the tree, the diagram and the CLI print them', () => {
  it('bytes in binary units, one decimal below 100', () => {
    assert.equal(formatBytes(512), '512 B');
    assert.equal(formatBytes(64 * 1024 * 1024), '64 MiB');
    assert.equal(formatBytes(12.3 * 1024 * 1024), '12.3 MiB');
    assert.equal(formatBytes(150 * 1024), '150 KiB');
  });

  it('bytes that round up to 1024 of a unit are said in the next unit', () => {
    assert.equal(formatBytes(1048575), '1 MiB');
    assert.equal(formatBytes(1023.96 * 1024 * 1024), '1 GiB');
    assert.equal(formatBytes(1023), '1023 B');
    assert.equal(formatBytes(1024), '1 KiB');
    assert.equal(formatBytes(1023.4 * 1024), '1023 KiB');
    // Rounding to one decimal never leaves a bare `.0`.
    assert.equal(formatBytes(1.04 * 1024 * 1024), '1 MiB');
  });

  it('CPUs: a share of one is singular, more than one plural, no trailing zeros', () => {
    assert.equal(formatCpus(0.5), '0.5 CPU');
    assert.equal(formatCpus(0.25), '0.25 CPU');
    assert.equal(formatCpus(1), '1 CPU');
    assert.equal(formatCpus(1.5), '1.5 CPUs');
    assert.equal(formatCpus(2), '2 CPUs');
  });

  it('CPUs that round to a whole number end without a bare dot, and take the shown number’s plural', () => {
    assert.equal(formatCpus(1.999), '2 CPUs');
    assert.equal(formatCpus(0.999), '1 CPU');
    assert.equal(formatCpus(1.001), '1 CPU');
    assert.equal(formatCpus(2.504), '2.5 CPUs');
    assert.equal(formatCpus(0.004), '< 0.01 CPU');
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
