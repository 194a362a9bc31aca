import assert from 'node:assert/strict';
import { encodeFrame, FrameReader, type BootstrapFrame } from '../../../runtime/runtime-api/pipe-frames';

describe('runtime pipe frames', () => {
  const frames = (): Buffer => Buffer.concat([
    encodeFrame({ t: 'response', id: 'é-1', contentType: 'application/json' }, '{"text":"héllo"}'),
    encodeFrame({ t: 'next' }),
    encodeFrame({ t: 'error', id: 'r-2', errorType: 'Function.X' }, Buffer.from([0, 1, 2, 255])),
  ]);
  const expected = [
    [{ t: 'response', id: 'é-1', contentType: 'application/json' }, '{"text":"héllo"}'],
    [{ t: 'next' }, ''],
    [{ t: 'error', id: 'r-2', errorType: 'Function.X' }, Buffer.from([0, 1, 2, 255]).toString('latin1')],
  ];

  it('reads back every frame whole, in order, however the stream cuts the bytes', () => {
    const data = frames();
    for (const size of [1, 2, 3, 7, 8, 9, 64, data.length]) {
      const seen: Array<[BootstrapFrame, string]> = [];
      const reader = new FrameReader<BootstrapFrame>((header, body) => seen.push([header, header.t === 'error' ? body.toString('latin1') : body.toString('utf8')]));
      for (let at = 0; at < data.length; at += size) reader.push(data.subarray(at, at + size));
      assert.deepEqual(seen, expected, `chunks of ${size} bytes`);
    }
  });

  it('keeps a body intact when a later frame arrives in the same chunk', () => {
    const bodies: Buffer[] = [];
    const reader = new FrameReader<BootstrapFrame>((_header, body) => bodies.push(body));
    reader.push(Buffer.concat([encodeFrame({ t: 'next' }, 'first'), encodeFrame({ t: 'next' }, 'second')]));
    assert.deepEqual(bodies.map(String), ['first', 'second']);
  });
});
