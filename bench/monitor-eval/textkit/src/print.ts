/** Stands in for console.log (the projects use lib ES2022 without DOM or @types/node). */
export function print(...values: unknown[]): void {
  void values;
}
