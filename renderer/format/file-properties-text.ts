/**
 * The words of Capture File Properties' file part, after Wireshark's dialog: the format, encapsulation, snapshot
 * length, time precision and hashes; per section the hardware, OS, application and comments; per interface its
 * name, description, dropped packets, capture filter, link type, packet size limit and packets.
 */
import type { CaptureFileProperties, InterfaceProperties } from '../../shared/capture-file/capture-file-scan';
import { precisionName } from '../../shared/capture-file/time-precision';

export interface PropertyRow { label: string; value: string }

const count = (n: number): string => n.toLocaleString('en-US');

export function fileRows(p: CaptureFileProperties): PropertyRow[] {
  const rows: PropertyRow[] = [
    { label: 'Format', value: p.fileType.description + (p.compressed ? ' (gzip compressed)' : '') },
    {
      label: 'Encapsulation',
      value: p.encapsulation?.description
        ?? `per packet: ${p.encapsulationCounts.map((c) => `${c.encapsulation.description} (${count(c.packets)})`).join(', ') || 'none in use'}`,
    },
    { label: 'Snapshot length', value: p.snaplen > 0 ? `${count(p.snaplen)} bytes` : 'not set in the file header' },
  ];
  if (p.inferredSnaplen) {
    const { min, max } = p.inferredSnaplen;
    rows.push({ label: 'Packets cut short at', value: min === max ? `${count(min)} bytes` : `${count(min)} – ${count(max)} bytes` });
  }
  rows.push(
    { label: 'Time precision', value: p.precision === -1 ? 'per packet (the interfaces differ)' : precisionName(p.precision) },
    { label: 'SHA256', value: p.sha256 },
    { label: 'SHA1', value: p.sha1 },
  );
  if (p.resolvedIpv4 + p.resolvedIpv6 > 0) rows.push({ label: 'Resolved names', value: `${count(p.resolvedIpv4)} IPv4, ${count(p.resolvedIpv6)} IPv6` });
  if (p.decryptionSecrets > 0) rows.push({ label: 'Decryption secrets', value: `${count(p.decryptionSecrets)} block${p.decryptionSecrets === 1 ? '' : 's'}` });
  if (p.problem) rows.push({ label: 'Read up to', value: p.problem });
  return rows;
}

/** A section's Hardware / OS / Application / Comment rows (only those the file gives). */
export function sectionRows(s: CaptureFileProperties['sections'][number]): PropertyRow[] {
  const rows: PropertyRow[] = [];
  if (s.hardware) rows.push({ label: 'Hardware', value: s.hardware });
  if (s.os) rows.push({ label: 'OS', value: s.os });
  if (s.application) rows.push({ label: 'Application', value: s.application });
  for (const c of s.comments) rows.push({ label: 'Comment', value: c });
  return rows;
}

export interface InterfaceRow {
  name: string; description: string; dropped: string; filter: string; linkType: string; sizeLimit: string; packets: string;
  /** Speed, OS, hardware, comments when the file gives them. */
  more: string;
}

function filterText(i: InterfaceProperties): string {
  if (!i.filter) return 'none';
  if (i.filter.kind === 'pcap') return i.filter.text || 'none';
  return i.filter.kind === 'bpf' ? `a BPF program of ${i.filter.instructions} instructions` : `filter of unknown type ${i.filter.type}`;
}

function speedText(bps: number): string {
  for (const [unit, f] of [['Gbit/s', 1e9], ['Mbit/s', 1e6], ['kbit/s', 1e3]] as const) if (bps >= f) return `${bps / f} ${unit}`;
  return `${bps} bit/s`;
}

export function interfaceRows(p: CaptureFileProperties): InterfaceRow[] {
  return p.interfaces.map((i, k) => {
    const more = [
      i.speed !== undefined ? `speed ${speedText(i.speed)}` : '', i.os ? `OS ${i.os}` : '', i.hardware ? `hardware ${i.hardware}` : '',
      i.fcsLen !== undefined ? `FCS ${i.fcsLen} bytes` : '', ...i.comments, ...i.statistics.comments,
      p.sections.length > 1 ? `section ${i.section}` : '',
    ].filter((x) => x !== '').join('; ');
    return {
      name: i.name ?? `#${k}`, description: i.description ?? '',
      dropped: i.statistics.dropped !== undefined ? count(i.statistics.dropped) : 'unknown',
      filter: filterText(i), linkType: i.encapsulation.description,
      sizeLimit: i.captureLength > 0 ? `${count(i.captureLength)} bytes` : 'no limit', packets: count(i.packets), more,
    };
  });
}
