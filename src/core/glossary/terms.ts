// The isolation vocabulary: what each word means on a Linux host, what it isolates or limits, and a
// command that shows it. Written for this project; every link is a man page, a kernel document or a
// specification.
import { BUILD_ARG_TERMS } from './buildArgs';
import { GUIDE_TERMS } from './guideTerms';
import { man } from './links';
import type { DiagramId, DocLink, TermEntry } from './types';

const cgroupV2Doc = (anchor: string, title: string): DocLink => ({
  title,
  url: `https://docs.kernel.org/admin-guide/cgroup-v2.html#${anchor}`,
});

const NS: DiagramId = 'namespaces-cgroups';

/** A namespace kind: the eight readlink-able links under /proc/PID/ns. */
function namespaceKind(
  kind: string,
  title: string,
  isolates: string,
  extraAliases: readonly string[],
  page: string,
  flag: string,
): TermEntry {
  return {
    id: `ns-${kind}`,
    title,
    summary: `A Linux namespace of kind \`${kind}\` (created with \`${flag}\`). Every process belongs to exactly one; a container normally gets a new one.`,
    isolates,
    command: `readlink /proc/PID/ns/${kind}   (or: lsns -t ${kind})`,
    aliases: [
      `${kind} namespace`,
      `${kind} namespaces`,
      `${kind}ns`,
      `ns/${kind}`,
      flag.toLowerCase(),
      ...extraAliases,
    ],
    link: man(page, 7),
    diagram: NS,
  };
}

/** A capability: one slice of root's power, checked by the kernel instead of "is UID 0". */
function capability(name: string, what: string, note?: string): TermEntry {
  const bare = name.replace(/^CAP_/, '');
  return {
    id: name.toLowerCase(),
    title: name,
    summary: `A Linux capability: ${what}${note ? ` ${note}` : ''}`,
    isolates:
      "Capabilities split root's power; a container's processes keep only the bounding set the runtime grants, even as UID 0.",
    command: 'grep Cap /proc/PID/status   then   capsh --decode=<CapEff value>',
    aliases: [name.toLowerCase()],
    exactAliases: [bare],
    link: man('capabilities', 7),
    diagram: 'containers-in-vms',
  };
}

const DEFAULT_DOCKER_CAP = "(In Docker's default set.)";

