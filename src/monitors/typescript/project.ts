/**
 * A TypeScript project as the language service sees it, with one file ("the file being written")
 * whose text lives in memory and changes as a model writes it. Everything else is read from disk
 * once: snapshots are cached, so a new version of the written file costs one re-parse of that file
 * plus a new program that reuses every other source file (parsed and bound) from the document
 * registry. That is what keeps a query after each new token in the low milliseconds.
 *
 * Best effort by design: a missing or broken tsconfig.json, files that do not exist, type errors —
 * the service answers what it can, and problems are collected in `warnings`, never thrown.
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { GramfillError } from "../../util/errors.js";

export interface TsProjectOptions {
  /** the tsconfig.json to use (default: `DIR/tsconfig.json` when it exists, else defaults) */
  tsconfig?: string;
  /** compiler options when there is no tsconfig (default: ES2022, strict, bundler resolution, no DOM) */
  defaults?: ts.CompilerOptions;
  /** files listed when there is no tsconfig (default 2000): the folder's .ts/.tsx/.mts/.cts files */
  maxFiles?: number;
}

/** What the service offers at one position. */
export interface TsCompletions {
  /** the service's `isMemberCompletion`: the position is right after `expr.` (or `expr?.`) */
  isMember: boolean;
  /** entry names the model can write as an identifier there (no insert text, no keywords) */
  names: string[];
  /** milliseconds the service took (program update included) */
  ms: number;
}

const DEFAULT_OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  lib: ["lib.es2022.d.ts"],
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  strict: true,
  allowJs: true,
  skipLibCheck: true,
  types: [],
};

const SOURCE_EXT = /\.(ts|tsx|mts|cts)$/;

/**
 * Parsed and bound source files shared by every project of the process (keyed by path, version
 * and the settings that affect parsing): lib files are read once however many projects open.
 */
const sharedRegistry = ts.createDocumentRegistry();

export class TsProject {
  readonly dir: string;
  readonly tsconfig: string | undefined;
  readonly options: ts.CompilerOptions;
  /** root files from the tsconfig (or the folder listing) */
  readonly rootFiles: readonly string[];
  /** problems met while opening the project; the service works around them */
  readonly warnings: string[] = [];
  private readonly service: ts.LanguageService;
  private readonly snapshots = new Map<string, ts.IScriptSnapshot | null>();
  private readonly overlays = new Map<string, { text: string; version: number; snapshot: ts.IScriptSnapshot }>();
  private rootNames: string[];
  private versions = 0;
  /** the version of a file's disk text after its overlay was removed */
  private readonly diskVersions = new Map<string, number>();

  private constructor(dir: string, tsconfig: string | undefined, options: ts.CompilerOptions, rootFiles: string[]) {
    this.dir = dir;
    this.tsconfig = tsconfig;
    this.options = { ...options, noEmit: true };
    this.rootFiles = rootFiles;
    this.rootNames = [...rootFiles];
    // The disk does not change while a model writes: every lookup the service repeats on each new
    // program (file existence, package.json scopes, module resolution) is answered from caches.
    const exists = memo((f: string) => ts.sys.fileExists(f));
    const read = memo((f: string) => ts.sys.readFile(f));
    const dirExists = memo((d: string) => ts.sys.directoryExists(d));
    const resolutionCache = ts.createModuleResolutionCache(dir, (f) => f, this.options);
    const host: ts.LanguageServiceHost & { getModuleResolutionCache(): ts.ModuleResolutionCache } = {
      getScriptFileNames: () => this.rootNames,
      getProjectVersion: () => String(this.versions),
      getScriptVersion: (f) => {
        const abs = this.abs(f);
        return String(this.overlays.get(abs)?.version ?? this.diskVersions.get(abs) ?? 0);
      },
      getScriptSnapshot: (f) => this.snapshot(f),
      getCurrentDirectory: () => dir,
      getCompilationSettings: () => this.options,
      getDefaultLibFileName: (o) => ts.getDefaultLibFilePath(o),
      fileExists: (f) => this.overlays.has(this.abs(f)) || exists(f),
      readFile: (f) => this.overlays.get(this.abs(f))?.text ?? read(f),
      readDirectory: ts.sys.readDirectory,
      directoryExists: dirExists,
      getDirectories: ts.sys.getDirectories,
      realpath: ts.sys.realpath,
      getModuleResolutionCache: () => resolutionCache,
      resolveModuleNameLiterals: (literals, containingFile, redirected, options, sourceFile) =>
        literals.map((l) => ts.resolveModuleName(l.text, containingFile, options, host, resolutionCache, redirected, ts.getModeForUsageLocation(sourceFile, l, options))),
    };
    this.service = ts.createLanguageService(host, sharedRegistry);
  }

