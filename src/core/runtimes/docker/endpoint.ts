/**
 * Which Docker daemon to talk to, decided the way the docker CLI decides it, so the extension shows
 * the same engine `docker ps` shows in the user's terminal:
 *
 *   1. `DOCKER_HOST` set → that host (the CLI then uses the `default` context, even when
 *      `DOCKER_CONTEXT` is also set);
 *   2. else `DOCKER_CONTEXT`;
 *   3. else `currentContext` in `$DOCKER_CONFIG/config.json` (default `~/.docker`);
 *   4. context `default` → `unix:///var/run/docker.sock`; any other context → `Endpoints.docker.Host`
 *      in `<config dir>/contexts/meta/<sha256(name)>/meta.json`.
 *
 * A pure function of (env, home directory, file reader), so every case is testable with temp dirs.
 */
import crypto = require('node:crypto');
import fs = require('node:fs');
import path = require('node:path');
import type { HttpEndpoint } from '../shared/http';

export const DEFAULT_DOCKER_SOCKET = '/var/run/docker.sock';
const DEFAULT_TCP_PORT = 2375;
const DEFAULT_TLS_TCP_PORT = 2376;

/** Reads a text file; `undefined` when it does not exist. Other failures throw (and are reported). */
export interface TextFileReader {
  readText(file: string): string | undefined;
}

export const nodeFileReader: TextFileReader = {
  readText(file) {
    try {
      return fs.readFileSync(file, 'utf8');
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
      throw err;
    }
  },
};

export type DockerEndpointResolution =
  | {
      ok: true;
      endpoint: HttpEndpoint;
      /** As the docker CLI would print it, e.g. `unix:///var/run/docker.sock`. */
      url: string;
      /** Why this endpoint: `DOCKER_HOST`, `context "colima" (DOCKER_CONTEXT)`, `default`… */
      source: string;
      contextName: string;
    }
  | {
      ok: false;
      /** `unsupported`: a valid setting this extension cannot follow (ssh://, TLS). `invalid`: broken config. */
      reason: 'unsupported' | 'invalid';
      detail: string;
      source: string;
    };

/** Context folders are named by the sha256 of the context name, in hex. */
function contextDigest(contextName: string): string {
  return crypto.createHash('sha256').update(contextName).digest('hex');
}

export function contextMetaPath(configDir: string, contextName: string): string {
  return path.join(configDir, 'contexts', 'meta', contextDigest(contextName), 'meta.json');
}

/** Where `docker context create --docker "…,ca=…"` stores a context's TLS files. */
export function contextTlsDir(configDir: string, contextName: string): string {
  return path.join(configDir, 'contexts', 'tls', contextDigest(contextName), 'docker');
}

export function dockerConfigDir(env: NodeJS.ProcessEnv, homedir: string): string {
  return env.DOCKER_CONFIG ? env.DOCKER_CONFIG : path.join(homedir, '.docker');
}

type Unresolved = Extract<DockerEndpointResolution, { ok: false }>;

function invalid(detail: string, source: string): Unresolved {
  return { ok: false, reason: 'invalid', detail, source };
}

/**
 * A JSON file through the reader: `found: false` when it does not exist (or is blank, where
 * `blankIsAbsent`); a failure naming the file when it cannot be read or is not JSON.
 */
function readJsonFile(
  reader: TextFileReader,
  file: string,
  source: string,
  options: { blankIsAbsent: boolean },
): { ok: true; found: boolean; json?: unknown } | Unresolved {
  let text: string | undefined;
  try {
    text = reader.readText(file);
  } catch (err) {
    return invalid(`cannot read ${file}: ${(err as Error).message}`, source);
  }
  if (text === undefined || (options.blankIsAbsent && text.trim() === '')) return { ok: true, found: false };
  try {
    return { ok: true, found: true, json: JSON.parse(text) as unknown };
  } catch (err) {
    return invalid(`${file} is not valid JSON: ${(err as Error).message}`, source);
  }
}

