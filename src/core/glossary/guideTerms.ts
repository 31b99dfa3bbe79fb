// The guide's vocabulary (the concepts, tools and terms the product's guide names) that the isolation
// terms do not already cover: what a PID or a UID is, network interfaces and bandwidth, firmware,
// daemons, Kubernetes and Compose, microservices, defence in depth… Isolation mechanisms keep the
// default kind; the guide's general ideas are kind "concept". Written for this project.
import { man } from './links';
import type { DiagramId, DocLink, TermEntry } from './types';

const NIST_800_190: DocLink = {
  title: 'NIST SP 800-190: Application Container Security Guide',
  url: 'https://csrc.nist.gov/pubs/sp/800/190/final',
};
const KVM: DocLink = { title: 'Linux kernel: KVM', url: 'https://docs.kernel.org/virt/kvm/index.html' };

interface Concept {
  readonly id: string;
  readonly title: string;
  readonly summary: string;
  readonly isolates?: string;
  readonly command: string;
  readonly aliases: readonly string[];
  readonly exactAliases?: readonly string[];
  readonly link: DocLink;
  readonly diagram: DiagramId;
}

/** A general idea of the guide (not an isolation mechanism): shown as a "concept". */
const concept = (c: Concept): TermEntry => ({ kind: 'concept', ...c });

