/**
 * Accurate ECN (RFC 9768) as tshark 4.0 follows it per conversation (packet-tcp.c had_acc_ecn_setup_syn,
 * had_acc_ecn_setup_syn_ack, had_acc_ecn_option): after an AccECN SYN and SYN-ACK, or once an AccECN option was
 * seen, the AE, CWR and ECE bits of every non-SYN segment are one 3-bit counter of CE-marked packets, the ACE
 * field, and tcp.flags.str shows its value ("···-2-·A····") instead of three letters.
 */
import { TCP_ACK, TCP_AE, TCP_CWR, TCP_ECE, TCP_SYN } from '../wire/tcp-flag-bits';
/** Conversation bits (TcpConversation.accEcn): the last SYN asked for AccECN; the last SYN-ACK agreed; an option seen. */
export const ACC_ECN_SYN = 4, ACC_ECN_SYN_ACK = 8, ACC_ECN_OPTION = 16;
const SETUP = ACC_ECN_SYN | ACC_ECN_SYN_ACK;

/** Whether a segment with `flags` carries the ACE counter, given the conversation's bits before it. */
export function usesAce(bits: number, flags: number): boolean {
  return (flags & TCP_SYN) === 0 && ((bits & SETUP) === SETUP || (bits & ACC_ECN_OPTION) !== 0);
}

/**
 * The bits after a SYN or SYN-ACK: each one sets or clears its own bit (a later SYN without AE+CWR+ECE undoes the
 * setup). A SYN asks with all three set; a SYN-ACK agrees with AE/CWR/ECE = 010, 011, 100 or 110 (RFC 9768 §3.1.1).
 */
export function accEcnAfterHandshake(bits: number, flags: number): number {
  const synAck = flags & (TCP_SYN | TCP_ACK);
  if (synAck === TCP_SYN) return (flags & (TCP_AE | TCP_CWR | TCP_ECE)) === (TCP_AE | TCP_CWR | TCP_ECE) ? bits | ACC_ECN_SYN : bits & ~ACC_ECN_SYN;
  if (synAck !== (TCP_SYN | TCP_ACK)) return bits;
  const agrees = (flags & (TCP_AE | TCP_CWR)) === TCP_CWR || (flags & (TCP_AE | TCP_ECE)) === TCP_AE;
  return agrees ? bits | ACC_ECN_SYN_ACK : bits & ~ACC_ECN_SYN_ACK;
}

/** The ACE counter of a segment's flags: AE 4, CWR 2, ECE 1. */
export const aceValue = (flags: number): number => (flags >> 6) & 7;

/** What one side's SYN or SYN-ACK said about ECN, and what the pair puts in use (the option card's ECN row). */
export interface EcnNegotiation { client: 'AccECN offered' | 'offered' | 'no'; server: 'AccECN accepted' | 'accepted' | 'no'; result: string }

/**
 * ECN negotiation from the handshake flags (-1: packet not seen): classic ECN is SYN with ECE+CWR answered by ECE
 * alone (RFC 3168 §6.1.1); Accurate ECN is SYN with AE+CWR+ECE answered by one of the AccECN codepoints, and a
 * classic answer to an AccECN SYN falls back to classic ECN (RFC 9768 §3.1.2).
 */
export function ecnNegotiation(syn: number, synAck: number): EcnNegotiation {
  const accOffered = syn >= 0 && (syn & (TCP_AE | TCP_CWR | TCP_ECE)) === (TCP_AE | TCP_CWR | TCP_ECE);
  const offered = syn >= 0 && (syn & (TCP_CWR | TCP_ECE)) === (TCP_CWR | TCP_ECE);
  const accAccepted = accOffered && synAck >= 0 && accEcnAfterHandshake(0, synAck | TCP_SYN | TCP_ACK) === ACC_ECN_SYN_ACK;
  const accepted = !accAccepted && synAck >= 0 && (synAck & (TCP_AE | TCP_CWR | TCP_ECE)) === TCP_ECE;
  return {
    client: accOffered ? 'AccECN offered' : offered ? 'offered' : 'no',
    server: accAccepted ? 'AccECN accepted' : accepted ? 'accepted' : 'no',
    result: accAccepted ? 'Accurate ECN in use (RFC 9768): AE, CWR and ECE count CE marks (the ACE field)'
      : offered && accepted ? 'ECN in use (RFC 3168)' : 'not in use',
  };
}
