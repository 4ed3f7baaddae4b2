// Node's Buffer has fast latin1 slicing that @types/node does not declare; Respite keeps all client
// data as latin1 strings (one char per byte), so it is used on the hot path.
declare global {
  interface Buffer {
    latin1Slice(start?: number, end?: number): string;
    latin1Write(s: string, offset?: number, length?: number): number;
  }
}
export {};
