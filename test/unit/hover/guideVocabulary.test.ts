// The guide's whole vocabulary (../shared/GUIDE.md, the guide the product makes real): every concept,
// tool and term it names, as it spells them, must hover to the right glossary entry in a comment, a
// RUN line and a here-document, and the entry must have a place in a diagram's text. The list is the
// guide's words, written here by hand as the ground truth; the guide's sample workloads (Python 2.7,
// Java 8, Node.js, Redis, Nginx) and the languages it names (Go, C) are apps, not its vocabulary.
import * as assert from 'node:assert/strict';
import { GUIDE_DIAGRAM_IDS, buildDiagram } from '../../../src/core/diagrams';
import { allTermAliases, lookupTermById } from '../../../src/core/glossary';
import { doc, what } from './helpers';

/** [the word as the guide writes it, the glossary entry it stands for]. */
const GUIDE_VOCABULARY: readonly [string, string][] = [
  ['isolation', 'isolation'],
  ['shared memory', 'ns-ipc'],
  ['virtual machine', 'vm'],
  ['VMs', 'vm'],
  ['hypervisor', 'hypervisor'],
  ['physical server', 'physical-server'],
  ['physical machine', 'physical-server'],
  ['CPU cores', 'hardware-resources'],
  ['RAM', 'hardware-resources'],
  ['BIOS', 'firmware'],
  ['Full OS', 'guest-os'],
  ['guest operating system', 'guest-os'],
  ['Guest OS', 'guest-os'],
  ['Ubuntu', 'linux-distribution'],
  ['CentOS', 'linux-distribution'],
  ['Windows', 'windows'],
  ['Windows Server', 'windows'],
  ['VMware', 'hypervisor'],
  ['Hyper-V', 'hypervisor'],
  ['KVM', 'hypervisor'],
  ['operating system', 'operating-system'],
  ['operating systems', 'operating-system'],
  ['Linux kernel', 'kernel'],
  ['kernel', 'kernel'],
  ['kernel versions', 'kernel'],
  ['Namespaces', 'namespace'],
  ['process IDs', 'pid'],
  ['network interfaces', 'network-interface'],
  ['filesystem mounts', 'ns-mnt'],
  ['user IDs', 'uid'],
  ['hostnames', 'ns-uts'],
  ['Cgroups', 'cgroup'],
  ['disk I/O', 'cgroup-io'],
  ['network bandwidth', 'network-bandwidth'],
  ['container runtime', 'container-runtime'],
  ['Docker', 'docker'],
  ['containerd', 'containerd'],
  ['Podman', 'podman'],
  ['Libraries', 'libraries'],
  ['Libs', 'libraries'],
  ['overhead', 'overhead'],
  ['security boundaries', 'security-boundary'],
  ['compliance', 'compliance'],
  ['untrusted code', 'untrusted-code'],
  ['fast startup', 'startup-time'],
  ['rapid scaling', 'scaling'],
  ['microservices', 'microservices'],
  ['CI/CD', 'ci-cd'],
  ['consistent environments', 'environment-parity'],
  ['workload density', 'density'],
  ['density', 'density'],
  ['Kubernetes', 'kubernetes'],
  ['orchestration', 'kubernetes'],
  ['cloud-native', 'microservices'],
  ['containers inside VMs', 'defense-in-depth'],
  ['Cloud providers', 'cloud-providers'],
  ['AWS', 'cloud-providers'],
  ['Google Cloud', 'cloud-providers'],
  ['Azure', 'cloud-providers'],
  ['User Tools', 'container-runtime'],
  ['Docker Compose', 'docker-compose'],
  ['daemon', 'daemon'],
  ['rootless', 'rootless'],
  ['nerdctl', 'nerdctl'],
  ['CRI Runtime', 'cri'],
  ['EKS', 'kubernetes'],
  ['GKE', 'kubernetes'],
  ['AKS', 'kubernetes'],
  ['CRI-O', 'cri-o'],
  ['OpenShift', 'kubernetes'],
  ['OCI Runtime', 'container-runtime'],
  ['runc', 'runc'],
  ['crun', 'crun'],
  ['gVisor', 'gvisor'],
  ['system calls', 'syscall'],
  ['userspace', 'user-space'],
  ['sandboxing', 'sandbox'],
  ['Docker Desktop', 'docker'],
  ['virtualize', 'virtualization'],
  ['defense in depth', 'defense-in-depth'],
];

