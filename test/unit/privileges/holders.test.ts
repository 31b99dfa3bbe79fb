/**
 * Which running containers hold a capability (by the bits of CapEff) or a seccomp mode, and the
 * hover line that counts them. Containers are built from /proc/PID/status texts in the kernel's
 * format; the expected capability lists are `capsh --decode=MASK` output (libcap2-bin 2.66)
 * written down. Hostile names are rendered with marked, what VS Code renders hovers with.
 */
import * as assert from 'node:assert/strict';
import type { ContainerInfo, HostSnapshot } from '../../../src/core/model';
import { CAPABILITY_NAMES } from '../../../src/core/privileges/capabilities';
import {
  capabilityQuery,
  holderEvidence,
  holdersOf,
  holds,
  parsePrivilegeQuery,
  queriesForTerm,
  type PrivilegeQuery,
} from '../../../src/core/privileges/holders';
import { holdersMarkdown, SHOW_PRIVILEGE_HOLDERS_COMMAND } from '../../../src/core/privileges/holdersMarkdown';
import { parseProcStatus } from '../../../src/core/privileges/status';
import { OPEN_DIAGRAM_COMMAND, hoverAt, linesOf } from '../../../src/core/dockerfile';
import { HOSTILE_TEXTS } from '../../support/snapshots';
import { hoverOn as yamlHoverOn } from '../yaml/helpers';

/** capsh --decode output, written down, for the masks below. */
const CAPSH: Record<string, string> = {
  // Docker's default
  '00000000a80425fb':
    'cap_chown,cap_dac_override,cap_fowner,cap_fsetid,cap_kill,cap_setgid,cap_setuid,cap_setpcap,cap_net_bind_service,cap_net_raw,cap_sys_chroot,cap_mknod,cap_audit_write,cap_setfcap',
  // Docker's default + NET_ADMIN (bit 12)
  '00000000a80435fb':
    'cap_chown,cap_dac_override,cap_fowner,cap_fsetid,cap_kill,cap_setgid,cap_setuid,cap_setpcap,cap_net_bind_service,cap_net_admin,cap_net_raw,cap_sys_chroot,cap_mknod,cap_audit_write,cap_setfcap',
  // Only BPF (bit 39): above 32 bits
  '0000008000000000': 'cap_bpf',
  // An unknown bit 41 and CHOWN
  '0000020000000001': 'cap_chown,41',
  '0000000000000000': '',
};

function statusText(capEff: string, seccomp: 0 | 1 | 2): string {
  return [
    'Name:\tsleep',
    'Uid:\t0\t0\t0\t0',
    'Gid:\t0\t0\t0\t0',
    'CapInh:\t0000000000000000',
    `CapPrm:\t${capEff}`,
    `CapEff:\t${capEff}`,
    'CapBnd:\t000001ffffffffff',
    'CapAmb:\t0000000000000000',
    'NoNewPrivs:\t0',
    `Seccomp:\t${seccomp}`,
    `Seccomp_filters:\t${seccomp === 2 ? 1 : 0}`,
    '',
  ].join('\n');
}

function running(
  name: string,
  capEff: string,
  seccomp: 0 | 1 | 2 = 2,
  extra: Partial<ContainerInfo> = {},
): ContainerInfo {
  return {
    key: `docker::${name}`,
    id: name,
    name,
    runtime: 'docker',
    image: 'anatomy-busybox:latest',
    state: 'running',
    labels: {},
    pid: 4242,
    privileges: {
      report: {
        pid: 4242,
        status: parseProcStatus(statusText(capEff, seccomp)),
        hostLsm: { state: 'none' },
        issues: [],
      },
      explanation: { runtime: { kind: 'native' }, findings: [], podSecurity: { level: 'baseline', reasons: [] } },
    },
    ...extra,
  } as ContainerInfo;
}

function snapshotOf(containers: ContainerInfo[]): HostSnapshot {
  return {
    takenAt: '2026-12-02T00:00:00.000Z',
    host: { cgroupVersion: '1', namespaces: { self: {}, pid1: {} }, isRoot: true },
    runtimes: [],
    containers,
  };
}

function loadMarked(): { parse(text: string): string } {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('marked') as { marked: { parse(text: string): string } }).marked;
}

