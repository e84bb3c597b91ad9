// Writes public/favicon.ico (32×32) from the same drawing as public/favicon.svg: two
// white rings, overlapping, on the accent blue (two parties meeting). Browsers ask for
// /favicon.ico whether or not a page names an icon, so the file exists.
// Run: node --import tsx scripts/favicon.ts
import { writeFileSync } from "node:fs";

const N = 32;
const BLUE = [0x0b, 0x5c, 0xad] as const;

function pixel(x: number, y: number): [number, number, number, number] {
  const cx = x + 0.5;
  const cy = y + 0.5;
  const r = 6; // corner radius of the square
  const dx = Math.max(0, Math.abs(cx - 16) - (16 - r));
  const dy = Math.max(0, Math.abs(cy - 16) - (16 - r));
  if (Math.hypot(dx, dy) > r) return [0, 0, 0, 0];
  for (const ox of [12, 20]) {
    const d = Math.hypot(cx - ox, cy - 16);
    if (d >= 5.2 && d <= 7.8) return [255, 255, 255, 255];
  }
  return [...BLUE, 255];
}

const pixels = Buffer.alloc(N * N * 4);
for (let row = 0; row < N; row++) {
  const y = N - 1 - row; // BMP rows go bottom-up
  for (let x = 0; x < N; x++) {
    const [r, g, b, a] = pixel(x, y);
    pixels.set([b, g, r, a], (row * N + x) * 4);
  }
}
const mask = Buffer.alloc(N * 4); // all opaque: the alpha channel decides
const info = Buffer.alloc(40);
info.writeUInt32LE(40, 0);
info.writeInt32LE(N, 4);
info.writeInt32LE(N * 2, 8); // the image and its mask
info.writeUInt16LE(1, 12);
info.writeUInt16LE(32, 14);
info.writeUInt32LE(pixels.length + mask.length, 20);
const bmp = Buffer.concat([info, pixels, mask]);
const header = Buffer.alloc(6 + 16);
header.writeUInt16LE(1, 2); // an icon
header.writeUInt16LE(1, 4); // one image
header.writeUInt8(N, 6);
header.writeUInt8(N, 7);
header.writeUInt16LE(1, 10);
header.writeUInt16LE(32, 12);
header.writeUInt32LE(bmp.length, 14);
header.writeUInt32LE(6 + 16, 18);
writeFileSync(new URL("../public/favicon.ico", import.meta.url), Buffer.concat([header, bmp]));
