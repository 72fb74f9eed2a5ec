/**
 * A pure parse remembered by its input text, bounded (emptied when full). Every listing shows
 * the same dates, day lists and timestamps again, and reading a zone-local date costs Intl
 * calls: a dashboard parses thousands of them per query, nearly all seen before.
 */
export class ParseMemo<T> {
  private readonly entries = new Map<string, T>();

  constructor(private readonly limit: number) {}

  get(key: string, parse: () => T): T {
    if (this.entries.has(key)) return this.entries.get(key) as T;
    const value = parse();
    if (this.entries.size >= this.limit) this.entries.clear();
    this.entries.set(key, value);
    return value;
  }
}

/** A remembered Date handed out as the caller's own (Dates are mutable). */
export function ownDate(date: Date | undefined): Date | undefined {
  return date ? new Date(date.getTime()) : undefined;
}