/** Other spellings people use for the same words. */
const OTHER_SPELLINGS: readonly [string, string][] = [
  ['defence in depth', 'defense-in-depth'],
  ['microservice', 'microservices'],
  ['hostname', 'ns-uts'],
  ['process ID', 'pid'],
  ['PID', 'pid'],
  ['UID', 'uid'],
  ['network interface', 'network-interface'],
  ['daemons', 'daemon'],
  ['docker-compose', 'docker-compose'],
  ['UEFI', 'firmware'],
  ['virtualisation', 'virtualization'],
  ['system call', 'syscall'],
  ['syscalls', 'syscall'],
  ['user space', 'user-space'],
  ['sandbox', 'sandbox'],
  ['k8s', 'kubernetes'],
  ['bare metal', 'physical-server'],
];

/** Every piece of text of the guide's diagrams: title, captions, Mermaid labels. */
function diagramTexts(): string[] {
  return GUIDE_DIAGRAM_IDS.map((id) => {
    const spec = buildDiagram(id);
    return [spec.title, ...spec.caption, spec.source.replace(/<br\/>/g, ' ')].join('\n');
  });
}

function isWordChar(c: string | undefined): boolean {
  return c !== undefined && /[A-Za-z0-9_-]/.test(c);
}

/** Whether `phrase` stands as a whole word in `text` (any case unless `exact`); spaces match any run. */
function containsWord(text: string, phrase: string, exact: boolean): boolean {
  const haystack = (exact ? text : text.toLowerCase()).replace(/\s+/g, ' ');
  const needle = exact ? phrase : phrase.toLowerCase();
  for (let i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) {
    if (!isWordChar(haystack[i - 1]) && !isWordChar(haystack[i + needle.length])) return true;
  }
  return false;
}

describe('hover: the guide’s whole vocabulary', () => {
  it('each word hovers to its entry in a comment, a RUN line and a here-document', () => {
    const wrong: string[] = [];
    for (const [word, id] of [...GUIDE_VOCABULARY, ...OTHER_SPELLINGS]) {
      assert.ok(lookupTermById(id), `no entry ${id}`);
      const d = doc(
        'FROM alpine',
        `# notes: ${word} here`,
        `RUN echo "${word}" && true`,
        'RUN <<EOF',
        `echo about ${word} now`,
        'EOF',
      );
      for (const line of [1, 2, 4]) {
        // The last letter (a phrase is found from any of its words; a path such as I/O from its end).
        const got = what(d, line, word, { offset: word.length - 1 });
        if (got !== `term ${id}`) wrong.push(`${word} on line ${line}: ${got ?? 'no hover'}`);
      }
    }
    assert.deepEqual(wrong, []);
  });

  it('each entry the guide names has a place in a diagram’s text', () => {
    const texts = diagramTexts();
    const aliases = allTermAliases();
    const missing: string[] = [];
    for (const [word, id] of GUIDE_VOCABULARY) {
      const spellings = [
        { alias: word, exact: false },
        ...aliases.filter((a) => a.term.id === id).map((a) => ({ alias: a.alias, exact: a.exact })),
      ];
      const found = texts.some((text) => spellings.some((s) => containsWord(text, s.alias, s.exact)));
      if (!found) missing.push(`${word} (${id})`);
    }
    assert.deepEqual(missing, []);
  });

  it('the diagram check is not trivially true', () => {
    const texts = diagramTexts();
    assert.ok(!texts.some((text) => containsWord(text, 'frobnicator', false)));
    assert.ok(!texts.some((text) => containsWord(text, 'ram', true)), 'exact spellings keep their case');
  });
});
