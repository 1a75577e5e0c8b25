import { afterEach, describe, expect, it } from 'vitest';
import { lastFrameOfStream, useFollowStore } from '../../../renderer/stores/follow';
import { packetColumns } from '../../../renderer/stores/packet-columns';
import { captureApp, type CaptureApp } from '../support/capture-app';

describe('follow store', () => {
  let app: CaptureApp | undefined;
  afterEach(() => { app?.disconnect(); app = undefined; });

  it('asks the worker for the stream up to its last stored frame', async () => {
    app = await captureApp('zeek__smtp.pcap');
    const { stream, frame, rows } = packetColumns.cols;
    let last = 0;
    for (let r = 0; r < rows; r++) if (stream[r] === 5) last = frame[r];
    expect(lastFrameOfStream(5)).toBe(last);
    expect(lastFrameOfStream(99)).toBeUndefined();
    await useFollowStore().open(5);
    expect(app.backend.requests.at(-1)).toEqual({ name: 'stream.follow', payload: { stream: 5, throughFrame: last } });
    expect(useFollowStore().status).toBe('done');
  });

  it('keeps only the newest answer, and none after closing', async () => {
    app = await captureApp('zeek__smtp.pcap');
    const f = useFollowStore();
    const first = f.open(0), second = f.open(5);
    await Promise.all([first, second]);
    expect(f.stream).toBe(5);
    expect(f.result?.stream).toBe(5);
    const third = f.open(0);
    f.close();
    await third;
    expect(f.stream).toBeNull();
    expect(f.result).toBeNull();
  });

  it('says why the worker could not follow, in its words', async () => {
    app = await captureApp('zeek__smtp.pcap');
    app.backend.refuse.set('stream.follow', { code: 'file.unreadable', message: 'cannot open x.pcap: ENOENT', fatal: false });
    await useFollowStore().open(2);
    expect(useFollowStore().status).toBe('failed');
    expect(useFollowStore().error).toBe('Could not follow stream 2: cannot open x.pcap: ENOENT');
  });
});