describe('privileges: which containers hold a capability or a seccomp mode', () => {
  it('matches every capability by the bits of CapEff exactly as capsh decodes the mask', () => {
    for (const [mask, decoded] of Object.entries(CAPSH)) {
      const c = running(`m-${mask}`, mask);
      const truth = new Set(decoded ? decoded.split(',') : []);
      for (const name of CAPABILITY_NAMES) {
        const q = capabilityQuery(name);
        assert.ok(q, name);
        assert.equal(holds(c, q), truth.has(`cap_${name.toLowerCase()}`), `${mask} ${name}`);
      }
    }
  });

  it('looks at CapEff only, not the bounding or permitted set', () => {
    const c = running('eff-only', '00000000a80425fb');
    const status = c.privileges!.report!.status!;
    status.capabilities.permitted = { mask: '00000000a80435fb', names: [] };
    assert.equal(holds(c, { capability: 'NET_ADMIN' }), false, 'bounding and permitted have it, CapEff not');
  });

  it('counts only running containers with a process and a status read', () => {
    const stopped = running('stopped', '00000000a80435fb', 2, { state: 'exited' });
    const noPid = running('no-pid', '00000000a80435fb', 2, { pid: undefined });
    const unread = running('unread', '00000000a80435fb');
    unread.privileges = { explanation: unread.privileges!.explanation };
    const yes = running('yes', '00000000a80435fb');
    const snap = snapshotOf([stopped, noPid, unread, yes, running('default', '00000000a80425fb')]);
    assert.deepEqual(
      holdersOf(snap, { capability: 'NET_ADMIN' }).map((c) => c.name),
      ['yes'],
    );
    assert.deepEqual(holdersOf(undefined, { capability: 'NET_ADMIN' }), []);
  });

  it('matches seccomp by the Seccomp: line: 0 disabled, 1 strict, 2 filter', () => {
    const snap = snapshotOf([
      running('off', '00000000a80425fb', 0),
      running('strict', '00000000a80425fb', 1),
      running('filtered', '00000000a80425fb', 2),
      running('filtered-too', '00000000a80425fb', 2),
    ]);
    const names = (q: PrivilegeQuery) => holdersOf(snap, q).map((c) => c.name);
    assert.deepEqual(names({ seccomp: 'disabled' }), ['off']);
    assert.deepEqual(names({ seccomp: 'strict' }), ['strict']);
    assert.deepEqual(names({ seccomp: 'filter' }), ['filtered', 'filtered-too']);
    assert.equal(holderEvidence(snap.containers[2], { seccomp: 'filter' }), 'Seccomp filter (1 filter)');
    assert.equal(holderEvidence(snap.containers[0], { capability: 'NET_ADMIN' }), 'CapEff 00000000a80425fb');
  });

  it('maps glossary terms and command arguments to queries, refusing anything else', () => {
    assert.deepEqual(queriesForTerm('cap_net_admin'), [{ capability: 'NET_ADMIN' }]);
    assert.deepEqual(queriesForTerm('seccomp'), [{ seccomp: 'disabled' }, { seccomp: 'filter' }]);
    assert.deepEqual(queriesForTerm('capabilities'), []);
    assert.deepEqual(queriesForTerm('cgroup'), []);
    assert.equal(capabilityQuery('ALL'), undefined);
    assert.deepEqual(capabilityQuery('cap_sys_admin'), { capability: 'SYS_ADMIN' });
    assert.deepEqual(parsePrivilegeQuery({ capability: 'NET_ADMIN' }), { capability: 'NET_ADMIN' });
    assert.deepEqual(parsePrivilegeQuery({ seccomp: 'disabled' }), { seccomp: 'disabled' });
    for (const bad of [
      undefined,
      'NET_ADMIN',
      { capability: 'net_admin' },
      { capability: 'EVIL' },
      { capability: 12 },
      { seccomp: 'off' },
      {},
    ])
      assert.equal(parsePrivilegeQuery(bad), undefined, JSON.stringify(bad));
  });
});

describe('privileges: the hover line that counts holders', () => {
  it('says how many running containers have it, names a few, and links to the pick', () => {
    const snap = snapshotOf([
      running('a', '00000000a80435fb'),
      running('b', '00000000a80435fb'),
      running('c', '00000000a80425fb'),
      running('d', '00000000a80435fb'),
      running('e', '00000000a80435fb'),
    ]);
    const { lines, linked } = holdersMarkdown(snap, [{ capability: 'NET_ADMIN' }]);
    assert.equal(linked, true);
    assert.equal(lines.length, 1);
    const html = loadMarked().parse(lines[0]);
    const text = html.replace(/<[^>]+>/g, '');
    assert.equal(text.trim(), 'On this host: 4 running containers have CAP_NET_ADMIN: a, b, d and 1 more.');
    const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]);
    assert.equal(hrefs.length, 1);
    const prefix = `command:${SHOW_PRIVILEGE_HOLDERS_COMMAND}?`;
    assert.ok(hrefs[0].startsWith(prefix), hrefs[0]);
    assert.deepEqual(JSON.parse(decodeURIComponent(hrefs[0].slice(prefix.length))), [{ capability: 'NET_ADMIN' }]);
  });

  it('says so when none has it (no link), and nothing without a snapshot', () => {
    const none = holdersMarkdown(snapshotOf([running('c', '00000000a80425fb')]), [{ seccomp: 'disabled' }]);
    assert.deepEqual(none, { lines: ['**On this host:** no running container has seccomp off.'], linked: false });
    assert.deepEqual(holdersMarkdown(undefined, [{ seccomp: 'disabled' }]), { lines: [], linked: false });
  });

  it('hostile container names render as their own text: no link, image or HTML of theirs', () => {
    const names = ['x\u202eevil\nline', '`code` *b* <b>', ...HOSTILE_TEXTS, '](command:workbench.action.terminal.new)'];
    const snap = snapshotOf(names.map((n) => running(n, '00000000a80435fb', 0)));
    const { lines } = holdersMarkdown(snap, [{ capability: 'NET_ADMIN' }, { seccomp: 'disabled' }]);
    for (const line of lines) {
      const html = loadMarked().parse(line);
      const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]);
      assert.equal(hrefs.length, 1, html);
      assert.ok(hrefs[0].startsWith(`command:${SHOW_PRIVILEGE_HOLDERS_COMMAND}?`), html);
      assert.doesNotMatch(html, /<img|<b>|<code>|<em>|onerror|<a href="command:workbench/i, html);
      assert.ok(html.includes('\\u202e'), 'the bidi override is shown as a code');
      assert.ok(html.includes(`${names.length} running containers have`), html);
    }
  });
});

