import { print } from "./print.js";
import { Account, Rates } from "./account.js";

const alice = new Account("alice");
const first = alice.deposit(100, "salary");
alice.withdraw(30);
print(alice.owner.length, alice.balance, first.memo.toUpperCase(), first.id);

const lines = alice.statement();
print(lines.length, lines.join("; "), Account.nextId);
const interest = Rates.yearly(alice.balance, Rates.savings);
print(interest.toFixed(2), Math.round(interest));

const accounts = [alice, new Account("bob")];
const rich = accounts.filter((a) => a.balance > 50).map((a) => a.owner);
print(rich.includes("alice"), accounts.some((a) => a.owner.startsWith("b")));
const byOwner = new Map(accounts.map((a) => [a.owner, a] as const));
print(byOwner.get("bob")?.balance, byOwner.size, byOwner.has("carol"));
