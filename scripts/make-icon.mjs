#!/usr/bin/env node
/**
 * Writes the app icon, build/icons/512x512.png (and icon.png, the same bytes, for macOS/Windows): a
 * TCP ladder diagram — two endpoint lines with SYN, SYN-ACK and ACK arrows between them — drawn pixel
 * by pixel into an RGBA PNG (zlib from Node, CRC-32 below), so building the icon needs no tools or
 * downloads. Run: node scripts/make-icon.mjs
 */
import { deflateSync } from 'node:zlib';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const SIZE = 512;
const px = new Uint8Array(SIZE * SIZE * 4);

function set(x, y, [r, g, b, a]) {
  if (x < 0 || y < 0 || x >= SIZE || y >= SIZE) return;
  const i = (y * SIZE + x) * 4;
  px[i] = r; px[i + 1] = g; px[i + 2] = b; px[i + 3] = a;
}

/** Rounded square background (corner radius 96). */
function background(color) {
  const r = 96;
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) {
      const cx = Math.min(Math.max(x, r), SIZE - 1 - r), cy = Math.min(Math.max(y, r), SIZE - 1 - r);
      if ((x - cx) ** 2 + (y - cy) ** 2 <= r * r) set(x, y, color);
    }
  }
}

/** A thick line from (x0,y0) to (x1,y1), drawn as discs along it. */
function line(x0, y0, x1, y1, width, color) {
  const steps = Math.ceil(Math.hypot(x1 - x0, y1 - y0));
  const h = width / 2;
  for (let s = 0; s <= steps; s++) {
    const x = x0 + ((x1 - x0) * s) / steps, y = y0 + ((y1 - y0) * s) / steps;
    for (let dy = -h; dy <= h; dy++) for (let dx = -h; dx <= h; dx++) if (dx * dx + dy * dy <= h * h) set(Math.round(x + dx), Math.round(y + dy), color);
  }
}

/** An arrow with a two-stroke head at its end. */
function arrow(x0, y0, x1, y1, color) {
  line(x0, y0, x1, y1, 18, color);
  const a = Math.atan2(y1 - y0, x1 - x0), len = 46;
  for (const d of [-0.5, 0.5]) line(x1, y1, x1 - len * Math.cos(a + d), y1 - len * Math.sin(a + d), 18, color);
}

background([22, 40, 74, 255]);
const white = [236, 242, 250, 255];
line(136, 88, 136, 424, 22, white);
line(376, 88, 376, 424, 22, white);
arrow(150, 128, 358, 200, [96, 200, 120, 255]); // SYN
arrow(362, 232, 154, 304, [250, 190, 70, 255]); // SYN-ACK
arrow(150, 336, 358, 408, [96, 170, 250, 255]); // ACK

const CRC_TABLE = new Int32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c;
});
function crc32(buf) {
  let c = -1;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}
function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(SIZE, 0); ihdr.writeUInt32BE(SIZE, 4);
ihdr[8] = 8; ihdr[9] = 6; // 8-bit RGBA
const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1));
for (let y = 0; y < SIZE; y++) Buffer.from(px.buffer, y * SIZE * 4, SIZE * 4).copy(raw, y * (SIZE * 4 + 1) + 1); // filter 0
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0)),
]);

const dir = fileURLToPath(new URL('../build/icons/', import.meta.url));
mkdirSync(dir, { recursive: true });
writeFileSync(`${dir}512x512.png`, png);
writeFileSync(`${dir}icon.png`, png);
process.stdout.write(`wrote ${dir}512x512.png (${png.length} bytes)\n`);
