/**
 * Accurate ECN (RFC 9768) as tshark 4.0 follows it per conversation (packet-tcp.c had_acc_ecn_setup_syn,
 * had_acc_ecn_setup_syn_ack, had_acc_ecn_option): after an AccECN SYN and SYN-ACK, or once an AccECN option was
 * seen, the AE, CWR and ECE bits of every non-SYN segment are one 3-bit counter of CE-marked packets, the ACE
 * field, and tcp.flags.str shows its value ("···-2-·A····") instead of three letters.
 */
import { TCP_ACK as TH_ACK, TCP_AE as TH_AE, TCP_CWR as TH_CWR, TCP_ECE as TH_ECE, TCP_SYN as TH_SYN } from '../wire/tcp';
/** Conversation bits (TcpConversation.accEcn): the last SYN asked for AccECN; the last SYN-ACK agreed; an option seen. */
export const ACC_ECN_SYN = 4, ACC_ECN_SYN_ACK = 8, ACC_ECN_OPTION = 16;
const SETUP = ACC_ECN_SYN | ACC_ECN_SYN_ACK;

/** Whether a segment with `flags` carries the ACE counter, given the conversation's bits before it. */
export function usesAce(bits: number, flags: number): boolean {
  return (flags & TH_SYN) === 0 && ((bits & SETUP) === SETUP || (bits & ACC_ECN_OPTION) !== 0);
}

/**
 * The bits after a SYN or SYN-ACK: each one sets or clears its own bit (a later SYN without AE+CWR+ECE undoes the
 * setup). A SYN asks with all three set; a SYN-ACK agrees with AE/CWR/ECE = 010, 011, 100 or 110 (RFC 9768 §3.1.1).
 */
export function accEcnAfterHandshake(bits: number, flags: number): number {
  const synAck = flags & (TH_SYN | TH_ACK);
  if (synAck === TH_SYN) return (flags & (TH_AE | TH_CWR | TH_ECE)) === (TH_AE | TH_CWR | TH_ECE) ? bits | ACC_ECN_SYN : bits & ~ACC_ECN_SYN;
  if (synAck !== (TH_SYN | TH_ACK)) return bits;
  const agrees = (flags & (TH_AE | TH_CWR)) === TH_CWR || (flags & (TH_AE | TH_ECE)) === TH_AE;
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
  const accOffered = syn >= 0 && (syn & (TH_AE | TH_CWR | TH_ECE)) === (TH_AE | TH_CWR | TH_ECE);
  const offered = syn >= 0 && (syn & (TH_CWR | TH_ECE)) === (TH_CWR | TH_ECE);
  const accAccepted = accOffered && synAck >= 0 && accEcnAfterHandshake(0, synAck | TH_SYN | TH_ACK) === ACC_ECN_SYN_ACK;
  const accepted = !accAccepted && synAck >= 0 && (synAck & (TH_AE | TH_CWR | TH_ECE)) === TH_ECE;
  return {
    client: accOffered ? 'AccECN offered' : offered ? 'offered' : 'no',
    server: accAccepted ? 'AccECN accepted' : accepted ? 'accepted' : 'no',
    result: accAccepted ? 'Accurate ECN in use (RFC 9768): AE, CWR and ECE count CE marks (the ACE field)'
      : offered && accepted ? 'ECN in use (RFC 3168)' : 'not in use',
  };
}
