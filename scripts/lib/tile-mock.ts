/**
 * A stand-in for PDOK's BRT achtergrondkaart (WMTS, EPSG:3857) for machines that cannot reach PDOK: it answers
 * `GET /brt/achtergrondkaart/wmts/v2_0/standaard/EPSG:3857/{z}/{x}/{y}.png` as PDOK does, with a 256×256 PNG tile
 * (a plain light background with a grid line, drawn here without a library), and 404 for anything else. The test
 * and benchmark platform points INSIGHT_TILE_URL at it unless one is configured.
 */
import { createServer, type Server } from 'node:http';
import { deflateSync } from 'node:zlib';

export const PDOK_TILE_PATH = '/brt/achtergrondkaart/wmts/v2_0/standaard/EPSG:3857/{z}/{x}/{y}.png';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of data) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A 256×256 RGB PNG: light grey, with a darker line along its top and left edge (the tile grid). */
export function tilePng(): Buffer {
  const size = 256;
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.writeUInt8(8, 8); // bit depth
  header.writeUInt8(2, 9); // RGB
  const rows: Buffer[] = [];
  for (let y = 0; y < size; y += 1) {
    const row = Buffer.alloc(1 + size * 3, 0xee);
    row[0] = 0; // filter: none
    for (let x = 0; x < size; x += 1) if (x === 0 || y === 0) row.fill(0xc8, 1 + x * 3, 4 + x * 3);
    rows.push(row);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

export interface TileMock {
  /** The tile address template, for INSIGHT_TILE_URL. */
  template: string;
  /** Tiles served so far. */
  served(): number;
  close(): Promise<void>;
}

export async function startTileMock(): Promise<TileMock> {
  const png = tilePng();
  const pattern = new RegExp(
    `^${PDOK_TILE_PATH.replace(/[.]/g, '\\.').replace('{z}', '\\d+').replace('{x}', '\\d+').replace('{y}', '\\d+')}$`,
  );
  let served = 0;
  const server: Server = createServer((request, response) => {
    if (request.method === 'GET' && pattern.test(request.url ?? '')) {
      served += 1;
      response.writeHead(200, { 'Content-Type': 'image/png', 'Content-Length': png.length });
      response.end(png);
      return;
    }
    response.writeHead(404, { 'Content-Type': 'text/plain' });
    response.end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    template: `http://127.0.0.1:${port}${PDOK_TILE_PATH}`,
    served: () => served,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