describe('privileges: hovers on capability and seccomp terms count the holders', () => {
  const snap = snapshotOf([running('priv-admin', '00000000a80435fb', 0), running('plain', '00000000a80425fb', 2)]);
  const holdersLink = `(command:${SHOW_PRIVILEGE_HOLDERS_COMMAND}?`;

  it('Dockerfile: NET_ADMIN and seccomp in a comment, with the command trusted only then', () => {
    const doc = linesOf('FROM alpine\n# docker run --cap-add NET_ADMIN --security-opt seccomp=unconfined\nRUN true\n');
    const onCap = hoverAt(doc, { line: 1, character: '# docker run --cap-add NET_'.length }, { snapshot: snap });
    assert.ok(onCap, 'a hover');
    assert.ok(onCap?.markdown.includes('[1 running container has CAP\\_NET\\_ADMIN]'), onCap?.markdown);
    assert.ok(onCap.markdown.includes(': priv\\-admin.'), onCap.markdown);
    assert.deepEqual(onCap.commands, [OPEN_DIAGRAM_COMMAND, SHOW_PRIVILEGE_HOLDERS_COMMAND]);
    const onSeccomp = hoverAt(doc, { line: 1, character: doc.lineAt(1).indexOf('seccomp') + 2 }, { snapshot: snap });
    assert.ok(onSeccomp, 'a hover');
    assert.ok(onSeccomp?.markdown.includes('[1 running container has seccomp off]'), onSeccomp?.markdown);
    assert.ok(onSeccomp.markdown.includes('[1 running container has a seccomp filter]'), onSeccomp.markdown);
    const without = hoverAt(doc, { line: 1, character: '# docker run --cap-add NET_'.length });
    assert.ok(without && !without.markdown.includes(holdersLink));
    assert.deepEqual(without.commands, [OPEN_DIAGRAM_COMMAND]);
    const other = hoverAt(linesOf('# cgroup v2\n'), { line: 0, character: 3 }, { snapshot: snap });
    assert.ok(other && !other.markdown.includes('On this host'), other?.markdown);
  });

  it('compose: cap_add item, security_opt seccomp:unconfined; Kubernetes: seccompProfile RuntimeDefault', () => {
    const compose =
      'services:\n  web:\n    image: x\n    cap_add: [NET_ADMIN]\n    security_opt:\n      - seccomp:unconfined\n';
    const cap = yamlHoverOn(compose, 'NET_ADMIN', 'compose', { snapshot: snap });
    assert.ok(cap, 'a hover');
    assert.ok(cap?.markdown.includes('[1 running container has CAP\\_NET\\_ADMIN]'), cap?.markdown);
    assert.ok(cap.commands.includes(SHOW_PRIVILEGE_HOLDERS_COMMAND));
    const sec = yamlHoverOn(compose, 'seccomp:unconfined', 'compose', { snapshot: snap });
    assert.ok(sec, 'a hover');
    assert.ok(sec?.markdown.includes('[1 running container has seccomp off]'), sec?.markdown);
    assert.ok(!sec.markdown.includes('has a seccomp filter'), sec.markdown);
    const manifest = [
      'apiVersion: v1',
      'kind: Pod',
      'metadata: { name: p }',
      'spec:',
      '  containers:',
      '    - name: c',
      '      image: x',
      '      securityContext:',
      '        seccompProfile:',
      '          type: RuntimeDefault',
      '',
    ].join('\n');
    const kube = yamlHoverOn(manifest, 'RuntimeDefault', 'manifest', { snapshot: snap });
    assert.ok(kube, 'a hover');
    assert.ok(kube?.markdown.includes('[1 running container has a seccomp filter]'), kube?.markdown);
    const mem = yamlHoverOn('services:\n  web:\n    mem_limit: 64m\n', 'mem_limit', 'compose', { snapshot: snap });
    assert.ok(mem && !mem.markdown.includes(holdersLink));
    assert.ok(!mem.commands.includes(SHOW_PRIVILEGE_HOLDERS_COMMAND));
  });
});
