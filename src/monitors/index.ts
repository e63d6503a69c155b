/** Monitors: constraints from static analysis, ANDed with the grammar's mask (see `mask/monitor.ts`). */
export { TsProject, isIdentifierName, type TsProjectOptions, type TsCompletions } from "./typescript/project.js";
export { TsMemberMonitor, type TsMemberMonitorOptions, type TsMonitorStats, type MonitorPhase } from "./typescript/member-monitor.js";
export { NameTrie, ScanState } from "./typescript/scan.js";
