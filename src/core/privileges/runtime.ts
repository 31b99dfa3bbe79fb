/**
 * Which OCI runtime a container runs under, and whether that runtime is a sandbox. Under gVisor
 * (runsc) the application's system calls go to gVisor's user-space kernel, so the namespaces,
 * cgroup and capabilities the host shows belong to the sandbox's processes, not to the app's view;
 * under Kata the container runs in a lightweight VM with its own guest kernel.
 *
 * Names come from Docker (`HostConfig.Runtime`: `runc`, or whatever daemon.json registered),
 * Podman (`OCIRuntime`: `runc`, `crun`, `runsc`, `kata`) and containerd (`Runtime.Name`:
 * `io.containerd.runc.v2`, `io.containerd.runsc.v1`, `io.containerd.kata.v2`).
 */
import type { RuntimeSandbox } from './types';

interface Family {
  family: RuntimeSandbox['family'];
  sandbox: RuntimeSandbox['sandbox'];
  test: RegExp;
}

// Order matters: a registered name like `kata-runsc-test` is taken for the first family it names.
const FAMILIES: Family[] = [
  { family: 'gvisor', sandbox: 'user-space-kernel', test: /runsc|gvisor/i },
  { family: 'kata', sandbox: 'vm', test: /kata|firecracker|clh|qemu/i },
  { family: 'crun', sandbox: 'none', test: /(^|[.-])crun([.-]|$)/i },
  { family: 'youki', sandbox: 'none', test: /youki/i },
  { family: 'runc', sandbox: 'none', test: /(^|[.-])runc([.-]|$)|^io\.containerd\.runtime\.v1\.linux$/i },
];

const SANDBOX_TEXT: Record<RuntimeSandbox['sandbox'], string> = {
  none: 'runs on the host kernel',
  'user-space-kernel':
    "sandboxed by gVisor: the app's system calls go to gVisor's user-space kernel; the namespaces, cgroup and capabilities shown are the sandbox's",
  vm: 'sandboxed in a lightweight VM (Kata): the app runs on a guest kernel; the namespaces, cgroup and capabilities shown are the VM process on the host',
};

export function classifyRuntime(name: string | undefined): RuntimeSandbox {
  const trimmed = name?.trim();
  if (!trimmed)
    return { family: 'unknown', sandbox: 'none', text: 'runtime not reported; assumed to run on the host kernel' };
  const hit = FAMILIES.find((f) => f.test.test(trimmed));
  const family = hit?.family ?? 'other';
  const sandbox = hit?.sandbox ?? 'none';
  const text =
    family === 'other'
      ? `${trimmed}: an OCI runtime this extension does not know`
      : `${trimmed}: ${SANDBOX_TEXT[sandbox]}`;
  return { name: trimmed, family, sandbox, text };
}
