/**
 * The bytes a display filter's `contains`/`matches` looks in (BytesField), as tshark's fields hold them: `frame`, the
 * frame's captured bytes — a reassembled IP datagram's completing frame as it is in the file, not the datagram the
 * decoder put together; `tcp.payload`, the segment's captured payload (of the reassembled datagram when there is one).
 * One function for the CLI's -Y and the worker's `filter.bytes` pass, so both look in the same bytes.
 */
import type { CaptureRecord } from '../capture-file/capture-record';
import type { DecodedPacket } from '../wire/decoded-packet';
import type { BytesField } from './filter-context';

/**
 * `rec`: the record the packet was decoded from (PacketDecoder.frameRecord: a reassembled datagram's synthetic frame,
 * whose `original` is the frame read from the file). Null when the packet has no such bytes.
 */
export function packetBytes(rec: CaptureRecord, pkt: DecodedPacket, field: BytesField): Uint8Array | null {
  if (field === 'frame') { const f = rec.original ?? rec; return f.bytes.subarray(f.at, f.at + f.capLen); }
  return pkt.tcp ? rec.bytes.subarray(pkt.payloadOffset, pkt.payloadOffset + pkt.payloadCaptured) : null;
}
