/**
 * The written values of compose files and Kubernetes manifests as the kernel receives them: byte
 * sizes (`64m`, `64Mi`), CPU amounts (`0.5`, `500m`) and the cgroup figures they become. Every
 * parser here is one anchored pattern over a short scalar: linear.
 */

/** Compose's byte values: a number with b, k, m, g (or kb, mb, gb), binary multiples; a bare number is bytes. */
const COMPOSE_BYTES = /^(\d+(?:\.\d+)?)\s*([bkmg]?)b?$/i;
const COMPOSE_FACTORS: Record<string, number> = { '': 1, b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };

export function composeBytes(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? Math.floor(value) : undefined;
  if (typeof value !== 'string') return undefined;
  const m = COMPOSE_BYTES.exec(value.trim());
  if (!m) return undefined;
  return Math.floor(Number(m[1]) * COMPOSE_FACTORS[m[2].toLowerCase()]);
}

/** Kubernetes quantities: binary (Ki…Ei), decimal (k, M…E), milli (m), or an exponent (`1e3`). */
const QUANTITY = /^([+]?\d+(?:\.\d+)?|\.\d+)(?:(Ki|Mi|Gi|Ti|Pi|Ei|m|k|M|G|T|P|E)|[eE]([+-]?\d+))?$/;
const QUANTITY_FACTORS: Record<string, number> = {
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
  m: 1e-3,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
};

export function kubeQuantity(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const m = QUANTITY.exec(value.trim());
  if (!m) return undefined;
  const factor = m[2] ? QUANTITY_FACTORS[m[2]] : m[3] ? 10 ** Number(m[3]) : 1;
  return Number(m[1]) * factor;
}

/** The CFS period runc and the kubelet write with a CPU limit: 100 ms. */
export const CFS_PERIOD_US = 100_000;

/** `cpu.max` for a limit of `cpus` CPUs: quota and period in µs. */
export function cpuMax(cpus: number): { quotaUs: number; periodUs: number } {
  return { quotaUs: Math.round(cpus * CFS_PERIOD_US), periodUs: CFS_PERIOD_US };
}

/** runc's conversion of v1 cpu.shares (2–262144) to v2 cpu.weight (1–10000). */
export function sharesToWeight(shares: number): number {
  if (shares <= 0) return 0;
  return Math.floor(1 + ((Math.max(2, Math.min(shares, 262144)) - 2) * 9999) / 262142);
}

/** The kubelet's cpu.shares for a CPU request: 1024 per CPU, at least 2. */
export function requestToShares(cpus: number): number {
  return Math.max(2, Math.floor(cpus * 1024));
}
