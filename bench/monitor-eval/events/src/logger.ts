import { print } from "./print.js";
import { Emitter, Level, type LogEvent } from "./emitter.js";

export class Logger {
  readonly events = new Emitter<LogEvent>();
  private count = 0;

  log(level: Level, message: string): void {
    this.count++;
    this.events.emit({ level, message, at: new Date() });
  }

  get logged(): number {
    return this.count;
  }
}

const logger = new Logger();
const seen: string[] = [];
const stop = logger.events.on((e) => {
  seen.push(`${Level[e.level]} ${e.message.trim()} ${e.at.getHours()}`);
});
logger.log(Level.Info, "started");
logger.log(Level.Warn, "disk almost full");
stop();
print(seen.length, seen.join("\n"), logger.logged, logger.events.size);
const levels = [Level.Debug, Level.Error].map((l) => Level[l].toLowerCase());
print(levels.concat(["x"]).length, new Date().toISOString().slice(0, 10));
