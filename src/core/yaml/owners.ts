/**
 * Hovers on what names the containers rather than on a setting: a compose service's key, a
 * workload's `metadata.name`, a container's `name`. They say how the engines label what they run
 * from it, which container runs now, and offer its links (Containers view with its anatomy, live diagram).
 */
import type { Document } from 'yaml';
import { shortId } from '../format';
import type { ContainerInfo } from '../model';
import { CONTAINER_LISTS, kubeOwner, POD_SPEC_PATHS, startsWith, type Owner } from './classify';
import { nodeAt, plainValue, topString, type PathPart } from './locate';
import { COMPOSE_PROJECT, COMPOSE_SERVICE, composeProjectName, CONTAINER_NAME, POD_NAME, POD_NAMESPACE } from './match';
import { footerLine, ownerText, runningLines } from './render';
import { code } from './shown';

const PODS_DOC = 'https://kubernetes.io/docs/concepts/workloads/pods/';
const CONTAINERS_DOC = 'https://kubernetes.io/docs/concepts/containers/';

/** The owner named at `path` (the cursor on a service key, a workload's name, a container's name). */
export function ownerAt(
  doc: Document.Parsed,
  path: readonly PathPart[],
  onValue: boolean,
  kind: 'compose' | 'manifest',
): Owner | undefined {
  if (kind === 'compose') {
    return path.length === 2 && path[0] === 'services' && typeof path[1] === 'string' && !onValue
      ? { kind: 'compose', service: path[1] }
      : undefined;
  }
  const workload = topString(doc, 'kind');
  const podSpec = workload ? POD_SPEC_PATHS[workload] : undefined;
  if (!workload || !podSpec) return undefined;
  if (path.length === 2 && path[0] === 'metadata' && path[1] === 'name') return kubeOwner(doc, workload);
  const rest = path.slice(podSpec.length);
  const inList = typeof rest[0] === 'string' && CONTAINER_LISTS.has(rest[0]) && typeof rest[1] === 'number';
  if (!startsWith(path, podSpec) || !inList || rest.length !== 3 || rest[2] !== 'name') return undefined;
  const name = plainValue(nodeAt(doc, path), doc);
  return typeof name === 'string' ? kubeOwner(doc, workload, name) : undefined;
}

function labelsText(owner: Owner, fileName: string, projectName: string | undefined): string {
  const label = (k: string, v: string | undefined) => code(`${k}=${v ?? ''}`);
  if (owner.kind === 'compose') {
    const project = composeProjectName(fileName, projectName);
    return `Compose labels each container it runs from this service ${label(COMPOSE_PROJECT, project)} and ${label(COMPOSE_SERVICE, owner.service)}; the keys below it decide that container's namespaces, cgroup limits and privileges.`;
  }
  const pod =
    owner.workload === 'Pod'
      ? label(POD_NAME, owner.name)
      : `${label(POD_NAME, `${owner.name ?? ''}-…`)} (a controller names its pods \`<name>-<hash>\`)`;
  const where = `the CRI labels of its pod's containers: ${pod} and ${label(POD_NAMESPACE, owner.namespace ?? 'default')}`;
  if (owner.container === undefined)
    return `The kubelet names ${where}. The pod's sandbox holds the net, ipc and uts namespaces its containers join.`;
  return `One OCI container in the pod, labelled ${label(CONTAINER_NAME, owner.container)} beside ${where}; it joins the sandbox's net, ipc and uts namespaces.`;
}

const whoRuns = (c: ContainerInfo) => ({
  text: `id ${code(shortId(c.id))}${c.pid ? `, PID ${c.pid}` : ''}, ${code(c.state)}.`,
});

export function renderOwnerHover(
  owner: Owner,
  running: readonly ContainerInfo[] | undefined,
  fileName: string,
  projectName: string | undefined,
): string {
  const out = [`**${ownerText(owner)}**`, labelsText(owner, fileName, projectName)];
  if (running) out.push(...runningLines(running, whoRuns));
  const spec = owner.kind === 'compose' ? '05-services.md' : owner.container !== undefined ? CONTAINERS_DOC : PODS_DOC;
  out.push(footerLine('live-host', spec, owner));
  return out.join('\n\n');
}
