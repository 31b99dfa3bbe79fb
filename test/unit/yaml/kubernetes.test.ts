import * as assert from 'node:assert/strict';
import { hoverOn, markdownOn } from './helpers';

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  template:
    spec:
      hostNetwork: true
      hostPID: true
      hostIPC: true
      hostUsers: false
      shareProcessNamespace: true
      runtimeClassName: gvisor
      securityContext:
        runAsUser: 0
        runAsNonRoot: false
        seccompProfile:
          type: Unconfined
        appArmorProfile:
          type: Unconfined
        seLinuxOptions:
          type: spc_t
        sysctls:
          - name: kernel.msgmax
            value: "65536"
      volumes:
        - name: sock
          hostPath:
            path: /var/run/docker.sock
      containers:
        - name: app
          image: busybox
          securityContext:
            privileged: true
            capabilities:
              add: ["SYS_ADMIN"]
              drop: ["NET_RAW"]
            runAsUser: 1000
            runAsNonRoot: true
            readOnlyRootFilesystem: true
            allowPrivilegeEscalation: true
            seccompProfile:
              type: RuntimeDefault
            appArmorProfile:
              type: RuntimeDefault
            seLinuxOptions:
              user: system_u
            procMount: Unmasked
          resources:
            limits:
              cpu: 500m
              memory: 64Mi
            requests:
              cpu: 250m
              memory: 32Mi
          ports:
            - containerPort: 80
              hostPort: 8080