const ISOLATION_TERMS: readonly TermEntry[] = [
  // ── namespaces ────────────────────────────────────────────────────────────────────────────────
  {
    id: 'namespace',
    title: 'Linux namespace',
    summary:
      'A kernel feature that gives a group of processes its own view of one global resource: process IDs, network, mounts, hostname, IPC, user IDs, cgroup root or clocks. Namespaces are what a process can see; cgroups are what it can use.',
    isolates:
      'Visibility: a process sees only the resources of its own namespaces. There are eight kinds: cgroup, ipc, mnt, net, pid, time, user, uts.',
    command: 'ls -l /proc/PID/ns   (or: lsns)',
    aliases: ['namespace', 'namespaces', 'linux namespace', 'linux namespaces', 'unshare', 'nsenter', 'setns'],
    link: man('namespaces', 7),
    diagram: NS,
  },
  namespaceKind(
    'pid',
    'PID namespace',
    'Process IDs: the first process inside is PID 1 and sees only its own descendants; it cannot signal or ptrace processes outside. PID 1 also gets no default signal handlers, so it must handle SIGTERM itself or the container waits for SIGKILL.',
    ['pid namespaces'],
    'pid_namespaces',
    'CLONE_NEWPID',
  ),
  namespaceKind(
    'net',
    'Network namespace',
    "Network stack: interfaces, IP addresses, routes, firewall rules, sockets and ports. A new one starts with only a down loopback; the runtime adds a veth pair to a bridge. `--network host` means sharing the host's.",
    ['network namespace', 'network namespaces', 'netns'],
    'network_namespaces',
    'CLONE_NEWNET',
  ),
  namespaceKind(
    'mnt',
    'Mount namespace',
    "The mount table: the container sees its image's root filesystem and its volumes, not the host's mounts. The first kind Linux had (2002).",
    ['mount namespace', 'mount namespaces', 'mntns', 'mount table', 'filesystem mounts'],
    'mount_namespaces',
    'CLONE_NEWNS',
  ),
  namespaceKind(
    'uts',
    'UTS namespace',
    "Hostname and NIS domain name: `hostname` inside a container changes only the container's name.",
    ['utsns', 'hostname', 'hostnames'],
    'uts_namespaces',
    'CLONE_NEWUTS',
  ),
  namespaceKind(
    'ipc',
    'IPC namespace',
    'System V IPC objects (shared memory, semaphores, message queues) and POSIX message queues.',
    ['ipcns', 'shared memory'],
    'ipc_namespaces',
    'CLONE_NEWIPC',
  ),
  namespaceKind(
    'user',
    'User namespace',
    'User and group IDs and capabilities: UID 0 inside can map to an unprivileged UID outside (see /proc/PID/uid_map), and its capabilities count only for resources owned by that namespace. The base of rootless containers.',
    ['userns', 'user namespaces'],
    'user_namespaces',
    'CLONE_NEWUSER',
  ),
  namespaceKind(
    'cgroup',
    'Cgroup namespace',
    "The view of the cgroup tree: /proc/self/cgroup and /sys/fs/cgroup show the container's own cgroup as the root. It hides the path; it does not change the limits.",
    ['cgroupns', 'cgroup namespaces'],
    'cgroup_namespaces',
    'CLONE_NEWCGROUP',
  ),
  namespaceKind(
    'time',
    'Time namespace',
    'Offsets for the monotonic and boot-time clocks (Linux 5.6+), so a migrated process sees continuous uptime. The wall clock (CLOCK_REALTIME) is not namespaced.',
    ['timens', 'time namespaces'],
    'time_namespaces',
    'CLONE_NEWTIME',
  ),

  // ── cgroups ───────────────────────────────────────────────────────────────────────────────────
  {
    id: 'cgroup',
    title: 'cgroup (control group)',
    summary:
      'A kernel feature that puts processes in a tree of groups and accounts and limits their use of resources through controllers (cpu, memory, io, pids, cpuset…). Cgroups are what a process can use; namespaces are what it can see.',
    isolates:
      'Resource use: CPU time, memory, block I/O, number of processes, which CPUs and memory nodes. A container is usually one cgroup.',
    command: 'cat /proc/PID/cgroup   (files under /sys/fs/cgroup)',
    aliases: ['cgroup', 'cgroups', 'control group', 'control groups', 'cgroupfs', 'cgroup.procs', '/sys/fs/cgroup'],
    link: man('cgroups', 7),
    diagram: NS,
  },
  {
    id: 'cgroup-v1',
    title: 'cgroup v1',
    summary:
      'The first cgroup interface: one hierarchy per controller (cpu, memory, blkio, pids…), each mounted under /sys/fs/cgroup/<controller>. /proc/PID/cgroup has one line per hierarchy.',
    isolates:
      'The same resources as v2, through files such as memory.limit_in_bytes and cpu.cfs_quota_us. Rootless containers get no cgroup of their own on v1.',
    command: 'stat -fc %T /sys/fs/cgroup   (tmpfs = v1 or hybrid)',
    aliases: ['cgroup v1', 'cgroups v1', 'cgroupv1', 'cgroup1', 'v1 cgroups'],
    link: { title: 'Linux kernel: cgroup v1', url: 'https://docs.kernel.org/admin-guide/cgroup-v1/index.html' },
    diagram: NS,
  },
  {
    id: 'cgroup-v2',
    title: 'cgroup v2 (unified hierarchy)',
    summary:
      'The current cgroup interface: one tree at /sys/fs/cgroup, controllers enabled per subtree in cgroup.subtree_control, a process only in leaf groups. /proc/PID/cgroup is the single line `0::/path`.',
    isolates:
      'CPU (cpu.max), memory (memory.max), I/O (io.max), processes (pids.max), CPU and memory placement (cpuset). Also safe delegation to unprivileged users, which rootless containers use.',
    command: 'stat -fc %T /sys/fs/cgroup   (cgroup2fs = v2)',
    aliases: ['cgroup v2', 'cgroups v2', 'cgroupv2', 'cgroup2', 'cgroup2fs', 'unified hierarchy', 'v2 cgroups'],
    link: { title: 'Linux kernel: Control Group v2', url: 'https://docs.kernel.org/admin-guide/cgroup-v2.html' },
    diagram: NS,
  },
  {
    id: 'cgroup-cpu',
    title: 'cpu controller',
    summary: 'The cgroup controller that shares and caps CPU time.',
    isolates:
      'CPU time: cpu.max holds "quota period" in microseconds (`docker run --cpus 1.5` writes `150000 100000`); cpu.weight sets the share under contention. On v1: cpu.cfs_quota_us, cpu.cfs_period_us, cpu.shares.',
    command: 'cat /sys/fs/cgroup/<path>/cpu.max   (v1: cpu.cfs_quota_us)',
    aliases: [
      'cpu controller',
      'cpu.max',
      'cpu.weight',
      'cpu.stat',
      'cpu.cfs_quota_us',
      'cpu.cfs_period_us',
      'cpu.shares',
      'cpu quota',
    ],
    link: cgroupV2Doc('cpu', 'Linux kernel: cgroup v2, cpu'),
    diagram: NS,
  },
  {
    id: 'cgroup-memory',
    title: 'memory controller',
    summary: 'The cgroup controller that accounts and limits memory (anonymous memory, page cache, kernel memory).',
    isolates:
      'Memory: above memory.max the kernel reclaims and then the OOM killer kills inside the group (`docker run --memory`). On v1: memory.limit_in_bytes, where about 2^63 means unlimited.',
    command: 'cat /sys/fs/cgroup/<path>/memory.max memory.current',
    aliases: [
      'memory controller',
      'memory.max',
      'memory.current',
      'memory.high',
      'memory.limit_in_bytes',
      'memory.usage_in_bytes',
      'memory cgroup',
      'memcg',
    ],
    link: cgroupV2Doc('memory', 'Linux kernel: cgroup v2, memory'),
    diagram: NS,
  },
  {
    id: 'cgroup-io',
    title: 'io controller (v1: blkio)',
    summary: 'The cgroup controller for block device I/O. Named io on v2 and blkio on v1.',
    isolates:
      'Disk bandwidth and IOPS per device: io.max lines such as `8:0 rbps=1048576 wiops=100`; io.weight for shares. On v1: blkio.throttle.* files.',
    command: 'cat /sys/fs/cgroup/<path>/io.max   (v1: blkio.throttle.read_bps_device)',
    aliases: [
      'io controller',
      'disk i/o',
      'block i/o',
      'i/o',
      'blkio',
      'blkio controller',
      'io.max',
      'io.weight',
      'io.stat',
      'blkio.weight',
      'blkio.throttle.read_bps_device',
      'blkio.throttle.write_bps_device',
    ],
    link: cgroupV2Doc('io', 'Linux kernel: cgroup v2, io'),
    diagram: NS,
  },
  {
    id: 'cgroup-pids',
    title: 'pids controller',
    summary: 'The cgroup controller that caps the number of processes and threads in a group.',
    isolates:
      'Process count: fork() fails with EAGAIN once pids.current reaches pids.max, which stops a fork bomb at the container (`docker run --pids-limit`).',
    command: 'cat /sys/fs/cgroup/<path>/pids.max pids.current',
    aliases: ['pids controller', 'pids.max', 'pids.current', 'pids limit', 'pids-limit'],
    link: cgroupV2Doc('pid', 'Linux kernel: cgroup v2, pids'),
    diagram: NS,
  },
  {
    id: 'cgroup-cpuset',
    title: 'cpuset controller',
    summary: 'The cgroup controller that pins a group to CPUs and memory (NUMA) nodes.',
    isolates:
      'Placement: which CPUs (cpuset.cpus) and memory nodes (cpuset.mems) the processes may run on and allocate from (`docker run --cpuset-cpus 0-1`).',
    command: 'cat /sys/fs/cgroup/<path>/cpuset.cpus.effective',
    aliases: ['cpuset', 'cpuset controller', 'cpuset.cpus', 'cpuset.mems', 'cpuset.cpus.effective', 'cpuset-cpus'],
    link: cgroupV2Doc('cpuset', 'Linux kernel: cgroup v2, cpuset'),
    diagram: NS,
  },

  // ── the stacks: kernel, VM, container ─────────────────────────────────────────────────────────
  {
    id: 'kernel',
    title: 'Kernel',
    summary:
      "The core of the operating system that runs on the hardware and serves system calls. Every container on a host shares the host's one Linux kernel; each VM runs its own.",
    isolates:
      "The kernel enforces all container isolation (namespaces, cgroups, capabilities, seccomp, LSMs): a kernel bug is a bug in every container's wall, which is why untrusted code may go in a VM.",
    command: 'uname -r   (the same inside every container on this host)',
    aliases: ['kernel', 'kernels', 'linux kernel', 'host kernel', 'shared kernel', 'kernel version', 'kernel versions'],
    link: { title: 'The Linux kernel documentation', url: 'https://docs.kernel.org/' },
    diagram: 'container-architecture',
  },
  {
    id: 'hypervisor',
    title: 'Hypervisor',
    summary:
      "Software that runs virtual machines: it gives each VM virtual CPUs, memory and devices, using the CPU's virtualization extensions (Intel VT-x, AMD-V). Type 1 runs on the hardware (KVM in Linux, Xen, Hyper-V, ESXi); type 2 runs on a host OS (VirtualBox).",
    isolates:
      'Whole machines: each VM has its own kernel, so the wall between guests is the hardware-assisted hypervisor boundary, not the system call interface.',
    command: 'systemd-detect-virt   (or: ls -l /dev/kvm)',
    aliases: [
      'hypervisor',
      'hypervisors',
      'kvm',
      'firecracker',
      'cloud hypervisor',
      'xen',
      'hyper-v',
      'esxi',
      'vmware',
      'vmware esxi',
      'vsphere',
      'virtualbox',
    ],
    link: { title: 'Linux kernel: KVM', url: 'https://docs.kernel.org/virt/kvm/index.html' },
    diagram: 'vm-architecture',
  },
  {
    id: 'vm',
    title: 'Virtual machine (VM)',
    summary:
      'An emulated computer run by a hypervisor, with its own firmware, guest kernel and guest OS. Boots in tens of seconds and has memory assigned to it; Docker Desktop, Podman machine and WSL2 run their engines in one.',
    isolates: 'Everything down to the kernel: processes in different VMs share only the hypervisor and the hardware.',
    command: 'systemd-detect-virt   (prints kvm, vmware, microsoft… or none)',
    aliases: ['virtual machine', 'virtual machines', 'microvm', 'microvms', 'micro-vm'],
    exactAliases: ['VM', 'VMs'],
    link: { title: 'Linux kernel: KVM', url: 'https://docs.kernel.org/virt/kvm/index.html' },
    diagram: 'vm-architecture',
  },
  {
    id: 'guest-os',
    title: 'Guest OS',
    summary:
      'The operating system, kernel included, that runs inside a VM. A container has no guest OS: its image brings only user-space files (libraries, a shell, the app) and runs on the host kernel.',
    command: 'uname -r; cat /etc/os-release   (inside the VM)',
    aliases: ['guest os', 'guest kernel', 'guest operating system', 'full os', 'full guest os'],
    link: { title: 'Linux kernel: KVM', url: 'https://docs.kernel.org/virt/kvm/index.html' },
    diagram: 'vm-architecture',
  },
  {
    id: 'container',
    title: 'Container',
    summary:
      'An ordinary Linux process tree started in new namespaces, placed in a cgroup, with reduced capabilities, a seccomp filter and a root filesystem made from an image. No guest kernel: it starts in well under a second.',
    isolates: 'What its processes see (namespaces) and use (cgroups); it shares the host kernel.',
    command: 'docker ps; ps -ef --forest   (a container is just processes)',
    aliases: ['container', 'containers', 'containerized', 'containerised'],
    link: {
      title: 'OCI runtime specification',
      url: 'https://github.com/opencontainers/runtime-spec/blob/main/spec.md',
    },
    diagram: 'container-architecture',
  },
  {
    id: 'image',
    title: 'Container image',
    summary:
      'A read-only template for a container: a stack of filesystem layers (tar archives) plus a config (entrypoint, env, user, exposed ports), named by a manifest and addressed by digest. A Dockerfile builds one; each RUN, COPY and ADD adds a layer.',
    command: 'docker image inspect IMAGE   (or: docker history IMAGE)',
    aliases: [
      'image',
      'images',
      'container image',
      'container images',
      'base image',
      'image layer',
      'image layers',
      'layer',
      'layers',
    ],
    link: { title: 'OCI image specification', url: 'https://github.com/opencontainers/image-spec/blob/main/spec.md' },
    diagram: 'container-architecture',
  },
  {
    id: 'container-runtime',
    title: 'Container runtime',
    summary:
      'The software that turns an image into running containers. Three layers: user tools (Docker, Podman, nerdctl) call a CRI/high-level runtime (containerd, CRI-O) that manages images and lifecycles and calls an OCI runtime (runc, crun, runsc) that makes the namespaces and cgroups and starts the process.',
    command: 'docker info --format "{{.DefaultRuntime}}"',
    aliases: [
      'container runtime',
      'container runtimes',
      'runtime',
      'runtimes',
      'oci runtime',
      'high-level runtime',
      'low-level runtime',
      'user tools',
    ],
    link: {
      title: 'OCI runtime specification',
      url: 'https://github.com/opencontainers/runtime-spec/blob/main/spec.md',
    },
    diagram: 'runtime-layers',
  },
  {
    id: 'oci',
    title: 'OCI (Open Container Initiative)',
    summary:
      'The Linux Foundation project that publishes the container standards: the runtime spec (config.json: namespaces, cgroup limits, mounts, process), the image spec (manifest, layers, config) and the distribution spec (registry API). runc is its reference runtime.',
    command: 'runc spec   (writes a sample OCI config.json)',
    aliases: ['open container initiative', 'oci spec', 'runtime-spec', 'image-spec'],
    exactAliases: ['OCI'],
    link: {
      title: 'OCI runtime specification',
      url: 'https://github.com/opencontainers/runtime-spec/blob/main/spec.md',
    },
    diagram: 'runtime-layers',
  },
  {
    id: 'cri',
    title: 'CRI (Container Runtime Interface)',
    summary:
      'The gRPC API the Kubernetes kubelet uses to run pods and containers: RuntimeService and ImageService. containerd (its cri plugin) and CRI-O implement it.',
    command: "crictl ps   (talks CRI to the runtime's socket)",
    aliases: ['container runtime interface', 'crictl', 'cri runtime', 'cri runtimes'],
    exactAliases: ['CRI'],
    link: {
      title: 'Kubernetes: Container Runtime Interface',
      url: 'https://kubernetes.io/docs/concepts/architecture/cri/',
    },
    diagram: 'runtime-layers',
  },
  {
    id: 'runc',
    title: 'runc',
    summary:
      'The reference OCI runtime, in Go: reads an OCI bundle (config.json + rootfs), creates the namespaces, cgroup, mounts, capabilities and seccomp filter, then execs the container process and exits. Docker, containerd and CRI-O use it by default.',
    command: "runc --version   (Docker's: docker info | grep -i runc)",
    aliases: ['runc'],
    link: { title: 'opencontainers/runc', url: 'https://github.com/opencontainers/runc' },
    diagram: 'runtime-layers',
  },
  {
    id: 'crun',
    title: 'crun',
    summary:
      "An OCI runtime written in C: the same job as runc, smaller and faster to start. Podman's default runtime on Fedora and RHEL 9.",
    command: 'crun --version   (Podman: podman info --format "{{.Host.OCIRuntime.Name}}")',
    aliases: ['crun'],
    link: { title: 'containers/crun', url: 'https://github.com/containers/crun' },
    diagram: 'runtime-layers',
  },
  {
    id: 'gvisor',
    title: 'gVisor (runsc)',
    summary:
      "An OCI runtime, runsc, that puts a user-space kernel (the Sentry, in Go) between the container and the host: the container's system calls are served by gVisor, which itself uses only a small, filtered set of host calls.",
    isolates:
      "The host kernel's attack surface: a container escape must break gVisor first. Costs some speed on syscall-heavy work.",
    command: 'docker run --runtime=runsc …   then   dmesg inside shows gVisor',
    aliases: ['gvisor', 'runsc', 'containerd-shim-runsc-v1'],
    link: { title: 'gVisor documentation', url: 'https://gvisor.dev/docs/' },
    diagram: 'runtime-layers',
  },
  {
    id: 'kata',
    title: 'Kata Containers',
    summary:
      'A runtime that starts each container or pod in its own lightweight VM (QEMU, Cloud Hypervisor or Firecracker) with its own guest kernel, behind the usual OCI/CRI interfaces.',
    isolates: 'The kernel: each pod gets a hardware-virtualized boundary, at the cost of a VM boot and memory per pod.',
    command: 'kata-runtime check   (inside: uname -r shows the guest kernel)',
    aliases: ['kata', 'kata containers', 'kata-runtime', 'kata runtime', 'containerd-shim-kata-v2'],
    link: { title: 'Kata Containers', url: 'https://github.com/kata-containers/kata-containers' },
    diagram: 'containers-in-vms',
  },
  {
    id: 'containerd',
    title: 'containerd',
    summary:
      'A CNCF container runtime daemon: pulls and stores images, manages snapshots, containers and tasks, and starts them through a shim with an OCI runtime (runc by default). Docker runs on it; Kubernetes talks to it over CRI. Its own namespaces (default, moby, k8s.io) are labels, not kernel namespaces.',
    command: 'ctr namespaces list; ctr -n moby containers list',
    aliases: ['containerd', 'containerd-shim', 'containerd-shim-runc-v2', 'ctr'],
    link: { title: 'containerd documentation', url: 'https://containerd.io/docs/' },
    diagram: 'runtime-layers',
  },
  {
    id: 'cri-o',
    title: 'CRI-O',
    summary:
      'A container runtime made only for Kubernetes: implements CRI, pulls images with containers/image and starts containers through conmon with an OCI runtime (runc or crun).',
    command: 'crictl info   (or: systemctl status crio)',
    aliases: ['cri-o', 'crio'],
    link: { title: 'CRI-O', url: 'https://cri-o.io/' },
    diagram: 'runtime-layers',
  },
  {
    id: 'docker',
    title: 'Docker',
    summary:
      'The docker CLI and the dockerd daemon (Moby): builds images (BuildKit), runs containers through containerd and runc, and manages networks and volumes. The daemon runs as root unless installed rootless.',
    command: 'docker version; docker info',
    aliases: ['docker', 'dockerd', 'docker engine', 'docker desktop', 'docker cli'],
    link: { title: 'Docker Engine documentation', url: 'https://docs.docker.com/engine/' },
    diagram: 'runtime-layers',
  },
  {
    id: 'podman',
    title: 'Podman',
    summary:
      'A daemonless container engine with a Docker-compatible CLI: each container runs under conmon with an OCI runtime (crun or runc), as the user who started it; rootless by design. Groups containers in pods.',
    command: 'podman info; podman ps --ns',
    aliases: ['podman', 'buildah', 'conmon', 'podman machine'],
    link: { title: 'Podman documentation', url: 'https://docs.podman.io/' },
    diagram: 'runtime-layers',
  },
  {
    id: 'buildkit',
    title: 'BuildKit',
    summary:
      'The build engine behind `docker build`, `docker buildx build`, `buildctl` and `nerdctl build`: it reads the Dockerfile through a frontend (the `# syntax=` image), runs every RUN step in a container of its own through runc or containerd, and caches each step. buildx is the Docker CLI plugin that drives it, and can run it in a container (the docker-container driver).',
    isolates:
      "Each build step: a container with its own mount, pid, ipc and uts namespaces on the builder's default network; steps that give isolation up (`RUN --network=host`, `--security=insecure`, `--device`) need entitlements the builder's owner grants.",
    command: 'docker buildx ls; docker buildx inspect --bootstrap',
    aliases: ['buildkit', 'buildkitd', 'buildctl', 'buildx', 'docker buildx'],
    link: { title: 'Docker: BuildKit', url: 'https://docs.docker.com/build/buildkit/' },
    diagram: 'runtime-layers',
  },
  {
    id: 'moby',
    title: 'Moby',
    summary:
      'The open-source project Docker Engine is made from (dockerd, its API, networking and storage); BuildKit is one of its projects (moby/buildkit). In containerd, `moby` is also the containerd namespace in which Docker keeps its containers: a label, not a kernel namespace.',
    command: 'ctr -n moby containers list   (the containers Docker runs)',
    aliases: ['moby', 'moby engine', 'moby-engine'],
    link: { title: 'moby/moby', url: 'https://github.com/moby/moby' },
    diagram: 'runtime-layers',
  },
  {
    id: 'qemu',
    title: 'QEMU',
    summary:
      'A machine emulator with two modes. System mode runs whole VMs (with KVM, the usual Linux hypervisor: firmware, guest kernel, guest OS). User mode (qemu-user, registered with the kernel through binfmt_misc) runs single Linux programs built for another CPU architecture: that is how a build or container for `--platform linux/arm64` runs on an amd64 host.',
    isolates:
      'User mode isolates nothing: the emulated program is an ordinary process of the container, making system calls to the shared host kernel. Emulation, not a VM.',
    command: 'ls /proc/sys/fs/binfmt_misc/   (qemu-* entries: user-mode emulation is registered)',
    aliases: ['qemu', 'qemu-user', 'qemu-user-static', 'qemu-system', 'qemu-kvm', 'binfmt_misc', 'binfmt'],
    link: { title: 'QEMU documentation', url: 'https://www.qemu.org/docs/master/' },
    diagram: 'vm-architecture',
  },
  {
    id: 'nerdctl',
    title: 'nerdctl',
    summary:
      'A Docker-compatible CLI for containerd: talks to containerd directly, no dockerd. Supports rootless containerd and BuildKit.',
    command: 'nerdctl ps   (containers live in containerd namespace "default")',
    aliases: ['nerdctl'],
    link: { title: 'containerd/nerdctl', url: 'https://github.com/containerd/nerdctl' },
    diagram: 'runtime-layers',
  },
  {
    id: 'rootless',
    title: 'Rootless containers',
    summary:
      "The engine and its containers run as an ordinary user: a user namespace maps the container's root to that user (and subordinate IDs from /etc/subuid and /etc/subgid to the other UIDs). Networking goes through slirp4netns or pasta.",
    isolates:
      'Privilege: an escape lands as an unprivileged host user. Limits: no privileged ports below 1024 by default, and cgroup limits need cgroup v2 with delegation.',
    command: 'podman info --format "{{.Host.Security.Rootless}}"; cat /proc/PID/uid_map',
    aliases: [
      'rootless',
      'rootless mode',
      'rootless containers',
      'rootless docker',
      'rootless podman',
      'subuid',
      'subgid',
      '/etc/subuid',
      'newuidmap',
      'slirp4netns',
    ],
    link: { title: 'Docker: rootless mode', url: 'https://docs.docker.com/engine/security/rootless/' },
    diagram: NS,
  },
  {
    id: 'userns-remap',
    title: 'User namespace remapping',
    summary:
      "Docker's daemon option (`dockerd --userns-remap`) that runs every container in a user namespace: container UID 0 becomes a high, unprivileged host UID taken from /etc/subuid. The daemon itself stays root.",
    isolates: 'The meaning of root: files written as root in the container are owned by the remapped UID on the host.',
    command: 'cat /proc/PID/uid_map   (0 100000 65536 = remapped)',
    aliases: [
      'user namespace remapping',
      'userns-remap',
      'userns remap',
      'uid_map',
      'gid_map',
      'uid mapping',
      'id mapping',
      'idmapped mounts',
    ],
    link: {
      title: 'Docker: isolate containers with a user namespace',
      url: 'https://docs.docker.com/engine/security/userns-remap/',
    },
    diagram: NS,
  },
  {
    id: 'capabilities',
    title: 'Linux capabilities',
    summary:
      "Root's power split into about 40 flags (CAP_NET_ADMIN, CAP_SYS_ADMIN…) checked one by one. Container runtimes keep only a small bounding set (Docker: 14), so root in a container is not full root; `--cap-add`, `--cap-drop` and `--privileged` change it.",
    isolates:
      'Privileged operations: mounting, loading modules, changing the network, raw sockets, tracing other processes.',
    command: 'grep Cap /proc/PID/status; capsh --decode=<hex>   (or: getpcaps PID)',
    aliases: [
      'capability',
      'capabilities',
      'linux capabilities',
      'cap-add',
      'cap-drop',
      'capsh',
      'getpcaps',
      'setcap',
      'getcap',
      'privileged',
      'bounding set',
    ],
    link: man('capabilities', 7),
    diagram: 'containers-in-vms',
  },
  capability(
    'CAP_SYS_ADMIN',
    'mount, sethostname, setns, and many other administrative calls; "the new root". Not in Docker\'s default set; granting it undoes much of a container\'s isolation.',
  ),
  capability(
    'CAP_NET_ADMIN',
    "configure interfaces, routes, firewall rules in the process's network namespace. Not in Docker's default set.",
  ),
  capability('CAP_NET_RAW', 'open raw and packet sockets (ping, packet capture).', DEFAULT_DOCKER_CAP),
  capability('CAP_NET_BIND_SERVICE', 'bind ports below 1024.', DEFAULT_DOCKER_CAP),
  capability('CAP_SYS_PTRACE', "trace or inspect any process (ptrace, /proc/PID/mem). Not in Docker's default set."),
  capability(
    'CAP_SYS_MODULE',
    "load and unload kernel modules, which changes the shared kernel. Never in a container's default set.",
  ),
  capability('CAP_SYS_TIME', "set the system clock, which is not namespaced: it changes the host's time."),
  capability('CAP_SYS_CHROOT', 'call chroot().', DEFAULT_DOCKER_CAP),
  capability('CAP_SYS_RESOURCE', 'override resource limits (rlimits, quotas).'),
  capability('CAP_SYS_BOOT', 'reboot the machine (inside a pid namespace, reboot() only ends that namespace).'),
  capability('CAP_CHOWN', 'change the owner of any file.', DEFAULT_DOCKER_CAP),
  capability('CAP_DAC_OVERRIDE', 'bypass file read, write and execute permission checks.', DEFAULT_DOCKER_CAP),
  capability(
    'CAP_DAC_READ_SEARCH',
    'bypass read permission checks and call open_by_handle_at (the 2014 "shocker" container escape).',
  ),
  capability(
    'CAP_FOWNER',
    "bypass checks that require owning the file (chmod, utime on others' files).",
    DEFAULT_DOCKER_CAP,
  ),
  capability('CAP_FSETID', 'keep set-user-ID and set-group-ID bits when modifying a file.', DEFAULT_DOCKER_CAP),
  capability('CAP_SETUID', 'change UIDs (setuid, setresuid).', DEFAULT_DOCKER_CAP),
  capability('CAP_SETGID', 'change GIDs and supplementary groups.', DEFAULT_DOCKER_CAP),
  capability(
    'CAP_SETPCAP',
    "change capability sets of the process's own threads and bounding set.",
    DEFAULT_DOCKER_CAP,
  ),
  capability('CAP_SETFCAP', 'set file capabilities.', DEFAULT_DOCKER_CAP),
  capability('CAP_KILL', 'send signals to processes of other users.', DEFAULT_DOCKER_CAP),
  capability(
    'CAP_MKNOD',
    'create device files with mknod (using them is still controlled by the devices cgroup).',
    DEFAULT_DOCKER_CAP,
  ),
  capability('CAP_AUDIT_WRITE', 'write records to the kernel audit log.', DEFAULT_DOCKER_CAP),
  capability('CAP_IPC_LOCK', 'lock memory (mlock) beyond RLIMIT_MEMLOCK.'),
  capability('CAP_SYSLOG', 'read the kernel log and kernel addresses.'),
  capability('CAP_BPF', 'load BPF programs and maps (Linux 5.8+).'),
  capability('CAP_PERFMON', 'use perf_event_open and performance monitoring (Linux 5.8+).'),
  capability('CAP_LINUX_IMMUTABLE', 'set the immutable and append-only file attributes.'),
  {
    id: 'seccomp',
    title: 'seccomp',
    summary:
      'Secure computing mode: a BPF filter, attached to a process and inherited by its children, that allows, denies or traps each system call by number and arguments. Docker and Podman apply a default profile that blocks dozens of risky calls (kexec_load, init_module, keyctl, open_by_handle_at, and mount or unshare without CAP_SYS_ADMIN).',
    isolates: 'The system calls the container can make into the shared kernel, i.e. its attack surface.',
    command: 'grep Seccomp /proc/PID/status   (2 = filter active)',
    aliases: ['seccomp', 'seccomp-bpf', 'seccomp profile', 'seccomp=unconfined', 'secure computing'],
    link: man('seccomp', 2),
    diagram: 'containers-in-vms',
  },
  {
    id: 'apparmor',
    title: 'AppArmor',
    summary:
      'A Linux Security Module (Debian, Ubuntu, SUSE) that confines programs by path-based profiles. Docker loads the profile docker-default for containers.',
    isolates:
      'File, mount, network and capability use beyond what namespaces hide: e.g. writes to /proc/sys and mounting are denied.',
    command: 'cat /proc/PID/attr/current; aa-status',
    aliases: ['apparmor', 'docker-default', 'aa-status', 'apparmor profile'],
    link: { title: 'AppArmor documentation', url: 'https://gitlab.com/apparmor/apparmor/-/wikis/Documentation' },
    diagram: 'containers-in-vms',
  },
  {
    id: 'selinux',
    title: 'SELinux',
    summary:
      "A Linux Security Module (Fedora, RHEL) that labels every process and file and allows access by policy. Containers run as container_t with a unique MCS label pair, so one container cannot read another's files; volumes need :z or :Z to be relabelled.",
    isolates: 'File and process access between containers and from containers to the host, even for root.',
    command: 'ps -eZ | grep container_t; getenforce',
    aliases: ['selinux', 'container_t', 'mcs label', 'getenforce', 'security-enhanced linux'],
    link: { title: 'SELinux Project', url: 'https://github.com/SELinuxProject/selinux-notebook' },
    diagram: 'containers-in-vms',
  },
  {
    id: 'overlayfs',
    title: 'OverlayFS',
    summary:
      "The union filesystem containers use for their root: read-only image layers (lowerdir) under one writable layer (upperdir), merged into one view; changing a file copies it up. Docker's overlay2 driver and containerd's overlayfs snapshotter use it.",
    isolates: 'Writes: each container writes only to its own upper layer; the image layers stay shared and unchanged.',
    command: 'findmnt -t overlay   (or: docker inspect -f "{{.GraphDriver.Data.MergedDir}}" C)',
    aliases: [
      'overlayfs',
      'overlay fs',
      'overlay2',
      'overlay filesystem',
      'union filesystem',
      'union fs',
      'fuse-overlayfs',
      'lowerdir',
      'upperdir',
      'copy-up',
      'snapshotter',
    ],
    link: { title: 'Linux kernel: Overlay Filesystem', url: 'https://docs.kernel.org/filesystems/overlayfs.html' },
    diagram: 'container-architecture',
  },
  {
    id: 'chroot',
    title: 'chroot',
    summary:
      'Changes the root directory of a process (1979). Not isolation by itself: root can escape it, and it hides nothing else.',
    isolates: 'Only path lookup from /. Containers use pivot_root in a new mount namespace instead.',
    command: 'ls -l /proc/PID/root',
    aliases: ['chroot', 'chroot jail'],
    link: man('chroot', 2),
    diagram: NS,
  },
  {
    id: 'pivot_root',
    title: 'pivot_root',
    summary:
      "Swaps a process's root mount for another one inside its mount namespace, after which the old root is unmounted. runc uses it to make the image's root filesystem the container's /, leaving no path back to the host's.",
    isolates: "The filesystem: together with the mount namespace, the host's root is no longer reachable at all.",
    command: 'ls -l /proc/PID/root; findmnt -N PID',
    aliases: ['pivot_root', 'pivot root', 'pivot-root'],
    link: man('pivot_root', 2),
    diagram: NS,
  },
];

/** Every glossary term: the isolation vocabulary, the rest of the guide's, the predefined build args. */
export const TERMS: readonly TermEntry[] = [...ISOLATION_TERMS, ...GUIDE_TERMS, ...BUILD_ARG_TERMS];
