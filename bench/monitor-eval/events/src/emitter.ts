export enum Level {
  Debug,
  Info,
  Warn,
  Error,
}

export interface LogEvent {
  level: Level;
  message: string;
  at: Date;
}

type Listener<T> = (value: T) => void;

export class Emitter<T> {
  private listeners: Listener<T>[] = [];

  on(listener: Listener<T>): () => void {
    this.listeners.push(listener);
    return () => this.off(listener);
  }

  off(listener: Listener<T>): void {
    this.listeners = this.listeners.filter((l) => l !== listener);
  }

  emit(value: T): number {
    for (const l of this.listeners) l(value);
    return this.listeners.length;
  }

  get size(): number {
    return this.listeners.length;
  }
}
