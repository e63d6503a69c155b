export interface Transaction {
  id: number;
  amount: number;
  memo: string;
}

export class Account {
  #balance = 0;
  private history: Transaction[] = [];
  static nextId = 1;

  constructor(readonly owner: string) {}

  deposit(amount: number, memo = "deposit"): Transaction {
    this.#balance += amount;
    const t = { id: Account.nextId++, amount, memo };
    this.history.push(t);
    return t;
  }

  withdraw(amount: number): Transaction | null {
    if (amount > this.#balance) return null;
    this.#balance -= amount;
    const t = { id: Account.nextId++, amount: -amount, memo: "withdraw" };
    this.history.push(t);
    return t;
  }

  get balance(): number {
    return this.#balance;
  }

  statement(): string[] {
    return this.history.map((t) => `${t.id}: ${t.amount} ${t.memo}`);
  }
}

export namespace Rates {
  export const savings = 0.02;
  export function yearly(balance: number, rate: number): number {
    return balance * rate;
  }
}
