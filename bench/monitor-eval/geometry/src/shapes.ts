export interface Shape {
  readonly name: string;
  area(): number;
  perimeter(): number;
}

export class Point {
  constructor(
    public readonly x: number,
    public readonly y: number,
  ) {}

  distanceTo(other: Point): number {
    return Math.hypot(this.x - other.x, this.y - other.y);
  }

  translate(dx: number, dy: number): Point {
    return new Point(this.x + dx, this.y + dy);
  }

  static origin(): Point {
    return new Point(0, 0);
  }
}

export class Circle implements Shape {
  readonly name = "circle";
  constructor(
    public center: Point,
    public radius: number,
  ) {}

  area(): number {
    return Math.PI * this.radius ** 2;
  }

  perimeter(): number {
    return 2 * Math.PI * this.radius;
  }

  contains(p: Point): boolean {
    return this.center.distanceTo(p) <= this.radius;
  }
}

export class Rectangle implements Shape {
  readonly name = "rectangle";
  constructor(
    public corner: Point,
    public width: number,
    public height: number,
  ) {}

  area(): number {
    return this.width * this.height;
  }

  perimeter(): number {
    return 2 * (this.width + this.height);
  }

  diagonal(): number {
    return Math.sqrt(this.width * this.width + this.height * this.height);
  }
}
