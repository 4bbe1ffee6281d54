// Server-side pagination parameters read from the URL's search params.
export const PAGE_SIZE = 20;

export type Page<T> = { items: T[]; total: number; page: number; pageCount: number; pageSize: number };

/** Reads ?page=N safely: anything odd becomes page 1. */
export function pageFromParams(value: string | string[] | undefined): number {
  const raw = Array.isArray(value) ? value[0] : value;
  const n = Number.parseInt(raw ?? "1", 10);
  return Number.isFinite(n) && n >= 1 && n <= 100_000 ? n : 1;
}

export function toPage<T>(items: T[], total: number, page: number, pageSize = PAGE_SIZE): Page<T> {
  return { items, total, page, pageSize, pageCount: Math.max(1, Math.ceil(total / pageSize)) };
}

export function skipTake(page: number, pageSize = PAGE_SIZE) {
  return { skip: (page - 1) * pageSize, take: pageSize };
}