export function resolveDockerEndpoint(
  env: NodeJS.ProcessEnv,
  homedir: string,
  reader: TextFileReader = nodeFileReader,
): DockerEndpointResolution {
  const tlsVerify = !!env.DOCKER_TLS_VERIFY;
  const dockerHost = env.DOCKER_HOST?.trim();
  if (dockerHost) {
    return parseDockerHost(dockerHost, tlsVerify, 'DOCKER_HOST', 'default');
  }

  const configDir = dockerConfigDir(env, homedir);
  let contextName = env.DOCKER_CONTEXT?.trim() ?? '';
  let contextSource = 'DOCKER_CONTEXT';
  if (!contextName) {
    const configFile = path.join(configDir, 'config.json');
    // A blank config.json holds no settings, as a missing one.
    const config = readJsonFile(reader, configFile, configFile, { blankIsAbsent: true });
    if (!config.ok) return config;
    const current = (config.json as { currentContext?: unknown } | null | undefined)?.currentContext;
    if (typeof current === 'string' && current.trim()) {
      contextName = current.trim();
      contextSource = `currentContext in ${configFile}`;
    }
  }

  if (!contextName || contextName === 'default') {
    const source = contextName ? `context "default" (${contextSource})` : 'default';
    return {
      ok: true,
      endpoint: { kind: 'unix', socketPath: DEFAULT_DOCKER_SOCKET },
      url: `unix://${DEFAULT_DOCKER_SOCKET}`,
      source,
      contextName: 'default',
    };
  }

  const source = `context "${contextName}" (${contextSource})`;
  const metaFile = contextMetaPath(configDir, contextName);
  const meta = readJsonFile(reader, metaFile, source, { blankIsAbsent: false });
  if (!meta.ok) return meta;
  if (!meta.found) return invalid(`docker context "${contextName}" not found (no ${metaFile})`, source);
  const docker = (meta.json as { Endpoints?: { docker?: { Host?: unknown; SkipTLSVerify?: unknown } } } | null)
    ?.Endpoints?.docker;
  const host = typeof docker?.Host === 'string' ? docker.Host.trim() : '';
  if (!host) return invalid(`docker context "${contextName}" has no Endpoints.docker.Host in ${metaFile}`, source);
  // A context that carries TLS material keeps it under contexts/tls/<digest>/docker; we cannot use it.
  const tlsDir = contextTlsDir(configDir, contextName);
  let contextHasTls: boolean;
  try {
    contextHasTls =
      reader.readText(path.join(tlsDir, 'ca.pem')) !== undefined ||
      reader.readText(path.join(tlsDir, 'cert.pem')) !== undefined;
  } catch {
    contextHasTls = true; // present but unreadable: still a TLS context
  }
  return parseDockerHost(host, contextHasTls, source, contextName);
}

/** Parses a docker host URL as the CLI does (a bare `host:port` means tcp). */
export function parseDockerHost(
  raw: string,
  tls: boolean,
  source: string,
  contextName: string,
): DockerEndpointResolution {
  const schemeAt = raw.indexOf('://');
  const scheme = schemeAt < 0 ? 'tcp' : raw.slice(0, schemeAt).toLowerCase();
  const rest = schemeAt < 0 ? raw : raw.slice(schemeAt + 3);
  switch (scheme) {
    case 'unix': {
      // `unix://` alone means the default socket, as in the docker CLI.
      const socketPath = rest === '' ? DEFAULT_DOCKER_SOCKET : rest;
      if (!socketPath.startsWith('/')) {
        return invalid(`${raw}: a unix socket path must be absolute`, source);
      }
      return { ok: true, endpoint: { kind: 'unix', socketPath }, url: `unix://${socketPath}`, source, contextName };
    }
    case 'tcp':
    case 'http': {
      if (tls) {
        return {
          ok: false,
          reason: 'unsupported',
          detail: `${raw} with TLS (DOCKER_TLS_VERIFY or a context with certificates) is not supported: Container Anatomy speaks plain HTTP only; use a unix socket or an SSH tunnel to one`,
          source,
        };
      }
      const hostPort = rest.replace(/\/.*$/, '');
      const m = /^(\[[^\]]+\]|[^:]*)(?::(\d+))?$/.exec(hostPort);
      if (!m) return invalid(`${raw}: cannot parse host and port`, source);
      const host = (m[1] || 'localhost').replace(/^\[|\]$/g, '');
      const port = m[2] ? Number(m[2]) : tls ? DEFAULT_TLS_TCP_PORT : DEFAULT_TCP_PORT;
      if (!(port > 0 && port < 65536)) return invalid(`${raw}: port out of range`, source);
      return {
        ok: true,
        endpoint: { kind: 'tcp', host, port },
        url: `tcp://${m[1] || 'localhost'}:${port}`,
        source,
        contextName,
      };
    }
    case 'ssh':
      return {
        ok: false,
        reason: 'unsupported',
        detail: `${raw}: ssh:// hosts are not supported (the docker CLI runs ssh for them); the extension reads local engines only`,
        source,
      };
    case 'npipe':
      return { ok: false, reason: 'unsupported', detail: `${raw}: Windows named pipes are not supported`, source };
    case 'fd':
      return {
        ok: false,
        reason: 'unsupported',
        detail: `${raw}: fd:// is for daemons (socket activation), not clients`,
        source,
      };
    default:
      return invalid(`${raw}: unknown scheme "${scheme}"`, source);
  }
}
