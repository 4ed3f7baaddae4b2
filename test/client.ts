/**
 * A raw test client: sends commands as RESP (or any bytes), reads whole reply frames, and gives
 * both the raw frame (for byte-exact comparison with real Redis) and the decoded value.
 */
import * as net from 'net';
import { decodeFrame, Decoded, Push } from './resp';

export interface Frame {
  raw: string;
  value: Decoded;
}

export function encodeCommand(args: Array<string | number | Buffer>): Buffer {
  const parts: Buffer[] = [Buffer.from(`*${args.length}\r\n`)];
  for (const a of args) {
    const b = Buffer.isBuffer(a) ? a : Buffer.from(String(a), 'latin1');
    parts.push(Buffer.from(`$${b.length}\r\n`), b, Buffer.from('\r\n'));
  }
  return Buffer.concat(parts);
}

export class RawClient {
  private buf = Buffer.alloc(0);
  private frames: Frame[] = [];
  private waiters: Array<() => void> = [];
  closed = false;

  private constructor(readonly socket: net.Socket, readonly label: string) {
    socket.on('data', (d) => {
      this.buf = this.buf.length ? Buffer.concat([this.buf, d]) : d;
      let pos = 0;
      for (;;) {
        const r = decodeFrame(this.buf, pos);
        if (r === null) break;
        this.frames.push({ raw: this.buf.latin1Slice(pos, r[1]), value: r[0] });
        pos = r[1];
      }
      this.buf = this.buf.subarray(pos);
      this.wake();
    });
    socket.on('close', () => {
      this.closed = true;
      this.wake();
    });
    socket.on('error', () => undefined);
  }

  static connect(port: number, label = String(port)): Promise<RawClient> {
    return new Promise((resolve, reject) => {
      const s = net.connect({ port, host: '127.0.0.1' }, () => resolve(new RawClient(s, label)));
      s.once('error', reject);
    });
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const fn of w) fn();
  }

  /** Writes raw bytes (protocol tests). */
  write(data: string | Buffer): void {
    this.socket.write(typeof data === 'string' ? Buffer.from(data, 'latin1') : data);
  }

  /** Sends one command without waiting. */
  send(...args: Array<string | number | Buffer>): void {
    this.socket.write(encodeCommand(args));
  }

  /** The next reply frame; rejects after timeoutMs or if the connection closes first. */
  async frame(timeoutMs = 5000): Promise<Frame> {
    const deadline = Date.now() + timeoutMs;
    while (this.frames.length === 0) {
      if (this.closed) throw new Error(`${this.label}: connection closed while waiting for a reply`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`${this.label}: no reply within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
    return this.frames.shift()!;
  }

  /** True if a frame arrives within ms (used to prove that nothing is sent). */
  async hasFrame(ms: number): Promise<boolean> {
    try {
      await this.frame(ms);
      return true;
    } catch {
      return false;
    }
  }

  /** Sends a command and resolves with its decoded reply (errors come back as ReplyError values). */
  async call(...args: Array<string | number | Buffer>): Promise<any> { // eslint-disable-line @typescript-eslint/no-explicit-any -- tests assert on many shapes
    this.send(...args);
    const f = await this.frame();
    return f.value;
  }

  /** Sends a command and resolves with the raw bytes of its reply. */
  async raw(...args: Array<string | number | Buffer>): Promise<string> {
    this.send(...args);
    return (await this.frame()).raw;
  }

  /** Resolves once the server closed the connection (or rejects after timeoutMs). */
  async waitClosed(timeoutMs = 3000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.closed) {
      if (Date.now() > deadline) throw new Error(`${this.label}: still open after ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  /** Frames already received that are pushes (RESP3) — helper for pub/sub tests. */
  pending(): Frame[] {
    return this.frames.slice();
  }

  close(): void {
    this.socket.destroy();
  }
}

export { Push };
