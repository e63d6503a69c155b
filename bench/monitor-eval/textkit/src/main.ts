import { print } from "./print.js";
import { frequencies, titleCase, words } from "./words.js";

const text = "The quick brown fox jumps over the lazy dog. The dog sleeps.";
const list = words(text);
const freq = frequencies(list);
const top = [...freq.entries()].sort((a, b) => b[1] - a[1]).slice(0, 3);
print(top.map(([w, n]) => `${titleCase(w)}=${n}`).join(" "), list.length);

const sentence = text.split(".")[0] ?? "";
print(sentence.trim().replace("quick", "slow"), sentence.indexOf("fox"));
const chars = Array.from(text).filter((c) => c !== " ");
print(chars.length, chars.slice(-3).reverse(), text.at(-1));
const json = JSON.stringify({ words: list.length, unique: freq.size });
print(json.length, JSON.parse(json).words, Number.parseInt("42", 10));
const pending = Promise.resolve(list);
pending.then((ws) => ws.every((w) => w.length < 10)).catch(() => false);
const now = new Date();
print(now.getFullYear(), Object.keys(freq).length, Math.floor(Math.random() * 10));
