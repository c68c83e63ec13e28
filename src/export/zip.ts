import { constants, crc32, deflateRawSync } from "node:zlib";
import { ChunkedWriter, type ByteSink, type ExportOutput } from "./output";

/**
 * A streaming zip archive (PKWARE APPNOTE 6.3: deflate, sizes and CRC in a data descriptor after
 * each file, so nothing is known or held in advance). Each chunk is deflated on its own and
 * sync-flushed, so the archive grows as the files are written, at constant memory. No zip64: an
 * archive or file of 4 GiB or more is refused (use the CLI's directory output).
 */
const LOCAL_FILE = 0x04034b50;
const DATA_DESCRIPTOR = 0x08074b50;
const CENTRAL_FILE = 0x02014b50;
const END_OF_CENTRAL = 0x06054b50;
/** Bit 3: sizes and CRC follow the data; bit 11: the name is UTF-8. */
const FLAGS = 0x0808;
const DEFLATE = 8;
const VERSION = 20;
const LIMIT = 0xffffffff;

interface Entry {
  name: Buffer;
  offset: number;
  crc: number;
  compressed: number;
  size: number;
}

function dosDateTime(date: Date): { time: number; date: number } {
  return {
    time: (date.getHours() << 11) | (date.getMinutes() << 5) | Math.floor(date.getSeconds() / 2),
    date: ((date.getFullYear() - 1980) << 9) | ((date.getMonth() + 1) << 5) | date.getDate(),
  };
}

export function zipOutput(sink: ByteSink, now = new Date()): ExportOutput {
  const stamp = dosDateTime(now);
  const entries: Entry[] = [];
  let offset = 0;
  let current: Entry | undefined;

  const emit = async (chunk: Buffer): Promise<void> => {
    offset += chunk.length;
    if (offset > LIMIT) throw new Error("the zip archive would reach 4 GiB: export CSV with the CLI instead");
    await sink.write(chunk);
  };
  // Text is gathered into chunks; each chunk is deflated and written as it fills.
  const writer = new ChunkedWriter({
    write: async (chunk) => {
      if (current === undefined) throw new Error("zip: write before open");
      current.crc = crc32(chunk, current.crc);
      current.size += chunk.length;
      const deflated = deflateRawSync(chunk, { finishFlush: constants.Z_SYNC_FLUSH, level: 6 });
      current.compressed += deflated.length;
      await emit(deflated);
    },
  });

  const closeEntry = async (): Promise<void> => {
    if (current === undefined) return;
    await writer.flush();
    // The last block: an empty final one ends the deflate stream.
    const last = deflateRawSync(Buffer.alloc(0));
    current.compressed += last.length;
    await emit(last);
    if (current.size > LIMIT || current.compressed > LIMIT)
      throw new Error("a file in the zip would reach 4 GiB");
    const descriptor = Buffer.alloc(16);
    descriptor.writeUInt32LE(DATA_DESCRIPTOR, 0);
    descriptor.writeUInt32LE(current.crc >>> 0, 4);
    descriptor.writeUInt32LE(current.compressed, 8);
    descriptor.writeUInt32LE(current.size, 12);
    await emit(descriptor);
    entries.push(current);
    current = undefined;
  };

  return {
    async open(fileName) {
      await closeEntry();
      const name = Buffer.from(fileName, "utf8");
      current = { name, offset, crc: 0, compressed: 0, size: 0 };
      const header = Buffer.alloc(30);
      header.writeUInt32LE(LOCAL_FILE, 0);
      header.writeUInt16LE(VERSION, 4);
      header.writeUInt16LE(FLAGS, 6);
      header.writeUInt16LE(DEFLATE, 8);
      header.writeUInt16LE(stamp.time, 10);
      header.writeUInt16LE(stamp.date, 12);
      // CRC and sizes (14..25) stay 0: they are in the data descriptor.
      header.writeUInt16LE(name.length, 26);
      header.writeUInt16LE(0, 28);
      await emit(Buffer.concat([header, name]));
    },
    write: (text) => writer.write(text),
    async finish() {
      await closeEntry();
      const start = offset;
      for (const entry of entries) {
        const header = Buffer.alloc(46);
        header.writeUInt32LE(CENTRAL_FILE, 0);
        header.writeUInt16LE(VERSION, 4);
        header.writeUInt16LE(VERSION, 6);
        header.writeUInt16LE(FLAGS, 8);
        header.writeUInt16LE(DEFLATE, 10);
        header.writeUInt16LE(stamp.time, 12);
        header.writeUInt16LE(stamp.date, 14);
        header.writeUInt32LE(entry.crc >>> 0, 16);
        header.writeUInt32LE(entry.compressed, 20);
        header.writeUInt32LE(entry.size, 24);
        header.writeUInt16LE(entry.name.length, 28);
        // extra, comment, disk, internal attributes: 0; external attributes: 0; then the offset.
        header.writeUInt32LE(entry.offset, 42);
        await emit(Buffer.concat([header, entry.name]));
      }
      const end = Buffer.alloc(22);
      end.writeUInt32LE(END_OF_CENTRAL, 0);
      end.writeUInt16LE(entries.length, 8);
      end.writeUInt16LE(entries.length, 10);
      end.writeUInt32LE(offset - start, 12);
      end.writeUInt32LE(start, 16);
      await emit(end);
    },
  };
}
