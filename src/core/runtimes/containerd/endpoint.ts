/**
 * Where containerd listens: a setting or CONTAINERD_ADDRESS when given, else discovery as the
 * setting describes it: the default socket, and the one Docker names in its /info
 * (`Containerd.Address`: Docker snap, rootless Docker and Docker's own managed containerd are not
 * on the default path).
 */
export const DEFAULT_CONTAINERD_ADDRESS = 'unix:///run/containerd/containerd.sock';

/** `unix:///run/x.sock`, `unix:/run/x.sock` or a bare `/run/x.sock` → the socket path; otherwise undefined. */
export function socketPathOf(address: string): string | undefined {
  if (address.startsWith('unix://')) return address.slice('unix://'.length) || undefined;
  if (address.startsWith('unix:')) return address.slice('unix:'.length) || undefined;
  if (address.startsWith('/')) return address;
  return undefined;
}

/** The gRPC target for an address given as a path or a unix URL. */
export function normalizeAddress(address: string): string {
  const socketPath = socketPathOf(address);
  return socketPath ? `unix://${socketPath}` : address;
}

/**
 * The endpoint of the containerd a dockerd uses, from Docker's `/info` `Containerd.Address`
 * (a bare path such as `/run/containerd/containerd.sock` or `/var/run/docker/containerd/containerd.sock`).
 * Undefined when Docker did not say.
 */
export function endpointFromDockerInfo(containerdAddress: string | undefined): string | undefined {
  const address = containerdAddress?.trim();
  if (!address) return undefined;
  return normalizeAddress(address);
}

/**
 * Chooses the address to read: the given one, else the default when something listens there,
 * else the one Docker names (when it names one and something listens there), else the default
 * (whose failure is then shown).
 */
export async function chooseContainerdAddress(
  given: string | undefined,
  discover: (() => Promise<string | undefined>) | undefined,
  listening: (address: string) => Promise<boolean>,
  defaultAddress = DEFAULT_CONTAINERD_ADDRESS,
): Promise<string> {
  if (given) return normalizeAddress(given);
  const fallback = normalizeAddress(defaultAddress);
  if (await listening(fallback)) return fallback;
  const fromDocker = endpointFromDockerInfo(await discover?.().catch(() => undefined));
  if (fromDocker && fromDocker !== fallback && (await listening(fromDocker))) return fromDocker;
  return fallback;
}
