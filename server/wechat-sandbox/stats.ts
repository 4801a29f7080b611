/** Calls per WeChat API and how they were answered (HTTP status; 0 = held without an answer). */
import type { ApiName } from './faults';

export class ApiStats {
  private calls: Partial<Record<ApiName, Record<string, number>>> = {};

  record(api: ApiName, status: number): void {
    const byStatus = (this.calls[api] ??= {});
    byStatus[String(status)] = (byStatus[String(status)] ?? 0) + 1;
  }

  reset(): void {
    this.calls = {};
  }

  toJSON(): Partial<Record<ApiName, Record<string, number>>> {
    return structuredClone(this.calls);
  }
}
