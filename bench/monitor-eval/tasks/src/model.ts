export type Status = "todo" | "doing" | "done";

export interface Task {
  id: number;
  title: string;
  status: Status;
  assignee?: { name: string; email: string };
  due?: Date;
}

export class Board {
  private tasks: Task[] = [];
  private seq = 0;

  create(title: string): Task {
    const task: Task = { id: ++this.seq, title, status: "todo" };
    this.tasks.push(task);
    return task;
  }

  move(id: number, status: Status): Task | undefined {
    const task = this.tasks.find((t) => t.id === id);
    if (task) task.status = status;
    return task;
  }

  byStatus(status: Status): Task[] {
    return this.tasks.filter((t) => t.status === status);
  }

  get all(): readonly Task[] {
    return this.tasks;
  }
}
