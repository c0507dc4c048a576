export interface RequestLogEntry {
  id: number;
  /** When the answer finished (ISO). */
  time: string;
  /** When the request arrived (ISO). */
  startedAt: string;
  /** Requests being answered when this one arrived, itself included. */
  concurrent: number;
  method: string;
  path: string;
  service: string;
  status: number;
  durationMs: number;
  fault?: string;
}

/** The last N requests the simulator received, oldest first. */
export class RequestLog {
  private entries: RequestLogEntry[] = [];
  private nextId = 1;

  constructor(private readonly capacity = 1000) {}

  add(entry: Omit<RequestLogEntry, 'id'>): void {
    this.entries.push({ id: this.nextId++, ...entry });
    if (this.entries.length > this.capacity) this.entries.splice(0, this.entries.length - this.capacity);
  }

  list(): RequestLogEntry[] {
    return [...this.entries];
  }

  clear(): void {
    this.entries = [];
  }
}