  /**
   * Opens the project in `dir` and warms the service (parses and binds every file, lib files
   * included): the one slow step, done once per project.
   */
  static open(dir: string, opts: TsProjectOptions = {}): TsProject {
    const root = path.resolve(dir);
    if (!existsSync(root) || !statSync(root).isDirectory()) throw new GramfillError("io", `project folder not found: ${dir}`);
    const warnings: string[] = [];
    let configFile = opts.tsconfig !== undefined ? path.resolve(opts.tsconfig) : path.join(root, "tsconfig.json");
    let options: ts.CompilerOptions | undefined;
    let files: string[] | undefined;
    if (existsSync(configFile)) {
      const read = ts.readConfigFile(configFile, ts.sys.readFile);
      if (read.error) warnings.push(`${configFile}: ${flatten(read.error)}; using defaults`);
      else {
        const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, path.dirname(configFile), undefined, configFile);
        for (const e of parsed.errors) warnings.push(`${configFile}: ${flatten(e)}`);
        options = parsed.options;
        files = parsed.fileNames;
      }
    } else {
      if (opts.tsconfig !== undefined) warnings.push(`${opts.tsconfig}: not found; using defaults`);
      configFile = "";
    }
    if (!options || !files) {
      options = { ...DEFAULT_OPTIONS, ...opts.defaults };
      files = listSources(root, opts.maxFiles ?? 2000);
    }
    const p = new TsProject(root, configFile || undefined, options, files);
    p.warnings.push(...warnings);
    p.warm();
    return p;
  }

  /** Parses and binds everything once, and runs one query so the service's code paths are compiled. */
  private warm(): void {
    try {
      const program = this.service.getProgram();
      for (const d of program?.getOptionsDiagnostics() ?? []) this.warnings.push(flatten(d.messageText));
      const scratch = path.join(this.dir, "__gramfill_warmup__.ts");
      this.setText(scratch, "const __w = [1].map((x) => x.toFixed(1));\n__w.");
      this.completions(scratch, this.overlays.get(scratch)!.text.length);
      this.removeFile(scratch);
    } catch (e) {
      this.warnings.push(`warm-up failed: ${(e as Error).message}`);
    }
  }

  private readonly absCache = new Map<string, string>();
  /** `path.resolve`, memoized: the service asks about the same few hundred names on every update */
  private abs(file: string): string {
    let a = this.absCache.get(file);
    if (a === undefined) this.absCache.set(file, (a = path.resolve(this.dir, file)));
    return a;
  }

  private snapshot(file: string): ts.IScriptSnapshot | undefined {
    const abs = this.abs(file);
    const o = this.overlays.get(abs);
    if (o) return o.snapshot;
    let s = this.snapshots.get(abs);
    if (s === undefined) {
      const text = ts.sys.fileExists(abs) ? ts.sys.readFile(abs) : undefined;
      s = text === undefined ? null : ts.ScriptSnapshot.fromString(text);
      this.snapshots.set(abs, s);
    }
    return s ?? undefined;
  }

  /** The language service itself (for callers that need more than completions). */
  get languageService(): ts.LanguageService {
    return this.service;
  }

  /** Sets the in-memory text of `file` (absolute or relative to the project), adding it to the program. */
  setText(file: string, text: string): void {
    const abs = path.resolve(this.dir, file);
    const o = this.overlays.get(abs);
    if (o && o.text === text) return;
    // versions only grow (never reused after removeFile): the service keys its parsed files on them
    this.overlays.set(abs, { text, version: ++this.versions, snapshot: ts.ScriptSnapshot.fromString(text) });
    if (!this.rootNames.includes(abs)) this.rootNames = [...this.rootNames, abs];
  }

  /** Drops the in-memory text of `file`: the disk's version (if any) counts again. */
  removeFile(file: string): void {
    const abs = path.resolve(this.dir, file);
    if (!this.overlays.delete(abs)) return;
    if (!this.rootFiles.includes(abs)) this.rootNames = this.rootNames.filter((f) => f !== abs);
    // a version the service has not seen, so the disk text counts again
    this.diskVersions.set(abs, ++this.versions);
  }

  /** The service's completions at `pos` (UTF-16 offset) in `file`; never throws. */
  completions(file: string, pos: number): TsCompletions {
    const t0 = performance.now();
    const abs = path.resolve(this.dir, file);
    let r: ts.CompletionInfo | undefined;
    try {
      r = this.service.getCompletionsAtPosition(abs, pos, {});
    } catch (e) {
      this.warnings.push(`completions failed at ${abs}:${pos}: ${(e as Error).message}`);
    }
    const names: string[] = [];
    if (r) for (const e of r.entries) if (isWritableEntry(e)) names.push(e.name);
    return { isMember: r?.isMemberCompletion === true, names, ms: performance.now() - t0 };
  }

  /**
   * Names in scope at `pos` that can follow `new `: classes that are not abstract, values with a
   * construct signature (`Map`, `Date`), and namespaces (for `new ns.C`). The service's completion
   * list at that position, filtered with the checker.
   */
  constructorNames(file: string, pos: number): TsCompletions {
    const t0 = performance.now();
    const abs = path.resolve(this.dir, file);
    const names: string[] = [];
    try {
      const r = this.service.getCompletionsAtPosition(abs, pos, {});
      const program = this.service.getProgram();
      const sf = program?.getSourceFile(abs);
      if (r && program && sf) {
        const checker = program.getTypeChecker();
        const location = innermostNode(sf, Math.max(0, pos - 1));
        const scope = new Map<string, ts.Symbol>();
        for (const s of checker.getSymbolsInScope(location, ts.SymbolFlags.Value | ts.SymbolFlags.Alias | ts.SymbolFlags.Namespace)) {
          if (!scope.has(s.name)) scope.set(s.name, s);
        }
        for (const e of r.entries) {
          if (!isWritableEntry(e)) continue;
          const s = scope.get(e.name);
          if (s && isConstructable(checker, s, location)) names.push(e.name);
        }
      }
    } catch (e) {
      this.warnings.push(`constructor names failed at ${abs}:${pos}: ${(e as Error).message}`);
    }
    return { isMember: false, names, ms: performance.now() - t0 };
  }

  /** The service's diagnostics (syntactic and semantic) for `file`, for verdicts on generated code. */
  diagnostics(file: string): ts.Diagnostic[] {
    const abs = path.resolve(this.dir, file);
    try {
      return [...this.service.getSyntacticDiagnostics(abs), ...this.service.getSemanticDiagnostics(abs)];
    } catch (e) {
      this.warnings.push(`diagnostics failed for ${abs}: ${(e as Error).message}`);
      return [];
    }
  }
}

