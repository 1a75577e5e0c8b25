/** TCP option kinds (IANA "TCP Option Kind Numbers") that the option walk, its reach and the detail tree name. */
export const TCPOPT_EOL = 0, TCPOPT_NOP = 1, TCPOPT_MSS = 2, TCPOPT_WSCALE = 3, TCPOPT_SACK_PERM = 4;
export const TCPOPT_SACK = 5, TCPOPT_ECHO = 6, TCPOPT_ECHOREPLY = 7, TCPOPT_TIMESTAMP = 8, TCPOPT_MD5 = 19;
export const TCPOPT_QS = 27, TCPOPT_UTO = 28, TCPOPT_AO = 29, TCPOPT_MPTCP = 30, TCPOPT_TFO = 34;
export const TCPOPT_EXP_FD = 253, TCPOPT_EXP_FE = 254;
/** Accurate ECN options (RFC 9768 §3.2.3): order 0 and order 1; before assignment, experiment ids 0xACC0/0xACC1. */
export const TCPOPT_ACC_ECN_0 = 172, TCPOPT_ACC_ECN_1 = 174, TCPOPT_ACC_ECN_MAGIC_0 = 0xacc0, TCPOPT_ACC_ECN_MAGIC_1 = 0xacc1;
/** RFC 7413 §4.1.3: TFO used this experiment id in kinds 253/254 before kind 34 was assigned. */
export const TCPOPT_TFO_MAGIC = 0xf989;