`;

const EXPECTED: readonly (readonly [needle: string, words: readonly string[]])[] = [
  [
    'hostNetwork',
    [
      "uses the host's",
      'network namespace',
      'breaks *baseline*',
      'Deployment `web`',
      '(https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline)',
    ],
  ],
  ['hostPID', ['pid namespace', 'breaks *baseline*']],
  ['hostIPC', ['IPC namespace', 'breaks *baseline*']],
  ['hostUsers', ['user namespace of its own']],
  ['shareProcessNamespace', ['one pid namespace', 'pause']],
  ['runtimeClassName', ['gVisor', 'runsc']],
  ['runAsUser: 0', ['uid', 'breaks *restricted*']],
  ['runAsNonRoot: false', ['uid 0', 'breaks *restricted*']],
  ['type: Unconfined', ['seccomp', '`Unconfined`', 'breaks *baseline*']],
  ['appArmorProfile', ['AppArmor', 'breaks *baseline*']],
  ['spc_t', ['SELinux', 'breaks *baseline*']],
  ['kernel.msgmax', ['/proc/sys', 'breaks *baseline*', '`kernel.msgmax`']],
  ['hostPath', ["container engine's socket", 'breaks *baseline*']],
  ['privileged', ['Every capability', 'breaks *baseline*', 'container `app`']],
  ['add:', ['`CAP_SYS_ADMIN`', 'breaks *baseline*']],
  ['drop:', ['`CAP_NET_RAW`', 'breaks *restricted*', '`ALL`']],
  ['runAsUser: 1000', ['uid', 'neither baseline nor restricted']],
  ['runAsNonRoot: true', ['neither baseline nor restricted']],
  ['readOnlyRootFilesystem', ['MS_RDONLY']],
  ['allowPrivilegeEscalation', ['no_new_privs', 'breaks *restricted*']],
  ['type: RuntimeDefault', ['seccomp', 'neither baseline nor restricted']],
  ['user: system_u', ['SELinux', 'breaks *baseline*']],
  ['procMount', ['/proc', 'breaks *baseline*']],
  ['500m', ['`50000 100000`', '`cpu.max`']],
  ['memory: 64Mi', ['`67108864`', '`memory.max`', '`memory.limit_in_bytes`']],
  ['250m', ['`cpu.shares` 256', '`cpu.weight` 10']],
  ['memory: 32Mi', ['scheduler']],
  ['limits:', ['`memory.max`', '`cpu.max`']],
  ['requests:', ['scheduler', '`cpu.weight`']],
  ['hostPort', ['node', 'breaks *baseline*']],
];

describe('Kubernetes hovers: every isolation key', () => {
  for (const [needle, words] of EXPECTED) {
    it(needle, () => {
      const text = markdownOn(DEPLOYMENT, needle, 'manifest');
      for (const w of words) assert.ok(text.includes(w), `"${w}" in the ${needle} hover:\n${text}`);
      assert.match(text, /\]\(https:\/\/kubernetes\.io\/docs\//);
      assert.match(text, /\(command:containerAnatomy\.openDiagram\?/);
    });
  }

  it('every workload kind finds its pod spec', () => {
    const specs: Record<string, string> = {
      Pod: 'spec:\n  hostNetwork: true\n',
      StatefulSet: 'spec:\n  template:\n    spec:\n      hostNetwork: true\n',
      DaemonSet: 'spec:\n  template:\n    spec:\n      hostNetwork: true\n',
      ReplicaSet: 'spec:\n  template:\n    spec:\n      hostNetwork: true\n',
      Job: 'spec:\n  template:\n    spec:\n      hostNetwork: true\n',
      CronJob: 'spec:\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          hostNetwork: true\n',
    };
    for (const [kind, spec] of Object.entries(specs)) {
      const text = `apiVersion: v1\nkind: ${kind}\nmetadata:\n  name: x\n${spec}`;
      assert.ok(hoverOn(text, 'hostNetwork', 'manifest'), kind);
    }
    assert.equal(
      hoverOn('apiVersion: v1\nkind: Service\nspec:\n  hostNetwork: true\n', 'hostNetwork', 'manifest'),
      undefined,
    );
    assert.equal(
      hoverOn('apiVersion: v1\nkind: Pod\nmetadata:\n  hostNetwork: true\n', 'hostNetwork', 'manifest'),
      undefined,
    );
  });

  it('initContainers and ephemeralContainers are containers too', () => {
    const text =
      'apiVersion: v1\nkind: Pod\nspec:\n  initContainers:\n    - name: init\n      securityContext:\n        privileged: true\n';
    assert.ok(markdownOn(text, 'privileged', 'manifest').includes('container `init`'));
  });
});

describe('YAML shapes', () => {
  it('multi-document files: each document is its own manifest', () => {
    const text = `apiVersion: v1\nkind: ConfigMap\ndata:\n  hostNetwork: "true"\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: b\nspec:\n  hostNetwork: true\n---\n# a comment only\n`;
    assert.equal(hoverOn(text, 'hostNetwork', 'manifest', { nth: 0 }), undefined, 'a ConfigMap has no pod spec');
    const second = hoverOn(text, 'hostNetwork', 'manifest', { nth: 1 });
    assert.ok(second?.markdown.includes('Pod `b`'), second?.markdown);
  });

  it('anchors and aliases: the alias stands for its anchor', () => {
    const text =
      'x-limits: &limits 64m\nservices:\n  a:\n    mem_limit: *limits\n  b:\n    <<: &base\n      privileged: true\n';
    const mem = hoverOn(text, 'mem_limit', 'compose');
    assert.ok(mem?.markdown.includes('`67108864`'), mem?.markdown);
    const alias = hoverOn(text, '*limits', 'compose');
    assert.ok(alias?.markdown.includes('`67108864`'), alias?.markdown);
  });

  it('flow style', () => {
    const text = 'services: {a: {cap_add: [NET_ADMIN], network_mode: host, mem_limit: 1g}}\n';
    assert.ok(hoverOn(text, 'NET_ADMIN', 'compose')?.markdown.includes('`CAP_NET_ADMIN`'));
    assert.ok(hoverOn(text, 'network_mode', 'compose')?.markdown.includes('breaks *baseline*'));
    assert.ok(hoverOn(text, 'mem_limit', 'compose')?.markdown.includes('`1073741824`'));
  });

  it('comments give no hover, even when they name a key', () => {
    const text = 'services:\n  a:\n    # privileged: true would be bad\n    image: x # network_mode: host\n';
    assert.equal(hoverOn(text, 'privileged', 'compose'), undefined);
    assert.equal(hoverOn(text, 'network_mode', 'compose'), undefined);
  });

  it('invalid YAML: no hover and no error', () => {
    for (const text of [
      'services:\n  a:\n    privileged: [true\n',
      'services: {a: {privileged: true}\n',
      'services:\n\ta:\n    privileged: true\n',
      ': : :\n',
    ]) {
      assert.doesNotThrow(() => assert.equal(hoverOn(text, ':', 'compose'), undefined));
      if (text.includes('privileged')) assert.equal(hoverOn(text, 'privileged', 'compose'), undefined, text);
    }
  });

  it('the hover range is the key under the cursor', () => {
    const text = 'services:\n  a:\n    pids_limit: 50\n';
    const hover = hoverOn(text, 'pids_limit', 'compose');
    assert.deepEqual(hover?.range, [text.indexOf('pids_limit'), text.indexOf('pids_limit') + 'pids_limit'.length]);
  });
});