/** An entry the model can write as-is after the trigger: an identifier (or `#private` name), no keyword. */
function isWritableEntry(e: ts.CompletionEntry): boolean {
  if (e.kind === ts.ScriptElementKind.keyword) return false;
  if (e.insertText !== undefined && e.insertText !== e.name) return false;
  return isIdentifierName(e.name);
}

/** An identifier, or a private name `#x`. */
export function isIdentifierName(name: string): boolean {
  const bare = name.startsWith("#") ? name.slice(1) : name;
  if (bare.length === 0) return false;
  let first = true;
  for (const ch of bare) {
    const cp = ch.codePointAt(0)!;
    if (first ? !ts.isIdentifierStart(cp, ts.ScriptTarget.Latest) : !ts.isIdentifierPart(cp, ts.ScriptTarget.Latest)) return false;
    first = false;
  }
  return true;
}

function isConstructable(checker: ts.TypeChecker, symbol: ts.Symbol, location: ts.Node): boolean {
  let s = symbol;
  if (s.flags & ts.SymbolFlags.Alias) {
    try {
      s = checker.getAliasedSymbol(s);
    } catch {
      return false;
    }
  }
  if (s.flags & (ts.SymbolFlags.NamespaceModule | ts.SymbolFlags.ValueModule)) return true;
  if (s.flags & ts.SymbolFlags.Class) {
    const decl = s.valueDeclaration ?? s.declarations?.[0];
    return !(decl && ts.getCombinedModifierFlags(decl as ts.Declaration) & ts.ModifierFlags.Abstract);
  }
  if (!(s.flags & ts.SymbolFlags.Value)) return false;
  const type = checker.getTypeOfSymbolAtLocation(s, location);
  return type.getConstructSignatures().length > 0;
}

/** The deepest node whose span contains `pos`. */
function innermostNode(sf: ts.SourceFile, pos: number): ts.Node {
  let node: ts.Node = sf;
  for (;;) {
    const next: ts.Node | undefined = ts.forEachChild(node, (c) => (c.pos <= pos && pos < c.end ? c : undefined));
    if (!next) return node;
    node = next;
  }
}

function memo<T>(f: (key: string) => T): (key: string) => T {
  const cache = new Map<string, T>();
  return (key) => {
    if (cache.has(key)) return cache.get(key)!;
    const v = f(key);
    cache.set(key, v);
    return v;
  };
}

function listSources(root: string, max: number): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    let entries: import("node:fs").Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (out.length >= max) return;
      if (e.name === "node_modules" || e.name.startsWith(".")) continue;
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (SOURCE_EXT.test(e.name)) out.push(p);
    }
  };
  walk(root);
  return out;
}

function flatten(m: string | ts.DiagnosticMessageChain | ts.Diagnostic): string {
  const text = typeof m === "object" && "category" in m && "start" in m ? m.messageText : m;
  return ts.flattenDiagnosticMessageText(text as string | ts.DiagnosticMessageChain, " ");
}
