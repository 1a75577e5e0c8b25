/**
 * Wireshark's TCP_A_* analysis bits (packet-tcp.c), so our flags compare 1:1 with tshark's tcp.analysis.* fields.
 * A pure table: the renderer and the printers read flags without pulling in the analysis itself.
 */
export const TCP_A = {
  RETRANSMISSION: 0x1, LOST_PACKET: 0x2, ACK_LOST_PACKET: 0x4, KEEP_ALIVE: 0x8, DUPLICATE_ACK: 0x10,
  ZERO_WINDOW: 0x20, ZERO_WINDOW_PROBE: 0x40, ZERO_WINDOW_PROBE_ACK: 0x80, KEEP_ALIVE_ACK: 0x100,
  OUT_OF_ORDER: 0x200, FAST_RETRANSMISSION: 0x400, WINDOW_UPDATE: 0x800, WINDOW_FULL: 0x1000,
  REUSED_PORTS: 0x2000, SPURIOUS_RETRANSMISSION: 0x4000,
} as const;

/**
 * Any kind of retransmission: what tshark's tcp.analysis.retransmission matches, what Karn's rule skips for RTT
 * and what the story, the ladder and the graphs count as data sent again.
 */
export const TCP_A_ANY_RETRANSMISSION = TCP_A.RETRANSMISSION | TCP_A.FAST_RETRANSMISSION | TCP_A.SPURIOUS_RETRANSMISSION;
