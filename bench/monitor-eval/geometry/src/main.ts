import { print } from "./print.js";
import { Circle, Point, Rectangle, type Shape } from "./shapes.js";

const origin = Point.origin();
const p = new Point(3, 4);
const moved = p.translate(1, -1);
print(origin.distanceTo(p), moved.x, moved.y);

const circle = new Circle(p, 2);
const rect = new Rectangle(origin, 3, 5);
const shapes: Shape[] = [circle, rect];

let total = 0;
for (const s of shapes) {
  total += s.area();
  print(s.name, s.perimeter().toFixed(2));
}
print(total.toFixed(1), rect.diagonal(), circle.contains(origin));
print(circle.center.x + circle.radius, rect.corner.y, rect.width * rect.height);

const names = shapes.map((s) => s.name.toUpperCase());
print(names.join(", "), names.length);
const largest = shapes.reduce((a, b) => (a.area() > b.area() ? a : b));
print(largest.name.padStart(12), Math.max(rect.width, rect.height));
