/**
 * The flag bits of tshark's 12-bit tcp.flags (RFC 9293 §3.1; ECE and CWR from RFC 3168, AE from RFC 9768's
 * accurate ECN). One definition for the decoder, the analysis, the filters and the printers.
 */
export const TCP_FIN = 0x001, TCP_SYN = 0x002, TCP_RST = 0x004, TCP_PSH = 0x008, TCP_ACK = 0x010, TCP_URG = 0x020;
export const TCP_ECE = 0x040, TCP_CWR = 0x080, TCP_AE = 0x100;