export const GUIDE_TERMS: readonly TermEntry[] = [
  // ── what namespaces give each container its own of ────────────────────────────────────────────
  {
    id: 'pid',
    title: 'Process ID (PID)',
    summary:
      'The number the kernel gives each process. Inside a PID namespace the numbers start again at 1, so a container sees only its own processes, with its first one as PID 1; the host sees the same processes under other, larger PIDs.',
    isolates: 'Which processes can be seen, signalled or traced: only those of the same PID namespace and below.',
    command: 'ps -o pid,cmd   (on the host: grep NSpid /proc/PID/status shows both numbers)',
    aliases: ['process id', 'process ids', 'process identifier', 'process identifiers'],
    exactAliases: ['PID', 'PIDs'],
    link: man('credentials', 7),
    diagram: 'namespaces-cgroups',
  },
  {
    id: 'uid',
    title: 'User and group IDs (UID, GID)',
    summary:
      'The numbers the kernel checks for file access and privilege: UID 0 is root. A user namespace maps a range of IDs inside to other IDs outside, so root in a rootless container is an ordinary user on the host; without one, the IDs inside are the host IDs.',
    isolates: 'Who a process is to the kernel: file ownership, permission checks, which capabilities count.',
    command: 'id; cat /proc/PID/uid_map   (inside, outside, count)',
    aliases: ['user id', 'user ids', 'group id', 'group ids'],
    exactAliases: ['UID', 'UIDs', 'GID', 'GIDs'],
    link: man('credentials', 7),
    diagram: 'namespaces-cgroups',
  },
  {
    id: 'network-interface',
    title: 'Network interface',
    summary:
      "A network device of the kernel (eth0, lo, a veth end, a bridge such as docker0). Each network namespace has its own set: a container usually gets the loopback and one end of a veth pair whose other end sits on a host bridge; `--network host` shares the host's interfaces.",
    isolates: 'Which interfaces, addresses and routes a process can use and see.',
    command: 'ip -br link   (inside a container: nsenter -t PID -n ip -br addr)',
    aliases: ['network interface', 'network interfaces', 'veth', 'veth pair', 'loopback interface', 'docker0'],
    link: man('veth', 4),
    diagram: 'namespaces-cgroups',
  },
  {
    id: 'network-bandwidth',
    title: 'Network bandwidth',
    summary:
      "How fast a container may send and receive. Unlike CPU, memory and disk I/O, cgroup v2 has no controller for it: bandwidth is shaped with traffic control (tc) on the container's interface, with cgroup v1's net_cls class IDs, or by eBPF programs attached to the cgroup. Docker and Podman have no run flag for it.",
    isolates: 'Nothing by default: containers on one host share its network capacity.',
    command: 'tc qdisc show dev <veth>   (nsenter -t PID -n tc qdisc show inside)',
    aliases: ['network bandwidth', 'bandwidth limit', 'bandwidth limits', 'traffic control', 'net_cls', 'net_prio'],
    link: man('tc', 8),
    diagram: 'namespaces-cgroups',
  },
  {
    id: 'syscall',
    title: 'System call',
    summary:
      'How a program asks the kernel for anything (open a file, start a process, send a packet). Containers share the host kernel, so their system calls go straight into it: seccomp filters which ones are allowed, and gVisor answers them in a user-space kernel instead.',
    isolates: "The container's attack surface on the shared kernel.",
    command: 'strace -f -c <command>   (counts the system calls a command makes)',
    aliases: ['system call', 'system calls', 'syscall', 'syscalls'],
    link: man('syscalls', 2),
    diagram: 'runtime-layers',
  },
  {
    id: 'user-space',
    title: 'User space',
    summary:
      "Everything outside the kernel: programs, libraries, shells. A container image holds only user space; gVisor runs a kernel of its own in user space (the Sentry), so a container's system calls reach the host kernel only through it.",
    command: 'ls /proc/PID/root/   (the user space a container sees)',
    aliases: ['user space', 'userspace', 'user-space', 'userland'],
    link: man('intro', 2),
    diagram: 'runtime-layers',
  },
  {
    id: 'sandbox',
    title: 'Sandbox',
    summary:
      'An extra layer between untrusted code and the host kernel, beyond namespaces and cgroups: gVisor (a user-space kernel), Kata Containers (a light VM per pod), or a strict seccomp and LSM profile. A BuildKit RUN step also runs in a sandbox unless `--security=insecure` lifts it.',
    isolates: 'The host kernel from what runs inside: an escape must break the sandbox first.',
    command: 'docker run --runtime=runsc …   (gVisor: dmesg inside shows its own kernel)',
    aliases: ['sandbox', 'sandboxes', 'sandboxing', 'sandboxed'],
    link: { title: 'gVisor documentation', url: 'https://gvisor.dev/docs/' },
    diagram: 'runtime-layers',
  },
  {
    id: 'daemon',
    title: 'Daemon',
    summary:
      'A long-running background service. dockerd and containerd are daemons that own the containers they start (as root, unless rootless); Podman is daemonless: each container is a child of conmon, started by the user who ran podman.',
    isolates:
      'Who holds the power: access to a root daemon’s socket (/var/run/docker.sock) amounts to root on the host.',
    command: 'systemctl status docker containerd   (ls -l /var/run/docker.sock)',
    aliases: ['daemon', 'daemons', 'daemonless'],
    link: man('daemon', 7),
    diagram: 'runtime-layers',
  },

  // ── machines and virtual machines ─────────────────────────────────────────────────────────────
  concept({
    id: 'firmware',
    title: 'Firmware (BIOS, UEFI)',
    summary:
      'The code that starts a machine before any operating system: it checks and sets up the hardware, then loads the boot loader. Every VM boots through virtual firmware (SeaBIOS or OVMF under QEMU/KVM) before its guest OS; a container starts no firmware and no kernel.',
    command: 'ls /sys/firmware/efi   (present: booted with UEFI)',
    aliases: ['bios', 'uefi', 'firmware', 'seabios', 'ovmf'],
    link: { title: 'UEFI specifications', url: 'https://uefi.org/specifications' },
    diagram: 'startup',
  }),
  concept({
    id: 'virtualization',
    title: 'Virtualization',
    summary:
      'Running something on simulated resources. Hardware virtualization (a hypervisor using Intel VT-x or AMD-V) gives each VM virtual CPUs, memory and devices and its own kernel; OS-level virtualization (containers) gives process groups their own view of one shared kernel.',
    command: 'grep -cE "vmx|svm" /proc/cpuinfo   (nonzero: the CPU can run VMs)',
    aliases: [
      'virtualization',
      'virtualisation',
      'hardware virtualization',
      'hardware virtualisation',
      'os-level virtualization',
      'os-level virtualisation',
      'vt-x',
      'amd-v',
      'virtualize',
      'virtualise',
    ],
    link: KVM,
    diagram: 'vm-architecture',
  }),
  concept({
    id: 'physical-server',
    title: 'Physical server (bare metal)',
    summary:
      'The real machine at the bottom of both stacks: its CPUs, RAM, storage and network cards. A hypervisor divides it into VMs; containers share it, and its kernel, directly.',
    command: 'systemd-detect-virt   (none: bare metal)',
    aliases: [
      'physical server',
      'physical servers',
      'physical machine',
      'physical machines',
      'bare metal',
      'bare-metal',
    ],
    link: man('systemd-detect-virt', 1),
    diagram: 'container-architecture',
  }),
  concept({
    id: 'hardware-resources',
    title: 'Hardware resources (CPU, RAM, disk)',
    summary:
      'What there is to share on a machine. A hypervisor carves fixed amounts out for each VM (virtual CPUs, assigned RAM, virtual disks); containers draw from the host directly, capped only by their cgroup limits.',
    command: 'lscpu; free -h; df -h',
    aliases: ['cpu cores', 'vcpu', 'vcpus', 'virtual cpus', 'virtual hardware', 'disk space'],
    exactAliases: ['RAM'],
    link: man('lscpu', 1),
    diagram: 'vm-architecture',
  }),
  concept({
    id: 'operating-system',
    title: 'Operating system (OS)',
    summary:
      'A kernel plus the user space around it. A VM runs a full OS of its own; a container brings only the user-space part of one (its image) and runs it on the host kernel, so it cannot run another kernel or another OS family.',
    command: 'cat /etc/os-release; uname -sr   (user space and kernel)',
    aliases: ['operating system', 'operating systems'],
    exactAliases: ['OS'],
    link: man('os-release', 5),
    diagram: 'vm-architecture',
  }),
  concept({
    id: 'linux-distribution',
    title: 'Linux distribution',
    summary:
      'A user space built around the Linux kernel: Ubuntu, CentOS, Debian, Alpine. As a VM it brings its own kernel; as a container image only its files (libraries, shell, package manager): an Ubuntu image on a Fedora host runs on the Fedora kernel.',
    command: 'cat /etc/os-release; uname -r   (inside a container: its distro, the host kernel)',
    aliases: ['ubuntu', 'centos', 'linux distribution', 'linux distributions', 'distro', 'distros'],
    link: man('os-release', 5),
    diagram: 'vm-architecture',
  }),
  concept({
    id: 'windows',
    title: 'Windows and Windows containers',
    summary:
      'A container shares its host kernel, so Windows containers need a Windows kernel: on Windows Server they run process-isolated (sharing it) or Hyper-V isolated (each in a small utility VM); on a Linux host, Windows runs only in a VM. Their base images are Nano Server and Server Core.',
    command: 'docker info --format "{{.OSType}}"   (windows or linux)',
    aliases: ['windows', 'windows server', 'windows containers', 'nanoserver', 'servercore', 'server core'],
    link: {
      title: 'Microsoft: Windows container isolation modes',
      url: 'https://learn.microsoft.com/en-us/virtualization/windowscontainers/manage-containers/hyperv-container',
    },
    diagram: 'decision-guide',
  }),
  concept({
    id: 'libraries',
    title: 'Libraries',
    summary:
      'The shared code an app links against (libc, libssl, a language runtime). A container image carries the app with its libraries only, without a guest OS, which is why containers that need different library versions can share one host.',
    command: 'ldd $(command -v <program>)',
    aliases: ['libraries', 'libs', 'shared libraries', 'shared library'],
    link: man('ld.so', 8),
    diagram: 'container-architecture',
  }),

  // ── tools of the ecosystem ────────────────────────────────────────────────────────────────────
  {
    id: 'kubernetes',
    title: 'Kubernetes',
    summary:
      "A container orchestrator: it schedules pods (groups of containers sharing a network namespace) across a cluster's nodes, restarts and scales them. On each node the kubelet asks a CRI runtime (containerd, CRI-O) to run them. EKS, GKE and AKS are managed Kubernetes; OpenShift is Red Hat's distribution of it.",
    command: 'kubectl get pods -o wide; crictl ps   (on a node)',
    aliases: [
      'kubernetes',
      'k8s',
      'kubelet',
      'kubectl',
      'openshift',
      'orchestration',
      'orchestrator',
      'orchestrators',
      'container orchestration',
    ],
    exactAliases: ['EKS', 'GKE', 'AKS'],
    link: { title: 'Kubernetes: overview', url: 'https://kubernetes.io/docs/concepts/overview/' },
    diagram: 'runtime-layers',
  },
  {
    id: 'docker-compose',
    title: 'Docker Compose',
    summary:
      "Runs a set of containers described in one file (compose.yaml): services, their images or builds, networks and volumes. Each service's containers are ordinary containers with their own namespaces; Compose puts them on a shared network of the project.",
    command: 'docker compose ps; docker compose config',
    aliases: [
      'docker compose',
      'docker-compose',
      'compose file',
      'compose files',
      'compose.yaml',
      'compose.yml',
      'docker-compose.yml',
    ],
    link: { title: 'Docker Compose', url: 'https://docs.docker.com/compose/' },
    diagram: 'runtime-layers',
  },

  // ── when to use which ─────────────────────────────────────────────────────────────────────────
  concept({
    id: 'isolation',
    title: 'Isolation',
    summary:
      'Keeping workloads on one machine from seeing or harming each other. VMs isolate whole machines behind a hypervisor; containers isolate processes with kernel namespaces (what they see) and cgroups (what they use), on one shared kernel.',
    command: 'lsns   (the namespaces on this host and who is in them)',
    aliases: ['isolation'],
    link: man('namespaces', 7),
    diagram: 'container-architecture',
  }),
  concept({
    id: 'security-boundary',
    title: 'Security boundary',
    summary:
      'A wall an attacker must break to reach what is behind it. Between VMs it is the hypervisor and the hardware; between containers it is the shared kernel with namespaces, cgroups, capabilities, seccomp and LSMs: a kernel bug crosses it, which is why untrusted or regulated workloads may need a VM.',
    command: 'uname -r   (one kernel: the boundary every container on this host shares)',
    aliases: ['security boundary', 'security boundaries', 'isolation boundary', 'trust boundary'],
    link: NIST_800_190,
    diagram: 'containers-in-vms',
  }),
  concept({
    id: 'compliance',
    title: 'Compliance',
    summary:
      'Rules from regulators or auditors (banking, healthcare) on how workloads are separated. Some demand VM-level separation, which a container on a shared kernel does not give; running containers inside per-tenant VMs meets that while keeping containers.',
    command: 'systemd-detect-virt   (is this workload inside a VM?)',
    aliases: ['compliance', 'compliance requirements', 'regulatory compliance'],
    link: NIST_800_190,
    diagram: 'decision-guide',
  }),
  concept({
    id: 'untrusted-code',
    title: 'Untrusted code',
    summary:
      'Code from outside users that may be hostile. In a plain container it talks straight to the host kernel, so it gets a VM or a sandboxed runtime (gVisor, Kata Containers) instead; multi-tenant clouds do the same between customers.',
    command: 'docker run --runtime=runsc IMAGE   (gVisor)',
    aliases: [
      'untrusted code',
      'untrusted workload',
      'untrusted workloads',
      'multi-tenant',
      'multi-tenancy',
      'multitenancy',
    ],
    link: { title: 'gVisor documentation', url: 'https://gvisor.dev/docs/' },
    diagram: 'decision-guide',
  }),
  concept({
    id: 'defense-in-depth',
    title: 'Defence in depth',
    summary:
      'Layers of isolation, so one broken wall is not enough: containers inside VMs, as clouds run them, put namespaces, seccomp and LSMs around each container and a hypervisor around each tenant, so a container escape lands in a VM, not on the host.',
    command: 'systemd-detect-virt; grep Seccomp /proc/self/status',
    aliases: [
      'defense in depth',
      'defence in depth',
      'defense-in-depth',
      'defence-in-depth',
      'containers inside vms',
      'containers in vms',
      'layered security',
    ],
    link: NIST_800_190,
    diagram: 'containers-in-vms',
  }),
  concept({
    id: 'cloud-providers',
    title: 'Cloud providers',
    summary:
      "AWS, Google Cloud and Azure run customers' containers inside VMs (EC2 and Fargate's Firecracker microVMs, GKE nodes, AKS nodes), so customers are separated by a hypervisor, not only by a shared kernel.",
    command: 'systemd-detect-virt   (inside a cloud container host: kvm, amazon, microsoft…)',
    aliases: ['cloud provider', 'cloud providers', 'google cloud', 'azure', 'gcp', 'cloud', 'clouds'],
    exactAliases: ['AWS'],
    link: { title: 'Firecracker', url: 'https://firecracker-microvm.github.io/' },
    diagram: 'containers-in-vms',
  }),
  concept({
    id: 'microservices',
    title: 'Microservices',
    summary:
      'An application built as many small services that talk over the network, each in its own containers, deployed and scaled on its own: the cloud-native style containers suit, since each one starts in well under a second and costs megabytes, not a guest OS.',
    command: 'docker compose ps   (or: kubectl get deployments)',
    aliases: ['microservice', 'microservices', 'cloud-native', 'cloud native'],
    link: { title: 'Kubernetes: Service', url: 'https://kubernetes.io/docs/concepts/services-networking/service/' },
    diagram: 'decision-guide',
  }),
  concept({
    id: 'ci-cd',
    title: 'CI/CD',
    summary:
      'Continuous integration and delivery: every change is built, tested and deployed by a pipeline. Containers fit because a build runs in a fresh, identical environment each time and starts in seconds; the image tested is the image shipped.',
    command: 'docker buildx build --cache-from … --push .   (a typical pipeline step)',
    aliases: ['ci/cd', 'cicd', 'continuous integration', 'continuous delivery', 'continuous deployment'],
    link: { title: 'Docker: CI/CD with Docker Build', url: 'https://docs.docker.com/build/ci/' },
    diagram: 'decision-guide',
  }),
  concept({
    id: 'environment-parity',
    title: 'Consistent environments',
    summary:
      'Development, staging and production running the same image, so what was tested is what runs: the image pins the user space (libraries, runtime versions), and only the kernel comes from each host.',
    command: 'docker image inspect --format "{{.Id}}" IMAGE   (the same digest everywhere)',
    aliases: ['consistent environments', 'consistent environment', 'environment parity'],
    link: { title: 'The Twelve-Factor App: dev/prod parity', url: 'https://12factor.net/dev-prod-parity' },
    diagram: 'decision-guide',
  }),
  concept({
    id: 'density',
    title: 'Workload density',
    summary:
      'How many workloads one host runs. Containers share one kernel and carry no guest OS (megabytes of overhead each, not gigabytes), so a host holds hundreds of them where it would hold a handful of VMs.',
    command: 'docker stats --no-stream   (memory per container)',
    aliases: ['density', 'workload density', 'container density'],
    link: { title: 'Linux kernel: Control Group v2', url: 'https://docs.kernel.org/admin-guide/cgroup-v2.html' },
    diagram: 'decision-guide',
  }),
  concept({
    id: 'overhead',
    title: 'Overhead',
    summary:
      'What isolation costs besides the app: a VM pays for its firmware, guest kernel and guest OS (about 1 to 4 GB of RAM and tens of seconds to boot); a container pays a few megabytes and milliseconds for its namespaces and cgroup.',
    command: 'docker stats --no-stream; free -h',
    aliases: ['overhead', 'memory overhead'],
    link: {
      title: 'Kubernetes: pod overhead',
      url: 'https://kubernetes.io/docs/concepts/scheduling-eviction/pod-overhead/',
    },
    diagram: 'container-architecture',
  }),
  concept({
    id: 'scaling',
    title: 'Scaling',
    summary:
      'Adding or removing instances as load changes (from 3 to 30 in seconds). Containers scale fast because each starts as a few processes on an already running kernel; a VM must first boot.',
    command: 'docker compose up --scale web=30   (or: kubectl scale deployment web --replicas=30)',
    aliases: ['scaling', 'rapid scaling', 'horizontal scaling', 'autoscaling', 'scale out'],
    link: { title: 'Kubernetes: autoscaling', url: 'https://kubernetes.io/docs/concepts/workloads/autoscaling/' },
    diagram: 'decision-guide',
  }),
  concept({
    id: 'startup-time',
    title: 'Start-up time',
    summary:
      'How long until the app runs. A VM allocates resources, runs firmware and boots a full guest OS (30 to 60 s); a container only has the kernel make namespaces and a cgroup, then starts the process (well under a second).',
    command: 'time docker run --rm alpine true',
    aliases: ['startup time', 'start-up time', 'boot time', 'fast startup', 'cold start'],
    link: {
      title: 'OCI runtime specification: lifecycle',
      url: 'https://github.com/opencontainers/runtime-spec/blob/main/runtime.md',
    },
    diagram: 'startup',
  }),
];
