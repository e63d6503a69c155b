import type { Product, StockEntry } from "./types.js";

export class Inventory {
  private readonly entries = new Map<string, StockEntry>();

  add(product: Product, quantity: number): void {
    const existing = this.entries.get(product.sku);
    if (existing) existing.quantity += quantity;
    else this.entries.set(product.sku, { product, quantity });
  }

  remove(sku: string, quantity: number): boolean {
    const entry = this.entries.get(sku);
    if (!entry || entry.quantity < quantity) return false;
    entry.quantity -= quantity;
    return true;
  }

  find(sku: string): StockEntry | undefined {
    return this.entries.get(sku);
  }

  totalValueCents(): number {
    let sum = 0;
    for (const e of this.entries.values()) sum += e.product.priceCents * e.quantity;
    return sum;
  }

  list(): StockEntry[] {
    return [...this.entries.values()];
  }
}

export function formatPrice(cents: number): string {
  return (cents / 100).toFixed(2);
}
