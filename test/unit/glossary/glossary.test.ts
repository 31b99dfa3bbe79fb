import * as assert from 'node:assert/strict';
import {
  DIAGRAM_IDS,
  DIRECTIVES,
  INSTRUCTIONS,
  TERMS,
  allTermAliases,
  lookupDirective,
  lookupFlag,
  lookupFlagOption,
  lookupFlagValue,
  lookupInstruction,
  lookupKeyword,
  lookupTerm,
  lookupTermById,
} from '../../../src/core/glossary';

const SAFE_URL = /^https:\/\/[A-Za-z0-9.-]+(?:\/[A-Za-z0-9._~/%#?=&-]*)?$/;
const ALL_INSTRUCTIONS = [
  'ADD',
  'ARG',
  'CMD',
  'COPY',
  'ENTRYPOINT',
  'ENV',
  'EXPOSE',
  'FROM',
  'HEALTHCHECK',
  'LABEL',
  'MAINTAINER',
  'ONBUILD',
  'RUN',
  'SHELL',
  'STOPSIGNAL',
  'USER',
  'VOLUME',
  'WORKDIR',
];

/** Every piece of data text, with where it comes from. */
function allTexts(): [string, string][] {
  const out: [string, string][] = [];
  for (const t of TERMS) {
    out.push([`${t.id}.summary`, t.summary]);
    if (t.isolates) out.push([`${t.id}.isolates`, t.isolates]);
  }
  for (const i of INSTRUCTIONS) {
    out.push([`${i.name}.summary`, i.summary]);
    if (i.isolation) out.push([`${i.name}.isolation`, i.isolation]);
    for (const f of i.flags) {
      out.push([`${i.name} --${f.name}`, f.summary]);
      for (const v of [...(f.values ?? []), ...(f.options ?? [])])
        out.push([`${i.name} --${f.name} ${v.value}`, v.summary]);
    }
  }
  for (const d of DIRECTIVES) out.push([d.name, d.summary]);
  return out;
}

describe('glossary data', () => {
  it('covers every Dockerfile instruction, and nothing else', () => {
    assert.deepEqual(INSTRUCTIONS.map((i) => i.name).sort(), [...ALL_INSTRUCTIONS].sort());
  });

  it('has the flags the issue lists', () => {
    const expected: Record<string, string[]> = {
      FROM: ['platform'],
      RUN: ['mount', 'network', 'security'],
      COPY: ['from', 'chown', 'chmod', 'link', 'parents', 'exclude'],
      ADD: ['checksum', 'keep-git-dir', 'link', 'chmod', 'chown'],
      HEALTHCHECK: ['interval', 'timeout', 'start-period', 'start-interval', 'retries'],
    };
    for (const [instruction, flags] of Object.entries(expected)) {
      for (const flag of flags) assert.ok(lookupFlag(instruction, flag), `${instruction} --${flag}`);
    }
    const mount = lookupFlag('RUN', 'mount')!;
    assert.deepEqual(
      mount.values?.map((v) => v.value),
      ['bind', 'cache', 'tmpfs', 'secret', 'ssh'],
    );
    assert.deepEqual(
      lookupFlag('RUN', 'network')!.values?.map((v) => v.value),
      ['default', 'none', 'host'],
    );
    assert.deepEqual(
      lookupFlag('RUN', 'security')!.values?.map((v) => v.value),
      ['sandbox', 'insecure'],
    );
    assert.deepEqual(
      DIRECTIVES.map((d) => d.name),
      ['syntax', 'escape', 'check'],
    );
  });

  it('has the isolation vocabulary the issue lists', () => {
    const words = [
      'namespace',
      'pid namespace',
      'net namespace',
      'network namespace',
      'mnt namespace',
      'mount namespace',
      'uts namespace',
      'ipc namespace',
      'user namespace',
      'cgroup namespace',
      'time namespace',
      'cgroup',
      'cgroups',
      'cpu controller',
      'memory controller',
      'io controller',
      'blkio',
      'pids controller',
      'cpuset',
      'cgroup v1',
      'cgroup v2',
      'kernel',
      'hypervisor',
      'VM',
      'guest OS',
      'container',
      'image',
      'container runtime',
      'OCI',
      'CRI',
      'runc',
      'crun',
      'gVisor',
      'runsc',
      'Kata',
      'containerd',
      'CRI-O',
      'Docker',
      'Podman',
      'nerdctl',
      'rootless',
      'user namespace remapping',
      'capabilities',
      'CAP_SYS_ADMIN',
      'CAP_NET_ADMIN',
      'CAP_NET_RAW',
      'seccomp',
      'AppArmor',
      'SELinux',
      'overlayfs',
      'chroot',
      'pivot_root',
    ];
    for (const word of words) assert.ok(lookupTerm(word), word);
  });

  it('gives every term an explanation, a command, a man page or spec link and a diagram', () => {
    for (const t of TERMS) {
      assert.ok(t.summary.length > 20, `${t.id} summary`);
      assert.ok(t.command && t.command.length > 3, `${t.id} command`);
      assert.match(t.link.url, SAFE_URL, `${t.id} link`);
      assert.ok((DIAGRAM_IDS as readonly string[]).includes(t.diagram), `${t.id} diagram`);
      assert.ok(t.aliases.length + (t.exactAliases?.length ?? 0) > 0, `${t.id} aliases`);
      assert.strictEqual(lookupTermById(t.id), t);
    }
  });

  it('gives every instruction, flag and directive a reference link and a diagram', () => {
    for (const i of INSTRUCTIONS) {
      assert.match(i.link.url, SAFE_URL, i.name);
      assert.ok((DIAGRAM_IDS as readonly string[]).includes(i.diagram), i.name);
      for (const f of i.flags) {
        assert.match(f.link.url, SAFE_URL, `${i.name} --${f.name}`);
        assert.strictEqual(f.instruction, i.name);
        assert.ok((DIAGRAM_IDS as readonly string[]).includes(f.diagram));
      }
    }
    for (const d of DIRECTIVES) assert.match(d.link.url, SAFE_URL, d.name);
  });

  it('states the isolation meaning where there is one', () => {
    for (const name of ['USER', 'EXPOSE', 'STOPSIGNAL', 'ENTRYPOINT', 'CMD', 'HEALTHCHECK', 'RUN', 'FROM', 'VOLUME']) {
      assert.ok(lookupInstruction(name)?.isolation, name);
    }
    assert.match(lookupInstruction('USER')!.isolation!, /user namespace/);
    assert.match(lookupInstruction('EXPOSE')!.summary, /does not publish/);
    assert.match(lookupInstruction('STOPSIGNAL')!.isolation!, /PID 1/);
    assert.match(lookupFlagValue(lookupFlag('RUN', 'network')!, 'host')!.isolation!, /host/);
    assert.match(lookupFlagValue(lookupFlag('RUN', 'security')!, 'insecure')!.isolation!, /capabilities/);
  });

  it('keeps data text free of markup other than backtick code, with balanced backticks', () => {
    for (const [where, text] of allTexts()) {
      assert.equal(text.split('`').length % 2, 1, `unbalanced backticks in ${where}`);
      assert.doesNotMatch(text, /\]\(|\*\*|https?:/i, `markup in ${where}`);
    }
  });

  it('has no alias claimed by two terms (checked at load) and no empty alias', () => {
    for (const { alias } of allTermAliases()) assert.ok(alias.trim().length > 0);
  });
});

describe('glossary lookups and case rules', () => {
  it('finds instructions in any case', () => {
    assert.equal(lookupInstruction('run')?.name, 'RUN');
    assert.equal(lookupInstruction('Healthcheck')?.name, 'HEALTHCHECK');
    assert.equal(lookupInstruction('RUNS'), undefined);
  });

  it('finds directives and flags in any case', () => {
    assert.equal(lookupDirective('ESCAPE')?.name, 'escape');
    assert.equal(lookupFlag('run', 'Mount')?.name, 'mount');
    assert.equal(lookupFlag('COPY', 'checksum'), undefined, 'checksum is ADD only');
  });

  it('finds mount options by their other spellings', () => {
    const mount = lookupFlag('RUN', 'mount')!;
    assert.equal(lookupFlagOption(mount, 'dst')?.value, 'target');
    assert.equal(lookupFlagOption(mount, 'destination')?.value, 'target');
    assert.equal(lookupFlagOption(mount, 'src')?.value, 'source');
    assert.equal(lookupFlagOption(mount, 'readonly')?.value, 'ro');
    assert.equal(lookupFlagOption(mount, 'nonsense'), undefined);
  });

  it('finds keywords inside arguments', () => {
    assert.equal(lookupKeyword(lookupInstruction('FROM')!, 'as')?.value, 'AS');
    assert.equal(lookupKeyword(lookupInstruction('HEALTHCHECK')!, 'NONE')?.value, 'NONE');
  });

  it('matches capability names as CAP_X, cap_x, and the bare upper-case X', () => {
    assert.equal(lookupTerm('CAP_SYS_ADMIN')?.id, 'cap_sys_admin');
    assert.equal(lookupTerm('cap_sys_admin')?.id, 'cap_sys_admin');
    assert.equal(lookupTerm('NET_ADMIN')?.id, 'cap_net_admin');
    assert.equal(lookupTerm('net_admin'), undefined);
  });

  it('matches acronyms that are ordinary words only as written', () => {
    assert.equal(lookupTerm('VM')?.id, 'vm');
    assert.equal(lookupTerm('vm'), undefined);
    assert.equal(lookupTerm('OCI')?.id, 'oci');
    assert.equal(lookupTerm('CRI')?.id, 'cri');
    assert.equal(lookupTerm('cri'), undefined);
  });

  it('matches phrases case-insensitively and across runs of spaces', () => {
    assert.equal(lookupTerm('PID Namespace')?.id, 'ns-pid');
    assert.equal(lookupTerm('user   namespace remapping')?.id, 'userns-remap');
    assert.equal(lookupTerm('Guest OS')?.id, 'guest-os');
    assert.equal(lookupTerm('cgroups v2')?.id, 'cgroup-v2');
  });

  it('has no bare ambiguous words as aliases', () => {
    for (const word of [
      'pid',
      'net',
      'user',
      'time',
      'mount',
      'ipc',
      'cpu',
      'memory',
      'io',
      'network',
      'guest',
      'root',
    ]) {
      assert.equal(lookupTerm(word), undefined, word);
    }
  });
});
