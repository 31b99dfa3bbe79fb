/**
 * containerd's event stream (Events.Subscribe) as an EventConnector for the shared EventWatch: each
 * task or container event becomes a ContainerEvent naming the containerd namespace and container
 * id, so only that container is re-read. containerd does not replay missed events, so after a
 * reconnect the caller does a full read (it sees `connected` again).
 */
import type { ContainerEvent } from '../../snapshot/engineSource';
import type { EventConnector } from '../shared/watch';
import { decodeMessage, METHODS, type PbEnvelope } from './schema';
import type { ContainerdTransport } from './transport';

/** Topics that concern one container: `/tasks/start`, `/tasks/exit`, `/containers/create`, … */
const CONTAINER_TOPIC = /^\/(tasks|containers)\//;

/**
 * Envelope → ContainerEvent. Returns a string saying why it was skipped (another topic, no id,
 * an undecodable payload); a bad event never stops the stream.
 */
export function envelopeToEvent(envelope: PbEnvelope): ContainerEvent | string {
  const topic = typeof envelope.topic === 'string' ? envelope.topic : '';
  if (!CONTAINER_TOPIC.test(topic)) return `topic ${JSON.stringify(topic)} does not concern a container`;
  const value = envelope.event?.value;
  if (!value || value.length === 0) return `${topic}: the event has no payload`;
  let id: string | undefined;
  try {
    id = decodeMessage<{ id?: string }>('EventSubject', Buffer.from(value)).id;
  } catch (err) {
    return `${topic}: undecodable payload (${(err as Error).message})`;
  }
  if (!id) return `${topic}: the payload names no container`;
  const event: ContainerEvent = { runtime: 'containerd', id, action: topic };
  if (envelope.namespace) event.namespace = envelope.namespace;
  return event;
}

export interface ContainerdEventOptions {
  /** Deadline for the channel to connect before a subscription is attempted. */
  connectTimeoutMs?: number;
  /** Called with each skipped envelope's reason (for a log channel); optional. */
  onSkipped?(reason: string): void;
}

export function containerdEventConnector(
  transport: () => Promise<ContainerdTransport>,
  options: ContainerdEventOptions = {},
): EventConnector<ContainerEvent> {
  return {
    async connect(_sinceNano, handlers) {
      const channel = await transport();
      // A real deadline on the wall clock: the sockets below do not know about injected timers.
      const deadline = Date.now() + (options.connectTimeoutMs ?? 5_000);
      // The probe names the failure precisely (missing, denied, stale socket) before gRPC hides it.
      const probe = await channel.probe(deadline);
      const ready = probe.ok ? await channel.waitReady(deadline) : probe;
      if (!ready.ok) {
        handlers.ended(ready.error.detail);
        return undefined;
      }
      handlers.connected();
      return channel.serverStream<PbEnvelope>(METHODS.subscribe, 'SubscribeRequest', { filters: [] }, 'Envelope', {
        onMessage: (envelope) => {
          const event = envelopeToEvent(envelope);
          if (typeof event === 'string') options.onSkipped?.(event);
          else handlers.event({ event, key: '' });
        },
        onEnd: (error) => handlers.ended(error?.detail ?? 'containerd closed the events stream'),
      });
    },
  };
}
