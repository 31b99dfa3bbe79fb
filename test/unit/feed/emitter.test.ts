import * as assert from 'node:assert/strict';
import { Emitter } from '../../../src/core/feed/emitter';

describe('Emitter', () => {
  it('a listener that throws is reported and the listeners after it still hear the event', () => {
    const errors: unknown[] = [];
    const emitter = new Emitter<number>((e) => errors.push(e));
    const heard: number[] = [];
    emitter.event(() => {
      throw new Error('broken view');
    });
    emitter.event((n) => heard.push(n));
    emitter.fire(1);
    emitter.fire(2);
    assert.deepEqual(heard, [1, 2]);
    assert.equal(errors.length, 2);
    assert.match(String(errors[0]), /broken view/);
  });

  it('disposing a subscription stops it, also when an earlier listener disposes it during a fire', () => {
    const emitter = new Emitter<string>();
    const heard: string[] = [];
    const listener = (s: string) => heard.push(s);
    const twice = [emitter.event(listener), emitter.event(listener)];
    emitter.fire('x');
    assert.deepEqual(heard, ['x', 'x'], 'the same function subscribed twice is two subscriptions');
    twice[0].dispose();
    emitter.fire('y');
    assert.deepEqual(heard, ['x', 'x', 'y']);
    twice[1].dispose();
    const unsubscriber = emitter.event(() => later.dispose());
    const later = emitter.event((s) => heard.push(`later ${s}`));
    emitter.fire('z');
    assert.deepEqual(heard, ['x', 'x', 'y'], 'unsubscribed by an earlier listener in the same fire');
    unsubscriber.dispose();
  });

  it('after dispose nothing is heard and new subscriptions are inert', () => {
    const emitter = new Emitter<number>();
    const heard: number[] = [];
    emitter.event((n) => heard.push(n));
    emitter.dispose();
    emitter.event((n) => heard.push(n)).dispose();
    emitter.fire(1);
    assert.deepEqual(heard, []);
  });
});
