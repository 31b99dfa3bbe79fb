import * as assert from 'node:assert/strict';
import { inspectText, InspectTexts } from '../../../src/explorer/inspectContent';
import type { ContainerInfo, HostSnapshot } from '../../../src/core/model';

function snapshot(containers: Partial<ContainerInfo>[]): HostSnapshot {
  return {
    takenAt: '2026-01-01T00:00:00.000Z',
    host: { cgroupVersion: '1', namespaces: { self: {}, pid1: {} }, isRoot: true },
    runtimes: [],
    containers: containers as ContainerInfo[],
  };
}

const A = 'docker::aaaa';
const uriA = `container-anatomy:/inspect/docker-aaaa.json?${A}`;
const keyOf = (uri: string): string => uri.slice(uri.indexOf('?') + 1);

describe('inspect documents', () => {
  it('fire a change only when the text changes, and not on every snapshot while the container stays removed', () => {
    const texts = new InspectTexts();
    const open = new Set([uriA]);
    const running = snapshot([{ key: A, id: 'aaaa', name: 'web', state: 'running' }]);
    texts.provide(uriA, A, running);
    assert.deepEqual(texts.changed(running, open, keyOf), [], 'same snapshot: no change');

    const stopped = snapshot([{ key: A, id: 'aaaa', name: 'web', state: 'exited' }]);
    assert.deepEqual(texts.changed(stopped, open, keyOf), [uriA], 'the container changed');
    texts.provide(uriA, A, stopped); // VS Code reads the document again

    const removed = snapshot([]);
    assert.deepEqual(texts.changed(removed, open, keyOf), [uriA], 'the container is gone: one change');
    const shown = texts.provide(uriA, A, removed);
    assert.match(shown, /not in the current snapshot/);
    for (let i = 0; i < 3; i++)
      assert.deepEqual(texts.changed(snapshot([]), open, keyOf), [], `still gone, snapshot ${i + 1}: no change`);

    assert.deepEqual(texts.changed(running, open, keyOf), [uriA], 'back again');
  });

  it('forget documents that are closed', () => {
    const texts = new InspectTexts();
    const s = snapshot([{ key: A, id: 'aaaa', name: 'web', state: 'running' }]);
    texts.provide(uriA, A, s);
    assert.deepEqual(texts.changed(snapshot([]), new Set(), keyOf), []);
    // Reopened later, it is new: nothing was remembered for it.
    assert.deepEqual(texts.changed(snapshot([]), new Set([uriA]), keyOf), []);
  });

  it('show the container as JSON, or its key and why it is missing', () => {
    const s = snapshot([{ key: A, id: 'aaaa', name: 'web', state: 'running' }]);
    assert.deepEqual(JSON.parse(inspectText(A, s)), { key: A, id: 'aaaa', name: 'web', state: 'running' });
    assert.equal(JSON.parse(inspectText('docker::b', s)).key, 'docker::b');
    assert.match(inspectText('docker::b', undefined), /not in the current snapshot/);
  });
});
