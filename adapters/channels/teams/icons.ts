// The Teams app icons, drawn in code so they can be regenerated without an image editor.
import { deflateSync } from 'node:zlib';

type Rgba = readonly [number, number, number, number];

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (CRC_TABLE[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** An 8-bit RGBA PNG from a pixel function. */
export function encodePng(width: number, height: number, pixel: (x: number, y: number) => Rgba): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8);
  const raw = Buffer.alloc(height * (1 + width * 4));
  for (let y = 0; y < height; y += 1) {
    const row = y * (1 + width * 4);
    raw[row] = 0;
    for (let x = 0; x < width; x += 1) raw.set(pixel(x, y), row + 1 + x * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', new Uint8Array()),
  ]);
}

/** Width and height from a PNG's IHDR, or undefined when it is not a PNG. */
export function pngSize(png: Uint8Array): { width: number; height: number } | undefined {
  const buffer = Buffer.from(png);
  if (buffer.length < 24 || buffer.readUInt32BE(0) !== 0x89504e47 || buffer.toString('ascii', 12, 16) !== 'IHDR') return undefined;
  return { width: buffer.readUInt32BE(16), height: buffer.readUInt32BE(20) };
}

type Shape = (x: number, y: number) => boolean;

function roundedRect(left: number, top: number, right: number, bottom: number, radius: number): Shape {
  return (x, y) => {
    if (x < left || x > right || y < top || y > bottom) return false;
    const dx = Math.max(left + radius - x, 0, x - (right - radius));
    const dy = Math.max(top + radius - y, 0, y - (bottom - radius));
    return dx * dx + dy * dy <= radius * radius;
  };
}

function circle(cx: number, cy: number, r: number): Shape {
  return (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

/** The chat tail: a right triangle hanging below the bubble's left side. */
function tail(left: number, top: number, width: number, height: number): Shape {
  return (x, y) => x >= left && y >= top && y <= top + height && x <= left + width * (1 - (y - top) / height);
}

/** Fraction of a pixel a shape covers, from a 4×4 grid of samples (anti-aliasing). */
function coverage(shape: Shape, x: number, y: number, scale: number): number {
  let hits = 0;
  for (let i = 0; i < 4; i += 1) for (let j = 0; j < 4; j += 1) if (shape((x + (i + 0.5) / 4) / scale, (y + (j + 0.5) / 4) / scale)) hits += 1;
  return hits / 16;
}

const BRAND: Rgba = [0x1f, 0x4e, 0x79, 255];

// The speech bubble on a 32-unit grid, so both sizes draw the same figure.
const bubble = roundedRect(4, 5.5, 28, 22, 5);
const bubbleTail = tail(8, 21, 7, 7);
const dots = [circle(11, 13.75, 1.9), circle(16, 13.75, 1.9), circle(21, 13.75, 1.9)];
const inner = roundedRect(6.2, 7.7, 25.8, 19.8, 3);

/** 192×192, full colour: a white speech bubble with three dots on the brand blue. */
export function colorIcon(): Buffer {
  const scale = 192 / 32;
  return encodePng(192, 192, (x, y) => {
    const white = coverage((u, v) => (bubble(u, v) || bubbleTail(u, v)) && !dots.some((dot) => dot(u, v)), x, y, scale);
    const blend = (channel: number) => Math.round(channel * (1 - white) + 255 * white);
    return [blend(BRAND[0]), blend(BRAND[1]), blend(BRAND[2]), 255];
  });
}

/** 32×32 outline: white on transparent, as Teams requires, the same bubble drawn as a stroke. */
export function outlineIcon(): Buffer {
  return encodePng(32, 32, (x, y) => {
    const alpha = coverage((u, v) => (bubble(u, v) && !inner(u, v)) || (bubbleTail(u, v) && !inner(u, v)) || dots.some((dot) => dot(u, v)), x, y, 1);
    return [255, 255, 255, Math.round(alpha * 255)];
  });
}
