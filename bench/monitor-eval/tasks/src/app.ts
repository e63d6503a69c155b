import { print } from "./print.js";
import { Board, type Task } from "./model.js";

const board = new Board();
const a = board.create("write docs");
const b = board.create("fix bug");
b.assignee = { name: "Ada", email: "ada@example.com" };
board.move(a.id, "doing");
const moved = board.move(b.id, "done");
print(moved?.status, moved?.assignee?.name.toUpperCase(), b.assignee.email.split("@")[1]);

function describe(task: Task): string {
  const who = task.assignee?.name ?? "nobody";
  const when = task.due?.toDateString() ?? "someday";
  return `${task.title.trim()} (${task.status}) by ${who}, ${when}`;
}

print(board.all.map(describe).join("\n"), board.all.length);
const done = board.byStatus("done");
print(done.length, done[0]?.title.length, board.byStatus("todo").concat(done).length);
const titles = new Set(board.all.map((t) => t.title));
print(titles.has("fix bug"), titles.size, [...titles].sort().at(0)?.length);
