/**
 * The frame a reassembled IP datagram is decoded from (PacketDecoder with `reassemble`): the completing frame's bytes
 * up to the datagram's payload (link, outer layers, the IP header and its extension headers), then the whole
 * datagram, with the IP header saying whole (IPv4: total length, MF and offset cleared; IPv6: payload length, the
 * fragment header made atomic). `record()` lends it to the tracker and field printer as the frame's record.
 */
import type { CaptureRecord } from '../capture-file/capture-record';

export class SyntheticFrame {
  private bytes = new Uint8Array(0);
  view = new DataView(new ArrayBuffer(0));
  /** Bytes in use; 0 when the last frame decoded completed no datagram. */
  length = 0;
  private readonly rec: CaptureRecord = {
    bytes: new Uint8Array(0), view: new DataView(new ArrayBuffer(0)), at: 0, capLen: 0, origLen: 0, tsSec: 0, tsNsec: 0,
    tsPrec: 6, iface: 0, linkType: 0, fileOffset: 0, frame: 0,
  };

  /**
   * Builds it from `dv` [start, payloadAt) and `datagram`'s first `size` bytes; `ipAt`: the IP header, `fragmentHeader`:
   * IPv6's fragment header (absolute in `dv`).
   */
  build(dv: DataView, start: number, payloadAt: number, ipAt: number, version: 4 | 6, fragmentHeader: number, datagram: Uint8Array, size: number): void {
    const prefix = payloadAt - start, len = prefix + size;
    if (this.bytes.length < len) {
      this.bytes = new Uint8Array(Math.max(len, this.bytes.length * 2, 4096));
      this.view = new DataView(this.bytes.buffer);
    }
    const s = this.bytes, v = this.view, ip = ipAt - start;
    for (let k = 0; k < prefix; k++) s[k] = dv.getUint8(start + k);
    s.set(datagram.subarray(0, size), prefix);
    if (version === 4) {
      v.setUint16(ip + 2, Math.min(0xffff, payloadAt - ipAt + size));
      v.setUint16(ip + 6, v.getUint16(ip + 6) & 0x4000);      // DF stays
    } else {
      v.setUint16(ip + 4, Math.min(0xffff, payloadAt - ipAt - 40 + size));
      v.setUint16(fragmentHeader - start + 2, 0);
    }
    this.length = len;
  }

  /** `frame`'s record with this frame's bytes (lengths, times, file position and number stay the frame's). */
  record(frame: CaptureRecord): CaptureRecord {
    const r = this.rec;
    Object.assign(r, frame);
    r.bytes = this.bytes.subarray(0, this.length); r.view = this.view; r.at = 0; r.original = frame;
    return r;
  }
}
