/**
 * The capability table and mask arithmetic. Expected name lists are `capsh --decode=MASK` output
 * (libcap2-bin 2.66) written down, with capsh's bare `41` for an unknown bit spelled `cap_41`.
 */
import * as assert from 'node:assert/strict';
import {
  ALL_KNOWN_MASK,
  CAPABILITY_NAMES,
  capabilityBit,
  decodeCapabilityMask,
  diffCapabilities,
  encodeCapabilityNames,
  engineDefaultMask,
  formatCapabilityMask,
  normalizeCapabilityName,
  parseCapabilityMask,
} from '../../../src/core/privileges/capabilities';

/** `cap_chown,cap_net_raw` (capsh) → `['CHOWN', 'NET_RAW']`. */
function fromCapsh(list: string): string[] {
  return list.split(',').map((n) => (/^\d+$/.test(n) ? `cap_${n}` : n.replace(/^cap_/, '').toUpperCase()));
}

describe('privileges: capabilities', () => {
  it('numbers capabilities as include/uapi/linux/capability.h does', () => {
    assert.equal(CAPABILITY_NAMES.length, 41);
    assert.equal(CAPABILITY_NAMES[0], 'CHOWN');
    assert.equal(CAPABILITY_NAMES[12], 'NET_ADMIN');
    assert.equal(CAPABILITY_NAMES[21], 'SYS_ADMIN');
    assert.equal(CAPABILITY_NAMES[24], 'SYS_RESOURCE');
    assert.equal(CAPABILITY_NAMES[37], 'AUDIT_READ');
    assert.equal(CAPABILITY_NAMES[38], 'PERFMON');
    assert.equal(CAPABILITY_NAMES[39], 'BPF');
    assert.equal(CAPABILITY_NAMES[40], 'CHECKPOINT_RESTORE');
    assert.equal(new Set(CAPABILITY_NAMES).size, 41);
  });

  it("decodes Docker's default mask as capsh does", () => {
    const mask = parseCapabilityMask('00000000a80425fb');
    assert.ok(mask !== undefined);
    assert.deepEqual(
      decodeCapabilityMask(mask),
      fromCapsh(
        'cap_chown,cap_dac_override,cap_fowner,cap_fsetid,cap_kill,cap_setgid,cap_setuid,cap_setpcap,cap_net_bind_service,cap_net_raw,cap_sys_chroot,cap_mknod,cap_audit_write,cap_setfcap',
      ),
    );
  });

  it('keeps bits beyond the table as cap_N (a newer kernel), never drops them', () => {
    const mask = parseCapabilityMask('000007ffffffffff');
    assert.ok(mask !== undefined);
    const names = decodeCapabilityMask(mask);
    assert.equal(names.length, 43);
    assert.deepEqual(names.slice(-3), ['CHECKPOINT_RESTORE', 'cap_41', 'cap_42']);
    assert.deepEqual(decodeCapabilityMask(1n << 63n), ['cap_63']);
  });

  it('parses only hex masks of at most 64 bits', () => {
    assert.equal(parseCapabilityMask('0000000000000000'), 0n);
    assert.equal(parseCapabilityMask('0x1f'), 31n);
    assert.equal(parseCapabilityMask('ffffffffffffffff'), (1n << 64n) - 1n);
    assert.equal(parseCapabilityMask('1ffffffffffffffff'), undefined);
    assert.equal(parseCapabilityMask('zz'), undefined);
    assert.equal(parseCapabilityMask(''), undefined);
    assert.equal(formatCapabilityMask(0xa80425fbn), '00000000a80425fb');
  });

  it('normalizes every spelling engines use, and places numbered names', () => {
    assert.equal(normalizeCapabilityName('CAP_NET_ADMIN'), 'NET_ADMIN');
    assert.equal(normalizeCapabilityName('cap_net_admin'), 'NET_ADMIN');
    assert.equal(normalizeCapabilityName(' sys_ptrace '), 'SYS_PTRACE');
    assert.equal(normalizeCapabilityName('ALL'), 'ALL');
    assert.equal(normalizeCapabilityName(''), undefined);
    assert.equal(capabilityBit('CAP_BPF'), 39);
    assert.equal(capabilityBit('cap_41'), 41);
    assert.equal(capabilityBit('NOT_A_CAP'), undefined);
    const { mask, unknown } = encodeCapabilityNames(['CAP_CHOWN', 'NET_RAW', 'bogus']);
    assert.equal(mask, (1n << 0n) | (1n << 13n));
    assert.deepEqual(unknown, ['bogus']);
    assert.equal(encodeCapabilityNames(['ALL']).mask, ALL_KNOWN_MASK);
  });

  it("the engines' default sets are the masks measured on their containers", () => {
    assert.equal(formatCapabilityMask(engineDefaultMask('docker')), '00000000a80425fb');
    assert.equal(formatCapabilityMask(engineDefaultMask('containerd')), '00000000a80425fb');
    assert.equal(formatCapabilityMask(engineDefaultMask('podman')), '00000000800405fb');
  });

  describe('diffCapabilities', () => {
    const docker = engineDefaultMask('docker');
    const hostBounding = parseCapabilityMask('000001fffeffffff') ?? 0n; // this VM: no SYS_RESOURCE

    it('says "default" for the default set', () => {
      const d = diffCapabilities(docker, docker, hostBounding);
      assert.equal(d.kind, 'default');
      assert.equal(d.text, 'default');
    });

    it('lists additions and drops with + and −', () => {
      assert.equal(diffCapabilities(0xa80c35fbn, docker, hostBounding).text, '+NET_ADMIN +SYS_PTRACE');
      assert.equal(diffCapabilities(0xa80405fan, docker, hostBounding).text, '\u2212CHOWN \u2212NET_RAW');
      const both = diffCapabilities(0xa80c35fan, docker, hostBounding);
      assert.deepEqual([both.added, both.dropped], [['NET_ADMIN', 'SYS_PTRACE'], ['CHOWN']]);
    });

    it('says "every capability" when the set holds the whole universe', () => {
      const d = diffCapabilities(hostBounding, docker, hostBounding);
      assert.equal(d.kind, 'all');
      assert.equal(d.text, 'every capability');
    });

    it("names what --cap-add ALL left out (Docker 20.10's ALL stops at AUDIT_READ)", () => {
      const d = diffCapabilities(0x3ffeffffffn, docker, hostBounding);
      assert.equal(d.kind, 'all-but');
      assert.equal(d.text, 'every capability \u2212PERFMON \u2212BPF \u2212CHECKPOINT_RESTORE');
      // Without the host's bounding set the universe is the whole table, SYS_RESOURCE included.
      assert.deepEqual(diffCapabilities(0x3ffeffffffn, docker).missing, [
        'SYS_RESOURCE',
        'PERFMON',
        'BPF',
        'CHECKPOINT_RESTORE',
      ]);
    });

    it('says "no capabilities" for an empty set', () => {
      assert.equal(diffCapabilities(0n, docker).text, 'no capabilities');
    });

    it("reads Podman's default against Podman's, not Docker's", () => {
      assert.equal(diffCapabilities(0x800405fbn, engineDefaultMask('podman')).text, 'default');
      assert.equal(diffCapabilities(0x800405fbn, docker).text, '\u2212NET_RAW \u2212MKNOD \u2212AUDIT_WRITE');
    });
  });
});
