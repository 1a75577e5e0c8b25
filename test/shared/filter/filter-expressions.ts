/** The differential test's expressions: every operator and every field SynAck shares with tshark. */
// SynAck-only fields (synack.*) have no tshark oracle: synack-fields.test.ts checks them on the seed.
export const EXPRESSIONS = [
  // protocols and presence
  'tcp', 'ip', 'ipv6', 'udp', 'frame', '!tcp', 'not ip and not ipv6', 'tcp.payload', 'tcp.ack', 'tcp.analysis.ack_rtt',
  // frame
  'frame.number <= 10', 'frame.number in {1, 3, 5..9}', 'frame.len > 100', 'frame.len le 60', 'frame.len == 0x3c',
  'frame.time_relative < 0.01', 'frame.time_relative >= 1', 'frame.time_relative gt 0.5 && frame.time_relative lt 2',
  'frame.time_delta > 0.1', 'frame.time_delta == 0', 'frame.time_delta < 0.000010',
  'frame.time', 'frame.time > "2000-01-01"', 'frame.time < "Jun  1, 2012 12:00:00 UTC"', 'frame.time >= "2010-03-15T08:30Z"',
  'frame.time_epoch > 1300000000', 'frame.time_epoch <= 1200000000.5', 'frame.time_epoch',
  'frame.cap_len < frame.len', 'frame.cap_len == 68', 'frame.cap_len > 1000', 'frame.cap_len <= 54 && frame.len > 54',
  // two fields compared
  'tcp.srcport > tcp.dstport', 'tcp.srcport == tcp.dstport', 'tcp.seq == tcp.ack', 'tcp.ack != tcp.seq', 'ip.src == ip.dst',
  'ip.addr != ip.src', 'ip.src > ip.dst', 'tcp.port == tcp.srcport', 'tcp.port ~= tcp.dstport', 'tcp.port === tcp.srcport',
  'frame.len == tcp.len', 'tcp.len < tcp.window_size', 'tcp.flags.syn == tcp.flags.ack', 'udp.srcport <= udp.dstport',
  'tcp.analysis.ack_rtt > tcp.analysis.initial_rtt', 'tcp.time_delta >= frame.time_delta', 'tcp.window_size_value != tcp.window_size',
  // what the window's user sets (none from tshark's command line): every frame unmarked, not ignored, no reference
  'frame.marked', 'frame.marked == 0', 'frame.marked == 1', 'frame.ignored == 0', 'frame.ref_time', '!frame.ref_time && tcp',
  // addresses
  'ip.src == 10.0.0.0/8', 'ip.dst == 192.168.0.0/16', 'ip.addr == 172.16.0.0/12', 'ip.addr != 10.0.0.0/8',
  'ip.addr ~= 10.0.0.0/8', 'ip.addr === 192.168.0.0/16', 'ip.src > 128.0.0.0', 'ip.dst <= 127.255.255.255',
  'ip.addr in {10.0.0.0/8, 192.168.0.0/16}', 'ipv6.src == fe80::/10', 'ipv6.addr != ::1', 'ipv6.dst == 2000::/3',
  'ipv6.addr == ::/0', 'ip.proto == 6', 'ip.proto == 17 || ip.proto == 1', 'ip.proto in {4, 41, 47}', 'ip && ip.proto != 6',
  // ICMP: the frame's ICMP header, also where it quotes a TCP header
  'icmp', 'icmpv6', 'icmp.type == 3', 'icmp.type == 3 && icmp.code == 4', 'icmp.code in {9, 10, 13}', 'icmp.type in {0, 8}',
  'icmpv6.type == 2', 'icmpv6.type == 1 && icmpv6.code == 4', 'icmpv6.type >= 128', 'icmp && tcp', 'icmpv6 && tcp.stream',
  '!icmp && ip', 'icmp.type != 11', 'tcp.seq == 1000 && icmp', 'icmp && !tcp.stream && tcp.seq',
  // ports
  'tcp.srcport == 80', 'tcp.dstport eq 443', 'tcp.port in {80, 443, 8000..8080}', 'tcp.port != 80', 'tcp.port ~= 80',
  'tcp.srcport < 1024', 'tcp.dstport ge 49152', 'udp.srcport == 53 || udp.dstport == 53', 'udp.port >= 1024',
  // tcp numbers
  'tcp.stream == 0', 'tcp.stream ge 2 && tcp.stream lt 5', 'tcp.stream in {0..2} or udp', 'tcp.seq == 1', 'tcp.seq > 1000',
  'tcp.ack == 1', 'tcp.ack ne 1', 'tcp.nxtseq == 1', 'tcp.nxtseq > 1000', 'tcp.nxtseq', 'tcp.len > 0',
  'tcp.time_relative > 1', 'tcp.time_relative == 0', 'tcp.time_delta > 0.2', 'tcp.time_delta < 0.0001', 'tcp.time_delta', 'tcp.len == 0 and tcp.flags.ack == 1', 'tcp.len >= 1000',
  'tcp.window_size == 0', 'tcp.window_size > 65535', 'tcp.window_size_value < 1000', 'tcp.window_size_value == 65535',
  // flags
  'tcp.flags == 0x002', 'tcp.flags == 0x012', 'tcp.flags & 0x04', 'tcp.flags & 0x11 == 0x11',
  'tcp.flags.syn == 1 && tcp.flags.ack == 0', 'tcp.flags.fin == 1', 'tcp.flags.reset eq 1', 'tcp.flags.push == 1',
  'tcp.flags.urg == 1', 'tcp.flags.ece == 1 or tcp.flags.cwr == 1', 'tcp.flags.ae == 1', 'tcp.flags.res != 0', 'tcp.flags.ace', 'tcp.flags.ace >= 2',
  'tcp.flags.syn', '!tcp.flags.ack',
  // completeness (tshark -2: the stream's final value on every packet)
  'tcp.completeness == 31', 'tcp.completeness & 0x20', 'tcp.completeness in {1, 3, 7}', 'tcp.completeness < 7',
  // analysis
  'tcp.analysis.flags', '!tcp.analysis.flags && tcp', 'tcp.analysis.retransmission', 'tcp.analysis.fast_retransmission',
  'tcp.analysis.spurious_retransmission', 'tcp.analysis.out_of_order', 'tcp.analysis.lost_segment',
  'tcp.analysis.ack_lost_segment', 'tcp.analysis.duplicate_ack', 'tcp.analysis.duplicate_ack_num >= 2',
  'tcp.analysis.zero_window', 'tcp.analysis.zero_window_probe', 'tcp.analysis.zero_window_probe_ack',
  'tcp.analysis.window_full', 'tcp.analysis.window_update', 'tcp.analysis.keep_alive', 'tcp.analysis.keep_alive_ack',
  'tcp.analysis.reused_ports', 'tcp.analysis.ack_rtt > 0.001', 'tcp.analysis.ack_rtt <= 0.0001',
  'tcp.analysis.bytes_in_flight', 'tcp.analysis.bytes_in_flight > 10000', 'tcp.analysis.bytes_in_flight <= 100',
  'tcp.analysis.initial_rtt', 'tcp.analysis.initial_rtt > 0.01', 'tcp.analysis.initial_rtt < 0.0005 && tcp.flags.syn == 0',
  'tcp.analysis.push_bytes_sent', 'tcp.analysis.push_bytes_sent > 2000', 'tcp.analysis.push_bytes_sent == tcp.len',
  'tcp.analysis.push_bytes_sent > tcp.analysis.bytes_in_flight',
  'tcp.analysis.acks_frame', 'tcp.analysis.acks_frame < 5', 'tcp.analysis.acks_frame && !tcp.analysis.ack_rtt',
  'tcp.analysis.duplicate_ack_frame', 'tcp.analysis.duplicate_ack_frame == 3', 'tcp.analysis.rto', 'tcp.analysis.rto > 0.2',
  'tcp.analysis.rto_frame', 'tcp.analysis.rto_frame < frame.number', 'tcp.analysis.retransmission && !tcp.analysis.rto',
  'tcp.window_size_scalefactor', 'tcp.window_size_scalefactor == -1', 'tcp.window_size_scalefactor == -2',
  'tcp.window_size_scalefactor >= 128', 'tcp.window_size_scalefactor == 1', 'tcp.window_size_scalefactor < 0 && tcp.len > 0',
  // bytes
  'frame contains "HTTP"', 'tcp.payload contains 0d:0a', 'tcp.payload matches "^(GET|POST) "', 'frame matches "(?-i)http"',
  'frame ~ "user-agent"',
  // bytes as tshark reads them: a string's \xhh is one byte, text is UTF-8, PCRE runs on bytes, caseless for ASCII only
  'frame contains "\\xc3\\xa9"', 'frame matches "[\\xc3]\\xa9"', 'frame matches "é"', 'frame matches "\\\\xe9"', 'frame matches "\\\\x47ET"',
  'tcp.payload matches "[A-Z]{5}\\\\d"', 'frame matches "\\\\W\\\\S\\\\x41"', 'frame matches "\\\\r.\\\\n"', 'frame matches "[]x]y"', 'frame matches "0$"',
  // combinations
  '(tcp.port == 80 || tcp.port == 443) && !(tcp.len == 0)', 'not ip.addr == 10.0.0.0/8 and tcp',
  'tcp.flags.syn == 1 && !tcp.analysis.retransmission || tcp.flags.fin == 1',
];
