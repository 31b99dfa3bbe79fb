// Endpoint resolution as the docker CLI does it, each case against a real temporary HOME.
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  contextMetaPath,
  DEFAULT_DOCKER_SOCKET,
  parseDockerHost,
  resolveDockerEndpoint,
} from '../../../src/core/runtimes/docker/endpoint';

describe('resolveDockerEndpoint', () => {
  let home: string;

  beforeEach(() => {
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'anatomy-home-'));
  });
  afterEach(() => {
    fs.rmSync(home, { recursive: true, force: true });
  });

  function writeConfig(dir: string, config: unknown): void {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'config.json'), typeof config === 'string' ? config : JSON.stringify(config));
  }
  function writeContext(dir: string, name: string, host: string): void {
    const digest = createHash('sha256').update(name).digest('hex');
    const metaDir = path.join(dir, 'contexts', 'meta', digest);
    fs.mkdirSync(metaDir, { recursive: true });
    fs.writeFileSync(
      path.join(metaDir, 'meta.json'),
      JSON.stringify({ Name: name, Metadata: {}, Endpoints: { docker: { Host: host, SkipTLSVerify: false } } }),
    );
  }

  it('uses /var/run/docker.sock with no env and no ~/.docker', () => {
    const r = resolveDockerEndpoint({}, home);
    assert.ok(r.ok);
    assert.deepEqual(r.endpoint, { kind: 'unix', socketPath: DEFAULT_DOCKER_SOCKET });
    assert.equal(r.url, 'unix:///var/run/docker.sock');
    assert.equal(r.source, 'default');
  });

  it('uses the default socket when config.json has no currentContext', () => {
    writeConfig(path.join(home, '.docker'), { auths: {} });
    const r = resolveDockerEndpoint({}, home);
    assert.ok(r.ok);
    assert.equal(r.url, 'unix:///var/run/docker.sock');
  });

  it('DOCKER_HOST unix:// wins over DOCKER_CONTEXT and currentContext', () => {
    writeConfig(path.join(home, '.docker'), { currentContext: 'other' });
    writeContext(path.join(home, '.docker'), 'other', 'unix:///other.sock');
    const r = resolveDockerEndpoint(
      { DOCKER_HOST: 'unix:///run/user/1000/docker.sock', DOCKER_CONTEXT: 'other' },
      home,
    );
    assert.ok(r.ok);
    assert.deepEqual(r.endpoint, { kind: 'unix', socketPath: '/run/user/1000/docker.sock' });
    assert.equal(r.source, 'DOCKER_HOST');
  });

  it('DOCKER_HOST tcp:// gives host and port; a bare host:port means tcp; the port defaults to 2375', () => {
    const a = resolveDockerEndpoint({ DOCKER_HOST: 'tcp://10.0.0.5:2375' }, home);
    assert.ok(a.ok);
    assert.deepEqual(a.endpoint, { kind: 'tcp', host: '10.0.0.5', port: 2375 });
    const b = resolveDockerEndpoint({ DOCKER_HOST: 'localhost:4243' }, home);
    assert.ok(b.ok);
    assert.deepEqual(b.endpoint, { kind: 'tcp', host: 'localhost', port: 4243 });
    const c = resolveDockerEndpoint({ DOCKER_HOST: 'tcp://[::1]' }, home);
    assert.ok(c.ok);
    assert.deepEqual(c.endpoint, { kind: 'tcp', host: '::1', port: 2375 });
  });

  it('DOCKER_HOST tcp:// with DOCKER_TLS_VERIFY is reported unsupported, clearly', () => {
    const r = resolveDockerEndpoint({ DOCKER_HOST: 'tcp://10.0.0.5:2376', DOCKER_TLS_VERIFY: '1' }, home);
    assert.equal(r.ok, false);
    assert.ok(!r.ok && r.reason === 'unsupported' && /TLS/.test(r.detail), JSON.stringify(r));
  });

  it('ssh:// and npipe:// hosts are unsupported; unknown schemes and relative unix paths invalid', () => {
    for (const host of ['ssh://me@box', 'npipe:////./pipe/docker_engine']) {
      const r = resolveDockerEndpoint({ DOCKER_HOST: host }, home);
      assert.ok(!r.ok && r.reason === 'unsupported', host);
    }
    for (const host of ['ftp://x', 'unix://relative.sock']) {
      const r = resolveDockerEndpoint({ DOCKER_HOST: host }, home);
      assert.ok(!r.ok && r.reason === 'invalid', host);
    }
  });

  it('DOCKER_CONTEXT selects that context from its sha256-named meta folder', () => {
    writeContext(path.join(home, '.docker'), 'colima', 'unix:///home/u/.colima/default/docker.sock');
    const r = resolveDockerEndpoint({ DOCKER_CONTEXT: 'colima' }, home);
    assert.ok(r.ok, JSON.stringify(r));
    assert.deepEqual(r.endpoint, { kind: 'unix', socketPath: '/home/u/.colima/default/docker.sock' });
    assert.equal(r.contextName, 'colima');
    assert.match(r.source, /DOCKER_CONTEXT/);
  });

  it('DOCKER_CONTEXT wins over currentContext', () => {
    writeConfig(path.join(home, '.docker'), { currentContext: 'a' });
    writeContext(path.join(home, '.docker'), 'a', 'unix:///a.sock');
    writeContext(path.join(home, '.docker'), 'b', 'unix:///b.sock');
    const r = resolveDockerEndpoint({ DOCKER_CONTEXT: 'b' }, home);
    assert.ok(r.ok);
    assert.equal(r.url, 'unix:///b.sock');
  });

  it('currentContext in ~/.docker/config.json selects the context', () => {
    writeConfig(path.join(home, '.docker'), { currentContext: 'rootless' });
    writeContext(path.join(home, '.docker'), 'rootless', 'unix:///run/user/1000/docker.sock');
    const r = resolveDockerEndpoint({}, home);
    assert.ok(r.ok);
    assert.equal(r.url, 'unix:///run/user/1000/docker.sock');
    assert.match(r.source, /currentContext/);
  });

  it('DOCKER_CONFIG overrides the ~/.docker folder', () => {
    const alt = path.join(home, 'alt-config');
    writeConfig(path.join(home, '.docker'), { currentContext: 'ignored' });
    writeConfig(alt, { currentContext: 'desk' });
    writeContext(alt, 'desk', 'unix:///desk.sock');
    const r = resolveDockerEndpoint({ DOCKER_CONFIG: alt }, home);
    assert.ok(r.ok, JSON.stringify(r));
    assert.equal(r.url, 'unix:///desk.sock');
  });

  it('context "default" (named explicitly) is the default socket', () => {
    writeConfig(path.join(home, '.docker'), { currentContext: 'default' });
    const r = resolveDockerEndpoint({}, home);
    assert.ok(r.ok);
    assert.equal(r.url, 'unix:///var/run/docker.sock');
    const r2 = resolveDockerEndpoint({ DOCKER_CONTEXT: 'default' }, home);
    assert.ok(r2.ok);
    assert.equal(r2.url, 'unix:///var/run/docker.sock');
  });

  it('a context whose meta file is missing is an invalid setting, not a silent fallback', () => {
    const r = resolveDockerEndpoint({ DOCKER_CONTEXT: 'gone' }, home);
    assert.ok(!r.ok && r.reason === 'invalid' && /not found/.test(r.detail), JSON.stringify(r));
  });

  it('a context with TLS material on tcp is unsupported', () => {
    const dir = path.join(home, '.docker');
    writeContext(dir, 'remote', 'tcp://10.1.1.1:2376');
    const digest = createHash('sha256').update('remote').digest('hex');
    fs.mkdirSync(path.join(dir, 'contexts', 'tls', digest, 'docker'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'contexts', 'tls', digest, 'docker', 'ca.pem'), 'x');
    const r = resolveDockerEndpoint({ DOCKER_CONTEXT: 'remote' }, home);
    assert.ok(!r.ok && r.reason === 'unsupported', JSON.stringify(r));
  });

  it('a broken config.json or meta.json is reported as invalid', () => {
    writeConfig(path.join(home, '.docker'), '{not json');
    const r = resolveDockerEndpoint({}, home);
    assert.ok(!r.ok && r.reason === 'invalid' && /config\.json/.test(r.detail));
    const meta = contextMetaPath(path.join(home, '.docker'), 'bad');
    fs.mkdirSync(path.dirname(meta), { recursive: true });
    fs.writeFileSync(meta, '{"Endpoints":{}}');
    const r2 = resolveDockerEndpoint({ DOCKER_CONTEXT: 'bad' }, home);
    assert.ok(!r2.ok && /Endpoints\.docker\.Host/.test(r2.detail));
  });

  it('the context folder is the sha256 of the name (as the docker CLI names it)', () => {
    // `docker context create x` stores x under this digest.
    assert.equal(
      path.basename(path.dirname(contextMetaPath('/c', 'default'))),
      '37a8eec1ce19687d132fe29051dca629d164e2c4958ba141d5f4133a33f0688f',
    );
  });

  it('DOCKER_HOST=unix:// alone means the default socket', () => {
    const r = resolveDockerEndpoint({ DOCKER_HOST: 'unix://' }, home);
    assert.ok(r.ok);
    assert.equal(r.url, 'unix:///var/run/docker.sock');
  });

  it('parseDockerHost keeps the url the CLI would print', () => {
    const r = parseDockerHost('tcp://example:1234/ignored', false, 'x', 'default');
    assert.ok(r.ok);
    assert.equal(r.url, 'tcp://example:1234');
  });
});
