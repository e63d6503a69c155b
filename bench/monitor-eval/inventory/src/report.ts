import { print } from "./print.js";
import { Inventory, formatPrice } from "./inventory.js";
import type { Product } from "./types.js";

const hammer: Product = { sku: "T-1", title: "Hammer", priceCents: 1299, tags: ["tools"] };
const apple: Product = { sku: "F-7", title: "Apple", priceCents: 45, tags: ["food", "fresh"] };

const inv = new Inventory();
inv.add(hammer, 3);
inv.add(apple, 40);
inv.remove(apple.sku, 5);

const entry = inv.find(hammer.sku);
if (entry) print(entry.product.title, entry.quantity, entry.location ?? "shelf");

for (const e of inv.list()) {
  const line = `${e.product.title.padEnd(10)} ${formatPrice(e.product.priceCents)} x${e.quantity}`;
  print(line.trim(), e.product.tags.join("|"));
}
print(formatPrice(inv.totalValueCents()), apple.tags.includes("fresh"), hammer.title.toLowerCase());
const skus = inv.list().map((e) => e.product.sku).sort();
print(skus.length, skus.at(0));
