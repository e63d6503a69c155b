export interface Product {
  sku: string;
  title: string;
  priceCents: number;
  tags: string[];
}

export interface StockEntry {
  product: Product;
  quantity: number;
  location?: string;
}

export type Category = "food" | "tools" | "toys";
