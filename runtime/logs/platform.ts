// Lambda's platform log lines (INIT_START, START, END, REPORT, timeouts), in the text and JSON formats.
import type { LogFormat } from '../template/model';

export interface ReportFigures {
  requestId: string;
  durationMs: number;
  billedDurationMs: number;
  memorySizeMb: number;
  maxMemoryUsedMb: number;
  initDurationMs?: number;
  status?: 'success' | 'error' | 'timeout';
  errorType?: string;
}

export class PlatformLog {
  constructor(private readonly format: LogFormat, private readonly clock: () => Date = () => new Date()) {}

  /** `used`: the version really running (`nodejs:22.v22.12.0`, the Node the environment started), when known. */
  initStart(runtime: string, region: string, used?: string, initializationType: 'on-demand' | 'provisioned-concurrency' = 'on-demand'): string {
    const version = used ?? runtimeVersion(runtime);
    const arn = `arn:aws:lambda:${region}::runtime:lambkin-local`;
    if (this.format === 'JSON') {
      return this.json('platform.initStart', { initializationType, phase: 'init', runtimeVersion: version, runtimeVersionArn: arn });
    }
    return `INIT_START Runtime Version: ${version}\tRuntime Version ARN: ${arn}`;
  }

  /** `version`: what the environment runs: `$LATEST`, or `1` behind the alias in a provisioned environment. */
  start(requestId: string, version = '$LATEST'): string {
    if (this.format === 'JSON') return this.json('platform.start', { requestId, version });
    return `START RequestId: ${requestId} Version: ${version}`;
  }

  end(requestId: string, status: ReportFigures['status'] = 'success', errorType?: string): string {
    if (this.format === 'JSON') {
      return this.json('platform.runtimeDone', { requestId, status, ...(errorType ? { errorType } : {}) });
    }
    return `END RequestId: ${requestId}`;
  }

  report(f: ReportFigures): string {
    const status = f.status ?? 'success';
    if (this.format === 'JSON') {
      const metrics: Record<string, number> = {
        durationMs: round2(f.durationMs),
        billedDurationMs: f.billedDurationMs,
        memorySizeMB: f.memorySizeMb,
        maxMemoryUsedMB: f.maxMemoryUsedMb,
      };
      if (f.initDurationMs !== undefined) metrics.initDurationMs = round2(f.initDurationMs);
      return this.json('platform.report', { requestId: f.requestId, status, metrics, ...(f.errorType ? { errorType: f.errorType } : {}) });
    }
    const parts = [
      `REPORT RequestId: ${f.requestId}`,
      `Duration: ${f.durationMs.toFixed(2)} ms`,
      `Billed Duration: ${f.billedDurationMs} ms`,
      `Memory Size: ${f.memorySizeMb} MB`,
      `Max Memory Used: ${f.maxMemoryUsedMb} MB`,
    ];
    if (f.initDurationMs !== undefined) parts.push(`Init Duration: ${f.initDurationMs.toFixed(2)} ms`);
    if (status !== 'success') parts.push(`Status: ${status}`);
    if (f.errorType && status !== 'success') parts.push(`Error Type: ${f.errorType}`);
    return parts.join('\t');
  }

  /** The line Lambda writes when the function's timeout ends an invocation. */
  timedOut(requestId: string, timeoutSeconds: number): string {
    const message = `Task timed out after ${timeoutSeconds.toFixed(2)} seconds`;
    if (this.format === 'JSON') {
      return JSON.stringify({ timestamp: this.clock().toISOString(), level: 'ERROR', requestId, message });
    }
    return `${this.clock().toISOString()} ${requestId} ${message}`;
  }

  private json(type: string, record: Record<string, unknown>): string {
    return JSON.stringify({ time: this.clock().toISOString(), type, record });
  }
}

/** `nodejs22.x` → `nodejs:22.lambkin`: Lambda's shape, with a version that says it is local. */
function runtimeVersion(runtime: string): string {
  const node = /^nodejs(\d+)\.x$/.exec(runtime);
  if (node) return `nodejs:${node[1]}.lambkin`;
  return `${runtime.replace(/\./, ':')}.lambkin`;
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
